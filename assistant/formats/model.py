"""What every format reader returns: pages of structural elements, and the one error type."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import AssistantError

KINDS = ("heading", "paragraph", "item")
BULLET = "•"


@dataclass(frozen=True)
class Element:
    """One heading, paragraph or list item, in reading order.

    ``heading_level`` is 1 for a page's top sections (the page title is not an element);
    ``list_level`` is 0 for a top-level item, 1 for an item nested in it, …; ``marker`` is the
    item's list marker ("1.", "a.", "•"); ``page`` is the 1-based PDF page the element starts on.
    A table gives one ``row`` item per row, read like a table in a text file (``parsing``).
    """

    kind: str
    text: str
    heading_level: int | None = None
    list_level: int = 0
    marker: str = ""
    page: int | None = None
    row: str = ""  # a table row: "header" (marked so), "first" of its table, or "next"; cells joined by tabs
    box: int = 0  # the two texts of one small box (a stat tile's label and value) share a number above 0


@dataclass(frozen=True)
class Page:
    """One document found in a file: a title and its elements. A web page's embedded
    ``<article>`` cards are pages of their own; every other format gives one page per file."""

    title: str
    elements: tuple[Element, ...]


class UnreadableDocument(AssistantError, ValueError):
    """A file that can't be turned into text; the message names the file and says why."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name} {reason}")


# ---------------------------------------------------------------- helpers shared by the readers

_SPACE_RE = re.compile(r"\s+")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))  # soft hyphen, zero widths, BOM


def clean_text(text: str) -> str:
    """One line of text: NFC, ligatures spelt out, invisible characters dropped, runs of
    whitespace (non-breaking spaces too) made one space."""
    text = spell_ligatures(unicodedata.normalize("NFC", text).translate(_INVISIBLE))
    return _SPACE_RE.sub(" ", text).strip()


def spell_ligatures(text: str) -> str:
    """"certiﬁcate" -> "certificate": a PDF's typeset ligatures, which no question types."""
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    return text


def finish_page(elements: list[Element], title: str | None, fallback_title: str) -> Page:
    """Pick the title and make heading levels start at 1.

    Without an explicit ``title`` the first heading becomes the title when it is at the document's
    highest level, no other heading shares that level (a file that opens with ``# Name`` and has
    ``##`` sections) and only short lines without a sentence come before it (a saved page's link
    bar and breadcrumb, which go with it); otherwise ``fallback_title`` (metadata or file name).
    """
    elements = [el for el in elements if el.text]
    first = next((i for i, el in enumerate(elements) if el.kind == "heading"), None)
    if title is None and first is not None and all(_is_furniture(el) for el in elements[:first]):
        levels = [el.heading_level for el in elements if el.kind == "heading"]
        top = min(levels)
        if elements[first].heading_level == top and levels.count(top) == 1:
            title = elements[first].text  # the site's link bar and breadcrumb above it go with it
            elements = elements[first + 1:]
    title = clean_text(title or "") or fallback_title
    levels = [el.heading_level for el in elements if el.kind == "heading"]
    shift = (min(levels) - 1) if levels else 0
    if shift:
        elements = [replace(el, heading_level=el.heading_level - shift) if el.kind == "heading" else el
                    for el in elements]
    return Page(title, tuple(elements))


def _is_furniture(el: Element) -> bool:
    """A line above a page's main heading that says nothing: a link bar or breadcrumb ("Home >
    Programs > Welding", "Apply | Visit | Give", "Post a Job · Pricing · Sign in"), a short site name,
    or a menu written as a list of short links ("- [Programs](/programs)"); never a figure or a sentence."""
    text = el.text
    if el.kind not in ("paragraph", "item") or re.search(r"[\d$€£%]", text) or re.search(r"[a-z][.!?](?:\s|$)", text):
        return False
    if el.kind == "item":
        return len(text.split()) <= 3
    return len(re.findall(r"\s[|>›»/·•]\s", text)) >= 2 or len(text.split()) <= 4


def title_from_name(name: str) -> str:
    """A readable title from a file name: "ml-ops_guide.pdf" -> "ml ops guide"."""
    stem = Path(name).stem
    return re.sub(r"[-_]+", " ", stem).strip() or "Untitled"


def section_paths(elements) -> list[tuple[str, ...]]:
    """The heading path each element sits under (a heading's own path ends with itself)."""
    path: list[tuple[int, str]] = []
    out = []
    for el in elements:
        if el.kind == "heading":
            path = [(level, text) for level, text in path if level < el.heading_level]
            path.append((el.heading_level, el.text))
        out.append(tuple(text for _, text in path))
    return out


def looks_binary(data: bytes) -> bool:
    """True for data that is not text in any common encoding: NUL bytes, or many control bytes."""
    sample = data[:8192]
    if not sample or sample.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):  # empty, or text with a BOM
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls / len(sample) > 0.05


def letters(n: int) -> str:
    """1 -> "a", 26 -> "z", 27 -> "aa": list counters in letters."""
    text, m = "", max(n, 1)
    while m:
        m, r = divmod(m - 1, 26)
        text = chr(ord("a") + r) + text
    return text


def roman(n: int) -> str:
    """1 -> "I", 4 -> "IV": list counters in Roman numerals."""
    out, n = "", max(n, 1)
    for value, symbols in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += symbols
            n -= value
    return out
