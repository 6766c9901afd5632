"""A draft as ledger files (settings and one file per section), and as a loaded ledger.

Every item is written with `draft = true`; its uncertainties are a comment above it, so
that the person confirming it sees what to look at.  The files load with no hand edit.
"""

from __future__ import annotations

import re
import tempfile
from decimal import Decimal
from pathlib import Path

from plancheck.extract.draft import Draft, Entry, SectionInfo
from plancheck.model import Kind, Ledger
from plancheck.write.append import toml_string

_WORDS = {
    "name_guessed": "名称为推测",
    "kind_guessed": "类型为推测",
    "unit_unknown": "单位不明",
    "qualified": "约数或范围（原文见 note）",
    "parts_guessed": "分项是否完整为推测",
    "not_placed": "计划部分的数字未写明目标",
    "owners_unknown": "报告未写明责任单位，设置中 owners 留空",
}


def uncertainty_words(code: str) -> str:
    """A review code in Chinese (the file comments are written for the clerk)."""
    return _WORDS.get(code, code)


def _number(value: Decimal) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _strings(values: list[str]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def _level(entity: str) -> str:
    for suffix, level in (("县", "county"), ("区", "county"), ("市", "city")):
        if entity.endswith(suffix):
            return level
    return "township"


def settings_text(draft: Draft, report_name: str) -> str:
    units = f"units = {_strings(list(draft.units))}\n" if draft.units else ""
    owners = f"owners = {_strings(list(draft.owners))}\n"
    if not draft.owners:
        owners = f"# {uncertainty_words('owners_unknown')}\n{owners}"
    return (
        f"# plancheck 台账设置 — {draft.entity or '（未识别单位名称）'}（草稿）\n"
        f"# 由 plancheck extract 从 {report_name} 生成。\n"
        "# 条目均为草稿（draft = true），核对后用 plancheck confirm 确认。\n\n"
        f"entity = {toml_string(draft.entity or '未命名')}\n"
        f"level = {toml_string(_level(draft.entity))}\n"
        'language = "zh"\n'
        f"{owners}"
        f"{units}"
    )


def _item(e: Entry) -> list[str]:
    lines = []
    if e.flags:
        lines.append("# 待核：" + "；".join(uncertainty_words(f) for f in e.flags))
    lines += [f"[{e.id}]", f"name = {toml_string(e.name)}", f'kind = "{e.kind.value}"']
    if e.kind is not Kind.MILESTONE:
        lines.append(f"unit = {toml_string(e.unit)}")
    for key in ("target", "actual", "baseline", "actual_growth_pct", "target_growth_pct"):
        value = getattr(e, key)
        if value is not None:
            lines.append(f"{key} = {_number(value)}")
    if e.kind is Kind.MILESTONE:
        lines.append(f'state = "{e.state}"')
        for key in ("done", "due"):
            if getattr(e, key):
                lines.append(f'{key} = "{getattr(e, key)}"')
    if e.parts:
        lines.append(f"parts = {_strings(e.parts)}")
        if not e.parts_exhaustive:
            lines.append("parts_exhaustive = false")
    if e.same_as:
        lines.append(f"same_as = {toml_string(e.same_as)}")
    if e.note:
        lines.append(f"note = {toml_string(e.note)}")
    lines += ["draft = true", f"source = {toml_string(e.source)}"]
    for c in e.claims:
        lines += [
            "",
            f"[[{e.id}.claims]]",
            f'kind = "{c.kind.value}"',
            f"value = {_number(c.value)}",
        ]
        if c.unit and c.unit != "%":
            lines.append(f"unit = {toml_string(c.unit)}")
        if c.of:
            lines.append(f"of = {_strings(c.of)}")
        lines.append(f"says = {toml_string(c.says)}")
    return lines


def _file_name(section: SectionInfo) -> str:
    """2025/01-产业发展.toml: the section's number and its heading's first phrase, without
    its numbering and any character a file name cannot hold."""
    title = re.sub(
        r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)", "", section.title
    )
    short = re.split(r"[，,：:；;。]", title.strip())[0]
    slug = "".join(c for c in short if c.isalnum())[:12] or "section"
    return f"{section.year:04d}/{section.index:02d}-{slug}.toml"


def _section_text(draft: Draft, section: SectionInfo) -> str:
    title = re.sub(r"\s+", " ", section.title)
    short = re.split(r"[，,]", title)[0]
    lines = [f"# {draft.title} — {title}（草稿）", "", f"section = {toml_string(short)}"]
    if section.weaknesses:
        lines.append(f"weaknesses = {_strings(list(section.weaknesses))}")
    for e in draft.entries:
        if e.section == section.index and e.year == section.year:
            lines += ["", *_item(e)]
    return "\n".join(lines) + "\n"


def draft_files(draft: Draft, report_name: str) -> dict[str, str]:
    """The draft ledger's files: relative path → text."""
    files = {"plancheck.toml": settings_text(draft, report_name)}
    for section in draft.sections:
        files[_file_name(section)] = _section_text(draft, section)
    files[".gitignore"] = ".plancheck.lock\n"
    return files


def section_file(draft: Draft, entry: Entry) -> str:
    """The relative path of the file that holds `entry`."""
    section = next(s for s in draft.sections if s.index == entry.section and s.year == entry.year)
    return _file_name(section)


def draft_ledger(draft: Draft) -> Ledger:
    """The draft loaded as a ledger (through a temporary folder, removed at once), so that
    every `check` rule runs on it exactly as on a ledger on disk."""
    from plancheck.read.load import load_ledger

    with tempfile.TemporaryDirectory(prefix="plancheck-proof-") as tmp:
        root = Path(tmp)
        for rel, text in draft_files(draft, "report").items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return load_ledger(root)
