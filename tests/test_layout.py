"""The layout shows the architecture, and stays that way (read with `ast`, nothing imported).

- the top of `src/plancheck/` holds few modules: the rest live in packages named for what
  they hold (read, report, check, write, tables, render, commands);
- across packages only public names are imported (a package's front door, or a public name
  of one of its modules), never another package's `_private` name;
- the core (model, units, periods, errors, messages, read, report, check, write, tables)
  imports neither the UI libraries nor the packages that present results.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "plancheck"
MAX_TOP_MODULES = 12
CORE = ("model", "units", "periods", "errors", "messages", "read", "report", "check", "write",
        "tables", "extract")  # fmt: skip
NOT_FOR_THE_CORE = ("typer", "rich", "tabulate", "plancheck.render", "plancheck.commands",
                    "plancheck.cli")  # fmt: skip


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package(module: str) -> str:
    """The top-level part of plancheck a module belongs to: `plancheck.read.load` → `read`;
    a top-level module is its own package (`plancheck.model` → `model`)."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imports(path: Path) -> Iterator[tuple[int, str, str]]:
    return _imports_in(path.read_text(encoding="utf-8"), _module_name(path), path.stem)


def _imports_in(text: str, module: str, stem: str) -> Iterator[tuple[int, str, str]]:
    """(line, module, name) for each `from X import name` and `import X` (name "")."""
    is_package = stem == "__init__"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.ImportFrom):
            source = node.module or ""
            if node.level:  # relative: resolve against this module's package
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - node.level + 1]
                source = ".".join([*base, source] if source else base)
            for alias in node.names:
                yield node.lineno, source, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name, ""


def _sources() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_the_top_level_holds_at_most_twelve_modules() -> None:
    top = sorted(p.name for p in SRC.glob("*.py"))
    assert len(top) <= MAX_TOP_MODULES, top


def test_no_module_imports_another_packages_private_name() -> None:
    found = []
    for path in _sources():
        here = _package(_module_name(path))
        for line, source, name in _imports(path):
            if not source.startswith("plancheck") or not name.startswith("_"):
                continue
            if name.startswith("__") and name.endswith("__"):
                continue  # __version__ and the like are public
            if _package(source) != here or not here:
                found.append(f"{path.relative_to(SRC)}:{line}: {source}.{name}")
    assert found == []


def test_the_core_imports_neither_the_ui_nor_render_nor_commands() -> None:
    found = []
    for path in _sources():
        if _package(_module_name(path)) not in CORE:
            continue
        for line, source, name in _imports(path):
            full = f"{source}.{name}" if name else source
            for banned in NOT_FOR_THE_CORE:
                if full == banned or full.startswith(banned + ".") or source == banned:
                    found.append(f"{path.relative_to(SRC)}:{line}: {full}")
    assert found == []


def test_the_checks_above_can_fail() -> None:
    """The walker sees imports inside functions too (the core imports lazily), and resolves
    relative imports."""
    code = "def f():\n    from plancheck.render.numbers import _x\n    from ..check import y\n"
    imported = list(_imports_in(code, "plancheck.read.probe", "probe"))
    assert imported == [(2, "plancheck.render.numbers", "_x"), (3, "plancheck.check", "y")]
    assert _package("plancheck.read.probe") == "read"
    assert _package("plancheck.model") == "model"


def test_the_core_raises_errors_and_leaves_exit_statuses_to_the_cli() -> None:
    found = []
    for path in _sources():
        if _package(_module_name(path)) not in CORE or path.name == "errors.py":
            continue
        for line, source, name in _imports(path):
            if source == "plancheck.errors" and name in ("ExitStatus", "exit_status"):
                found.append(f"{path.relative_to(SRC)}:{line}: {name}")
    assert found == []


def test_every_error_kind_maps_to_a_documented_exit_status() -> None:
    from plancheck.errors import (
        DataError,
        ExitStatus,
        LedgerError,
        PlancheckError,
        UsageError,
        exit_status,
    )

    assert exit_status(UsageError("x")) is ExitStatus.USAGE
    assert exit_status(PlancheckError("x")) is ExitStatus.USAGE
    assert exit_status(DataError("x")) is ExitStatus.DATA
    assert exit_status(LedgerError([])) is ExitStatus.DATA
    assert LedgerError([]).code == "ledger.errors"


FRONT_DOORS = ("read", "report", "check", "write", "tables")


@pytest.mark.parametrize("package", FRONT_DOORS)
def test_each_front_door_says_who_may_import_it_and_serves_its_names(package: str) -> None:
    door = importlib.import_module(f"plancheck.{package}")
    assert door.__doc__ and "Who may import it" in door.__doc__
    modules = {p.stem for p in (SRC / package).glob("*.py")}
    for name in door.__all__:
        value = getattr(door, name)
        assert not isinstance(value, types.ModuleType), name  # a name that is a module's too
        assert name not in modules or callable(value), name
    # a name imported on first use must not be a module's name too: once the module is
    # imported (by anyone), the package attribute would be the module, not the name
    assert not set(getattr(door, "_HOMES", {})) & modules


def test_a_cache_hit_does_not_import_the_loader(tmp_path: Path) -> None:
    targets = SRC.parent.parent / "targets"
    code = (
        "import sys\nfrom pathlib import Path\nfrom plancheck.read import load_cached\n"
        f"ledger = load_cached(Path({str(targets)!r}), Path({str(tmp_path)!r}))\n"
        "print(len(ledger.items) > 0, *(m in sys.modules for m in ("
        "'plancheck.read.load', 'plancheck.read.itemreader', 'plancheck.read.tomlread')))"
    )
    run = [sys.executable, "-c", code]
    first = subprocess.run(run, capture_output=True, text=True, check=True)  # stores it
    assert first.stdout.split() == ["True", "True", "True", "True"]
    hit = subprocess.run(run, capture_output=True, text=True, check=True)
    assert hit.stdout.split() == ["True", "False", "False", "False"]


MAX_FUNCTION_LINES = 60
SHORT = ("read", "check", "report/evaluate.py", "report/rollup.py", "report/results.py",
         "report/changes.py", "report/carryover.py", "tables/importplan.py",
         "periods.py")  # fmt: skip


def test_core_functions_stay_short() -> None:
    """Functions of the core's data flow stay under ~60 lines (docstring included): split by
    responsibility, not by slicing."""
    long = []
    for name in SHORT:
        paths = sorted((SRC / name).glob("*.py")) if (SRC / name).is_dir() else [SRC / name]
        for path in paths:
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    if length > MAX_FUNCTION_LINES:
                        long.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.name} {length}")
    assert long == []
