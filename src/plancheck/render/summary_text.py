"""The progress notice (通报) as plain text.

One paragraph per line, no wrapping, so that it pastes into WPS/Word as paragraphs; the
sections (`plancheck.render.notice`) are numbered 一、二、三… (I. II. III. in English);
the addressee (主送) follows the title, the issuer (落款) and date close it.
"""

from __future__ import annotations

from plancheck.render import prose
from plancheck.render.notice import blocks, numbered
from plancheck.report.summary import Summary

__all__ = ["numbered", "render_summary_text"]


def render_summary_text(summary: Summary, lang: str = "zh") -> str:
    lines = [prose.title(summary, lang), ""]
    addressee = prose.addressee(summary, lang)
    if addressee:
        lines.append(addressee)
    lines.append(prose.opening(summary, lang))
    for index, block in enumerate(blocks(summary, lang)):
        lines += ["", prose.heading(index, block.heading, lang), *block.lines]
    closing = prose.closing(summary, lang)
    if closing:
        lines += ["", closing]
    signature = prose.signature(summary, lang)
    if signature:
        lines += ["", *signature]
    return "\n".join(lines) + "\n"
