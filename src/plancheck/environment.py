"""The environment a command runs in: streams, terminal, colour, today, variables.

Commands take it as one object so that tests can replace it instead of patching globals.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import IO


@dataclass
class Environment:
    stdout: IO[str] = field(default_factory=lambda: sys.stdout)
    stderr: IO[str] = field(default_factory=lambda: sys.stderr)
    variables: Mapping[str, str] = field(default_factory=lambda: dict(os.environ))
    today: dt.date | None = None

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
        if self.today is not None:
            return self.today
        forced = self.variables.get("PLANCHECK_TODAY")
        if forced:
            try:
                return dt.date.fromisoformat(forced)
            except ValueError:
                pass
        return dt.date.today()
