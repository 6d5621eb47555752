"""Scraped career pages and Markdown files -> structured ``Document``s.

The parser recovers structure rather than cutting character windows:

1. lines become elements: headings, paragraphs and list items (with indent and marker);
   scrape noise ("logo…", "first image") is dropped;
2. a heading written twice in a row starts an embedded page (the "More Careers" cards),
   whose one long paragraph of inline markup ("### Skills - a - b", "1. **Label**: …")
   becomes sections and list items;
3. text the scrape glued together is pulled apart: a closing paragraph that ran on into
   a list's last item ("… processes By following these practices …") and an intro
   sentence glued onto an item ("… standards. MLOps managers utilize … such as:");
4. heading levels: Markdown headings carry theirs; plain-text headings are top level when
   they are one of the career-guide template's sections (``GUIDE_TEMPLATE_SECTIONS``),
   otherwise sub-headings of the current section; an intro paragraph that follows a
   section's closing paragraph lost its heading in the scrape and gets a derived title;
5. the document text is rendered afresh (title, headings, paragraphs, "marker item" lines)
   and every block records its offsets in it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import columns, layout
from .facts import is_role_phrase
from .text import split_sentences
from .types import Block, Document

# Top-level sections of the career-guide page template, matched as case-insensitive prefixes.
GUIDE_TEMPLATE_SECTIONS = (
    "Overview", "Core Responsibilities", "Requirements", "Career Development", "Market Demand",
    "Salary Ranges", "Essential Soft Skills", "Best Practices",
    "Common Challenges", "More Careers",
)
INTRO_SECTION = "Overview"  # section for text that comes before a document's first heading
SUMMARY_SECTION = "Summary"

_NOISE_RE = re.compile(
    r"^(?:logo\S*|(?:first|second|third|fourth|fifth|sixth|hero|header|featured|banner)\s+image|image)$",
    re.IGNORECASE,
)
# a PDF converter prints a Symbol or Wingdings bullet as its private-use code point (U+F0B7 …)
_WRAPPED_CELL_WORDS = 4  # a cell's wrapped end is a few words, not a sentence of its own
# a lower-case "o" with two spaces or a tab after it is a word processor's second-level bullet
_ITEM_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[•·▪◦‣*+\-\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf06e\uf0a8]|\d{1,3}[.)]"
                      r"|o(?=  |\t))"
                      r"[ \t]+(?P<text>\S.*)$")
_MD_HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
_INLINE_MARKUP_RE = re.compile(r"(?:^|\s)(?:#{2,6}\s|\d{1,2}\.\s+\*\*)")
_INLINE_MARKER_RE = re.compile(
    r"(?:(?<=\s)|^)(?:(?P<heading>#{2,6})\s+"
    r"|(?P<label_num>\d{1,2})\.\s+\*\*(?P<label>[^*]+)\*\*:?\s*"
    r"|(?P<num>\d{1,2})\.\s+(?=\S)"
    r"|(?P<dash>[-•])\s+)"
)
_INLINE_HEADING_END_RE = re.compile(r"\s(?:[-•]\s|\d{1,2}\.\s)")

# Words that open a closing remark ("By following…", "These industries…", "In summary, …").
_CLOSING_OPENERS = frozenset("by in these this it's it overall ultimately together addressing as".split())
_CONCLUSION_RE = re.compile(r"^(?:in summary|in conclusion|to summarize|to sum up|overall|this overview)\b", re.I)
# Closed-class words: a capitalised word right after one of these is part of a name
# ("adoption by Small and Medium Enterprises"), not the start of a run-on sentence.
_FUNCTION_WORDS = frozenset(
    """a an the and or nor but of in on at by for from to with without into onto over under about
    as than like such including via per versus vs between among across through during within
    is are was were be been being has have had do does did can could will would should may might
    must this that these those their its our your his her my""".split()
)
_SECTION_TITLE_RE = re.compile(
    r"\b(?:several|many|some|the following|these|a few|various|numerous)\s+"
    r"((?:key|main|major|important|emerging|current|notable)\s+)?([a-z]+)",
    re.IGNORECASE,
)


@dataclass
class _Element:
    """A parsed line or paragraph before offsets exist."""

    kind: str  # "heading" | "paragraph" | "item"
    text: str
    heading_level: int | None = None  # Markdown level; None for plain-text headings
    indent: int = 0
    marker: str = ""
    level: int = 0
    list_id: int = -1
    section: tuple[str, ...] = field(default_factory=tuple)
    top_level: bool = False  # a restored heading: always a top-level section
    line_mode: bool = False  # from a page written one element per line (see layout.py)
    question: bool = False  # a heading phrased as a question
    page: int | None = None  # PDF page the element starts on (structured formats only)
    table: bool = False  # a table's header row: a heading one level below the heading before it
    box: int = 0  # ``Element.box``: the label and value of one stat tile share a number


# ---------------------------------------------------------------- public entry points

def parse_file(path: Path, root: Path | None = None) -> list[Document]:
    """Read one corpus file (UTF-8) and parse it; see ``parse_text``."""
    text = path.read_text(encoding="utf-8")
    source = str(path.relative_to(root)) if root else path.name
    return parse_text(text, source=source)


def parse_text(text: str, source: str) -> list[Document]:
    """Parse a page into one ``Document`` plus one per embedded page.

    Args:
        text: the file's text.
        source: the file name recorded in each document; its stem becomes the document id.
            Markdown ``#`` headings carry their level in any file; other headings are found by shape.

    Returns:
        The main document first, then embedded pages in order. A file with no text gives [].
    """
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    furniture = layout.thread_furniture(raw_lines)
    thread_title = layout.thread_title(raw_lines, furniture)
    lines = columns.relayout(["" if i in furniture else line for i, line in enumerate(raw_lines)])
    lines = [layout.TRAILING_LINK_RE.sub("", line) for line in lines]  # "… Median $56,690    More ›"
    links = layout.related_links(lines)  # "Related salaries" over titles of other pages
    lines = ["" if i in links else line for i, line in enumerate(lines)]
    lines, ruled_headings = _drawn_rules(lines)
    post_datelines = layout.board_datelines(lines)  # a board's post datelines head their posts
    elements = _read_elements("\n".join(lines), ruled_headings | post_datelines, post_datelines)
    if not elements:
        return []
    stem = _slug(Path(source).stem) or "document"
    # the contents list goes first: its entries name sections, not the page, so none is its title
    title, elements = _take_title(_drop_contents(elements), Path(source).stem, thread_title)
    elements = _bylines(elements)
    if not elements:
        return []

    main, pages = _split_embedded_pages(elements)
    documents = []
    main = _structure(main)
    if any(el.kind != "heading" for el in main):
        documents.append(_render(stem, title, source, main))
    for page_title, page_elements in pages:
        page = _structure(_expand_inline_markup(page_elements))
        if any(el.kind != "heading" for el in page):
            documents.append(_render(f"{stem}/{_slug(page_title)}", page_title, source, page))
    # its copyright line went with the site chrome; a PDF's name for itself with its page footers
    publisher = layout.publisher_name(text) or next(iter(layout.organisation_names(
        "\n".join(columns.running_lines(raw_lines)))), "")
    return [replace(d, publisher=publisher) for d in documents] if publisher else documents


# "Updated January 9, 2025", "Published: March 3, 2024", "May 12, 2025": a page's date line
_DATE_LINE_RE = re.compile(r"^(?:(?:last\s+)?(?:updated|published|posted|reviewed|modified|written)\b[^\n]{0,40}"
                           r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?)\s*(?:19|20)\d\d\.?$",
                           re.I)
_BYLINE_WORDS = 6


def _bylines(elements: list[_Element]) -> list[_Element]:
    """A short line over the page's date line near its top ("HireLoop Editorial Team" / "Updated
    January 9, 2025") is a byline, not a heading: the opening text is not "about" its author."""
    for i, el in enumerate(elements[:6]):
        nxt = elements[i + 1] if i + 1 < len(elements) else None
        if (el.kind == "heading" and not el.heading_level and len(el.text.split()) <= _BYLINE_WORDS
                and nxt is not None and _DATE_LINE_RE.match(nxt.text.strip())):
            el.kind = "paragraph"
    return elements


_CONTENTS_RUN = 3  # this many lines in a row that each name a later heading are a table of contents
_CONTENTS_INTRO_WORDS = 4  # "In this article:", "On this page:", "Contents:"
_CONTENTS_LINE_WORDS = 12


def _drop_contents(elements: list[_Element]) -> list[_Element]:
    """A page's table of contents ("In this article:" then the names of its sections) repeats
    headings that come later: left in, its lines read as headings with nothing under them, or
    as a list item of the section before. A run of short lines that each repeat a later
    heading goes, with the intro line ending in a colon right before it."""
    def key(el: _Element) -> str:  # "2. PAY BY METRO AREA" is listed as "Pay by metro area"
        return re.sub(r"\W+", " ", re.sub(r"^\d{1,3}[.)]\s+", "", el.text)).strip().lower()

    later: dict[str, int] = {}  # heading text -> the last index it heads
    for i, el in enumerate(elements):
        if el.kind == "heading":
            later[key(el)] = i
    drop: set[int] = set()
    i = 0
    while i < len(elements):
        end = i
        while (end < len(elements) and len(elements[end].text.split()) <= _CONTENTS_LINE_WORDS
               and later.get(key(elements[end]), -1) > end):
            end += 1
        if end - i >= _CONTENTS_RUN and all(later[key(elements[k])] >= end for k in range(i, end)):
            drop.update(range(i, end))
            before = elements[i - 1] if i else None
            if before is not None and before.text.endswith(":") and len(before.text.split()) <= _CONTENTS_INTRO_WORDS:
                drop.add(i - 1)
            i = end
        else:
            i += 1
    return [el for k, el in enumerate(elements) if k not in drop]


# ---------------------------------------------------------------- structured formats (assistant.formats)

def document_from_elements(elements, title: str, source: str, doc_id: str) -> Document | None:
    """A ``Document`` from elements a format reader recovered (``assistant.formats.Element``:
    kind, text, heading_level, list_level, marker, page), rendered exactly as ``parse_text``
    renders a page, so chunking, units and citations treat every format alike.

    The format already carries the structure, so the scrape repairs of steps 1-4 (noise lines,
    embedded pages, inline markup, glued text, lost headings) are skipped; list ids are assigned
    (siblings of one list share one), sections come from heading levels, and PDF page numbers
    are kept on the blocks. Returns None when there is nothing but headings.
    """
    own = [_Element(el.kind, el.text, heading_level=el.heading_level if el.kind == "heading" else None,
                    level=el.list_level if el.kind == "item" else 0, marker=el.marker if el.kind == "item" else "",
                    page=el.page, box=el.box)
           for el in elements if el.text]
    for el in own:
        if el.kind == "heading" and not el.heading_level:
            el.heading_level = 1
    _table_headers(own, [el.row for el in elements if el.text])
    own = [el for el in own if el.text]  # a two-row table header is one heading
    own = _stat_cards([el for el in own if not _site_furniture(el)])
    if not any(el.kind != "heading" for el in own):
        return None
    _assign_list_ids(own)
    _assign_sections(own)
    return _render(doc_id, title, source, own)


def _stat_cards(elements: list[_Element]) -> list[_Element]:
    """A saved page's stat cards ("$52,370" and "Median pay (2022)" in two boxes) become one item
    each, "value\nlabel" as a text file's cards are, so a value never loses what it measures.
    Where the page's boxes are known (``box``), a card is the two texts of one box."""
    out: list[_Element] = []
    i = 0
    while i < len(elements):
        el = elements[i]
        fields = _field_run(elements, i)
        if fields:  # a posting's details box: "Closing Date" over "2/16/2026 11:59 PM Eastern", and so on
            for j in range(i, i + 2 * fields, 2):
                out.append(_Element("item", f"{elements[j].text}\n{elements[j + 1].text}", page=elements[j].page))
            i += 2 * fields
            continue
        pair = elements[i + 1: i + 3]
        if len(pair) >= 1 and el.kind == pair[0].kind == "paragraph" and el.box and pair[0].box:
            card = el.box == pair[0].box and (layout.is_value(el.text) or layout.is_value(pair[0].text))
        else:  # no boxes to go by: a value pairs with the label beside it
            card = (len(pair) >= 1 and el.kind == pair[0].kind == "paragraph"
                    and layout.is_stat_card(el.text, pair[0].text, pair[1].text if len(pair) > 1 else None))
        if card:
            out.append(_Element("item", f"{el.text}\n{pair[0].text}", page=el.page))
            i += 2
            continue
        out.append(el)
        i += 1
    return out


MIN_FIELDS = 3  # label/value pairs in a row that make a details box (fewer may be headings over short paragraphs)
FIELD_VALUE_WORDS = 12


def _field_run(elements: list[_Element], i: int) -> int:
    """How many label/value pairs start at ``i`` ("Job Type" / "Full-Time", "Opening Date" /
    "01/26/2026"): paragraphs alternating a short capitalised label and a short value that is no
    sentence, at least ``MIN_FIELDS`` of them; else 0."""
    count = 0
    while i + 2 * count + 1 < len(elements):
        label, value = elements[i + 2 * count], elements[i + 2 * count + 1]
        words = value.text.split()
        if not (label.kind == value.kind == "paragraph" and layout.is_field_label(label.text)
                and 0 < len(words) <= FIELD_VALUE_WORDS and value.text.rstrip()[-1:] not in ".?!:"
                and "\n" not in value.text and "\t" not in value.text):
            break
        count += 1
    return count if count >= MIN_FIELDS else 0


def _table_headers(elements: list[_Element], rows: list[str]) -> None:
    """A table's header row becomes the heading its rows sit under, as in a text file (layout:
    "State  Median  Hourly"; ``_assign_sections`` puts it one level below the heading before it);
    a header is a row the markup marks so (``<thead>``, ``<th>``, a Markdown table's first row), or
    a first row without figures over rows with them. The rows stay items, without a list marker.
    ``rows`` holds each element's ``Element.row`` ("header", "first", "next" or "")."""
    for i, el in enumerate(elements):
        if rows[i] not in ("first", "header"):
            continue
        end = next((j for j in range(i + 1, len(elements)) if rows[j] != "next"), len(elements))
        run = elements[i:end]
        labels = (not layout.has_figure(el.text) or layout.is_percentile_header(el.text.split("\t"))
                  or rows[i] == "first" and layout.is_label_row(el.text.split("\t")))
        marked = rows[i] == "header" and len(run) >= 2 and "\t" in el.text and not layout.has_figure(el.text)
        if not marked and _details_table(run):
            continue
        if marked or len(run) >= 2 and "\t" in el.text and labels and any(layout.has_figure(r.text) for r in run[1:]):
            el.kind, el.heading_level, el.level, el.table = "heading", None, 0, True
            second = run[1] if len(run) >= 3 else None
            if (second is not None and "\t" in second.text and not layout.has_figure(second.text)
                    and (rows[i] != "header" or rows[i + 1] == "header")  # where the markup marks headers, both rows
                    and second.text.count("\t") > el.text.count("\t") and layout.has_figure(run[2].text)):
                # a two-row header ("Life & annuities" over "Base | Bonus"): a cell of its first row spans
                # columns, so its second row has more cells; one header names every column with both
                el.text, second.text = _two_row_header(el.text.split("\t"), second.text.split("\t")), ""


_CODE_RE = re.compile(r"(?=\S*\d)[A-Za-z0-9]+(?:[-/.][A-Za-z0-9]+)+|\d+")


def _details_table(run: list[_Element]) -> bool:
    """A posting's details table ("Employer | Great Miami Heart …", "Requisition | GMH-26-0317",
    "Pay | $52.35 – $69.30 an hour"): two columns of a field and its value, so its first row is one
    field, not a header naming the columns. Told by a second column that gives figures in a minority
    of rows (a header's column is of one kind) and a first row whose value reads as a value, not a
    column's name: a code ("ARW-26-07"), a proper name ("Alder Ridge Winery"), or as long as the
    values below it."""
    cells = run[0].text.split("\t")
    if len(cells) != 2 or len(run) < 3:
        return False
    later = [r.text.split("\t")[-1] for r in run[1:]]
    if 2 * sum(layout.has_figure(v) for v in later) >= len(later):
        return False
    value = re.sub(r"\s*\([^)]*\)\s*$", "", cells[1].strip())
    words = value.split()
    code = bool(_CODE_RE.fullmatch(value))
    name = len(words) >= 3 and all(w[:1].isupper() or not w[:1].isalpha() for w in words)
    return code or name or len(cells[1]) >= sorted(len(v) for v in later)[len(later) // 2]


def _two_row_header(top: list[str], bottom: list[str]) -> str:
    """One header row from two: the cells both rows share at either end (a cell merged down: "Level")
    once, then each remaining top cell over the bottom cells it spans ("Life & annuities Base", "Life
    & annuities Bonus"), a bottom cell left over at the start being the rows' label column ("Exam
    stage"). Spans are known only when they are even and the bottom cells repeat per group (or there
    is one group); otherwise the bottom row alone, which names every column, is the header."""
    top = [cell for cell in top if cell.strip()]
    head = 0
    while head < min(len(top), len(bottom)) and top[head] == bottom[head]:
        head += 1
    tail = 0
    while tail < min(len(top), len(bottom)) - head and top[-1 - tail] == bottom[-1 - tail]:
        tail += 1
    groups = top[head:len(top) - tail]
    columns = bottom[head:len(bottom) - tail]
    lead = 0 if len(groups) == 1 else len(columns) % len(groups) if groups else 0
    span = (len(columns) - lead) // len(groups) if groups else 0
    repeats = len(groups) == 1 or (span >= 2 and lead <= 1 and all(
        columns[lead + k] == columns[lead + k + span] for k in range(len(columns) - lead - span)))
    if not groups or span < 1 or not repeats:
        return "\t".join(bottom)
    cells = bottom[:head] + columns[:lead]
    cells += [f"{group} {column}" for n, group in enumerate(groups)
              for column in columns[lead + n * span: lead + (n + 1) * span]]
    return "\t".join(cells + bottom[len(bottom) - tail:])


def document_id(source: str, page_title: str | None = None) -> str:
    """The id ``parse_text`` gives a file's main document ("guide") or an embedded page ("guide/ai-python-engineer")."""
    stem = _slug(Path(source).stem) or "document"
    return f"{stem}/{_slug(page_title) or 'page'}" if page_title is not None else stem


def _assign_list_ids(elements: list[_Element]) -> None:
    """Items of one list share a ``list_id``: consecutive items at one level with one kind of
    marker; a deeper item opens a nested list, a return to a shallower level resumes its list."""
    next_list_id = 0
    for start, end in _list_runs(elements):
        stack: list[tuple[int, int, str]] = []  # (level, list_id, marker kind) of open lists
        for el in elements[start:end]:
            kind = _marker_kind(el.marker)
            while stack and stack[-1][0] > el.level:
                stack.pop()
            if stack and stack[-1][0] == el.level and stack[-1][2] == kind:
                el.list_id = stack[-1][1]
                continue
            if stack and stack[-1][0] == el.level:
                stack.pop()
            el.list_id = next_list_id
            stack.append((el.level, next_list_id, kind))
            next_list_id += 1


def _site_furniture(el: _Element) -> bool:
    """A paragraph a saved page's markup left that is site chrome: a breadcrumb, a cookie or copyright
    notice, or a menu on one line. (Single words like "Share" went with the markup's links already.)"""
    return el.kind == "paragraph" and (layout.is_site_notice(el.text) or layout.is_menu_line(el.text))


# ---------------------------------------------------------------- 1. lines -> elements

def _read_elements(text: str, headings: frozenset[int] = frozenset(), posts: frozenset[int] = frozenset()) -> list[_Element]:
    """The page's lines as elements; the lines numbered in ``headings`` are headings whatever their
    shape, and those in ``posts`` (a board's post datelines) head a post: a question under one is the post."""
    elements: list[_Element] = []
    paragraph: list[str] = []
    paragraph_lines = 0

    def flush() -> None:
        nonlocal paragraph, paragraph_lines
        if paragraph_lines == 1:
            line = paragraph[0]
            under_post_dateline = bool(elements) and elements[-1].kind == "heading" and elements[-1].text in dated
            if layout.is_question(line) and not line.endswith(".?") and not under_post_dateline:
                elements.append(_Element("heading", line, question=True))
            elif not layout.is_chrome(line):
                heading = _looks_like_heading(line) and not layout.has_figure(line)
                elements.append(_Element("heading" if heading else "paragraph", line))
        elif paragraph and layout.is_wrapped_prose(paragraph[1:]) and layout.leads_wrapped_prose(paragraph[0]) \
                and not layout.is_site_notice(" ".join(paragraph[1:])):
            # "CAREER OUTLOOK" or "Is financial aid available?" over its wrapped text, with no blank line
            elements.append(_Element("heading", paragraph[0], question=layout.is_question(paragraph[0])))
            elements.append(_Element("paragraph", "\n".join(paragraph[1:])))
        elif paragraph and layout.is_wrapped_prose(paragraph):
            # line breaks kept: the units of an over-long paragraph are cut at them
            if not layout.is_site_notice(" ".join(paragraph)):  # a wrapped non-discrimination notice
                elements.append(_Element("paragraph", "\n".join(paragraph)))
        elif paragraph:  # one element per line: a page saved from another site
            under_heading = bool(elements) and elements[-1].kind == "heading" and not elements[-1].question
            for piece in layout.line_pieces(paragraph, under_heading):
                if piece is not None:
                    elements.append(_Element(piece.kind, piece.text, line_mode=True, question=piece.question,
                                             table=piece.table))
        paragraph, paragraph_lines = [], 0

    all_lines = text.split("\n")
    dated = {all_lines[number].strip() for number in posts if number < len(all_lines)}
    for number, raw_line in enumerate(all_lines):
        if number in headings:
            flush()
            elements.append(_Element("heading", raw_line.strip()))
            continue
        raw_line = _pipe_row(raw_line)
        if raw_line is None:
            continue  # a Markdown table's rule line: |---|---|
        line = raw_line.rstrip()
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        if _NOISE_RE.match(stripped):
            flush()
            continue
        heading = _MD_HEADING_RE.match(stripped)
        if heading:
            flush()
            elements.append(_Element("heading", heading["text"].strip(), heading_level=len(heading["hashes"])))
            continue
        item = _ITEM_RE.match(line)
        if item and not (item["marker"] in "*+-" and item["text"].startswith(item["marker"])):
            flush()
            indent = len(item["indent"].expandtabs(4))
            marker = "◦" if item["marker"] == "o" else item["marker"]  # a word processor's "o" is a hollow bullet
            elements.append(_Element("item", item["text"].strip(), indent=indent, marker=marker))
            continue
        if elements and elements[-1].kind == "item" and elements[-1].marker and not paragraph and raw_line[:1] in " \t" \
                and len(raw_line) - len(raw_line.lstrip()) > elements[-1].indent:
            elements[-1].text += " " + stripped  # an indented continuation of the item above
            continue
        if (paragraph and "\t" in paragraph[-1] and "\t" not in stripped and stripped[:1].islower()
                and len(stripped.split()) <= _WRAPPED_CELL_WORDS and not stripped.endswith((".", "!", "?"))
                and not paragraph[-1].rstrip().endswith((".", "!", "?"))):
            paragraph[-1] += " " + stripped  # a table cell's text wrapped onto a line of its own ("not refundable")
            continue
        paragraph.append(stripped)
        paragraph_lines += 1
    flush()
    return elements


# a rule drawn with characters ("-----", "=====", "* * *", "~~~~") or a grid table's rule ("+----+----+")
_DRAWN_RULE_RE = re.compile(r"^\s*(?:(?P<char>[-=_*~])(?:[ ]?(?P=char)){2,}|\+(?:[-=:]{2,}\+)+)\s*$")


_BOX_RULE_RE = re.compile(r"^\s*[\u2500-\u257f][\u2500-\u257f ]*$")  # box-drawing characters only
_BOXED_LINE_RE = re.compile(r"^\s*[│┃║]\s?(.*?)\s*[│┃║]?\s*$")


def _drawn_rules(lines: list[str]) -> tuple[list[str], frozenset[int]]:
    """Plain-text pages' drawn layout, read as the layout rules expect it.

    A rule drawn with characters ("-----", "=====") is a blank line, and a short line it underlines
    ("Pay\n-----") or two rules frame ("-----\n2. PAY BY METRO AREA\n-----") is a heading, as
    e-mailed newsletters mark sections: its number is returned. A grid table's rules ("+----+----+")
    go, so its rows stay one block. A fixed-width table (a header over dashes per column, "Code  Title"
    over "-----  -----") becomes tab-separated rows cut at its columns. A line indented under a
    dot-leader line ("Tool allowance ........ $425 / year") goes on with it."""
    out: list[str] = []
    headings: set[int] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if _BOX_RULE_RE.match(line):
            out.append("")  # a box drawn with line characters ("┌────┐", "├────┤"): its rules part blocks
            i += 1
            continue
        boxed = _BOXED_LINE_RE.match(line)
        if boxed:  # "│ $23.57 per hour      │": the text inside the box; "│ a │ b │" is a row of cells
            line = "\t".join(cell.strip() for cell in re.split(r"[│┃║]", boxed.group(1)))
        if _COLUMN_RULE_RE.match(line) and out and out[-1].strip() and "\t" not in out[-1]:
            starts = [m.start() for m in re.finditer(r"-{3,}", line)]
            out[-1] = _fixed_width_row(out[-1], starts)
            i += 1
            while i < len(lines) and lines[i].strip():
                if not _COLUMN_RULE_RE.match(lines[i]):  # a rule over a total row goes
                    out.append(_fixed_width_row(lines[i], starts))
                i += 1
            continue
        rule = _DRAWN_RULE_RE.match(line)
        if rule and not rule.group("char"):
            i += 1  # a grid table's rule
            continue
        if rule:
            above = out[-1].strip() if out else ""
            before_above = out[-2] if len(out) >= 2 else ""
            if above and not before_above.strip() and "\t" not in above and "|" not in above and _looks_like_heading(above):
                headings.add(len(out) - 1)
            out.append("")
            i += 1
            continue
        # (not a caption over an indented list of dot-leader rows: "Median hourly wage by area" over "  Salem …… $21.05")
        listed = (i + 1 < len(lines) and _indent(lines[i + 1]) == _indent(line)
                  and bool(_DOT_LEADER_RE.search(lines[i + 1])) and bool(_DOT_LEADER_RE.search(line)))
        if (out and line.strip() and not _ITEM_RE.match(line) and _indent(line) > _indent(out[-1]) > -1
                and bool(_DOT_LEADER_RE.search(line)) != bool(_DOT_LEADER_RE.search(out[-1]))
                and not out[-1].rstrip().endswith(":") and not listed):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"  # the value or label of a dot-leader line, wrapped
            i += 1
            continue
        out.append(line)
        i += 1
    return out, frozenset(headings)


# dashes under each column of a fixed-width table: "-----  ---------------  ------"
_COLUMN_RULE_RE = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")
_DOT_LEADER_RE = re.compile(r"\S\s*(?:\.\s?){4,}")


def _indent(line: str) -> int:
    """How far a line is indented; -1 for a blank one."""
    return len(line) - len(line.lstrip()) if line.strip() else -1


def _fixed_width_row(line: str, starts: list[int]) -> str:
    """A line of a fixed-width table cut at its columns' starts, as tab-separated cells; split at runs
    of two or more spaces when a cut would fall inside a word."""
    if any(0 < at < len(line) and line[at - 1] != " " and line[at] != " " for at in starts):
        cells = re.split(r"\s{2,}", line.strip())
    else:
        cells = [line[at: end].strip() for at, end in zip(starts, [*starts[1:], None])]
    while cells and not cells[-1]:
        cells.pop()
    return "\t".join(cell or "—" for cell in cells)


_PIPE_ROW_RE = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_PIPE_RULE_RE = re.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$")


def _pipe_row(line: str) -> str | None:
    """A Markdown table row in a text file ("| State | Median |") as the tab-separated row the layout
    rules read (saved pages flatten tables to tabs); None for its rule line; any other line as it is."""
    if _PIPE_RULE_RE.match(line):
        return None
    row = _PIPE_ROW_RE.match(line)
    if not row:
        return line
    cells = [c.strip() for c in row.group("cells").split("|")]
    while cells and not cells[-1]:
        cells.pop()
    if all(c in ("...", "…", "") for c in cells):
        return None  # "| ... | ... |": rows left out, and the table goes on under the same header
    if cells and not cells[0]:
        cells[0] = "—"  # "| | 2022 | 2032 |": an empty corner cell keeps its column
    return "\t".join(cells)


def _take_title(elements: list[_Element], stem: str, thread_title: str | None = None) -> tuple[str, list[_Element]]:
    """The document's title and the elements after it.

    A page that opens with its heading keeps it (the shipped page does). Otherwise the title is
    the heading, among those before the first prose paragraph, whose words the page uses most,
    and the site furniture before it (site name, menus) goes; so do tab labels right after it.
    A forum thread's title is its first post's title line, a question or a figure as it may be.
    """
    posted = next((i for i, el in enumerate(elements) if el.text == thread_title), None) if thread_title else None
    if posted is not None:
        before = [el for el in elements[:posted] if not (el.line_mode or el.kind == "heading")]
        return thread_title, before + elements[posted + 1:]
    first_prose = next((i for i, el in enumerate(elements) if el.kind == "paragraph" and len(el.text.split()) >= 12
                        and re.search(r"[.!]$|[.!] ", el.text)), len(elements))
    top = [i for i in range(min(first_prose, 60)) if _title_candidate(elements[i])]
    fallback = stem.replace("-", " ").replace("_", " ").strip() or "Untitled"
    if not top:
        return fallback, elements
    body = layout.word_counts(" ".join(el.text for el in elements[first_prose:]) + " " + stem.replace("-", " "))
    scores = {i: layout.title_score(elements[i].text, body) for i in top}
    best = max(top, key=lambda i: (scores[i], -i))
    level_one = [i for i in top if elements[i].heading_level == 1]
    if len(level_one) == 1:
        best = level_one[0]  # a Markdown page's one "# Title" is its title, whatever its "##" sections say
    if elements[0].kind == "heading" and not elements[0].line_mode and 0 in scores and scores[0] >= 0.8 * scores[best]:
        best = 0
    before = [el for el in elements[:best] if not (el.line_mode or el.kind == "heading")]
    rest = _drop_tab_labels(before + elements[best + 1:], first_prose - best - 1 + len(before))
    return elements[best].text, rest


def _title_candidate(el: _Element) -> bool:
    """A line that could be a page's title: short, one line, not a sentence, a figure or a
    "Label: value" line (a colon in a longer title, "X: A Guide", is fine)."""
    text = el.text
    if el.question and text.endswith("?"):
        return False  # "How To Become a Paralegal" may be a title; "What does a paralegal do?" is not
    if el.table or "\n" in text or len(text.split()) > 20 or layout.has_figure(text) or text.endswith(":"):
        return False
    if re.fullmatch(r"\[\s.*\s\]", text):
        return False  # a control copied with the page: "[ Per hour | Per year ]", "[ Apply now ]"
    if re.search(r"\S {4,}\S", text):
        return False  # a line laid out in columns: a running header ("COLLEGE NAME      PROGRAM SHEET 2025")
    if text.endswith(".") and not re.search(r"\b[A-Za-z]\.[A-Za-z.]*\.$", text):  # "A.A.S." ends a title
        return False
    key = text.split(":", 1)[0] if ":" in text else None
    return key is None or len(key.split()) > 3


def _drop_tab_labels(elements: list[_Element], first_prose: int) -> list[_Element]:
    """Tab labels or a menu right after the title: four or more short lines before any prose."""
    out, i = [], 0
    while i < len(elements):
        if i < first_prose and elements[i].line_mode:
            n = i
            while n < len(elements) and elements[n].kind in ("heading", "item") and elements[n].line_mode \
                    and 0 < len(elements[n].text.split()) <= 4 and not layout.has_figure(elements[n].text) \
                    and not elements[n].text.endswith((":", "?")) and "\n" not in elements[n].text \
                    and ": " not in elements[n].text:  # "Phone: (555) 555-0142" is a fact box's line, not a tab
                n += 1
            if n - i >= 4:
                i = n
                continue
        out.append(elements[i])
        i += 1
    return out


def _looks_like_heading(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 12
        and len(line) <= 100
        and line[-1] not in ".:;,!?"
        and (line[0].isupper() or line[0].isdigit())
    )


# ---------------------------------------------------------------- 2. embedded pages

def _split_embedded_pages(elements: list[_Element]) -> tuple[list[_Element], list[tuple[str, list[_Element]]]]:
    """A heading repeated on the next line starts an embedded page that runs to the next one."""
    starts = [
        i for i in range(len(elements) - 1)
        if elements[i].kind == "heading" and elements[i + 1].kind == "heading"
        and elements[i].text == elements[i + 1].text
    ]
    if not starts:
        return elements, []
    main = elements[: starts[0]]
    pages = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(elements)
        pages.append((elements[start].text, elements[start + 2: end]))
    return main, pages


def _expand_inline_markup(elements: list[_Element]) -> list[_Element]:
    """Turn "### Heading - item - item" and "1. **Label**: text" inside paragraphs into elements."""
    out: list[_Element] = []
    for el in elements:
        if el.kind == "paragraph" and _INLINE_MARKUP_RE.search(el.text):
            out.extend(_inline_elements(el.text))
        else:
            out.append(el)
    return out


def _inline_elements(text: str) -> list[_Element]:
    markers = list(_INLINE_MARKER_RE.finditer(text))
    out: list[_Element] = []
    lead = text[: markers[0].start()].strip() if markers else text.strip()
    if lead:
        out.append(_Element("paragraph", lead))
    for n, marker in enumerate(markers):
        end = markers[n + 1].start() if n + 1 < len(markers) else len(text)
        body = text[marker.end(): end].strip()
        if marker["heading"]:
            # The heading runs to the first list marker; anything after it is a paragraph.
            cut = _INLINE_HEADING_END_RE.search(" " + body)
            heading, rest = (body[: cut.start() - 1], body[cut.start():]) if cut else (body, "")
            out.append(_Element("heading", heading.strip(), heading_level=2))
            if rest.strip():
                out.append(_Element("paragraph", rest.strip()))
        elif marker["label"]:
            out.append(_Element("heading", marker["label"].strip(), heading_level=2))
            if body:
                out.append(_Element("paragraph", body))
        elif body:
            symbol = f"{marker['num']}." if marker["num"] else marker["dash"]
            out.append(_Element("item", body, indent=0, marker=symbol))
    return out


# ---------------------------------------------------------------- 3-4. structure

def _structure(elements: list[_Element]) -> list[_Element]:
    elements = _split_glued_text(elements)
    _assign_list_levels(elements)
    elements = _restore_lost_headings(elements)
    _assign_sections(elements)
    return elements


def _list_runs(elements: list[_Element]) -> list[tuple[int, int]]:
    """(start, end) index ranges of consecutive items."""
    runs, i = [], 0
    while i < len(elements):
        if elements[i].kind == "item":
            j = i
            while j + 1 < len(elements) and elements[j + 1].kind == "item":
                j += 1
            runs.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return runs


def _split_glued_text(elements: list[_Element]) -> list[_Element]:
    out: list[_Element] = []
    last_items = {end - 1 for _, end in _list_runs(elements)}
    for i, el in enumerate(elements):
        if el.kind != "item" or el.line_mode:  # the repairs are for scraped template pages
            out.append(el)
            continue
        nxt = elements[i + 1] if i + 1 < len(elements) else None
        intro = _glued_intro(el, nxt)
        if intro is not None:
            out.extend([_replace_text(el, el.text[:intro].rstrip()), _Element("paragraph", el.text[intro:].strip())])
            continue
        closing = _closing_remark_start(el.text) if i in last_items else None
        if closing is not None:
            out.extend([_replace_text(el, el.text[:closing].rstrip()), _Element("paragraph", el.text[closing:].strip())])
            continue
        out.append(el)
    return out


def _replace_text(el: _Element, text: str) -> _Element:
    return _Element(el.kind, text, el.heading_level, el.indent, el.marker)


def _marker_kind(marker: str) -> str:
    return "number" if marker[:1].isdigit() else "bullet"


def _glued_intro(item: _Element, nxt: _Element | None) -> int | None:
    """Where an intro sentence glued onto an item starts ("… standards. MLOps managers … such as:").

    Only when the item ends with a colon, the next item sits at the same indent with another
    kind of marker (so it is not this item's child), and the item has more than one sentence.
    """
    if not (nxt and nxt.kind == "item" and item.text.endswith(":") and nxt.indent == item.indent
            and _marker_kind(nxt.marker) != _marker_kind(item.marker)):
        return None
    spans = split_sentences(item.text)
    return spans[1][0] if len(spans) > 1 else None


def _closing_remark_start(text: str) -> int | None:
    """Where a section's closing paragraph starts inside a list's last item, if it ran on into it.

    Two shapes: a new sentence that opens like a closing remark ("… needed. By adhering…");
    or a capitalised word glued to the previous word with no punctuation ("… processes By
    following…", "… deployments Candidates who…"), which must not look like a name in a
    phrase ("by Small and Medium Enterprises").
    """
    spans = split_sentences(text)
    for start, _ in spans[1:]:
        if text[start:].split(" ", 1)[0].lower().rstrip(",") in _CLOSING_OPENERS or _CONCLUSION_RE.match(text[start:]):
            candidate = start
            break
    else:
        candidate = None
    words = list(re.finditer(r"\S+", text))
    for n in range(1, len(words) - 1):
        if candidate is not None and words[n].start() >= candidate:
            break
        word, before, after = words[n].group(), words[n - 1].group(), words[n + 1].group()
        if not re.fullmatch(r"[A-Z][a-z]+(?:'s)?", word) or not re.fullmatch(r"[\w$,%+/-]*\w", before):
            continue
        if before.lower() in _FUNCTION_WORDS or not after[:1].islower():
            continue
        if word.lower() in _CLOSING_OPENERS:
            return words[n].start()
        # Any other capitalised word only after a lower-case word ("Machine Learning" is a name).
        rest = text[words[n].start():]
        if (before[0].islower() or before[0] in "$0123456789") and len(rest.split()) >= 8 \
                and rest.rstrip().endswith("."):
            return words[n].start()
    return candidate


def _assign_list_levels(elements: list[_Element]) -> None:
    """Nesting from indentation; a title-like numbered item ("1. Infrastructure and Automation")
    owns the bullets that follow it at the same indent. Siblings share a ``list_id``."""
    next_list_id = 0
    for start, end in _list_runs(elements):
        indents = sorted({elements[i].indent for i in range(start, end)})
        group_owner_indent = None
        stack: list[tuple[int, int, str]] = []  # (level, list_id, marker kind) of open lists
        for i in range(start, end):
            el = elements[i]
            level = indents.index(el.indent)
            kind = _marker_kind(el.marker)
            if kind == "number" and _looks_like_heading(el.text):
                group_owner_indent = el.indent
            elif kind == "number" and el.indent == group_owner_indent:
                group_owner_indent = None
            if kind == "bullet" and group_owner_indent == el.indent:
                level += 1
            el.level = level
            while stack and stack[-1][0] > level:
                stack.pop()
            if stack and stack[-1][0] == level and stack[-1][2] == kind:
                el.list_id = stack[-1][1]
            else:
                if stack and stack[-1][0] == level:
                    stack.pop()
                el.list_id = next_list_id
                stack.append((level, next_list_id, kind))
                next_list_id += 1


def _restore_lost_headings(elements: list[_Element]) -> list[_Element]:
    """An intro paragraph right after a section's closing paragraph starts a section whose
    heading the scrape lost; give it a title derived from the intro ("several key trends…")."""
    out: list[_Element] = []
    for i, el in enumerate(elements):
        if (el.kind == "paragraph" and el.text.endswith(":") and i >= 2 and not el.line_mode
                and elements[i - 1].kind == "paragraph" and elements[i - 2].kind == "item"):
            out.append(_Element("heading", _derive_title(el.text), top_level=True))
        out.append(el)
    return out


def _derive_title(intro: str) -> str:
    match = _SECTION_TITLE_RE.search(intro)
    if match:
        return " ".join(w.capitalize() for w in (match.group(1) or "").split() + [match.group(2)])
    words = intro.rstrip(":").split()
    return " ".join(words[:6]) + ("…" if len(words) > 6 else "")


def _assign_sections(elements: list[_Element]) -> None:
    headings = [el for el in elements if el.kind == "heading"]
    plain = [el for el in headings if el.heading_level is None and not el.top_level]
    marked = {id(el): el.heading_level for el in headings if el.heading_level and not el.table}
    if marked and len(marked) < len(headings):
        # "## Pay" marks its level: an unmarked heading after it ("Important Qualities") is one of
        # its subsections, not a section of the page that would swallow the next "##" section
        last = None
        for el in headings:
            if id(el) in marked:
                last = marked[id(el)]
            elif el in plain and last is not None:
                el.heading_level = last + 1
        plain = [el for el in plain if el.heading_level is None]
    template_used = any(_is_template_section(el.text) for el in plain)
    top_open = False
    for el in plain:
        if not template_used or _is_template_section(el.text) or not top_open:
            el.heading_level, top_open = 1, True
        else:
            el.heading_level = 2
    plain_ids = {id(el) for el in plain}
    for above, el in zip(elements, elements[1:]):
        # "TOP-PAYING STATES" over "Ranked by annual mean wage, May 2023": a heading in capitals and, right
        # under it, one in ordinary case is its subtitle; the rows below are under both
        if (id(el) in plain_ids and id(above) in plain_ids and _in_capitals(above.text)
                and _in_sentence_case(el.text) and not el.question and el.heading_level <= above.heading_level):
            el.heading_level = above.heading_level + 1
    base = min((el.heading_level for el in headings if el.heading_level), default=1)
    previous = base - 1
    for el in headings:
        if el.top_level:
            el.heading_level = base
        if el.table:  # its rows sit under it, and the next heading of the page closes it
            el.heading_level = previous + 1
        else:
            previous = el.heading_level
    open_headings: list[tuple[int, str]] = []  # (level, text): a heading closes those at its level or deeper
    path: list[str] = []
    for el in elements:
        if el.kind == "heading":
            while open_headings and open_headings[-1][0] >= el.heading_level:
                open_headings.pop()
            open_headings.append((el.heading_level, el.text))
            path = [text for _, text in open_headings]
            el.section = tuple(path)
        elif el.kind == "paragraph" and _CONCLUSION_RE.match(el.text):
            el.section = tuple(path[:1][: max(0, len(path) - 1)]) + (SUMMARY_SECTION,)
        else:
            el.section = tuple(path) or (INTRO_SECTION,)


def _in_sentence_case(text: str) -> bool:
    """ "Ranked by annual mean wage, May 2023": a caption's case, most words after the first in lower case
    (a section title capitalises them: "Piano Technician Trainee")."""
    words = re.findall(r"[^\W\d_][\w'-]*", text)[1:]
    return len(words) >= 2 and sum(w[0].islower() for w in words) * 2 > len(words) and not text.rstrip().endswith("?")


def _in_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _is_template_section(heading: str) -> bool:
    lowered = heading.lower()
    return any(lowered.startswith(name.lower()) for name in GUIDE_TEMPLATE_SECTIONS)


# ---------------------------------------------------------------- 5. rendering

def _render(doc_id: str, title: str, source: str, elements: list[_Element]) -> Document:
    parts: list[str] = [title, "\n"]
    pos = len(title) + 1
    blocks: list[Block] = []
    previous_kind = None
    for el in elements:
        if not el.text:
            continue
        if not (el.kind == "item" and previous_kind == "item"):
            parts.append("\n")
            pos += 1
        prefix = ("  " * el.level + el.marker + " ") if el.kind == "item" and el.marker else ""
        line_start = pos
        start = pos + len(prefix)
        parts.append(prefix + el.text + "\n")
        pos += len(prefix) + len(el.text) + 1
        blocks.append(Block(el.kind, el.text, el.section, start, start + len(el.text), line_start,
                            el.level, el.marker, el.list_id, el.page))
        previous_kind = el.kind
    text = "".join(parts)
    return Document(doc_id, title, source, text, tuple(blocks), tuple(title_aliases(title, text)))


_ACRONYM_RE = re.compile(r"((?:[A-Z][\w/-]*\s+){1,5})\(([A-Z][A-Za-z/]{1,10})\)")


_PLURAL_ACRONYM_RE = re.compile(r"((?:[A-Za-z][\w-]*\s+){1,5})\(([A-Z]{2,6}s?)\)")


def title_aliases(title: str, text: str) -> list[str]:
    """Other names the text gives the page's subject: acronyms it defines for the title's words
    ("Machine Learning DevOps (MLOps)" -> "MLOps"), and the names of an "Also called:" line
    ("Also called: X-ray technologist, radiographer, rad tech")."""
    title_words = {w.lower() for w in title.split()}
    aliases = []
    for match in _ACRONYM_RE.finditer(text):
        expansion = {w.lower() for w in match.group(1).split()}
        acronym = re.sub(r"(?<=[A-Z]{2})s$", "", match.group(2))  # "Managers (MLDMs)" defines "MLDM"
        if len(expansion & title_words) >= 3 and acronym not in aliases:
            aliases.append(acronym)
    for match in _PLURAL_ACRONYM_RE.finditer(text):
        # "Respiratory therapists (RTs)": letters that are the initials of the words before them
        letters = match.group(2).rstrip("s")
        words = match.group(1).split()[-len(letters):]
        stems = {w.lower().rstrip("s") for w in words}
        if (len(words) == len(letters) >= 2 and is_role_phrase(" ".join(words)) and all(w[0].lower() == c.lower() for w, c in zip(words, letters))
                and stems <= {w.lower().rstrip("s") for w in title.split()} and letters not in aliases):
            aliases.append(letters)
    also = _ALSO_CALLED_RE.search(text)
    if also:
        for name in re.split(r"\s*(?:[,;]|\bor\b|\band\b)\s*", also.group(1)):
            name = name.strip(" .")
            if name and len(name.split()) <= 5 and re.search(r"[A-Za-z]", name) and name not in aliases:
                aliases.append(name)
    return aliases


# "Also called: Fabricator, Pipe Welder", "Also known as — Service Plumber", "Other job titles: …"
_ALSO_CALLED_RE = re.compile(r"^\W*(?:also (?:called|known as)|other (?:job )?titles|a\.?k\.?a\.?)\s*[:—–-]\s*(.{3,200})$",
                             re.I | re.M)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
