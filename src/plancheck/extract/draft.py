"""The draft's values: entries built from the report's figures, and the review list.

An `Entry` is built in steps (a sentence's figures, then the links between sentences), so
it is a plain dataclass while the draft is made; `extract` hands the finished draft out
as a frozen `Draft` and nothing changes it afterwards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from plancheck.extract.figures import Figure
from plancheck.model import ClaimKind, Kind

# What was uncertain about an entry or a figure (codes; plancheck.messages words them).
NAME_GUESSED = "name_guessed"
KIND_GUESSED = "kind_guessed"
UNIT_UNKNOWN = "unit_unknown"
QUALIFIED = "qualified"
"""约, 左右, 以上, 余, a range: the model keeps the number; the written text is in the note."""
PARTS_GUESSED = "parts_guessed"
"""Whether the parts named are all of the total is a guess."""
NOT_PLACED = "not_placed"
"""A figure of the plan part that states no target: left out of the draft."""
OWNERS_UNKNOWN = "owners_unknown"
"""The report names no responsible office: the settings' owners are left empty."""
UNCERTAINTIES = (
    NAME_GUESSED,
    KIND_GUESSED,
    UNIT_UNKNOWN,
    QUALIFIED,
    PARTS_GUESSED,
    NOT_PLACED,
    OWNERS_UNKNOWN,
)


@dataclass
class DraftClaim:
    kind: ClaimKind
    value: Decimal
    unit: str
    of: list[str]
    """References as in the ledger ("id", "id.baseline"); empty for the item's default."""
    says: str


@dataclass
class Entry:
    """One entry of the draft: an item of the ledger, with where it came from."""

    id: str
    year: int
    section: int
    name: str
    kind: Kind
    unit: str
    source: str
    """The sentence, verbatim."""
    line: int
    """The report's line of the sentence."""
    figure: Figure | None
    """The figure the entry records (None for a part known only by its average)."""
    actual: Decimal | None = None
    target: Decimal | None = None
    baseline: Decimal | None = None
    actual_growth_pct: Decimal | None = None
    target_growth_pct: Decimal | None = None
    parts: list[str] = field(default_factory=list)
    parts_exhaustive: bool = True
    claims: list[DraftClaim] = field(default_factory=list)
    note: str = ""
    flags: list[str] = field(default_factory=list)
    state: str = ""
    done: str = ""
    due: str = ""
    same_as: str = ""
    event: str = ""
    """A milestone's verb as written (开工, 投产, 竣工 …)."""
    quantity: str = "actual"
    """The field that holds the quantity the name (`key`) denotes: "target" for a pair of
    problems found and fixed (排查隐患14项、已整改14项), whose name says 整改."""
    key: str = ""
    """The name before such a verb was added ("" when it is the name)."""
    figures: list[Figure] = field(default_factory=list)
    """Every figure of the sentence the entry uses (its own, a baseline, a growth rate)."""

    def flag(self, code: str) -> None:
        if code not in self.flags:
            self.flags.append(code)


@dataclass(frozen=True)
class Unplaced:
    """A figure the extractor found but could not place in an entry."""

    figure: Figure
    source: str
    line: int
    year: int
    reason: str


@dataclass(frozen=True)
class SectionInfo:
    index: int
    title: str
    year: int
    weaknesses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Draft:
    """A whole draft ledger, ready to be written or checked."""

    entity: str
    title: str
    year: int
    plan_year: int
    sections: tuple[SectionInfo, ...]
    entries: tuple[Entry, ...]
    unplaced: tuple[Unplaced, ...]
    units: tuple[str, ...]
    """Counting units the draft uses that the unit table does not know (settings' units)."""
    owners: tuple[str, ...] = ()
    """The responsible offices the report names (settings' owners); () when none."""
