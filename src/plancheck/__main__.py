"""Entry point: `plancheck` and `python -m plancheck`."""

from __future__ import annotations


def main() -> None:
    from plancheck.cli import app

    app()


if __name__ == "__main__":
    main()
