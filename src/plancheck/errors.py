"""The exception root and the exit statuses (part of the interface; see the README)."""

from __future__ import annotations

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
    """A user-facing failure: a message code (see plancheck.messages) and an exit status."""

    def __init__(
        self,
        code: str,
        status: ExitStatus = ExitStatus.USAGE,
        problems: tuple[Problem, ...] = (),
        **args: object,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.status = status
        self.problems = problems
        self.args_ = tuple((k, str(v)) for k, v in args.items())
