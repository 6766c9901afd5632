"""Spreadsheets in: reading xlsx/csv tables (`read_table`), finding their columns, planning an
import (`plan_import`: rows → new items and target updates, each row validated like a
ledger item), and parsing the answers of `plancheck add` (`parse_*`).

Who may import it: plancheck.commands and plancheck.render (for the column labels).  Import
the names below from `plancheck.tables`, not from its modules; they are imported on first
use (openpyxl only inside the functions that need it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from plancheck import lazy_names

if TYPE_CHECKING:
    from plancheck.tables.entry import (
        KINDS,
        item_table,
        kind_choices,
        parse_direction,
        parse_due,
        parse_id,
        parse_kind,
        parse_name,
        parse_owner,
        parse_target,
        parse_unit,
    )
    from plancheck.tables.importplan import (
        ExistingRow,
        ImportPlan,
        RowItem,
        new_target,
        plan_import,
        row_table,
        target_text,
        target_updates,
    )
    from plancheck.tables.tabular import (
        DIRECTION_LABELS,
        DIRECTION_WORDS,
        EMPTY,
        IMPORT_FIELDS,
        KIND_LABELS,
        KIND_WORDS,
        NATURE_WORDS,
        Cell,
        Table,
        cell_text,
        decode_text,
        find_columns,
        header_for,
        norm,
        parse_map,
        read_table,
    )

_HOMES = {
    "read_table": "tabular",
    "Table": "tabular",
    "Cell": "tabular",
    "parse_map": "tabular",
    "find_columns": "tabular",
    "cell_text": "tabular",
    "decode_text": "tabular",
    "header_for": "tabular",
    "norm": "tabular",
    "IMPORT_FIELDS": "tabular",
    "EMPTY": "tabular",
    "KIND_WORDS": "tabular",
    "DIRECTION_WORDS": "tabular",
    "NATURE_WORDS": "tabular",
    "KIND_LABELS": "tabular",
    "DIRECTION_LABELS": "tabular",
    "plan_import": "importplan",
    "ImportPlan": "importplan",
    "RowItem": "importplan",
    "ExistingRow": "importplan",
    "target_updates": "importplan",
    "target_text": "importplan",
    "new_target": "importplan",
    "row_table": "importplan",
    "KINDS": "entry",
    "kind_choices": "entry",
    "parse_name": "entry",
    "parse_kind": "entry",
    "parse_unit": "entry",
    "parse_direction": "entry",
    "parse_target": "entry",
    "parse_due": "entry",
    "parse_owner": "entry",
    "parse_id": "entry",
    "item_table": "entry",
}
"""Each public name and the module (of this package) that defines it."""

__all__ = [
    "DIRECTION_LABELS",
    "DIRECTION_WORDS",
    "EMPTY",
    "IMPORT_FIELDS",
    "KINDS",
    "KIND_LABELS",
    "KIND_WORDS",
    "NATURE_WORDS",
    "Cell",
    "ExistingRow",
    "ImportPlan",
    "RowItem",
    "Table",
    "cell_text",
    "decode_text",
    "find_columns",
    "header_for",
    "item_table",
    "kind_choices",
    "new_target",
    "norm",
    "parse_direction",
    "parse_due",
    "parse_id",
    "parse_kind",
    "parse_map",
    "parse_name",
    "parse_owner",
    "parse_target",
    "parse_unit",
    "plan_import",
    "read_table",
    "row_table",
    "target_text",
    "target_updates",
]


__getattr__ = lazy_names(__name__, _HOMES)
