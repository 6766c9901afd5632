"""Entry point: `plancheck` and `python -m plancheck`."""

from __future__ import annotations

import sys


def main() -> None:
    from plancheck.cli import build_app, command_of

    build_app(only=command_of(sys.argv[1:]))(prog_name="plancheck")


if __name__ == "__main__":
    main()
