"""Turning a ``Reply`` into text for people (CLI); the UI builds its own markup from the same parts."""
from __future__ import annotations

import textwrap

from .types import Reply

ABSTAIN_MESSAGE = "The documents don't cover that."


def reply_text(reply: Reply, color: bool = False, width: int = 100) -> str:
    """A readable reply: the answer, its confidence, then numbered sources with the answer marked."""
    bold = (lambda s: f"\033[1;33m{s}\033[0m") if color else (lambda s: f"»{s}«")
    lines = []
    if reply.abstained:
        lines.append(ABSTAIN_MESSAGE)
        lines.extend(reply.notes)  # what the documents do say (their scope, the subjects they cover)
        lines.append(f"(confidence {reply.confidence:.2f}; closest passages below)")
    else:
        lines.append(reply.answer)
        lines.extend(reply.notes)
        lines.append(f"(confidence {reply.confidence:.2f}, {reply.confidence_label})")
    if reply.query != reply.question:
        lines.append(f"(searched as: {reply.query})")
    if reply.citations:
        lines.append("")
        lines.append("Sources:")
    for c in reply.citations:
        where = f", page {c.page}" if c.page is not None else ""
        lines.append(f"[{c.n}] {c.breadcrumb}  (score {c.score:.3f}{where})")
        text = c.text
        if c.answer_start is not None:
            text = text[: c.answer_start] + bold(text[c.answer_start: c.answer_end]) + text[c.answer_end:]
        for paragraph in text.splitlines():
            wrapped = textwrap.wrap(paragraph, width=width - 4, subsequent_indent="  ") or [""]
            lines.extend("    " + w for w in wrapped)
    return "\n".join(lines)
