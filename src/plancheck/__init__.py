"""plancheck: a target ledger for government work reports."""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping

__version__ = "0.1.0"


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], object]:
    """A package front door's `__getattr__` (PEP 562): a public name is imported from its
    module (`homes`: name → module of `package`) on first use and kept, so that start-up
    imports only what it uses."""

    def __getattr__(name: str) -> object:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        from importlib import import_module

        value = getattr(import_module(f"{package}.{home}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
