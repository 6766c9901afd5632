"""The environment a command runs in: streams, terminal, colour, today, variables.

Commands read it through one object so that tests can replace it instead of patching
globals.  Left unset, each part is looked up when used (so a test runner that swaps
`sys.stdout` or `os.environ` is honoured).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO


@dataclass
class Environment:
    stdout_stream: IO[str] | None = None
    stderr_stream: IO[str] | None = None
    env: Mapping[str, str] | None = None
    today: dt.date | None = None

    @property
    def stdout(self) -> IO[str]:
        return self.stdout_stream if self.stdout_stream is not None else sys.stdout

    @property
    def stderr(self) -> IO[str]:
        return self.stderr_stream if self.stderr_stream is not None else sys.stderr

    @property
    def variables(self) -> Mapping[str, str]:
        return self.env if self.env is not None else os.environ

    @property
    def stdout_isatty(self) -> bool:
        try:
            return self.stdout.isatty()
        except (AttributeError, ValueError):
            return False

    @property
    def color(self) -> bool:
        if "NO_COLOR" in self.variables or self.variables.get("TERM") == "dumb":
            return False
        return self.stdout_isatty

    @property
    def width(self) -> int | None:
        """The terminal width, or None when output is piped (render at full width)."""
        columns = self.variables.get("COLUMNS")
        if columns and columns.isdigit():
            return int(columns)
        if not self.stdout_isatty:
            return None
        return shutil.get_terminal_size((100, 24)).columns

    def current_date(self) -> dt.date:
        """Today, or PLANCHECK_TODAY (YYYY-MM-DD) when set, for reproducible runs."""
        if self.today is not None:
            return self.today
        forced = self.variables.get("PLANCHECK_TODAY")
        if forced:
            try:
                return dt.date.fromisoformat(forced)
            except ValueError:
                pass
        return dt.date.today()
