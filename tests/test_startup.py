"""Start-up stays light: the CLI imports only what every command needs.

(Speed is measured by benchmarks/startup.py; this test only guards the import graph, which
is what decides it.)
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("rich", "tabulate", "tomlkit", "openpyxl", "pydantic", "plancheck.write.edit",
         "plancheck.render.table", "plancheck.render.jsonout", "plancheck.check.run",
         "plancheck.report.summary", "plancheck.report.evaluate",
         "plancheck.read.load")  # fmt: skip


def _modules(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys, json\nprint(json.dumps(list(sys.modules)))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return set(json.loads(out.stdout))


def test_importing_the_cli_loads_no_heavy_module() -> None:
    loaded = _modules("import plancheck.cli")
    assert not [m for m in HEAVY if m in loaded]


def test_status_as_json_needs_neither_rich_nor_tabulate_nor_tomlkit() -> None:
    code = (
        "import sys\nfrom plancheck.cli import app\n"
        "sys.argv = ['plancheck', 'status', '--format', 'json']\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        app()\n    except SystemExit:\n        pass"
    )
    loaded = _modules(code)
    assert "plancheck.report.evaluate" in loaded  # it did run
    assert not [m for m in ("rich", "tabulate", "tomlkit") if m in loaded]


def test_only_the_command_being_run_is_registered() -> None:
    from plancheck.cli import COMMANDS, build_app, command_of

    assert command_of(["status", "--format", "json"]) == "status"
    assert command_of(["--help"]) is None
    assert command_of(["nonsense"]) is None
    assert command_of([]) is None
    assert [c.name for c in build_app("status").registered_commands] == ["status"]
    assert [c.name for c in build_app().registered_commands] == list(COMMANDS)
