"""The command-line interface: one typer app, commands registered from plancheck.commands."""

from __future__ import annotations

import typer

from plancheck.commands.add import add
from plancheck.commands.carryover import carryover
from plancheck.commands.check import check
from plancheck.commands.dataio import export, import_, init
from plancheck.commands.report import report
from plancheck.commands.show import diff, show
from plancheck.commands.status import status
from plancheck.commands.summary import shortfalls, summary
from plancheck.commands.update import set_target, update

app = typer.Typer(
    name="plancheck",
    help="plancheck — a target ledger for government work reports (目标任务台账).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

app.command("status")(status)
app.command("summary")(summary)
app.command("shortfalls")(shortfalls)
app.command("update")(update)
app.command("set-target")(set_target)
app.command("show")(show)
app.command("diff")(diff)
app.command("report")(report)
app.command("check")(check)
app.command("carryover")(carryover)
app.command("init")(init)
app.command("add")(add)
app.command("import")(import_)
app.command("export")(export)


@app.callback()
def _main() -> None:
    """plancheck — track yearly targets (目标任务) against actuals, from plain TOML files."""
