"""The command-line interface: one typer app, commands registered from plancheck.commands.

Typer turns every registered command into a click command (inspecting its signature) each
time the program starts; with fifteen commands that was a third of `status`'s start-up.
`main()` therefore registers only the command being run, when it can tell which one it is
(the first word that is not an option); `--help`, no command or an unknown word get the
full app.  `plancheck.cli.app` is the full app too (tests and documentation use it).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from collections.abc import Sequence

COMMANDS: dict[str, tuple[str, str]] = {
    "status": ("plancheck.commands.status", "status"),
    "summary": ("plancheck.commands.summary", "summary"),
    "shortfalls": ("plancheck.commands.summary", "shortfalls"),
    "update": ("plancheck.commands.update", "update"),
    "set-target": ("plancheck.commands.update", "set_target"),
    "show": ("plancheck.commands.show", "show"),
    "diff": ("plancheck.commands.show", "diff"),
    "report": ("plancheck.commands.report", "report"),
    "check": ("plancheck.commands.check", "check"),
    "carryover": ("plancheck.commands.carryover", "carryover"),
    "init": ("plancheck.commands.dataio", "init"),
    "add": ("plancheck.commands.add", "add"),
    "import": ("plancheck.commands.dataio", "import_"),
    "export": ("plancheck.commands.dataio", "export"),
    "extract": ("plancheck.commands.extract", "extract"),
    "proof": ("plancheck.commands.extract", "proof"),
    "confirm": ("plancheck.commands.extract", "confirm"),
    "forms": ("plancheck.commands.cycle", "forms"),
    "collect": ("plancheck.commands.cycle", "collect"),
    "meeting": ("plancheck.commands.cycle", "meeting"),
    "remove": ("plancheck.commands.remove", "remove"),
    "rename": ("plancheck.commands.remove", "rename"),
}


COMPLETION = True
"""typer's --install-completion and --show-completion (measured: no cost to `status`)."""

CONTEXT: dict[str, dict[str, object]] = {
    # A growth rate may be negative (a planned fall: set-target energy -3%): a word that
    # starts with "-" and is no option is the value, not an unknown option.
    "set-target": {"ignore_unknown_options": True},
    "update": {"ignore_unknown_options": True},  # a stated growth: update gdp -2.5%
}


def _version(value: bool) -> None:
    if value:
        from plancheck import __version__

        print(f"plancheck {__version__}")
        raise typer.Exit()


def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print plancheck's version and exit.",
            is_eager=True,
            callback=_version,
        ),
    ] = False,
) -> None:
    """plancheck — track yearly targets (目标任务) against actuals, from plain TOML files."""


def build_app(only: str | None = None) -> typer.Typer:
    """The app with every command, or with only `only` (which must be in COMMANDS)."""
    app = typer.Typer(
        name="plancheck",
        help="plancheck — a target ledger for government work reports (目标任务台账).",
        no_args_is_help=True,
        add_completion=COMPLETION,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    app.callback()(_main)
    for name, (module, function) in COMMANDS.items():
        if only is None or name == only:
            command = app.command(name, context_settings=CONTEXT.get(name))
            command(getattr(importlib.import_module(module), function))
    return app


def command_of(argv: Sequence[str]) -> str | None:
    """The command named on the command line, when it is a known one."""
    for word in argv:
        if word in ("--help", "-h"):
            return None
        if not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def __getattr__(name: str) -> Any:
    if name == "app":
        return build_app()
    raise AttributeError(name)
