"""Output of `plancheck check`: one finding a line, or a JSON list for tools.

Text: `file:line: id: severity: message (stated X, computed Y) «source»`, in the chosen
language.  A computed figure is shown rounded half up to two decimals more than the stated
one, so that the difference is visible (64.7 against 64.643).

JSON: a list of objects, one per finding, in file and line order (`[]` when clean):

    file      the file, as the ledger path was given
    line      1-based line of the key concerned (null when unknown)
    id        the item's id; for a loader problem, the dotted key ("" for a whole file)
    year      the year of the item or file (null for the settings)
    severity  "error" or "warning"
    code      the message code (check.claim_ratio, key.unknown …)
    message   the message, in the chosen language
    stated    the figure as stated: a number, or "YYYY-MM[-DD]" / a state for milestones; null
    computed  what it should be: a number rounded half up to 6 decimals, or the other
              record's date / state; null
    unit      the unit of stated and computed, or null
    source    the sentence of the report the item encodes, or null
    says      the words of the claim concerned, or null
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import assert_never

from plancheck.check.run import Finding, decimals
from plancheck.messages import format_problem, message
from plancheck.model import Problem
from plancheck.render import CheckFormat
from plancheck.render.jsonout import Json, dumps
from plancheck.render.numbers import plain

JSON_PLACES = 6


def _rounded(value: Decimal, places: int) -> Decimal:
    with localcontext() as ctx:  # exact for figures of any size
        ctx.prec = max(ctx.prec, value.adjusted() + places + 3)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _figures(f: Finding, lang: str) -> str:
    if f.stated is None or f.computed is None:
        return ""
    if isinstance(f.stated, Decimal):
        stated = format(f.stated, "f") + f.unit
    else:
        stated = f.stated
    if isinstance(f.computed, Decimal):
        places = decimals(f.stated) + 2 if isinstance(f.stated, Decimal) else 4
        computed = plain(_rounded(f.computed, places)) + f.unit
    else:
        computed = f.computed
    text = message("check.figures", {"stated": stated, "computed": computed}, lang)
    return text if lang != "en" else " " + text


def finding_line(f: Finding, lang: str = "zh") -> str:
    """One finding, one line."""
    head = format_problem(Problem(f.location, f.item, f.code, f.args, f.severity), lang)
    source = f" «{f.source}»" if f.source else ""
    return head + _figures(f, lang) + source


def finding_json(f: Finding, lang: str = "zh") -> dict[str, Json]:
    def number(value: Decimal | str | None, computed: bool) -> Json:
        if isinstance(value, Decimal) and computed:
            return _rounded(value, JSON_PLACES).normalize()
        return value

    return {
        "file": str(f.location.file),
        "line": f.location.line or None,
        "id": f.item,
        "year": f.year,
        "severity": f.severity.value,
        "code": f.code,
        "message": message(f.code, f.args, lang),
        "stated": number(f.stated, False),
        "computed": number(f.computed, True),
        "unit": f.unit or None,
        "source": f.source or None,
        "says": f.says or None,
    }


def render_findings(findings: list[Finding], fmt: CheckFormat, lang: str = "zh") -> str:
    """The findings in `fmt`; the dispatch is exhaustive over CheckFormat."""
    match fmt:
        case CheckFormat.TEXT:
            return "".join(finding_line(f, lang) + "\n" for f in findings)
        case CheckFormat.JSON:
            return dumps([finding_json(f, lang) for f in findings]) + "\n"
        case _:  # pragma: no cover - exhaustive
            assert_never(fmt)
