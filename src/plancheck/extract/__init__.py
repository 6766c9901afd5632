"""From a work report to a draft ledger (`plancheck extract`, `plancheck proof`).

The front door of the package; other packages import from here only.

- `read_report(path)`: the text of a .txt, .md or .docx report (python-docx, imported
  only for .docx);
- `report_years(text)`: (the year the report reviews, the year it plans), from its
  headings, dated sentences and title, else None; `report_year(text)`: the first;
- `extract(text, year, plan_year)`: the `Draft` — the entity from the title, a section per
  heading (一、（一）), an entry per numeric statement with its name, value and unit, kind,
  parts (其中), claims (stated growth, averages, net changes), `same_as` for a quantity
  stated twice, the verbatim sentence, and what was uncertain; figures it cannot place
  are listed for review, never guessed into the draft;
- `draft_files(draft, report_name)`: the draft as ledger files (every item `draft = true`);
- `draft_ledger(draft)`: the draft loaded as a `Ledger`, for the `check` rules;
- `proof(draft, report)`: the `check` findings of the draft, located in the report;
- `confirm(root, ids, year)`: remove `draft = true` from confirmed items (all or nothing).

Pure: no typer, rich or tabulate.  The grammar is in plancheck.extract.outline (headings,
sentences), .figures (numbers, units, qualifiers, what is not a quantity), .names (the
subject phrase), .sentence (each figure's role), .breakdown (其中 lists), .links (across
sentences).
"""

from __future__ import annotations

from pathlib import Path

from plancheck.errors import DataError, UsageError
from plancheck.extract.build import extract
from plancheck.extract.confirm import confirm
from plancheck.extract.draft import UNCERTAINTIES, Draft, DraftClaim, Entry, Unplaced
from plancheck.extract.ledger import draft_files, draft_ledger, section_file, uncertainty_words
from plancheck.extract.outline import report_year, report_years
from plancheck.extract.proof import ProofFinding, proof

SUFFIXES = (".txt", ".md", ".docx")

__all__ = [
    "SUFFIXES",
    "UNCERTAINTIES",
    "Draft",
    "DraftClaim",
    "Entry",
    "ProofFinding",
    "Unplaced",
    "confirm",
    "draft_files",
    "draft_ledger",
    "extract",
    "proof",
    "read_report",
    "report_year",
    "report_years",
    "section_file",
    "uncertainty_words",
]


def _docx_text(path: Path) -> str:
    try:
        import docx
    except ImportError:
        raise UsageError("extract.needs_docx") from None
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged file
        raise DataError("extract.unreadable", path=path, reason=type(exc).__name__) from None
    return "\n".join(p.text for p in document.paragraphs)


def read_report(path: Path) -> str:
    """The report's text; refuses other formats and unreadable files, located."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError("extract.format", path=path, suffix=suffix or "—")
    if not path.is_file():
        raise UsageError("extract.missing", path=path)
    if suffix == ".docx":
        return _docx_text(path)
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise DataError("extract.not_utf8", path=path) from None
    except OSError as exc:
        raise DataError("extract.unreadable", path=path, reason=exc.strerror or exc) from None
