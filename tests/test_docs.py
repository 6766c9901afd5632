"""Docs are tested like code: every command is in the README, the quick start is two commands."""

from __future__ import annotations

import re
from pathlib import Path

from plancheck.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert names
    for name in names:
        assert f"plancheck {name}" in README, name


def test_quick_start_is_two_commands_and_ci_runs_the_second() -> None:
    block = README.split("## Quick start", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert len(commands) == 2
    assert "plancheck status" in commands[0]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci


def test_exit_codes_in_readme_match_the_enum() -> None:
    from plancheck.errors import ExitStatus

    table = README.split("## Exit status", 1)[1]
    for status in ExitStatus:
        assert re.search(rf"^\| {int(status)} \|", table, re.M), status


def test_contributing_is_linked_and_names_only_paths_that_exist() -> None:
    """CONTRIBUTING.md stays true: the README links it, every file or folder it names is
    there, and every package of src/plancheck is in its table."""
    import re

    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "(CONTRIBUTING.md)" in README
    named = set(re.findall(r"`((?:src|tests)/[\w./-]+?)/?`", text))
    assert len(named) > 10
    for path in named:
        if "NAME" in path or "FORMAT" in path or "/x" in path:
            continue  # a placeholder: src/plancheck/commands/NAME.py
        assert (ROOT / path).exists(), path
    packages = [p.name for p in (ROOT / "src/plancheck").iterdir() if (p / "__init__.py").exists()]
    modules = [p.name for p in (ROOT / "src/plancheck").glob("*.py") if not p.name.startswith("_")]
    for name in packages:
        assert f"`{name}/`" in text, name
    for name in modules:
        assert f"`{name}`" in text, name
