"""Renderers: each output format is a function of a finished Report.

Renderers are imported lazily by `render()`, so that `--format json` never pays for rich
or tabulate.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plancheck.evaluate import Report


class Format(StrEnum):
    TABLE = "table"
    MARKDOWN = "markdown"
    CSV = "csv"
    JSON = "json"


def render(
    report: Report,
    fmt: Format,
    *,
    lang: str = "zh",
    width: int | None = 100,
    color: bool = False,
    bom: bool = False,
) -> str:
    """Render `report` in `fmt`; the dispatch is exhaustive over Format."""
    if fmt is Format.TABLE:
        from plancheck.render.table import render_table

        return render_table(report, lang, width, color)
    if fmt is Format.MARKDOWN:
        from plancheck.render.markdown import render_markdown

        return render_markdown(report, lang)
    if fmt is Format.CSV:
        from plancheck.render.csvout import render_csv

        return render_csv(report, lang, bom)
    if fmt is Format.JSON:
        from plancheck.render.jsonout import render_json

        return render_json(report)
    raise AssertionError(fmt)  # pragma: no cover - exhaustive
