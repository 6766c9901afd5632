"""Reading one item table: validation of every key, with located problems.

Used by the loader for every item of a ledger, and by the editor to validate the one item
it changes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from decimal import Decimal
from typing import Any

from plancheck.model import (
    Claim,
    ClaimKind,
    Direction,
    GrowthBasis,
    Item,
    Kind,
    Location,
    MilestoneState,
    Nature,
    Phasing,
    Reporting,
)
from plancheck.read.plainitem import ITEM_ID, plain_item
from plancheck.read.records import (
    RECORD_KEYS,
    read_corrections,
    read_growth,
    read_notes,
    read_revisions,
)
from plancheck.read.standingitem import STANDING_KEYS, read_standings
from plancheck.read.tomlfile import (
    SourceFile,
    is_number,
    parse_source,
    read_number,
    read_source,
    string_list,
    type_name,
    unknown_keys,
)
from plancheck.read.writtenitem import (
    WRITTEN_KEYS,
    derived_target,
    implied_direction,
    read_written,
    times_reading,
)
from plancheck.units import Unit, UnitError, convert, parse_quantity, suggest_unit
from plancheck.written import Reading, Written

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_MONTHS = frozenset(f"{m:02d}" for m in range(1, 13))

FILE_KEYS = ("section", "owner", "owner_inferred", "leader", "weaknesses")
ITEM_KEYS = (
    "name", "kind", "unit", "direction", "nature", "section", "owner", "owner_inferred",
    "leader", "target", "target_growth_pct", "original_target", "original_target_growth_pct",
    "target_reason", "actual",
    "actual_growth_pct", "baseline", "history", "reporting", "phasing", "plan", "reported",
    "state", "due", "started", "done", "note", "measures", "source", "parts",
    "parts_exhaustive", "claims", "weight", "carried_from", "same_as", "draft", "times_reading",
    "completion_pct", "growth_basis", "standing", "revisions", "notes", "corrections", "growth",
)  # fmt: skip
CLAIM_KEYS = ("kind", "value", "unit", "of", "says", "year")

__all__ = [
    "FILE_KEYS",
    "ITEM_KEYS",
    "ItemReader",
    "SourceFile",
    "parse_source",
    "plain_item",
    "read_number",
    "read_source",
    "string_list",
    "unknown_keys",
]


# --------------------------------------------------------------------------- items


def parse_month(value: object) -> tuple[int, int] | None:
    if isinstance(value, str):
        m = _MONTH.match(value)
        if m and 1 <= int(m.group(2)) <= 12:
            return int(m.group(1)), int(m.group(2))
    return None


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


_MEMBERS: dict[type[Any], dict[str, Any]] = {}


_FIGURE_KEYS = frozenset(("completion_pct", "growth_basis", "standing", "times_reading"))


def _writable(key: str) -> bool:
    """Keys whose value may be a figure as reports write it: targets, actuals, history."""
    return key in WRITTEN_KEYS or key.startswith("history.")


class ItemReader:
    """Validates one item table and builds the Item, reporting problems to the file."""

    def __init__(
        self, f: SourceFile, year: int, item_id: str, raw: dict[str, Any], units: dict[str, Unit]
    ):
        self.f, self.year, self.id, self.raw, self.units = f, year, item_id, raw, units
        self.ok = True
        self.entity = ""
        self.written: dict[str, Written] = {}
        """Values written as reports write them ("10%左右"), by key."""
        self.signed = False
        """True for a % item: rates and growth may be negative (CPI −0.5 %)."""

    def err(self, where: str, code: str, /, **args: object) -> None:
        self.ok = False
        self.f.add(f"{self.id}.{where}" if where else self.id, code, **args)

    def string(self, key: str, default: str = "") -> str:
        value = self.raw.get(key, default)
        if not isinstance(value, str):
            self.err(key, "type.string", key=key)
            return default
        return value

    def boolean(self, key: str, default: bool) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            self.err(key, "type.boolean", key=key)
            return default
        return value

    def choice(self, key: str, enum: type[Any], default: Any) -> Any:
        value = self.raw.get(key)
        if value is None:
            return default
        members = _MEMBERS.get(enum)
        if members is None:
            members = _MEMBERS[enum] = {e.value: e for e in enum}
        if isinstance(value, str) and value in members:
            return members[value]
        choices = list(members)
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.5)
        if close:
            self.err(
                key,
                "value.choice_suggest",
                key=key,
                value=value,
                suggestion=close[0],
                choices=", ".join(choices),
            )
        else:
            self.err(key, "value.choice", key=key, value=value, choices=", ".join(choices))
        return default

    def quantity(self, key: str, value: object, unit: Unit | None) -> Decimal | None:
        """A number in the item's unit, or a string "3956万元" converted to it."""
        if is_number(value):
            return Decimal(value)  # type: ignore[arg-type]
        if isinstance(value, str):
            try:
                number, symbol = parse_quantity(value)
            except ValueError:
                return self.written_value(key, value, unit)
            if symbol and symbol not in self.units and _writable(key):
                return self.written_value(key, value, unit)  # "300个以上"
            if not symbol:
                return number
            given = self.units.get(symbol)
            if given is None:
                self._unknown_unit(key, symbol)
                return None
            if unit is None:
                return None
            try:
                return convert(number, given, unit)
            except UnitError:
                self.err(key, "unit.mismatch", key=key, given=symbol, unit=unit.symbol)
                return None
        self.err(key, "type.number", key=key, got=type_name(value))
        return None

    def written_value(self, key: str, text: str, unit: Unit | None) -> Decimal | None:
        """A value written as reports write it ("300个以上"), kept as written."""
        if not _writable(key):
            self.err(key, "value.quantity", key=key, value=text)
            return None
        times = times_reading(self.raw) or Reading.PLUS_ONE
        number, figure, problem = read_written(key, text, unit, self.units, times)
        if problem is not None:
            code, args = problem
            if code == "unit.unknown":
                self._unknown_unit(key, str(args["unit"]))
            else:
                self.err(key, code, **args)
            return None
        if figure is not None:  # text that is no bare quantity ("300个以上", "下降12%")
            self.written[key] = figure
        return number

    def _unknown_unit(self, key: str, symbol: str) -> None:
        close = suggest_unit(symbol, self.units)
        if close:
            self.err(key, "unit.unknown_suggest", unit=symbol, suggestion=close)
        else:
            self.err(key, "unit.unknown", unit=symbol)

    def date(self, key: str) -> dt.date | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        month = parse_month(value)
        if month:
            return _month_end(*month)
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        self.err(key, "value.date", key=key, value=value)
        return None

    def date_text(self, key: str) -> str:
        value = self.raw.get(key)
        if isinstance(value, dt.datetime):
            return value.date().isoformat()
        if isinstance(value, (dt.date, str)):
            return str(value) if isinstance(value, str) else value.isoformat()
        return ""

    def monthly(self, key: str, unit: Unit | None) -> tuple[tuple[str, Decimal], ...]:
        value = self.raw.get(key)
        if value is None:
            return ()
        if not isinstance(value, dict):
            self.err(key, "type.table", key=key)
            return ()
        out: list[tuple[str, Decimal]] = []
        prefix = f"{self.year:04d}-"
        for month, v in value.items():
            if (
                len(month) == 7
                and month.startswith(prefix)
                and month[5:] in _MONTHS
                and (is_number(v))
            ):
                out.append((month, Decimal(v)))  # the common case, already valid
                if out[-1][1] < 0:
                    self.non_negative(f"{key}.{month}", out[-1][1])
                continue
            ym = parse_month(month)
            if ym is None:
                self.err(f"{key}.{month}", "value.month", key=f"{key}.{month}", value=month)
                continue
            if ym[0] != self.year:
                self.err(f"{key}.{month}", "value.month_year", month=month, year=self.year)
                continue
            q = self.quantity(f"{key}.{month}", v, unit)
            if q is not None:
                self.non_negative(f"{key}.{month}", q)
                out.append((f"{ym[0]:04d}-{ym[1]:02d}", q))
        out.sort()
        # "2024-03" and "2024-０３" are one month: given twice, which figure holds is unknown
        twice = sorted({m for (m, _), (n, _) in itertools.pairwise(out) if m == n})
        for month in twice:
            self.err(key, "value.month_twice", key=key, month=month)
        return tuple(out)

    def non_negative(self, key: str, value: Decimal | None) -> None:
        if value is not None and value < 0 and not self.signed:
            self.err(key, "value.negative", key=key, value=value)

    def read(self, defaults: dict[str, Any], line: int) -> Item | None:
        fast = plain_item(
            self.f.path, self.year, self.id, self.raw, self.units, defaults, line, self.entity
        )
        if fast is not None:
            return fast
        return self.read_all(defaults, line)

    def read_all(self, defaults: dict[str, Any], line: int) -> Item | None:
        """Every key checked, every problem reported; the item, or None when any is wrong."""
        name, kind = self._name_and_kind()
        direction = self.choice("direction", Direction, Direction.UP)
        nature = self.choice("nature", Nature, None)
        reporting = self.choice("reporting", Reporting, Reporting.YTD)
        phasing = self.choice("phasing", Phasing, None)
        state = self.choice("state", MilestoneState, None)
        unit, symbol = self._unit(kind)
        target, actual, baseline, original = self._amounts(kind, unit)
        growth_target = self.pct("target_growth_pct")
        growth_original = self.pct("original_target_growth_pct")
        growth_actual = self.pct("actual_growth_pct")
        history = self.monthly("history", unit)
        plan = self.monthly("plan", unit)
        reported = self._reported()
        due, started, done = self.date("due"), self.date("started"), self.date("done")
        state = self._kind_rules(kind, state, started, done)
        if phasing is Phasing.PLAN and not plan:
            self.err("phasing", "phasing.plan_missing")
        direction, target, growth_target, figures = self._figures(
            kind, direction, target, actual, growth_target
        )
        owner = self.string("owner", defaults.get("owner", ""))
        # A file-level owner_inferred = true covers every owner in the file, its default and
        # the items' own; an item can say owner_inferred = false.
        owner_inferred = self.boolean("owner_inferred", bool(defaults.get("owner_inferred", False)))
        parts = self._parts()
        claims = self.claims()
        weight = self._weight()
        texts = {
            key: self.string(key, defaults.get(key, "") if key in ("section", "leader") else "")
            for key in (
                "section", "leader", "target_reason", "note", "measures", "source",
                "carried_from", "same_as",
            )
        }  # fmt: skip
        exhaustive = self.boolean("parts_exhaustive", True)
        draft = self.boolean("draft", False)
        records = self.records(kind, unit, target, growth_target, original, growth_original, texts)
        if not self.ok:  # every key was looked at: each problem is reported, none is kept
            return None
        return Item(
            id=self.id, year=self.year, name=name, kind=kind,
            unit=unit.symbol if unit else symbol, location=Location(self.f.path, line),
            entity=self.entity, section=texts["section"], owner=owner,
            owner_inferred=owner_inferred, leader=texts["leader"], direction=direction,
            nature=nature, target=target, target_growth_pct=growth_target,
            original_target=original, original_target_growth_pct=growth_original,
            target_reason=texts["target_reason"], actual=actual, actual_growth_pct=growth_actual,
            baseline=baseline, history=history, reporting=reporting, phasing=phasing, plan=plan,
            reported=reported, state=state, due=due, started=started, done=done,
            due_text=self.date_text("due"), done_text=self.date_text("done"),
            note=texts["note"], measures=texts["measures"], source=texts["source"],
            parts=tuple(parts), parts_exhaustive=exhaustive, claims=claims, weight=weight,
            carried_from=texts["carried_from"], same_as=texts["same_as"], draft=draft,
            written=tuple(self.written.items()), **figures, **records,
        )  # fmt: skip

    def _figures(
        self,
        kind: Kind,
        direction: Direction,
        target: Decimal | None,
        actual: Decimal | None,
        growth_target: Decimal | None,
    ) -> tuple[Direction, Decimal | None, Decimal | None, dict[str, Any]]:
        """What figures written as reports write them imply (plancheck.read.writtenitem):
        a cap's direction, a range's end, a target derived from a stated completion rate,
        real growth, ranks and comparisons."""
        raw = self.raw
        if not self.written and _FIGURE_KEYS.isdisjoint(raw):
            return direction, target, growth_target, {}  # the common case: plain figures
        direction, consistent = implied_direction(raw, self.written, direction)
        if not consistent:
            self.err("direction", "figure.cap_up", value=raw.get("target"))
        target = self.range_end("target", target, direction)
        growth_target = self.range_end("target_growth_pct", growth_target, direction)
        completion = self.pct("completion_pct")
        if completion is not None and kind is not Kind.AMOUNT:
            self.err("completion_pct", "figure.completion_kind")
        derived = derived_target(target, actual, completion)
        basis = self.choice("growth_basis", GrowthBasis, GrowthBasis.NOMINAL)
        self.choice("times_reading", Reading, Reading.PLUS_ONE)
        standing = read_standings(
            raw.get("standing", []),
            self.err,
            lambda key, entry: unknown_keys(self.f, f"{self.id}.{key}", entry, STANDING_KEYS),
        )
        extras: dict[str, Any] = {
            "target_derived": derived is not None,
            "completion_stated": completion,
            "real_growth": basis is GrowthBasis.REAL or any(w.real for w in self.written.values()),
            "standing": standing,
        }
        return direction, target if derived is None else derived, growth_target, extras

    def range_end(self, key: str, target: Decimal | None, direction: Direction) -> Decimal | None:
        """A range target is met at its lower end; a reduction's range at its upper."""
        figure = self.written.get(key)
        if figure is not None and figure.high is not None and direction is Direction.DOWN:
            return figure.high
        return target

    def _name_and_kind(self) -> tuple[str, Kind]:
        """The keys known, the id valid, the name and kind given."""
        raw = self.raw
        unknown_keys(self.f, self.id, raw, ITEM_KEYS)
        if not ITEM_ID.match(self.id):
            self.err("", "id.invalid", id=self.id)
        name = self.string("name")
        if "name" not in raw:
            self.err("", "key.missing", key="name")
        if "kind" not in raw:
            self.err("", "key.missing", key="kind")
        kind: Kind = self.choice("kind", Kind, Kind.AMOUNT)
        return name, kind

    def _unit(self, kind: Kind) -> tuple[Unit | None, str]:
        """The item's unit (None for a milestone or an unknown one) and its symbol."""
        symbol = self.string("unit")
        if kind is Kind.MILESTONE:
            if symbol and symbol not in self.units:
                self._unknown_unit("unit", symbol)
        elif "unit" not in self.raw:
            self.err("", "key.missing", key="unit")
        elif symbol not in self.units:
            self._unknown_unit("unit", symbol)
        else:
            self.signed = symbol == "%"
            return self.units[symbol], symbol
        return None, symbol

    def _amounts(
        self, kind: Kind, unit: Unit | None
    ) -> tuple[Decimal | None, Decimal | None, Decimal | None, Decimal | None]:
        """target, actual, baseline and original_target in the item's unit, each checked."""
        raw = self.raw

        def q(key: str) -> Decimal | None:
            return self.quantity(key, raw[key], unit) if key in raw else None

        target, actual, baseline = q("target"), q("actual"), q("baseline")
        original = q("original_target")
        for key, value in (
            ("target", target),
            ("actual", actual),
            ("baseline", baseline),
            ("original_target", original),
        ):
            self.non_negative(key, value)
            if (
                unit is not None
                and unit.symbol == "%"
                and kind is not Kind.GROWTH
                and value is not None
                and value > 100
            ):
                self.err(key, "value.rate_range", key=key, value=value)
        return target, actual, baseline, original

    def _reported(self) -> str | None:
        """The month a single actual refers to, as "YYYY-MM" of the item's year."""
        if "reported" not in self.raw:
            return None
        when: object = self.raw["reported"]
        if isinstance(when, dt.date):
            when = f"{when.year:04d}-{when.month:02d}"
        ym = parse_month(when)
        if ym is None:
            self.err("reported", "value.month", key="reported", value=when)
        elif ym[0] != self.year:
            self.err("reported", "value.month_year", month=when, year=self.year)
        else:
            return f"{ym[0]:04d}-{ym[1]:02d}"
        return None

    def _kind_rules(
        self,
        kind: Kind,
        state: MilestoneState | None,
        started: dt.date | None,
        done: dt.date | None,
    ) -> MilestoneState | None:
        """The keys each kind may have; a milestone's state (from `done` when not given)."""
        raw = self.raw
        if kind is Kind.GROWTH and "target" in raw:
            self.err("target", "growth.use_target_growth")
        for key in ("target_growth_pct", "original_target_growth_pct"):
            if kind is not Kind.GROWTH and key in raw:
                self.err(key, "growth.only_growth")
        if kind is Kind.INDICATOR and "target" in raw:
            self.err("target", "indicator.has_target")
        if kind is Kind.MILESTONE:
            for key in ("target", "actual", "history"):
                if key in raw:
                    self.err(key, "milestone.no_numbers", key=key)
            if done is not None and state is None:
                state = MilestoneState.DONE
            if started is not None and done is not None and done < started:
                self.err("done", "milestone.order", started=started, done=done)
            if done is not None and state not in (MilestoneState.DONE, None):
                self.err("state", "milestone.done_state", state=state.value if state else "")
            if state is None:
                state = MilestoneState.PLANNED
        elif any(k in raw for k in self._milestone_keys(kind)):
            bad = next(k for k in self._milestone_keys(kind) if k in raw)
            self.err(bad, "milestone.only_milestone", key=bad)
        return state

    @staticmethod
    def _milestone_keys(kind: Kind) -> tuple[str, ...]:
        """The milestone keys another kind may not have: an amount may have a `due` (a
        county's 完成时限: its expected progress reaches the whole target that month)."""
        if kind is Kind.AMOUNT:
            return ("state", "started", "done")
        return ("state", "due", "started", "done")

    def _parts(self) -> list[str]:
        parts = self.raw.get("parts", [])
        if not isinstance(parts, list) or not all(isinstance(p, str) for p in parts):
            self.err("parts", "type.string_list", key="parts")
            return []
        return parts

    def _weight(self) -> Decimal | None:
        if "weight" not in self.raw:
            return None
        weight = read_number(self.f, f"{self.id}.weight", self.raw["weight"])
        if weight is None:
            self.ok = False
        else:
            self.non_negative("weight", weight)
        return weight

    def records(
        self,
        kind: Kind,
        unit: Unit | None,
        target: Decimal | None,
        growth_target: Decimal | None,
        original: Decimal | None,
        growth_original: Decimal | None,
        texts: dict[str, str],
    ) -> dict[str, Any]:
        """The item's record of changes (see `plancheck.read.records`); the reason of the
        revision in force becomes the item's `target_reason` in `texts`."""
        if (
            not any(key in self.raw for key in RECORD_KEYS)
            and original is None
            and (growth_original is None)
        ):
            return {}
        growth = kind is Kind.GROWTH
        reason = self.raw.get("target_reason", "")
        revisions = read_revisions(
            self,
            kind,
            unit,
            growth_target if growth else target,
            growth_original if growth else original,
            reason if isinstance(reason, str) else "",
        )
        if revisions and revisions[-1].reason:
            texts["target_reason"] = revisions[-1].reason  # the one in force
        return {
            "revisions": revisions,
            "month_notes": read_notes(self),
            "corrections": read_corrections(self, unit),
            "growth_history": read_growth(self, kind),
        }

    def pct(self, key: str) -> Decimal | None:
        if key not in self.raw:
            return None
        value = self.raw[key]
        if isinstance(value, str):
            try:
                number, symbol = parse_quantity(value)
            except ValueError:
                return self.written_value(key, value, None)
            if symbol in ("%", ""):
                return number
            if key in WRITTEN_KEYS:
                return self.written_value(key, value, None)  # "增长10%左右"
            self.err(key, "value.percent", key=key, value=value)
            return None
        if not is_number(value):
            self.err(key, "type.number", key=key, got=type_name(value))
            return None
        return Decimal(value)

    def claims(self) -> tuple[Claim, ...]:
        raw = self.raw.get("claims")
        if raw is None:
            return ()
        if not isinstance(raw, list) or not all(isinstance(c, dict) for c in raw):
            self.err("claims", "type.claims")
            return ()
        out: list[Claim] = []
        for index, c in enumerate(raw):
            key = f"claims.{index}"
            unknown_keys(self.f, f"{self.id}.{key}", c, CLAIM_KEYS)
            try:
                kind = ClaimKind(c.get("kind"))
            except ValueError:
                self.err(
                    f"{key}.kind",
                    "value.choice",
                    key="kind",
                    value=c.get("kind"),
                    choices=", ".join(k.value for k in ClaimKind),
                )
                continue
            value = c.get("value")
            if not is_number(value):
                self.err(f"{key}.value", "type.number", key="value", got=type_name(value))
                continue
            unit = c.get("unit", "%" if kind in (ClaimKind.GROWTH, ClaimKind.SHARE) else "")
            if not isinstance(unit, str) or (unit and unit not in self.units):
                self._unknown_unit(f"{key}.unit", str(unit))
                continue
            of = c.get("of", [])
            if not isinstance(of, list) or not all(isinstance(r, str) for r in of):
                self.err(f"{key}.of", "type.string_list", key="of")
                continue
            if not of:
                of = self._default_refs(kind)
            if len(of) < 2:
                self.err(f"{key}.of", "claim.refs", kind=kind.value)
                continue
            says = c.get("says", "")
            if not isinstance(says, str):
                self.err(f"{key}.says", "type.string", key="says")
                continue
            year = c.get("year")
            if year is not None and (type(year) is not int or not 1900 <= year <= 2999):
                self.err(f"{key}.year", "value.year", key="year", value=year)
                continue
            out.append(Claim(kind, Decimal(value), unit, tuple(of), says, index, year))
        return tuple(out)

    def _default_refs(self, kind: ClaimKind) -> list[str]:
        if kind is ClaimKind.GROWTH:
            return [self.id, f"{self.id}.baseline"]
        if kind is ClaimKind.SHARE:
            return [self.id, f"{self.id}.target"]
        if kind is ClaimKind.DIFFERENCE:
            return [f"{self.id}.target", self.id]
        return []
