"""Getting data in and out: `init`, `add`, `import` and `export`.

Only typer and the shared options are imported here at start-up; the rest (openpyxl
above all) is imported by the command that needs it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from plancheck.commands.common import (
    AsOfOpt,
    LangOpt,
    LedgerOpt,
    OutputOpt,
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
    send_output,
    write_stdout,
)
from plancheck.errors import DataError, UsageError
from plancheck.render import ExportFormat, GroupBy

if TYPE_CHECKING:
    from plancheck.model import Item, Problem, Settings
    from plancheck.tables.importplan import ExistingRow, ImportPlan
    from plancheck.tables.readers import Limits

T = TypeVar("T")


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
    no_example: Annotated[
        bool,
        typer.Option("--no-example", help="Leave out the example item (for a ledger to import)."),
    ] = False,
    lang: LangOpt = None,
) -> None:
    """Start a ledger: the settings file and a commented example file for the year."""
    from plancheck.write.scaffold import create_ledger, ledger_files

    env = current_env()
    lang = language(lang)
    root = directory if directory is not None else ledger_path(None, env)
    owners = tuple(o.strip() for text in owner or () for o in text.replace("，", ",").split(","))
    the_year = year or env.current_date().year
    files = ledger_files(entity, the_year, lang, owners, parent, example=not no_example)
    created = create_ledger(root, files)
    shown = "、".join(str(p.relative_to(root)) for p in created)
    say("init.created", lang, path=root, files=shown)
    flag = "" if directory is None else f" --ledger {root}"
    key = "init.next_empty" if no_example else "init.next"
    say(key, lang, add=f"plancheck add{flag}", status=f"plancheck status{flag}")


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
    from plancheck.tables import importplan
    from plancheck.write import append, batch

    env = current_env()
    if has_controls(source.name):  # it would be written into the ledger's comment
        raise UsageError("import.name_controls", name=source.name)
    root = ledger_path(ledger, env)
    settings = append.read_settings(root)
    lang = ledger_lang(lang, settings)
    from plancheck.tables.readers import Limits

    limits = Limits(max_rows, max_columns)
    plan, path = _plan_import(root, source, year, mapping, sheet, file, settings, lang, limits)
    updates, notes = importplan.target_updates(plan, path, overwrite)
    print_problems(notes, lang)
    why = reason or message("import.reason", {"file": source.name}, lang)
    header = "# " + message("append.header", {"entity": settings.entity, "year": str(year)}, lang)
    comment = message(
        "import.comment",
        {"file": source.name, "date": env.current_date().isoformat()},
        lang,
    )
    new = [r.new for r in plan.new]
    # The new entries and every revision are planned in memory (validated, verified), then
    # written as one transaction: a refusal or a crash leaves every file as it was.
    with batch.staging() as stage:
        result = append.append_items(
            root, year, new, file=file, comment=comment, header=header, dry_run=dry_run
        )
        _revise_targets(root, year, updates, why, dry_run=dry_run)
    kept = len(plan.existing) - len(updates)
    counts = {"file": result.path, "new": len(plan.new), "updated": len(updates), "kept": kept}
    if dry_run:
        write_stdout(_dry_run_text(result.block, updates))
        say("import.dry_run", lang, **counts)
        return
    batch.verify(stage)
    batch.commit(root, stage.changes())
    say("import.done", lang, **counts)


def _plan_import(
    root: Path,
    source: Path,
    year: int,
    mapping: list[str] | None,
    sheet: str | None,
    file: str | None,
    settings: Settings,
    lang: str,
    limits: Limits,
) -> tuple[ImportPlan, Path]:
    """Read the table and plan the import (the columns found and the warnings printed);
    refused, with every bad row printed, when any row is wrong."""
    from plancheck.read.load import LedgerError, load_ledger
    from plancheck.tables import importplan, tabular
    from plancheck.write import append

    wanted = tabular.parse_map(mapping or [])
    append.year_file(root, year, file)
    table = tabular.read_table(source, sheet, limits)
    print_problems(table.notes, lang)
    header_index, columns = tabular.find_columns(table, wanted, year=year)
    try:
        items = load_ledger(root).items
    except LedgerError as exc:
        raise DataError("ledger.errors", tuple(exc.problems)) from None
    plan = importplan.plan_import(table, columns, header_index, year, settings, items)
    print_problems(_example_left(items, year), lang)
    shown = "、".join(f"{f}←{h}" for f, (_, h) in sorted(columns.items(), key=lambda c: c[1][0]))
    say("import.columns", lang, columns=shown)
    print_problems(plan.warnings, lang)
    if plan.errors:
        print_problems(plan.errors, lang)
        rows = {p.location.line for p in plan.errors}
        raise DataError("import.refused", count=len(rows))
    return plan, table.path


def _example_left(items: tuple[Item, ...], year: int) -> list[Problem]:
    """A warning when init's example item is still in the year as init wrote it."""
    from plancheck.model import Problem, Severity
    from plancheck.write.scaffold import EXAMPLE_ID, EXAMPLE_NAMES

    return [
        Problem(i.location, i.id, "import.example_left", (), Severity.WARNING)
        for i in items
        if i.year == year and i.id == EXAMPLE_ID and i.name in EXAMPLE_NAMES
    ]


def _revise_targets(
    root: Path, year: int, updates: list[ExistingRow], why: str, *, dry_run: bool = False
) -> None:
    """Set the new target of each item the table revises (with `dry_run`: only check)."""
    from plancheck.commands.defaults import load_for_defaults
    from plancheck.periods import revision_month
    from plancheck.tables import importplan
    from plancheck.write import edit

    if not updates:
        return
    # a revised target applies from the month after the latest recorded one: the months
    # already reported keep the target their meetings saw
    since = revision_month(load_for_defaults(root).items, year)
    today = current_env().current_date()
    for e in updates:
        value = importplan.new_target(e)
        assert value is not None
        edit.set_target(
            root, e.old.id, year, edit.toml_number(value), why, from_month=since, today=today,
            dry_run=dry_run,
        )  # fmt: skip


def _dry_run_text(block: str, updates: list[ExistingRow]) -> str:
    """What `import --dry-run` prints: the TOML it would append, then the revisions."""
    from plancheck.tables import importplan

    lines = [block] if block else []
    for e in updates:
        old, new = importplan.target_text(e.old), importplan.target_text(e.item)
        lines.append(f"# {e.old.id}: {old} → {new}\n")
    return "".join(lines)


# --------------------------------------------------------------------------- export


@handle_errors
def export(
    output: OutputOpt,
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

    assert output is not None  # a required option
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
    from plancheck.render import render_export

    data = render_export(report, book.settings, fmt, lang=lang, by=by, bom=bom)
    if send_output(output, data, ledger, raw=True):
        say("export.written", lang, count=len(report.items), path=output)
