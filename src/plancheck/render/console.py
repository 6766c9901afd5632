"""The one place where a rich Console is made, so tests can pin width and colour."""

from __future__ import annotations

from typing import IO

from rich.console import Console


def make_console(file: IO[str], *, width: int | None, color: bool) -> Console:
    return Console(
        file=file,
        width=width,
        color_system="auto" if color else None,
        no_color=not color,
        force_terminal=color,
        highlight=False,
        emoji=False,
        soft_wrap=False,
        legacy_windows=False,
    )
