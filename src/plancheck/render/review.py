"""The review list of `plancheck extract`: each draft entry, its sentence with the figure
highlighted 【like this】, and what was uncertain; then the figures left out of the draft.

Text: two lines an entry (id, kind, name, value, uncertainties; the sentence indented);
a last line when the report names no responsible office (the settings' owners are empty).
JSON: a list of objects, one per entry then one per figure left out:

    id         the entry's id (null for a figure left out)
    year       its year
    file       the draft file that holds it (null for a figure left out)
    line       the report's line of the sentence
    kind       amount / growth / rate / milestone / indicator (null for a figure left out)
    name       the name given (null for a figure left out)
    value      the figure recorded, as written (5.46亿元, 约12亿元), or the date of a milestone
    uncertain  codes: name_guessed, kind_guessed, unit_unknown, qualified, parts_guessed,
               not_placed
    sentence   the sentence, verbatim

When the report names no responsible office, a last object says so: file "plancheck.toml",
uncertain ["owners_unknown"], every other field null.
"""

from __future__ import annotations

from plancheck.extract import Draft, Entry, section_file, uncertainty_words
from plancheck.render import CheckFormat
from plancheck.render.jsonout import Json, dumps

_EN = {
    "name_guessed": "name guessed",
    "kind_guessed": "kind guessed",
    "unit_unknown": "unit unknown",
    "qualified": "approximate or range (see note)",
    "parts_guessed": "parts complete? guessed",
    "not_placed": "plan figure without a target",
    "owners_unknown": "the report names no responsible office: owners left empty",
}


def _words(codes: list[str] | tuple[str, ...], lang: str) -> str:
    return "; ".join(_EN.get(c, c) if lang == "en" else uncertainty_words(c) for c in codes)


def highlighted(sentence: str, texts: list[str]) -> str:
    """The sentence with each figure's text put in 【】 (its first free occurrence)."""
    out = sentence
    for text in texts:
        at = out.find(text)
        while at > 0 and out[at - 1] == "【":
            at = out.find(text, at + 1)
        if at >= 0:
            out = out[:at] + "【" + text + "】" + out[at + len(text) :]
    return out


def _value(e: Entry) -> str:
    if e.figure is None:
        return e.done or e.due or "—"
    return "、".join(f.text for f in e.figures)


def _entry_json(draft: Draft, e: Entry) -> dict[str, Json]:
    return {
        "id": e.id,
        "year": e.year,
        "file": section_file(draft, e),
        "line": e.line,
        "kind": e.kind.value,
        "name": e.name,
        "value": _value(e),
        "uncertain": list(e.flags),
        "sentence": e.source,
    }


def render_review(draft: Draft, fmt: CheckFormat, lang: str = "zh") -> str:
    """The review list in `fmt`; the dispatch is exhaustive over CheckFormat."""
    if fmt is CheckFormat.JSON:
        rows: list[Json] = [_entry_json(draft, e) for e in draft.entries]
        for u in draft.unplaced:
            rows.append(
                {"id": None, "year": u.year, "file": None, "line": u.line, "kind": None,
                 "name": None, "value": u.figure.text, "uncertain": [u.reason],
                 "sentence": u.source}
            )  # fmt: skip
        if not draft.owners:
            rows.append(
                {"id": None, "year": None, "file": "plancheck.toml", "line": None, "kind": None,
                 "name": None, "value": None, "uncertain": ["owners_unknown"], "sentence": None}
            )  # fmt: skip
        return dumps(rows) + "\n"
    if fmt is CheckFormat.TEXT:
        out = []
        for e in draft.entries:
            flags = f"  ⚠ {_words(e.flags, lang)}" if e.flags else ""
            out.append(f"{e.id}  {e.kind.value}  {e.name}  {_value(e)}{flags}")
            out.append(f"    {e.line}: {highlighted(e.source, [f.text for f in e.figures])}")
        for u in draft.unplaced:
            head = "未收入草稿" if lang != "en" else "left out"
            out.append(f"—  {head}  {u.figure.text}  ⚠ {_words([u.reason], lang)}")
            out.append(f"    {u.line}: {highlighted(u.source, [u.figure.text])}")
        if not draft.owners:
            out.append(f"—  plancheck.toml  owners = []  ⚠ {_words(['owners_unknown'], lang)}")
        return "".join(line + "\n" for line in out)
    raise AssertionError(fmt)  # pragma: no cover - exhaustive
