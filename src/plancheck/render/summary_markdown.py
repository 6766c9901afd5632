"""The progress notice (通报) as Markdown: prose paragraphs and pipe tables.

The sections are those of `plancheck.render.notice`; a section with a table prints it
(laid out by `plancheck.render.grid.to_markdown`, aligned for Chinese in a monospaced
editor), the others their paragraphs.  Pipe tables paste into WPS/Word (and Typora,
Obsidian …) as real tables.
"""

from __future__ import annotations

from plancheck.escape import markdown_inline
from plancheck.render import prose
from plancheck.render.grid import to_markdown
from plancheck.render.notice import blocks
from plancheck.report.summary import Summary


def _lines(text: str) -> str:
    """A paragraph of prose escaped line by line: its own line breaks (an English numbered
    list) stay, the ledger text in it cannot make links, images or HTML."""
    return "\n".join(markdown_inline(line) for line in text.split("\n"))


def render_summary_markdown(summary: Summary, lang: str = "zh") -> str:
    md = markdown_inline
    out = [f"# {md(prose.title(summary, lang))}", ""]
    addressee = prose.addressee(summary, lang)
    if addressee:
        out += [md(addressee), ""]
    out += [md(prose.opening(summary, lang)), ""]
    for index, block in enumerate(blocks(summary, lang)):
        out += [f"## {md(prose.heading(index, block.heading, lang))}", ""]
        if block.grid is not None:
            out += [to_markdown(block.grid), ""]
            if block.after:
                out += ["\n\n".join(_lines(t) for t in block.after), ""]
        else:
            out += ["\n\n".join(_lines(t) for t in block.lines), ""]
    closing = prose.closing(summary, lang)
    if closing:
        out += [md(closing), ""]
    signature = prose.signature(summary, lang)
    if signature:
        out += ["  \n".join(md(line) for line in signature), ""]
    return "\n".join(out)
