"""The monthly cycle: `forms` (fill-in sheets per office), `collect` (read them back into
the ledger in one transaction) and `meeting` (every paper for the 调度会 in one folder)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from plancheck.commands.common import (
    EntityOpt,
    LangOpt,
    LedgerOpt,
    OwnerOpt,
    current_env,
    handle_errors,
    language,
    ledger_path,
    open_ledger,
    print_problems,
    write_stdout,
)
from plancheck.errors import DataError, PlancheckError, UsageError
from plancheck.render import FormFormat

if TYPE_CHECKING:
    from plancheck.model import Item, Ledger, Problem
    from plancheck.tables.forms import FilledForm
    from plancheck.write.actuals import Figure


MonthOpt = Annotated[
    str | None,
    typer.Option("--month", "-m", help="YYYY-MM: the month the figures are for (1-N月累计)."),
]


def say(code: str, lang: str, **args: object) -> None:
    from plancheck.messages import message

    print(message(code, {k: str(v) for k, v in args.items()}, lang), file=current_env().stderr)


def parse_month(text: str | None, book: Ledger | None = None) -> tuple[int, int]:
    """--month YYYY-MM → (year, month); without it, the month before today."""
    import re

    if text is None:
        today = current_env().current_date()
        return (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text.strip())
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise UsageError("value.month", key="--month", value=text)
    return int(m.group(1)), int(m.group(2))


def save(path: Path, data: bytes) -> None:
    """Write one output file whole, through the one atomic writer (an output path: devices
    and FIFOs written through, a ledger's files refused)."""
    from plancheck.write.atomic import write_atomic

    write_atomic(path, data, output=True)


# --------------------------------------------------------------------------- forms


@handle_errors
def forms(
    month: MonthOpt = None,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The folder to write the forms to.")
    ] = Path("."),
    owner: OwnerOpt = None,
    entity: EntityOpt = None,
    everything: Annotated[
        bool, typer.Option("--all", help="Include items without a target (indicators).")
    ] = False,
    fmt: Annotated[
        FormFormat, typer.Option("--format", "-f", help="xlsx (protected, printable) or csv.")
    ] = FormFormat.XLSX,
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", help="YYYY-MM-DD the forms are due (default: the 5th)."),
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write one fill-in form per office (责任单位): <office>-<entity>-2025年1-6月.xlsx."""
    import datetime as dt

    from plancheck.commands.common import check_entities
    from plancheck.render import render_form
    from plancheck.report.forms import build_forms

    book = open_ledger(ledger, language(lang))
    lang = language(lang, book)
    year, mon = parse_month(month, book)
    if year not in book.years:
        raise DataError("ledger.no_items", year=year)
    owners = tuple(owner or ())
    known = sorted({i.owner for i in book.items_of(year) if i.owner})
    for name in owners:
        if name not in known:
            raise UsageError("forms.unknown_owner", owner=name, owners="、".join(known))
    due = None
    if deadline is not None:
        try:
            due = dt.date.fromisoformat(deadline)
        except ValueError:
            raise UsageError("value.date", key="--deadline", value=deadline) from None
    made = build_forms(
        book,
        year,
        mon,
        owners=owners,
        entities=check_entities(book, entity),
        everything=everything,
        deadline=due,
    )
    if not made:
        raise UsageError("forms.none")
    if fmt is FormFormat.XLSX:
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise UsageError("table.needs_openpyxl") from None
    output.mkdir(parents=True, exist_ok=True)
    paths = []
    for form in made:
        path = output / f"{_safe(form.file_stem)}.{fmt.value}"
        data = render_form(form, fmt)
        save(path, data)
        paths.append(path)
    say("forms.written", lang, count=len(paths))
    write_stdout("".join(f"{p}\n" for p in paths))


def _safe(stem: str) -> str:
    """A file name without path separators or characters Windows refuses."""
    return "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in stem)


# --------------------------------------------------------------------------- collect


@handle_errors
def collect(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Filled forms: xlsx or csv (ours, or an office's own sheet).",
            metavar="FILE...",
            show_default=False,
        ),
    ],
    month: MonthOpt = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and show the changes; write nothing.")
    ] = False,
    corrections: Annotated[
        bool,
        typer.Option(
            "--corrections",
            help="Accept changed figures for months already recorded (the note is the reason).",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Accept figures that look like slips.")
    ] = False,
    entity: Annotated[
        str | None,
        typer.Option("--entity", help="In a county ledger: the township the forms are for."),
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Read filled forms back into the ledger: all rows checked, then one transaction."""
    from plancheck.render.forms import render_changes
    from plancheck.tables.forms import match_rows, read_form
    from plancheck.write.actuals import record_figures, review

    env = current_env()
    root = ledger_path(ledger, env)
    lang = _settings_lang(lang, root)
    wanted = parse_month(month) if month else None
    members = _members(root)
    problems: list[Problem] = []
    figures: list[Figure] = []
    empty: dict[str, list[str]] = {}  # office → the items its forms left empty
    book: list[Ledger] = []  # loaded only when a row has no id (or an id is not found)
    for path in files:
        try:
            form = read_form(path)
        except PlancheckError as exc:
            problems += _problems_of(exc, path)
            continue
        placed = _place(form, members, wanted, entity)
        if isinstance(placed, list):
            problems += placed
            continue
        year, mon, (name, member) = placed
        items = _items_for(form, root, member, name, year, book, lang)
        if items is None:
            problems.append(_no_year(form, year))
            continue
        readings, bad = match_rows(form, items, _units(member))
        problems += bad
        for r in readings:
            if r.value is None and r.state is None:
                empty.setdefault(r.item.owner or path.name, []).append(r.item.name)
                continue
            figures.append(_figure(form, r, year, mon))
    problems += review(figures, corrections=corrections, force=force)
    if problems:
        print_problems(problems, lang)
        lines = {(p.location.file, p.location.line) for p in problems}
        raise DataError("collect.refused", count=len(lines))
    outcome = record_figures(root, figures, corrections=corrections, force=force, dry_run=dry_run)
    write_stdout(render_changes(outcome.changes, lang))
    code = "collect.dry_run" if dry_run else "collect.done"
    same = len(outcome.unchanged)
    count = sum(map(len, empty.values()))
    say(code, lang, files=len(files), changed=len(outcome.changes), same=same, empty=count)
    for office, names in empty.items():  # which ones: the clerk phones these offices
        say("collect.empty_items", lang, office=office, items="、".join(names))


def _settings_lang(lang: str | None, root: Path) -> str:
    from plancheck.commands.common import settings_language

    if (root / "plancheck.toml").is_file():
        return settings_language(lang, root)
    return language(lang)


def _members(root: Path) -> list[tuple[str, Path]]:
    """(township, ledger folder) of a county's members; [("", root)] for one ledger."""
    from plancheck.read.load import ledger_files, load_settings, member_ledgers

    members = member_ledgers(root)
    if not members or any(True for _ in ledger_files(root)):
        return [("", root)]
    out = []
    for member in members:
        settings = load_settings(member, [])
        out.append((settings.entity if settings else member.name, member))
    return out


def _units(root: Path) -> tuple[str, ...]:
    from plancheck.read.load import load_settings

    settings = load_settings(root, [])
    return settings.units if settings else ()


def _items_for(
    form: FilledForm,
    root: Path,
    member: Path,
    name: str,
    year: int,
    book: list[Ledger],
    lang: str,
) -> list[Item] | None:
    """The items the form's rows may name: read from their files when every row has an
    id (a large ledger is not loaded whole), else from the whole ledger."""
    from plancheck.read.lookup import load_items

    ids = {row.item_id for row in form.rows}
    if "" not in ids:
        found = load_items(member, year, ids, name)
        if found is not None:
            return list(found.values())
    if not book:
        book.append(open_ledger(root, lang))
    if year not in book[0].years:
        return None
    return [i for i in book[0].items_of(year) if not name or i.entity == name]


def _no_year(form: FilledForm, year: int) -> Problem:
    from plancheck.model import Location, Problem

    return Problem(Location(form.path), "", "ledger.no_items", (("year", str(year)),))


def _problems_of(exc: PlancheckError, path: Path) -> list[Problem]:
    from plancheck.model import Location, Problem

    return list(exc.problems) or [Problem(Location(path), "", exc.code, exc.args_)]


def _place(
    form: FilledForm,
    members: list[tuple[str, Path]],
    wanted: tuple[int, int] | None,
    entity: str | None,
) -> tuple[int, int, tuple[str, Path]] | list[Problem]:
    """The form's (year, month, (township, ledger folder)), or why it cannot be placed."""
    from plancheck.model import Location, Problem

    where = Location(form.path)
    mon = form.month or (wanted[1] if wanted else None)
    if mon is None:
        return [Problem(where, "", "collect.no_month", (("header", form.header),))]
    if wanted and form.month and form.month != wanted[1]:
        args = (("header", form.header), ("found", str(form.month)), ("month", f"{wanted[1]}"))
        return [Problem(where, "", "collect.month_differs", args)]
    year = wanted[0] if wanted else form.year or current_env().current_date().year
    if len(members) == 1:
        return year, mon, members[0]
    chosen = next((m for m in members if m[0] == entity), None) if entity else None
    if chosen is None and entity is None:
        chosen = next((m for m in members if m[0] and m[0] in form.title), None)
    if chosen is None:
        return [Problem(where, "", "collect.entity", (("title", form.title[:60]),))]
    return year, mon, chosen


def _figure(form: FilledForm, reading: object, year: int, mon: int) -> Figure:
    from plancheck.model import Location
    from plancheck.tables.forms import Reading
    from plancheck.write.actuals import Figure

    assert isinstance(reading, Reading)
    from decimal import Decimal

    return Figure(
        reading.item,
        f"{year:04d}-{mon:02d}",
        reading.value if reading.value is not None else Decimal(0),
        reading.row.note,
        Location(form.path, reading.row.line),
        form.header,
        reading.state,
        reading.date,
    )


# --------------------------------------------------------------------------- meeting

PAPERS = {
    "zh": (
        "通报.txt",
        "通报.md",
        "短板清单.md",
        "责任单位汇总.md",
        "目标任务完成情况.xlsx",
        "仪表板.html",
    ),
    "en": (
        "notice.txt",
        "notice.md",
        "shortfalls.md",
        "by-owner.md",
        "status.xlsx",
        "dashboard.html",
    ),
}


@handle_errors
def meeting(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The folder for the meeting papers.")
    ],
    month: MonthOpt = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Write every paper for the dispatch meeting (调度会) in one folder, and list them."""
    from plancheck.render import (
        ExportFormat,
        Format,
        GroupBy,
        ShortfallFormat,
        SummaryFormat,
        render_export,
        render_rollup,
        render_shortfalls,
        render_summary,
    )
    from plancheck.render.html import render_html
    from plancheck.report.evaluate import Options, evaluate, month_end
    from plancheck.report.summary import build_summary

    book = open_ledger(ledger, language(lang))
    lang = language(lang, book)
    year, mon = parse_month(month, book)
    if year not in book.years:
        raise DataError("ledger.no_items", year=year)
    options = Options(
        year=year,
        as_of=month_end(year, mon),
        lights=book.settings.lights,
        score_cap=book.settings.score_cap,
    )
    report = evaluate(book, options)
    result = build_summary(report, book, ())
    names = PAPERS["en" if lang == "en" else "zh"]
    papers: list[tuple[str, bytes]] = [
        (names[0], render_summary(result, SummaryFormat.TEXT, lang=lang).encode()),
        (names[1], render_summary(result, SummaryFormat.MARKDOWN, lang=lang).encode()),
        (names[2], render_shortfalls(result, ShortfallFormat.MARKDOWN, lang=lang).encode()),
        (names[3], render_rollup(report, GroupBy.OWNER, Format.MARKDOWN, lang=lang).encode()),
        (names[4], render_export(report, book.settings, ExportFormat.XLSX, lang=lang)),
        (names[5], render_html(report, lang, book.settings, ()).encode()),
    ]
    output.mkdir(parents=True, exist_ok=True)
    for name, data in papers:
        save(output / name, data)
    say("meeting.written", lang, folder=output)
    write_stdout("".join(f"{output / name}\n" for name, _ in papers))
