"""Count the report's numeric statements and how many the bundled ledger encodes.

    python scripts/report_coverage.py ../shared/seed/000_54b7a6c185d432d4.txt targets

A development aid for the bundled ledger (the report is not part of the repository): every
Arabic number in the report, less years, months and days, ordinals (第15个), road and hotline
names (G329, S329, 12345) and the like, counts as a statement; it is encoded when the same
number is a value (not a name, note, source or comment) somewhere in the ledger — written
as such, or as a quantity with a unit ("3956万元").  Chinese numerals (八家, 六批次) are not
counted here.
"""

from __future__ import annotations

import re
import sys
from decimal import Decimal
from pathlib import Path

NUMBER = re.compile(r"(?<![0-9A-Za-z.])(\d+(?:\.\d+)?)")
SKIP_AFTER = re.compile(r"^(年|月|日|号|周岁以上|周岁|个国际|个全国)")
SKIP_BEFORE = ("第", "G", "S", "省长", "“")
TEXT_KEYS = ("name", "note", "source", "says", "section", "owner", "target_reason")


def statements(report: str) -> list[tuple[str, str]]:
    out = []
    for m in NUMBER.finditer(report):
        number, start, end = m.group(1), m.start(), m.end()
        after, before = report[end : end + 6], report[max(0, start - 2) : start]
        if SKIP_AFTER.match(after) or before.endswith(SKIP_BEFORE):
            continue
        if report[end : end + 1] in ("-", "+") or report[start - 1 : start] in ("-", "+"):
            continue  # 1-12月, 1+5+N
        if number in ("12345", "5.12") or (number.isdigit() and 1990 <= int(number) <= 2099):
            continue  # a hotline, a date, a year
        context = report[max(0, start - 12) : end + 6].replace("\n", " ")
        out.append((number, context))
    return out


def encoded_values(root: Path) -> set[Decimal]:
    values: set[Decimal] = set()
    for path in root.rglob("*.toml"):
        for line in path.read_text("utf-8").splitlines():
            line = line.split("#", 1)[0]
            if "=" not in line:
                continue
            key, value = line.split("=", 1)
            if key.strip().strip('"') in TEXT_KEYS:
                continue
            for number in NUMBER.findall(value):
                values.add(Decimal(number))
    return values


def main() -> None:
    report = Path(sys.argv[1]).read_text("utf-8")
    found = statements(report)
    values = encoded_values(Path(sys.argv[2]))
    missing = [(n, c) for n, c in found if Decimal(n) not in values]
    share = (len(found) - len(missing)) / len(found) * 100
    print(f"numeric statements: {len(found)}; encoded: {len(found) - len(missing)} ({share:.1f} %)")
    for number, context in missing:
        print(f"  not found: {number}   …{context}…")


if __name__ == "__main__":
    main()
