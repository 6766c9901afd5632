"""Getting data in and out: `init`, `add`, `import` and `export`.

Only typer and the shared options are imported here at start-up; the rest (openpyxl
above all) is imported by the command that needs it.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from plancheck.commands.common import (
    AsOfOpt,
    LangOpt,
    LedgerOpt,
    OwnerOpt,
    SectionOpt,
    YearOpt,
    current_env,
    evaluate_ledger,
    handle_errors,
    language,
    ledger_path,
    open_ledger,
    print_problems,
    write_stdout,
)
from plancheck.errors import DataError, UsageError
from plancheck.render import GroupBy

if TYPE_CHECKING:
    from plancheck.model import Settings
    from plancheck.report.evaluate import Report

T = TypeVar("T")


class ExportFormat(StrEnum):
    """Formats of `plancheck export`."""

    XLSX = "xlsx"
    CSV = "csv"


def say(code: str, lang: str, **args: object) -> None:
    from plancheck.messages import message

    print(message(code, {k: str(v) for k, v in args.items()}, lang), file=current_env().stderr)


def ledger_lang(lang: str | None, settings: Settings) -> str:
    """--lang, else PLANCHECK_LANG, else the ledger's language."""
    if lang is not None or current_env().variables.get("PLANCHECK_LANG") in ("zh", "en"):
        return language(lang)
    return settings.language


# --------------------------------------------------------------------------- init


@handle_errors
def init(
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Folder to create (default: $PLANCHECK_LEDGER or ./targets).", show_default=False
        ),
    ] = None,
    entity: Annotated[
        str, typer.Option("--entity", "-e", help="The township (乡镇) the ledger is for.")
    ] = "",
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="First year (default: this year).")
    ] = None,
    owner: Annotated[
        list[str] | None,
        typer.Option(
            "--owner", help="A responsible office (责任单位); repeat, or separate with commas."
        ),
    ] = None,
    parent: Annotated[str, typer.Option("--parent", help="The level above, e.g. 定远县.")] = "",
    lang: LangOpt = None,
) -> None:
    """Start a ledger: the settings file and a commented example file for the year."""
    from plancheck.write.scaffold import create_ledger, ledger_files

    env = current_env()
    lang = language(lang)
    root = directory if directory is not None else ledger_path(None, env)
    owners = tuple(o.strip() for text in owner or () for o in text.replace("，", ",").split(","))
    files = ledger_files(entity, year or env.current_date().year, lang, owners, parent)
    created = create_ledger(root, files)
    shown = "、".join(str(p.relative_to(root)) for p in created)
    say("init.created", lang, path=root, files=shown)
    flag = "" if directory is None else f" --ledger {root}"
    say("init.next", lang, add=f"plancheck add{flag}", status=f"plancheck status{flag}")


# --------------------------------------------------------------------------- import


@handle_errors
def import_(
    source: Annotated[Path, typer.Argument(help="The table: .xlsx or .csv.", show_default=False)],
    year: Annotated[int, typer.Option("--year", "-y", help="The year the targets are for.")],
    mapping: Annotated[
        list[str] | None,
        typer.Option(
            "--map",
            help="Columns: field=header,… e.g. name=指标名称,target=目标值,unit=单位.",
        ),
    ] = None,
    sheet: Annotated[
        str | None,
        typer.Option(
            "--sheet", help="xlsx: the sheet (default: the active one, else the first visible)."
        ),
    ] = None,
    file: Annotated[
        str | None,
        typer.Option("--file", help="The year's file to append to (default targets.toml)."),
    ] = None,
    overwrite: Annotated[
        bool,
        typer.Option(
            "--overwrite", help="Update the target of items that exist already (a revision)."
        ),
    ] = False,
    reason: Annotated[
        str | None, typer.Option("--reason", help="With --overwrite: why the targets changed.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show the new entries; write nothing.")
    ] = False,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
    max_rows: Annotated[
        int,
        typer.Option("--max-rows", min=1, help="Refuse a table with content beyond this row."),
    ] = 20_000,
    max_columns: Annotated[
        int,
        typer.Option(
            "--max-columns", min=1, help="Refuse a table with content beyond this column."
        ),
    ] = 256,
) -> None:
    """Turn a target table (目标任务分解表, xlsx or csv) into ledger entries."""
    from plancheck.escape import has_controls
    from plancheck.messages import message
    from plancheck.read.load import LedgerError, load_ledger
    from plancheck.tables import importplan, tabular
    from plancheck.write import append, batch, edit

    env = current_env()
    if has_controls(source.name):  # it would be written into the ledger's comment
        raise UsageError("import.name_controls", name=source.name)
    root = ledger_path(ledger, env)
    settings = append.read_settings(root)
    lang = ledger_lang(lang, settings)
    wanted = tabular.parse_map(mapping or [])
    append.year_file(root, year, file)
    from plancheck.tables.readers import Limits

    table = tabular.read_table(source, sheet, Limits(max_rows, max_columns))
    print_problems(table.notes, lang)
    header_index, columns = tabular.find_columns(table, wanted, year=year)
    try:
        items = load_ledger(root).items
    except LedgerError as exc:
        raise DataError("ledger.errors", tuple(exc.problems)) from None
    plan = importplan.plan_import(table, columns, header_index, year, settings, items)
    shown = "、".join(f"{f}←{h}" for f, (_, h) in sorted(columns.items(), key=lambda c: c[1][0]))
    say("import.columns", lang, columns=shown)
    print_problems(plan.warnings, lang)
    if plan.errors:
        print_problems(plan.errors, lang)
        rows = {p.location.line for p in plan.errors}
        raise DataError("import.refused", count=len(rows))
    updates, notes = importplan.target_updates(plan, table.path, overwrite)
    print_problems(notes, lang)
    why = reason or message("import.reason", {"file": source.name}, lang)
    header = "# " + message("append.header", {"entity": settings.entity, "year": str(year)}, lang)
    comment = message(
        "import.comment",
        {"file": source.name, "date": env.current_date().isoformat()},
        lang,
    )
    # The new entries and every revision are planned in memory (validated, verified), then
    # written as one transaction: a refusal or a crash leaves every file as it was.
    with batch.staging() as stage:
        result = append.append_items(
            root,
            year,
            [r.new for r in plan.new],
            file=file,
            comment=comment,
            header=header,
            dry_run=dry_run,
        )
        for e in updates:
            value = importplan.new_target(e)
            assert value is not None
            edit.set_target(root, e.old.id, year, edit.toml_number(value), why, dry_run=dry_run)
    kept = len(plan.existing) - len(updates)
    counts = {"file": result.path, "new": len(plan.new), "updated": len(updates), "kept": kept}
    if dry_run:
        lines = [result.block] if result.block else []
        for e in updates:
            old, new = importplan.target_text(e.old), importplan.target_text(e.item)
            lines.append(f"# {e.old.id}: {old} → {new}\n")
        write_stdout("".join(lines))
        say("import.dry_run", lang, **counts)
        return
    batch.verify(stage)
    batch.commit(root, stage.changes())
    say("import.done", lang, **counts)


# --------------------------------------------------------------------------- export


def render_export(
    report: Report,
    settings: Settings,
    fmt: ExportFormat,
    *,
    lang: str = "zh",
    by: GroupBy | None = None,
    bom: bool = True,
) -> bytes:
    """The export in `fmt`; the dispatch is exhaustive over ExportFormat."""
    if fmt is ExportFormat.XLSX:
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise UsageError("table.needs_openpyxl") from None
        from plancheck.render.xlsx import render_xlsx

        return render_xlsx(report, settings, lang, by.value if by else None)
    if fmt is ExportFormat.CSV:
        from plancheck.render.sheet import render_sheet_csv

        return render_sheet_csv(report, lang, bom).encode("utf-8")
    raise AssertionError(fmt)  # pragma: no cover - exhaustive


def _write_output(path: Path, data: bytes) -> None:
    import os

    from plancheck.write.edit import write_atomic

    created = not path.exists()
    try:
        write_atomic(path, data, None)
        if created:
            os.chmod(path, 0o644)
    except OSError as exc:
        raise UsageError("export.cannot_write", path=path, reason=exc.strerror or exc) from None


@handle_errors
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The file to write (csv: - for stdout).", show_default=False
        ),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="xlsx or csv (default: from the file name, else xlsx).",
            case_sensitive=False,
        ),
    ] = None,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            "--by", help="xlsx: add one sheet per section or owner.", case_sensitive=False
        ),
    ] = None,
    bom: Annotated[
        bool, typer.Option("--bom/--no-bom", help="csv: start with a UTF-8 BOM (for Excel/WPS).")
    ] = True,
    ledger: LedgerOpt = None,
    year: YearOpt = None,
    as_of: AsOfOpt = None,
    section: SectionOpt = None,
    owner: OwnerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write the status table as a spreadsheet: xlsx (numbers, percentages, lights) or csv."""

    stdout = str(output) == "-"
    if fmt is None:
        suffix = output.suffix.lower()
        fmt = (
            ExportFormat.CSV if stdout or suffix in (".csv", ".txt", ".tsv") else ExportFormat.XLSX
        )
    if by is not None and fmt is ExportFormat.CSV:
        raise UsageError("export.by_csv")
    if stdout and fmt is ExportFormat.XLSX:
        raise UsageError("export.stdout_xlsx")
    book = open_ledger(ledger, language(lang))
    lang = ledger_lang(lang, book.settings)
    report = evaluate_ledger(book, year, as_of, sections=section, owners=owner)
    data = render_export(report, book.settings, fmt, lang=lang, by=by, bom=bom)
    if stdout:
        write_stdout(data.decode("utf-8"), raw=True)
        return
    _write_output(output, data)
    say("export.written", lang, count=len(report.items), path=output)
