"""Every output format is named in plancheck.render and every member of every format enum
renders (the dispatch is exhaustive: mypy checks it with assert_never, this test runs it)."""

from __future__ import annotations

import ast
import datetime as dt
import json
from enum import StrEnum
from pathlib import Path

import pytest

from plancheck.check.run import Finding
from plancheck.model import Location
from plancheck.read.load import load_ledger
from plancheck.render import (
    CheckFormat,
    ExportFormat,
    Format,
    FormFormat,
    GroupBy,
    ReportFormat,
    ShortfallFormat,
    SummaryFormat,
    render,
    render_export,
    render_form,
    render_report,
    render_rollup,
    render_shortfalls,
    render_summary,
)
from plancheck.render.findings import render_findings
from plancheck.report.evaluate import Options, Report, evaluate
from plancheck.report.summary import Summary, build_summary

from .conftest import FIXTURES, REPO

MIDYEAR = FIXTURES / "midyear"


@pytest.fixture(scope="module")
def report() -> Report:
    ledger = load_ledger(MIDYEAR)
    settings = ledger.settings
    return evaluate(
        ledger, Options(2024, dt.date(2024, 6, 30), settings.lights, settings.score_cap)
    )


@pytest.fixture(scope="module")
def summary(report: Report) -> Summary:
    return build_summary(report, load_ledger(MIDYEAR), ())


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_status_format_renders(report: Report, fmt: Format, lang: str) -> None:
    text = render(report, fmt, lang=lang)
    assert "问题厕所整改" in text or "toilet" in text.lower()


@pytest.mark.parametrize("fmt", list(Format))
@pytest.mark.parametrize("by", list(GroupBy))
def test_every_rollup_format_renders(report: Report, fmt: Format, by: GroupBy) -> None:
    assert render_rollup(report, by, fmt, lang="en").strip()


@pytest.mark.parametrize("fmt", list(SummaryFormat))
def test_every_summary_format_renders(summary: Summary, fmt: SummaryFormat) -> None:
    out = render_summary(summary, fmt, lang="zh")
    if fmt is SummaryFormat.DOCX:
        assert isinstance(out, bytes) and out[:2] == b"PK"
    else:
        assert isinstance(out, str) and "2024" in out


@pytest.mark.parametrize("fmt", list(ReportFormat))
def test_every_report_format_renders(report: Report, fmt: ReportFormat) -> None:
    out = render_report(report, fmt, load_ledger(MIDYEAR).settings, lang="zh")
    if fmt is ReportFormat.DOCX:
        assert isinstance(out, bytes) and out[:2] == b"PK"
    else:
        assert isinstance(out, str) and out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("fmt", list(ShortfallFormat))
def test_every_shortfall_format_renders(summary: Summary, fmt: ShortfallFormat) -> None:
    text = render_shortfalls(summary, fmt, lang="en")
    if fmt is ShortfallFormat.JSON:
        assert len(json.loads(text)["items"]) == 8
    else:
        assert "8 items" in text


@pytest.mark.parametrize("fmt", list(CheckFormat))
def test_every_check_format_renders(fmt: CheckFormat) -> None:
    finding = Finding(Location(Path("a.toml"), 3), "x", "key.unknown", (("key", "y"),))
    assert "a.toml" in render_findings([finding], fmt, "en")


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_every_export_format_renders(report: Report, fmt: ExportFormat) -> None:
    data = render_export(report, load_ledger(MIDYEAR).settings, fmt, lang="zh")
    assert data[:2] == b"PK" if fmt is ExportFormat.XLSX else "问题厕所".encode() in data


@pytest.mark.parametrize("fmt", list(FormFormat))
def test_every_form_format_renders(fmt: FormFormat) -> None:
    from plancheck.report.forms import build_forms

    book = load_ledger(MIDYEAR)
    form = build_forms(book, 2024, 6, everything=True)[0]
    data = render_form(form, fmt)
    assert data[:2] == b"PK" if fmt is FormFormat.XLSX else "1-6月累计".encode() in data


def test_format_enums_are_defined_only_in_plancheck_render() -> None:
    """One place names the output formats: no other module defines a *Format enum."""
    for path in sorted((REPO / "src" / "plancheck").rglob("*.py")):
        if path == REPO / "src" / "plancheck" / "render" / "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = [n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]
        assert not [n for n in names if n.endswith("Format")], path
    import plancheck.render as render_module

    enums = [
        v
        for v in vars(render_module).values()
        if isinstance(v, type) and issubclass(v, StrEnum) and v.__name__.endswith("Format")
    ]
    assert {e.__name__ for e in enums} == {
        "Format",
        "SummaryFormat",
        "ShortfallFormat",
        "CheckFormat",
        "ExportFormat",
        "ReportFormat",
        "FormFormat",
    }
