"""The machine interface: `status --format json`.

The shape is documented in docs/json.md and kept stable.  Amounts are exact JSON numbers
in the item's unit; percentages are rounded half up to one decimal; `null` where a value
does not apply or is not known.
"""

from __future__ import annotations

import json
import json.encoder
import re
from decimal import Decimal

from plancheck.escape import json_text
from plancheck.model import Item, Kind
from plancheck.render.numbers import plain, round_pct
from plancheck.report.evaluate import Counts, ItemResult, Report

JSON_VERSION = 1

Json = None | bool | str | Decimal | int | list["Json"] | dict[str, "Json"]


_MARK = "\x00\x01"
_NUMBER = re.compile(r'"\\u0000\\u0001(-?[0-9]+(?:\.[0-9]+)?)"')


def _decimal(value: object) -> str:
    if isinstance(value, Decimal):  # one decimal kept (percentages: 50.0), else exact
        exponent = value.as_tuple().exponent
        return _MARK + (format(value, "f") if exponent == -1 else plain(value))
    raise TypeError(type(value).__name__)


def dumps(value: Json, indent: int | None = 2) -> str:
    """Serialise with Decimals written exactly as JSON numbers (never through float)."""
    text = json.dumps(value, ensure_ascii=False, indent=indent, default=_decimal)
    return json_text(_NUMBER.sub(r"\1", text))


def _p(value: Decimal | None) -> Decimal | None:
    return None if value is None else round_pct(value)


def _stated(value: Decimal | None) -> Json:
    """A figure the ledger states, with the digits it is written with (4.00 stays 4.00)."""
    return None if value is None else _MARK + format(value, "f")


def written_json(item: Item) -> dict[str, Json] | None:
    """The figures written as reports write them, by key: text, qualifier, numbers."""
    if not item.written:
        return None
    out: dict[str, Json] = {}
    for key, w in item.written:
        entry: dict[str, Json] = {
            "text": w.text,
            "qualifier": w.qualifier.value,
            "value": _stated(w.value),
            "high": _stated(w.high),
            "unit": w.unit or None,
            "estimate": w.estimate,
        }
        if w.factor is not None:
            entry["factor"] = _stated(w.factor)
            entry["reading"] = w.reading.value if w.reading else None
        out[key] = entry
    return out


def standing_json(item: Item) -> list[Json] | None:
    """Ranks and comparisons as structured fields (None when the item states none)."""
    if not item.standing:
        return None
    return [
        {
            "text": s.text,
            "relation": s.relation.value,
            "scope": s.scope or None,
            "rank": s.rank,
            "top": s.top,
            "reference_name": s.reference_name or None,
            "difference": _stated(s.difference),
            "unit": s.unit or None,
            "reference": _stated(s.reference),
        }
        for s in item.standing
    ]


def item_json(r: ItemResult) -> dict[str, Json]:
    item = r.item
    out: dict[str, Json] = {
        "id": item.id,
        "entity": item.entity or None,
        "name": item.name,
        "section": item.section,
        "owner": item.owner or None,
        "kind": item.kind.value,
        "direction": item.direction.value,
        "unit": item.unit or None,
        "target": r.target,
        "actual": r.actual,
        "baseline": r.baseline,
        "completion_pct": _p(r.completion_pct),
        "expected_pct": _p(r.expected_pct),
        "gap": r.gap,
        "yoy_pct": _stated(r.yoy_pct) if r.yoy_stated else _p(r.yoy_pct),
        "status": r.status.value,
        "light": r.light.value if r.light else None,
        "note": item.note or None,
        "source": item.source or None,
        "actual_month": r.actual_month,
        "stale": r.stale,
        "target_growth_pct": _stated(item.target_growth_pct) if item.kind is Kind.GROWTH else None,
        "original_target": item.original_target,
        "original_target_growth_pct": _stated(item.original_target_growth_pct),
        "weight": item.weight,
        "score": r.score,
    }
    if r.change_pp is not None:
        out["change_pp"] = _p(r.change_pp)
    if item.target_derived:
        out["target_derived"] = True
    if item.completion_stated is not None:
        out["completion_pct"] = _stated(item.completion_stated)
    if item.kind is Kind.MILESTONE:
        out["state"] = r.state.value if r.state else None
        out["due"] = item.due.isoformat() if item.due else None
        out["done"] = item.done.isoformat() if item.done else None
    if item.draft:
        out["draft"] = True
    written = written_json(item)
    if written is not None:
        out["written"] = written
    standing = standing_json(item)
    if standing is not None:
        out["standing"] = standing
    return out


def counts_json(c: Counts) -> dict[str, Json]:
    return {
        "items": c.items,
        "by_status": {s.value: n for s, n in c.by_status},
        "by_light": {lt.value: n for lt, n in c.by_light},
        "score": c.score,
        "weight": c.weight,
    }


def report_json(report: Report, items: bool = True) -> dict[str, Json]:
    return {
        "version": JSON_VERSION,
        "entity": report.entity,
        "year": report.year,
        "as_of": report.as_of.isoformat(),
        "elapsed_pct": _p(report.elapsed_pct),
        "latest_month": report.latest_month,
        "items": [item_json(r) for r in report.items] if items else ["…"],
        "totals": counts_json(report.totals),
        "by_section": [{"section": g.key, **counts_json(g.counts)} for g in report.by_section],
        "by_owner": [{"owner": g.key, **counts_json(g.counts)} for g in report.by_owner],
        "by_entity": [{"entity": g.key, **counts_json(g.counts)} for g in report.by_entity],
    }


def _fast(value: object) -> object:
    """A Decimal as an int or float when that prints exactly the same digits (the C JSON
    encoder can then write it), else as a marked string for `dumps` to unquote."""
    if isinstance(value, Decimal):
        number = float(value)
        if repr(number) == format(value, "f"):  # 58.8, 100.0 (percentages keep a decimal)
            return number
        if value == value.to_integral_value():
            return int(value)
        text = plain(value)
        if repr(number) == text:
            return number
        return _MARK + text
    return value


def _line(value: dict[str, Json]) -> str:
    text = json.dumps(
        {k: _fast(v) for k, v in value.items()}, ensure_ascii=False, separators=(", ", ": ")
    )
    return _NUMBER.sub(r"\1", text) if "\\u0000" in text else text


_STR = json.encoder.encode_basestring  # the C encoder when available; keeps Chinese as is


def _s(value: str | None) -> str:
    return "null" if not value else _STR(value)


def _n(value: Decimal | None) -> str:
    return "null" if value is None else plain(value)


def _w(value: Decimal | None) -> str:
    """A stated figure with its written digits."""
    return "null" if value is None else format(value, "f")


def _pct(value: Decimal | None) -> str:
    return "null" if value is None else format(round_pct(value), "f")


def _item_line(r: ItemResult) -> str:
    """`item_json(r)` written directly as one line of JSON (the same keys and values): the
    20,000 items of a city take a third of the time of building dictionaries first."""
    item = r.item
    growth = item.target_growth_pct if item.kind is Kind.GROWTH else None
    stated = item.completion_stated
    completion = _w(stated) if stated is not None else _pct(r.completion_pct)
    line = (
        f'{{"id": {_STR(item.id)}, "entity": {_s(item.entity)}, "name": {_STR(item.name)}, '
        f'"section": {_STR(item.section)}, "owner": {_s(item.owner)}, '
        f'"kind": "{item.kind.value}", "direction": "{item.direction.value}", '
        f'"unit": {_s(item.unit)}, "target": {_n(r.target)}, "actual": {_n(r.actual)}, '
        f'"baseline": {_n(r.baseline)}, "completion_pct": {completion}, '
        f'"expected_pct": {_pct(r.expected_pct)}, "gap": {_n(r.gap)}, '
        f'"yoy_pct": {_w(r.yoy_pct) if r.yoy_stated else _pct(r.yoy_pct)}, '
        f'"status": "{r.status.value}", '
        f'"light": {_s(r.light.value if r.light else None)}, "note": {_s(item.note)}, '
        f'"source": {_s(item.source)}, "actual_month": {_s(r.actual_month)}, '
        f'"stale": {"true" if r.stale else "false"}, "target_growth_pct": {_w(growth)}, '
        f'"original_target": {_n(item.original_target)}, '
        f'"original_target_growth_pct": {_w(item.original_target_growth_pct)}, '
        f'"weight": {_n(item.weight)}, '
        f'"score": {_n(r.score)}'
    )
    if item.kind is Kind.MILESTONE:
        state = r.state.value if r.state else None
        line += (
            f', "state": {_s(state)}, "due": {_s(item.due.isoformat() if item.due else None)}'
            f', "done": {_s(item.done.isoformat() if item.done else None)}'
        )
    if item.draft:
        line += ', "draft": true'
    if r.change_pp is not None:
        line += f', "change_pp": {_pct(r.change_pp)}'
    if item.target_derived:
        line += ', "target_derived": true'
    written = written_json(item)
    if written is not None:
        line += ', "written": ' + _NUMBER.sub(r"\1", json.dumps(written, ensure_ascii=False))
    standing = standing_json(item)
    if standing is not None:
        line += ', "standing": ' + _NUMBER.sub(r"\1", json.dumps(standing, ensure_ascii=False))
    return line + "}"


def render_json(report: Report) -> str:
    """The report, two-space indented with one item (or roll-up group) per line: readable,
    diffable, and fast even for a city's 20,000 items."""
    data = report_json(report, items=False)
    out = ["{"]
    fields = list(data.items())
    for index, (key, value) in enumerate(fields):
        comma = "," if index < len(fields) - 1 else ""
        name = json.dumps(key)
        if isinstance(value, list):
            if key == "items":
                rows = [_item_line(r) for r in report.items]
            else:
                rows = [_line(v) for v in value if isinstance(v, dict)]
            if not rows:
                out.append(f"  {name}: []{comma}")
                continue
            out.append(f"  {name}: [")
            out += [f"    {row}," for row in rows[:-1]] + [f"    {rows[-1]}"]
            out.append(f"  ]{comma}")
        elif isinstance(value, dict):
            out.append(f"  {name}: {_line(value)}{comma}")
        else:
            scalar = _NUMBER.sub(r"\1", json.dumps(_fast(value), ensure_ascii=False))
            out.append(f"  {name}: {scalar}{comma}")
    out.append("}")
    return json_text("\n".join(out) + "\n")
