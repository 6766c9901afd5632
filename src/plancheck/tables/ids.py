"""Ids for new items: stable (the same name always gives the same id) and unique in a year.

An id is what the clerk types every month (`plancheck update ID VALUE`), so a readable one
is best, and `add` and `import` take one when it is given.  When it is not:

1. an item of the same name in another year of the ledger lends its id, so that the
   indicator keeps its id across years (year-over-year growth needs that);
2. otherwise the id is made from the name: the Latin words and codes in it (S329, GDP,
   5G …), lower-cased, and a short hash of the whole name — `s329-fece46` (S329道路配套), or
   `item-b7c458` for a name in Chinese only (问题厕所整改).

No pinyin library is used: the good one (pypinyin) adds 3.5 MB of dictionaries to every
install, and an id that depended on whether an optional library is installed would not be
stable.  The hash is of the name after Unicode NFKC normalisation with all spaces removed,
so full-width letters and stray spaces do not change it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Collection

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
"""What the loader accepts as an id."""

_WORD = re.compile(r"[A-Za-z0-9]+")
_MAX_WORDS = 3
_MAX_WORD = 12
HASH_CHARS = 6


def normalize_name(name: str) -> str:
    """The name as compared and hashed: NFKC, without any whitespace."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def base_id(name: str) -> str:
    """The id made from `name` alone (before making it unique in its year)."""
    key = normalize_name(name)
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest()[:HASH_CHARS]
    words = [
        w.lower()[:_MAX_WORD]
        for w in _WORD.findall(key)
        if any(c.isalpha() for c in w)  # a bare number (a year, a count) says little
    ][:_MAX_WORDS]
    prefix = "-".join(words) if words else "item"
    return f"{prefix}-{digest}"


def unique_id(base: str, taken: Collection[str]) -> str:
    """`base`, or `base-2`, `base-3` … — the first one not in `taken`."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def is_valid_id(text: str) -> bool:
    return bool(ID_PATTERN.match(text))
