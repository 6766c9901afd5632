"""The exception root, its kinds, and the exit statuses (part of the interface; see the README).

The core (read/, report/, check/, write/, tables/) raises the kinds below: what went wrong
(a message code and its values, with the located problems behind it), never how the process
ends.  The CLI (plancheck.commands.common.handle_errors) prints them and maps each kind to its
exit status (`exit_status`).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from plancheck.model import Problem


class ExitStatus(IntEnum):
    OK = 0
    """Success (and, for check, nothing found)."""
    FINDINGS = 1
    """Shortfalls or check errors, where the command was asked to fail on them."""
    USAGE = 2
    """Bad command-line usage."""
    DATA = 3
    """The ledger has errors (nothing is written to stdout)."""


class PlancheckError(Exception):
    """The root of every failure plancheck reports: a message code (see plancheck.messages),
    its named values, and the located problems behind it (printed instead of the message
    when there are any)."""

    def __init__(self, code: str, problems: Iterable[Problem] = (), **args: object) -> None:
        super().__init__(code)
        self.code = code
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.args_ = tuple((k, str(v)) for k, v in args.items())


class UsageError(PlancheckError):
    """The request cannot be carried out as asked: an option, a name, a file to create."""


class DataError(PlancheckError):
    """The ledger or an input file holds errors, or a file changed underneath."""


class LedgerError(DataError):
    """The ledger cannot be used: carries every problem the loader found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        super().__init__("ledger.errors", problems)


def exit_status(error: PlancheckError) -> ExitStatus:
    """The exit status of a failure (the CLI's mapping; a bare root is a usage error)."""
    return ExitStatus.DATA if isinstance(error, DataError) else ExitStatus.USAGE
