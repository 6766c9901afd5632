"""The TOML reader for loading ledgers.

Two parsers, one answer:

- `tomli` is the reference.  It is the project the standard library's `tomllib` was taken
  from; its wheels are compiled (mypyc) and parse about 2.5 times faster than `tomllib`,
  which does the same job where tomli is not installed.  Its error messages carry the line
  and column that plancheck reports.
- `toml_rs` (Rust) parses a province's 84 MB of ledgers about 2.7 times faster still, and
  is used first where it is installed (it has wheels for the common platforms).  It is only
  an accelerator: whenever it refuses a file, or fails in any other way, the reference
  parser reads the file again and its verdict stands — its result when it accepts the file
  (integers beyond 64 bits, say), its located message when it does not.  A file that could
  nest deeper than the reference allows never reaches it.  A test compares both parsers on
  random documents.

Floats are read as `Decimal`, always: the ledger's numbers are exact.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # both have the same interface; type-check against the standard one
    from tomllib import TOMLDecodeError
    from tomllib import loads as reference_loads
else:

    def __getattr__(name: str) -> Any:
        if name in ("TOMLDecodeError", "reference_loads"):
            return getattr(_reference(), "loads" if name == "reference_loads" else name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _reference() -> Any:
    """tomli (else the standard library's tomllib), imported on first use, like the fast
    parser: a run served by the cache parses nothing, and start-up is what staff wait for
    in a meeting."""
    try:
        parser = importlib.import_module("tomli")
    except ImportError:  # pragma: no cover - tomli is a dependency; tomllib the fallback
        parser = importlib.import_module("tomllib")
    globals().update(TOMLDecodeError=parser.TOMLDecodeError, reference_loads=parser.loads)
    return parser


__all__ = ["TOMLDecodeError", "fast_parser", "loads", "reference_loads"]

_fast: list[Callable[..., dict[str, Any]] | None] = []


def fast_parser() -> Callable[..., dict[str, Any]] | None:
    """toml-rs's `loads`, imported on first use (a run served by the cache never parses),
    or None where it is not installed."""
    if not _fast:
        try:
            from toml_rs import loads as fast_loads
        except ImportError:  # pragma: no cover - platforms without its wheels
            _fast.append(None)
        else:
            _fast.append(fast_loads)
    return _fast[0]


MAX_DEPTH = 400
"""The reference parser refuses inline arrays and tables nested deeper than this (and
dotted keys of more parts than the recursion limit)."""


def _too_deep(value: Any) -> bool:
    stack = [(value, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        for inner in value.values() if type(value) is dict else value:
            if type(inner) is dict or type(inner) is list:
                stack.append((inner, depth + 1))
    return False


def loads(text: str) -> dict[str, Any]:
    """The document `text` as a dict, floats as Decimal; raises the reference parser's
    TOMLDecodeError (or RecursionError, ValueError) when it is not valid TOML."""
    # The fast parser recurses into nested arrays and inline tables on the machine stack
    # and, nested a few thousand deep, takes the process down.  Nesting needs one bracket or
    # brace a level, so a text with no more of them than the reference's own limit can
    # neither crash it nor nest deeper than the reference accepts; any other text is the
    # reference's to read.  (A ledger file of 100 items with histories has about 180.)
    fast_loads = fast_parser()
    if (
        fast_loads is not None
        and not text.startswith("\ufeff")  # a BOM: the reference refuses it, toml-rs not
        and text.count("[") + text.count("{") <= MAX_DEPTH
    ):
        try:
            result: dict[str, Any] = fast_loads(text, parse_float=Decimal)
        except Exception:  # any refusal is the reference parser's to judge
            pass
        else:
            # Dotted keys nest tables without brackets (toml-rs accepts any number of parts,
            # the reference up to its recursion limit): only a text with that many dots can.
            if text.count(".") <= MAX_DEPTH * 2 or not _too_deep(result):
                return result
    reference: Callable[..., dict[str, Any]] = globals().get("reference_loads") or (
        _reference().loads
    )
    return reference(text, parse_float=Decimal)
