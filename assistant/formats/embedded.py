"""Pages embedded in a page: a section made of cards that each introduce a subject of their own.

A career page often ends with short pages about related roles ("More Careers": one card per
role, each with its own sections). A web page marks them up as ``<article>``s, which the HTML
reader turns into pages; a scrape repeats their titles, which the text parser keys on. Markdown,
Word and PDF carry no such markup, only headings, so the rule here reads the shape instead:

    a heading whose sub-headings (two or more, one level down) each open with a paragraph that
    names the sub-heading ("An AI Python Engineer designs …" under "AI Python Engineer") and
    go on with more content (lists, sub-sections).

Each such sub-section becomes a page titled by its heading; the parent heading and anything
before its first card stay in the main page. An ordinary section's sub-headings ("Entry-Level
MLOps Manager" over a list of figures, "Career Progression" over items) don't introduce
themselves, so they stay where they are; one sub-section that doesn't fit keeps the whole
section in place.
"""
from __future__ import annotations

from .model import Element, Page, clean_text, finish_page

_MIN_CARDS = 2
_MIN_CARD_ELEMENTS = 2  # the introducing paragraph and at least one more heading, paragraph or item


def split_embedded_pages(page: Page) -> list[Page]:
    """``page`` with its card sections taken out, followed by one page per card (in order)."""
    elements = list(page.elements)
    cards: list[tuple[int, int]] = []  # (heading index, end index) of every card found
    i = 0
    while i < len(elements):
        found = _cards_under(elements, i)
        if found:
            cards.extend(found)
            i = found[-1][1]
        else:
            i += 1
    if not cards:
        return [page]
    taken = {n for start, end in cards for n in range(start, end)}
    main = Page(page.title, tuple(el for n, el in enumerate(elements) if n not in taken))
    pages = [finish_page(elements[start + 1: end], elements[start].text, elements[start].text) for start, end in cards]
    return [main, *pages]


def _cards_under(elements: list[Element], i: int) -> list[tuple[int, int]]:
    """The cards directly under the heading at ``i``, or [] when its section is not made of cards."""
    parent = elements[i]
    if parent.kind != "heading":
        return []
    end = _section_end(elements, i)
    children = [n for n in range(i + 1, end)
                if elements[n].kind == "heading" and elements[n].heading_level == parent.heading_level + 1]
    if len(children) < _MIN_CARDS:
        return []
    # nothing but content may sit between the parent and its first card (no deeper headings)
    if any(el.kind == "heading" for el in elements[i + 1: children[0]]):
        return []
    spans = [(start, children[n + 1] if n + 1 < len(children) else end) for n, start in enumerate(children)]
    if all(_introduces_itself(elements, start, stop) for start, stop in spans):
        return spans
    return []


def _section_end(elements: list[Element], i: int) -> int:
    level = elements[i].heading_level
    for n in range(i + 1, len(elements)):
        if elements[n].kind == "heading" and elements[n].heading_level <= level:
            return n
    return len(elements)


def _introduces_itself(elements: list[Element], start: int, stop: int) -> bool:
    body = elements[start + 1: stop]
    if len(body) < _MIN_CARD_ELEMENTS or body[0].kind != "paragraph":
        return False
    name = clean_text(elements[start].text).lower()
    return bool(name) and name in clean_text(body[0].text).lower()
