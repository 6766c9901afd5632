"""`plancheck extract`, `plancheck proof` and `plancheck confirm`: from a work report to a
draft ledger, the report's figures checked, draft entries confirmed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from plancheck.commands.common import (
    LangOpt,
    LedgerOpt,
    current_env,
    handle_errors,
    language,
    ledger_path,
    settings_language,
    write_stdout,
)
from plancheck.errors import DataError, ExitStatus, UsageError
from plancheck.render import CheckFormat

ReportArg = Annotated[Path, typer.Argument(help="The work report: .txt, .md or .docx.")]
FormatOpt = Annotated[
    CheckFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
ReportYearOpt = Annotated[
    int | None,
    typer.Option(
        "--year",
        "-y",
        help="The year the report reviews (default: from the report: its headings and"
        " dated sentences, else its title — the year before a 政府工作报告's, a 年度 report's"
        " own — else last year).",
    ),
]
PlanYearOpt = Annotated[
    int | None,
    typer.Option("--plan-year", help="The year of the report's plan part (default: year + 1)."),
]


def _draft(report: Path, year: int | None, plan_year: int | None) -> object:
    from plancheck.extract import extract, read_report, report_years

    text = read_report(report)
    if year is None:
        found = report_years(text)
        year = found[0] if found else current_env().current_date().year - 1
        if plan_year is None and found:
            plan_year = found[1]
    try:
        return extract(text, year, plan_year)
    except ModuleNotFoundError as exc:  # cn2an, for a Chinese numeral
        raise UsageError("extract.needs_libraries", module=exc.name) from None


@handle_errors
def extract(
    report: ReportArg,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="The folder to write the draft ledger to (new).")
    ],
    year: ReportYearOpt = None,
    plan_year: PlanYearOpt = None,
    lang: LangOpt = None,
    fmt: FormatOpt = CheckFormat.TEXT,
) -> None:
    """Draft a ledger from a work report: one entry per figure, each marked draft = true,
    with a review list of what was uncertain (stdout) — never a figure it cannot place."""
    from plancheck.extract import Draft, draft_files
    from plancheck.messages import message
    from plancheck.render.review import render_review
    from plancheck.write.scaffold import create_ledger

    lang = language(lang)
    draft = _draft(report, year, plan_year)
    assert isinstance(draft, Draft)
    if not draft.entries:
        raise DataError("extract.no_figures")
    create_ledger(output, draft_files(draft, report.name))
    write_stdout(render_review(draft, fmt, lang))
    review = sum(1 for e in draft.entries if e.flags) + len(draft.unplaced)
    args = {"path": str(output), "entries": str(len(draft.entries)), "review": str(review)}
    print(message("extract.written", args, lang), file=current_env().stderr)


@handle_errors
def proof(
    report: ReportArg,
    year: ReportYearOpt = None,
    plan_year: PlanYearOpt = None,
    lang: LangOpt = None,
    fmt: FormatOpt = CheckFormat.TEXT,
) -> None:
    """Check a report's figures before it goes out: sums of parts, stated growth, averages,
    net changes, a quantity stated twice. Silent when clean; exit 1 when something is found."""
    from plancheck.extract import Draft
    from plancheck.extract import proof as run_proof
    from plancheck.messages import message
    from plancheck.render.findings import finding_json, finding_line
    from plancheck.render.jsonout import Json, dumps

    lang = language(lang)
    draft = _draft(report, year, plan_year)
    assert isinstance(draft, Draft)
    found = run_proof(draft, report, lang)
    if fmt is CheckFormat.JSON:
        rows: list[Json] = [
            {**finding_json(p.finding, lang), "name": p.name, "sentences": list(p.sentences)}
            for p in found
        ]
        write_stdout(dumps(rows) + "\n")
    elif found:
        text = ""
        for p in found:
            head = f"{p.name}［{p.finding.item}］" if p.name else p.finding.item
            text += finding_line(replace(p.finding, item=head), lang) + "\n"
            text += "".join(f"    «{s}»\n" for s in p.sentences)
        write_stdout(text)
    if found:
        summary = message("proof.summary", {"count": str(len(found))}, lang)
        print(f"plancheck: {summary}", file=current_env().stderr)
        raise typer.Exit(int(ExitStatus.FINDINGS))


@handle_errors
def confirm(
    ids: Annotated[list[str], typer.Argument(help="The ids of the draft items checked.")],
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="The items' year (default: where found).")
    ] = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Confirm draft items a person has checked: removes their draft = true (all or nothing)."""
    from plancheck.extract import confirm as run_confirm
    from plancheck.messages import message

    env = current_env()
    root = ledger_path(ledger, env)
    lang = settings_language(lang, root)
    done, already = run_confirm(root, ids, year)
    if done:
        args = {"count": str(len(done)), "ids": ", ".join(i for _, i in done)}
        print(message("confirm.done", args, lang), file=env.stderr)
    if already:
        print(message("confirm.already", {"ids": ", ".join(already)}, lang), file=env.stderr)
