"""Entry point: `plancheck` and `python -m plancheck`."""

# The C module behind `signal`: already loaded by Python, so the handler is in place at
# once (importing `signal` builds its enums first, a window for a traceback).
import _signal  # type: ignore[import-not-found]
import gc
import sys


class Interrupted(BaseException):
    """Ctrl-C: raised by plancheck's SIGINT handler instead of KeyboardInterrupt, so that
    neither an import under way nor click turns it into a traceback or "Aborted!"; the
    `finally` and `except BaseException` clean-ups (temporary files, locks) still run."""


def _on_sigint(signum: int, frame: object) -> None:
    _signal.signal(_signal.SIGINT, _signal.SIG_IGN)  # a second Ctrl-C must not stop the exit
    raise Interrupted


def _interrupted() -> None:
    """One line on stderr, in the user's language when it can be told."""
    import os

    lang = "en" if os.environ.get("PLANCHECK_LANG") == "en" else "zh"
    try:
        from plancheck.messages import message

        text = message("cli.interrupted", {}, lang)
    except BaseException:
        text = "interrupted"
    try:
        sys.stderr.write(f"\nplancheck: {text}\n")
        sys.stderr.flush()
    except BaseException:
        pass


def main() -> None:
    _signal.signal(_signal.SIGINT, _on_sigint)
    try:
        # One command, then the process ends.  What plancheck builds is acyclic and freed by
        # reference counting; the cyclic collector would only walk the loaded ledger again
        # and again as it grows (a quarter of the run time of a province's 300,000 targets).
        gc.disable()
        from plancheck.cli import build_app, command_of

        build_app(only=command_of(sys.argv[1:]))(prog_name="plancheck")
    except (Interrupted, KeyboardInterrupt):
        _interrupted()
        sys.exit(130)


if __name__ == "__main__":
    main()
