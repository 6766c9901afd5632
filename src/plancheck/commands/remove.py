"""`plancheck remove` and `plancheck rename`: an item out of the ledger, or under a new id
with every reference to it, with the edit safety of `update`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from plancheck.commands.common import (
    LangOpt,
    LedgerOpt,
    current_env,
    handle_errors,
    ledger_path,
    settings_language,
)
from plancheck.errors import ExitStatus

IdArg = Annotated[
    str,
    typer.Argument(help="The item: its id, its exact name or an unambiguous part of it (厕所)."),
]
YearOpt = Annotated[
    int | None, typer.Option("--year", "-y", help="The item's year (default: working year).")
]


def _year(root: Path, year: int | None, lang: str, item_id: str) -> int:
    """--year, else the working year (or the item's own), said on stderr."""
    from plancheck.commands.defaults import edit_year, say

    if year is not None:
        return year
    chosen = edit_year(root, item_id)
    say(lang, chosen)
    return chosen


def _which(root: Path, year: int, text: str) -> tuple[str, str]:
    """The id and name of the item `text` names (its id, name or an unambiguous part of
    it), found as `update`, `show` and `set-target` find it."""
    import unicodedata

    from plancheck.commands.update import resolve_item
    from plancheck.errors import UsageError
    from plancheck.read.lookup import listing

    item = resolve_item(root, year, text)
    key = "".join(unicodedata.normalize("NFKC", text).split()).lower()
    named = "".join(unicodedata.normalize("NFKC", item.name).split()).lower()
    if item.id != text.strip() and key not in named:
        # a part of an id is a typo here, not a choice: nothing is removed or renamed by it
        raise UsageError("item.unknown_suggest", text=text, year=year, suggestions=listing([item]))
    return item.id, item.name


@handle_errors
def remove(
    item_id: IdArg,
    year: YearOpt = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Remove an item from the ledger (asks first; refused while another item names it)."""
    from plancheck.messages import message
    from plancheck.write.rename import remove_item

    env = current_env()
    root = ledger_path(ledger, env)
    lang = settings_language(lang, root)
    the_year = _year(root, year, lang, item_id)
    item_id, name = _which(root, the_year, item_id)
    planned = remove_item(root, the_year, item_id, dry_run=True)
    if not yes:
        args = {"id": item_id, "year": str(the_year), "name": name, "file": str(planned.path)}
        try:
            confirmed = typer.confirm(message("edit.confirm_remove", args, lang), err=True)
        except typer.Abort:  # no answer (end of input)
            confirmed = False
        if not confirmed:
            print(message("edit.not_confirmed", {}, lang), file=env.stderr)
            raise typer.Exit(int(ExitStatus.FINDINGS))
    done = remove_item(root, the_year, item_id)
    print(message("edit.removed", {"id": item_id, "file": str(done.path)}, lang), file=env.stderr)


@handle_errors
def rename(
    item_id: IdArg,
    new_id: Annotated[str, typer.Argument(help="The new id (a lower-case ASCII slug).")],
    year: YearOpt = None,
    ledger: LedgerOpt = None,
    lang: LangOpt = None,
) -> None:
    """Give an item a new id, changing every reference to it (parts, same_as, claims,
    carried_from) in every file at once."""
    from plancheck.messages import message
    from plancheck.write.rename import rename_item

    env = current_env()
    root = ledger_path(ledger, env)
    lang = settings_language(lang, root)
    the_year = _year(root, year, lang, item_id)
    item_id = _which(root, the_year, item_id)[0]
    done = rename_item(root, the_year, item_id, new_id)
    files = ", ".join(str(p) for p in done.files)
    print(message("edit.renamed", {"id": item_id, "new": new_id, "files": files}, lang),
          file=env.stderr)  # fmt: skip
