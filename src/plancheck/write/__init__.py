"""Changing ledger files: in-place edits that keep comments and layout, new items appended,
new ledgers scaffolded — each verified by reading the result back, written atomically under
the ledger's lock, refused when the file changed underneath.

Who may import it: plancheck.commands, and the core packages that produce ledger text
(plancheck.tables, plancheck.report.carryover).  Import the names below from
`plancheck.write`, not from its modules; they are imported on first use (tomlkit is heavy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plancheck import lazy_names

if TYPE_CHECKING:
    from plancheck.write.append import (
        DEFAULT_FILE,
        AppendResult,
        NewItem,
        TomlValue,
        append_items,
        item_block,
        read_back,
        read_settings,
        refuse_group,
        toml_string,
        toml_value,
        validate,
        year_file,
        year_ids,
    )
    from plancheck.write.atomic import LOCK_FILE, edit_error, ledger_lock, write_atomic
    from plancheck.write.block import find_item_file, parse_growth, parse_value, toml_number
    from plancheck.write.edit import (
        EditResult,
        record_actual,
        set_milestone,
        set_target,
    )
    from plancheck.write.scaffold import EXAMPLE_ID, create_ledger, ledger_files

_HOMES = {
    "write_atomic": "atomic",
    "ledger_lock": "atomic",
    "edit_error": "atomic",
    "LOCK_FILE": "atomic",
    "record_actual": "edit",
    "set_milestone": "edit",
    "set_target": "edit",
    "EditResult": "edit",
    "toml_number": "block",
    "find_item_file": "block",
    "parse_value": "block",
    "parse_growth": "block",
    "NewItem": "append",
    "AppendResult": "append",
    "TomlValue": "append",
    "DEFAULT_FILE": "append",
    "append_items": "append",
    "item_block": "append",
    "toml_string": "append",
    "toml_value": "append",
    "read_back": "append",
    "year_file": "append",
    "year_ids": "append",
    "read_settings": "append",
    "refuse_group": "append",
    "validate": "append",
    "create_ledger": "scaffold",
    "ledger_files": "scaffold",
    "EXAMPLE_ID": "scaffold",
}
"""Each public name and the module (of this package) that defines it."""

__all__ = [
    "DEFAULT_FILE",
    "EXAMPLE_ID",
    "LOCK_FILE",
    "AppendResult",
    "EditResult",
    "NewItem",
    "TomlValue",
    "append_items",
    "create_ledger",
    "edit_error",
    "find_item_file",
    "item_block",
    "ledger_files",
    "ledger_lock",
    "parse_growth",
    "parse_value",
    "read_back",
    "read_settings",
    "record_actual",
    "refuse_group",
    "set_milestone",
    "set_target",
    "toml_number",
    "toml_string",
    "toml_value",
    "validate",
    "write_atomic",
    "year_file",
    "year_ids",
]


__getattr__ = lazy_names(__name__, _HOMES)
