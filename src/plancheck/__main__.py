"""Entry point: `plancheck` and `python -m plancheck`."""

from __future__ import annotations

import gc
import sys


def main() -> None:
    # One command, then the process ends.  What plancheck builds is acyclic and freed by
    # reference counting; the cyclic collector would only walk the loaded ledger again and
    # again as it grows (a quarter of the run time of a province's 300,000 targets).
    gc.disable()
    from plancheck.cli import build_app, command_of

    build_app(only=command_of(sys.argv[1:]))(prog_name="plancheck")


if __name__ == "__main__":
    main()
