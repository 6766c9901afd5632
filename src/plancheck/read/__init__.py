"""Reading a ledger: files → model (plancheck.model).

The loader (`load_ledger`: every file of every year validated, every problem collected and
located; `LedgerError` when any is an error), the cache of loaded ledgers (`load_cached`),
the reader of one item table (`ItemReader` over a `SourceFile`, also used by plancheck.write
and plancheck.tables to validate what they are about to write), the TOML parsers (`loads`)
and the line finder (`key_lines`).

Who may import it: every other package.  Import the names below from `plancheck.read`, not
from its modules.  The names are imported on first use, so that a cache hit (`status` on an
unchanged ledger) never imports the loader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plancheck import lazy_names

if TYPE_CHECKING:
    from plancheck.read.cache import cache_dir, load_cached
    from plancheck.read.files import SETTINGS_FILE, is_ledger, ledger_files, member_ledgers
    from plancheck.read.itemreader import CLAIM_KEYS, FILE_KEYS, ITEM_KEYS, ItemReader, parse_month
    from plancheck.read.load import load_ledger, load_settings, read_year_file
    from plancheck.read.locate import key_lines, table_headers, value_end
    from plancheck.read.plainitem import plain_item
    from plancheck.read.tomlfile import SourceFile, parse_source, read_source
    from plancheck.read.tomlread import fast_parser, loads

_HOMES = {
    "load_ledger": "load",
    "load_settings": "load",
    "ledger_files": "files",
    "read_year_file": "load",
    "is_ledger": "files",
    "member_ledgers": "files",
    "SETTINGS_FILE": "files",
    "load_cached": "cache",
    "cache_dir": "cache",
    "key_lines": "locate",
    "table_headers": "locate",
    "value_end": "locate",
    "loads": "tomlread",
    "fast_parser": "tomlread",
    "ItemReader": "itemreader",
    "ITEM_KEYS": "itemreader",
    "FILE_KEYS": "itemreader",
    "CLAIM_KEYS": "itemreader",
    "parse_month": "itemreader",
    "SourceFile": "tomlfile",
    "read_source": "tomlfile",
    "parse_source": "tomlfile",
    "plain_item": "plainitem",
}
"""Each public name and the module (of this package) that defines it."""

__all__ = [
    "CLAIM_KEYS",
    "FILE_KEYS",
    "ITEM_KEYS",
    "SETTINGS_FILE",
    "ItemReader",
    "SourceFile",
    "cache_dir",
    "fast_parser",
    "is_ledger",
    "key_lines",
    "ledger_files",
    "load_cached",
    "load_ledger",
    "load_settings",
    "loads",
    "member_ledgers",
    "parse_month",
    "parse_source",
    "plain_item",
    "read_source",
    "read_year_file",
    "table_headers",
    "value_end",
]


__getattr__ = lazy_names(__name__, _HOMES)
