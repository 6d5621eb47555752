"""PDF -> a page, structure recovered from the text layer's fonts and positions (pdfminer.six).

1. Characters as drawn (pdfminer.six, no layout analysis) are grouped into lines by their top
   edge, in reading order (top to bottom, single column); each line has its page, position,
   font size (the size most of its characters have) and weight (bold when nearly all its
   characters are in a bold face).
2. Running headers and footers go: lines in the top or bottom band of the page whose text,
   digits ignored, repeats on at least half the pages; page numbers ("7", "Page 7 of 12",
   "- 7 -") in those bands go on any page.
3. The body size is the size most characters have. A line is a heading when its size is
   clearly larger than the body's, or when it is short, bold throughout and ends without a
   full stop; heading levels rank the heading styles by size (then bold before regular).
4. A line opening with a bullet ("•", "–", "▪", an unmapped glyph such as "(cid:127)") or a
   number/letter ("3.", "b)") starts an item; its depth is the rank of its marker's indent
   within the current list; following lines indented like its text continue it.
5. Other lines join into paragraphs until the gap to the next line is clearly larger than the
   document's line spacing, the indent falls back, or the style changes. Words hyphenated at a
   line end are joined (kept hyphenated when the document spells them with a hyphen elsewhere
   or the next part starts with a capital).

Multi-column layouts are read line by line across the page (not recovered). A table drawn in columns
(parts of a line apart by gaps wider than the font size, rows close together) becomes one row item per
row, its wrapped cells joined (``_table_runs``).
"""
from __future__ import annotations

import io
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from .model import BULLET, Element, Page, UnreadableDocument, clean_text, finish_page, title_from_name

_BOLD_RE = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|ultrabold", re.I)
_CID_RE = re.compile(r"\(cid:\d+\)")
# bullets as drawn, including the private-use glyphs of the Symbol and Wingdings fonts Word uses
_BULLET_CHARS = "•●○◦▪▫■□‣⁃∙·*-–—" "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8"
_BULLET_RE = re.compile(r"^(?:\(cid:\d+\)|[" + re.escape(_BULLET_CHARS) + r"])\s+(?=\S)")
_NUMBER_RE = re.compile(r"^(?:\(?(\d{1,3}|[a-z]|[ivx]{1,5})[.)])\s+(?=\S)", re.I)
_PAGE_NUMBER_RE = re.compile(
    r"^(?:page\s+)?[-–(]?\s*(?:\d{1,4}|[ivxlc]{1,6})\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)
_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
_MARGIN_BAND = 0.09  # top and bottom share of the page height where running headers and footers live
_HEADING_SIZE_RATIO = 1.15
_MAX_HEADING_WORDS = 14
_COLUMN_GAP = 1.0  # a gap between characters wider than the font size parts two table columns (words: a fifth)
_ROW_GAP = 2.5  # rows of one table are at most this many font sizes apart, top to top
_WRAP_GAP = 1.4  # a cell's wrapped line sits at most this many font sizes under the line before
_ALIGN = 4.0  # points: a cell starts in a column when it starts this close to the column's start


@dataclass
class _Line:
    page: int
    text: str
    x0: float
    top: float
    bottom: float
    size: float
    bold: bool
    page_height: float
    marker: str = ""  # list marker, "" when the line is not an item's first line
    body: str = ""  # the text after the marker
    cells: tuple[tuple[float, float, str], ...] = ()  # (x0, x1, text) of the parts a column gap splits the line into
    x1: float = 0.0  # where the line ends

    @property
    def style(self) -> tuple[float, bool]:
        return (round(self.size * 2) / 2, self.bold)


def read_pdf(data: bytes, name: str) -> list[Page]:
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise UnreadableDocument(name, "is not a PDF file (it does not start with the %PDF signature)")
    lines, metadata_title, had_images = _read_lines(data, name)
    if not lines:
        if had_images:
            raise UnreadableDocument(name, "has no text layer (it looks like a scanned image); "
                                           "run it through OCR and add the result")
        raise UnreadableDocument(name, "has no text to read")
    garbled = sum(len(_CID_RE.findall(line.text)) for line in lines)
    if garbled > 0.3 * sum(len(line.text.split()) for line in lines):
        raise UnreadableDocument(name, "has text that can't be decoded (its fonts carry no character map); "
                                       "export it again from the source program")
    lines = _drop_running_lines(lines)
    if not lines:
        raise UnreadableDocument(name, "has no text beyond page headers and footers")
    elements = _structure(lines)
    return [finish_page(elements, None, metadata_title or title_from_name(name))]


# ---------------------------------------------------------------- 1. lines

def _read_lines(data: bytes, name: str) -> tuple[list[_Line], str, bool]:
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser

    lines: list[_Line] = []
    had_images = False
    try:
        document = PDFDocument(PDFParser(io.BytesIO(data)), password="")
        title = _metadata_title(document)
        resources = PDFResourceManager()
        device = PDFPageAggregator(resources, laparams=None)  # chars as drawn; lines are built below
        interpreter = PDFPageInterpreter(resources, device)
        for page_no, page in enumerate(PDFPage.create_pages(document), start=1):
            interpreter.process_page(page)
            layout = device.get_result()
            chars, images = _chars(layout, float(layout.height))
            had_images = had_images or images
            lines.extend(_lines(chars, page_no, float(layout.height)))
    except UnreadableDocument:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged or encrypted files
        raise _open_error(name, exc) from exc
    return lines, title, had_images


def _metadata_title(document) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    for info in document.info or []:
        value = resolve1(info.get("Title"))
        if isinstance(value, bytes):
            value = decode_text(value)
        if isinstance(value, str) and clean_text(value):
            return clean_text(value)
    return ""


def _open_error(name: str, cause) -> UnreadableDocument:
    kind = type(cause).__name__
    if kind in ("PDFPasswordIncorrect", "PDFEncryptionError", "PDFTextExtractionNotAllowed") \
            or "password" in str(cause).lower():
        return UnreadableDocument(name, "is password-protected; save a copy without a password and add that")
    detail = str(cause)[:120] or kind
    return UnreadableDocument(name, f"is not a valid PDF or is damaged ({detail})")


def _chars(container, height: float) -> tuple[list[tuple], bool]:
    """(text, fontname, size, x0, x1, top, bottom) of every drawn character, and whether the page has images."""
    from pdfminer.layout import LTChar, LTImage

    chars, images = [], False
    stack = [iter(container)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
            continue
        if isinstance(obj, LTChar):
            chars.append((obj.get_text(), obj.fontname, float(obj.size), obj.x0, obj.x1, height - obj.y1,
                          height - obj.y0))
        elif isinstance(obj, LTImage):
            images = True
        elif hasattr(obj, "__iter__"):
            stack.append(iter(obj))
    return chars, images


def _lines(chars: list[tuple], page_no: int, height: float) -> list[_Line]:
    """Characters -> lines: clustered by their top edge, ordered left to right, spaces where the
    gap between two characters is wider than a fifth of the font size."""
    seen = set()
    unique = []
    for c in chars:  # a word drawn twice over itself (fake bold) counts once
        key = (c[0], round(c[3], 1), round(c[5], 1))
        if key not in seen:
            seen.add(key)
            unique.append(c)
    unique.sort(key=lambda c: (c[5], c[3]))
    clusters: list[list[tuple]] = []
    for c in unique:
        if clusters and abs(c[5] - clusters[-1][0][5]) <= max(2.0, 0.25 * c[2]):
            clusters[-1].append(c)
        else:
            clusters.append([c])
    out = []
    for cluster in clusters:
        cluster.sort(key=lambda c: c[3])
        parts: list[str] = []
        cells: list[tuple[float, list[str], list[float]]] = []  # x0, characters, right edges
        previous = None
        for c in cluster:
            if c[0].isspace() and previous is None:
                continue
            gap = c[3] - previous[4] if previous is not None else None
            if gap is not None and gap > _COLUMN_GAP * max(c[2], 1) and not c[0].isspace():
                cells.append((c[3], [], []))  # a table's next column
            elif not cells:
                cells.append((c[3], [], []))
            if gap is not None and gap > 0.2 * max(c[2], 1) and parts and parts[-1] != " " and not c[0].isspace():
                parts.append(" ")
                cells[-1][1].append(" ")
            parts.append(c[0])
            cells[-1][1].append(c[0])
            cells[-1][2].append(c[4])
            previous = c
        line = _line("".join(parts), [c for c in cluster if c[0].strip()], page_no, height)
        if line is not None:
            split = tuple((x0, max(ends), clean_text("".join(chars))) for x0, chars, ends in cells
                          if clean_text("".join(chars)))
            if len(split) >= 2 and _marker(split[0][2] + " x")[1] == "x":  # a list marker, then its text
                split = ((split[0][0], split[1][1], f"{split[0][2]} {split[1][2]}"), *split[2:])
            out.append(replace(line, cells=split) if len(split) >= 2 else line)
    return out


def _line(raw_text: str, chars: list[tuple], page_no: int, page_height: float) -> _Line | None:
    text = clean_text(raw_text)
    if not chars or not text:
        return None
    sizes = Counter(round(c[2], 1) for c in chars)
    size = sizes.most_common(1)[0][0]
    marker, body = _marker(text)
    # weight of the text after the marker (a regular "1." before a bold label is still bold)
    body_chars = chars[len(chars) - len(body.replace(" ", "")):] if marker else chars
    bold_share = sum(1 for c in body_chars if _BOLD_RE.search(c[1])) / max(len(body_chars), 1)
    return _Line(page_no, text, min(c[3] for c in chars), min(c[5] for c in chars), max(c[6] for c in chars),
                 size, bold_share >= 0.9, page_height, marker, body, x1=max(c[4] for c in chars))


def _marker(text: str) -> tuple[str, str]:
    bullet = _BULLET_RE.match(text)
    if bullet:
        return BULLET, text[bullet.end():]
    number = _NUMBER_RE.match(text)
    if number:
        symbol = number.group(0).strip()
        return symbol.lstrip("("), text[number.end():]
    return "", text


# ---------------------------------------------------------------- 2. running headers, footers, page numbers

def _drop_running_lines(lines: list[_Line]) -> list[_Line]:
    pages = {line.page for line in lines}

    def in_band(line: _Line) -> bool:
        return line.top < _MARGIN_BAND * line.page_height or line.bottom > (1 - _MARGIN_BAND) * line.page_height

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    seen_on: dict[str, set[int]] = defaultdict(set)
    for line in lines:
        if in_band(line):
            seen_on[key(line)].add(line.page)
    repeated = {k for k, on in seen_on.items() if len(pages) >= 2 and len(on) >= max(2, len(pages) / 2)}
    return [line for line in lines
            if not (in_band(line) and (key(line) in repeated or _PAGE_NUMBER_RE.match(line.text)))]


# ---------------------------------------------------------------- 3-5. structure

def _structure(lines: list[_Line]) -> list[Element]:
    sizes = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    body_size = sizes.most_common(1)[0][0]
    leading = _line_spacing(lines, body_size)
    vocabulary = Counter(w.lower() for line in lines for w in _WORD_RE.findall(line.text))

    def is_heading(line: _Line, previous: _Line | None) -> bool:
        if line.marker and line.size < body_size * _HEADING_SIZE_RATIO:
            return False
        if line.size >= body_size * _HEADING_SIZE_RATIO:
            return True
        words = line.text.split()
        gap_above = previous is None or previous.page != line.page or \
            (line.top - previous.top) > leading * 1.25 or previous.style != line.style
        return (line.bold and len(words) <= _MAX_HEADING_WORDS and line.text[-1] not in ".,;:!?"
                and gap_above and not (previous and previous.bold and previous.style == line.style
                                       and previous.page == line.page and line.top - previous.top <= leading * 1.25))

    heading_styles = sorted({line.style for i, line in enumerate(lines)
                             if is_heading(line, lines[i - 1] if i else None)},
                            key=lambda s: (-s[0], not s[1]))
    level_of = {style: n + 1 for n, style in enumerate(heading_styles)}

    elements: list[Element] = []
    current: dict | None = None  # the element being built: kind, text, level, marker, page, last line, indent
    list_indents: list[float] = []  # marker x0 of each open list depth

    def close() -> None:
        nonlocal current
        if current is not None:
            text = clean_text(_CID_RE.sub("", current["text"]))
            if text:
                elements.append(Element(current["kind"], text, heading_level=current.get("level"),
                                        list_level=current.get("list_level", 0), marker=current.get("marker", ""),
                                        page=current["page"]))
        current = None

    tables = _table_runs(lines)
    boxes = _stat_boxes(lines, tables)
    previous: _Line | None = None
    skip_to = 0
    for i, line in enumerate(lines):
        if i < skip_to:
            continue
        if i in boxes:
            close()
            skip_to, stats = boxes[i]
            elements.extend(Element("item", stat, page=line.page) for stat in stats)
            previous = lines[skip_to - 1]
            list_indents = []
            continue
        if i in tables:
            close()
            skip_to, rows = tables[i]
            for n, cells in enumerate(rows):
                elements.append(Element("item", "\t".join(cells), row="next" if n else "first", page=line.page))
            previous = lines[skip_to - 1]
            list_indents = []
            continue
        heading = is_heading(line, previous)
        continues = current is not None and _continues(current, line, heading, leading)
        if continues:
            current["text"] = _join(current["text"], line.text, vocabulary)
            current["last"] = line
        else:
            close()
            if heading:
                current = {"kind": "heading", "text": line.text, "level": level_of[line.style], "page": line.page}
                list_indents = []
            elif line.marker:
                while list_indents and list_indents[-1] > line.x0 + 3:
                    list_indents.pop()
                if not list_indents or line.x0 > list_indents[-1] + 3:
                    list_indents.append(line.x0)
                current = {"kind": "item", "text": line.body, "marker": line.marker, "page": line.page,
                           "list_level": len(list_indents) - 1, "indent": line.x0}
            else:
                if not (list_indents and line.x0 > list_indents[0] + 3):
                    list_indents = []
                current = {"kind": "paragraph", "text": line.text, "page": line.page, "indent": line.x0}
            current["last"] = line
            current["style"] = line.style
        previous = line
    close()
    return elements


def _table_runs(lines: list[_Line]) -> dict[int, tuple[int, list[list[str]]]]:
    """Tables drawn as text in columns: runs of two rows or more whose lines split at column gaps
    (``_Line.cells``), close together on one page and in one size. A line set at the text's own line
    spacing right under a row, whose parts each start in a column and end before the next one and
    give no sum or share ("625 hours; ADCI entry-level card" under a qualification cell, "hour)  hour)"
    under a header), is the wrapped rest of that row, cell by cell; any other line that is not a row
    ends the table (a paragraph under it runs across the columns). Each cell keeps its column: an
    empty one is "—". Returns the first line of each table -> (the line after it, its rows)."""
    runs: dict[int, tuple[int, list[list[str]]]] = {}
    i = 0
    while i < len(lines):
        if len(lines[i].cells) < 2:
            i += 1
            continue
        columns = [x0 for x0, _, _ in lines[i].cells]
        rows = [_row_cells(lines[i].cells, columns)]
        j = i + 1
        while j < len(lines):
            line, above = lines[j], lines[j - 1]
            gap = line.top - above.top
            if line.page != above.page or gap > _ROW_GAP * line.size or abs(line.size - lines[i].size) > 0.6:
                break
            parts = line.cells or ((line.x0, line.x1, line.text),)
            at = [_column_of(x0, columns) for x0, _, _ in parts]
            fits = None not in at and all(k + 1 >= len(columns) or x1 < columns[k + 1]
                                          for k, (_, x1, _) in zip(at, parts))
            if (fits and gap <= _WRAP_GAP * line.size and len(parts) < len(columns)
                    and not any(_FIGURE_RE.search(text) for _, _, text in parts)):
                for k, (_, _, text) in zip(at, parts):  # the wrapped rest of the row above
                    rows[-1][k] = text if rows[-1][k] == "—" else f"{rows[-1][k]} {text}"
            elif len(line.cells) >= 2 and None not in at:
                rows.append(_row_cells(line.cells, columns))
            elif len(line.cells) == len(columns):  # a header set over its columns otherwise (centred, right-aligned)
                if len(rows) == 1:
                    columns = [x0 for x0, _, _ in line.cells]  # the first row of data lines the columns up
                rows.append([text for _, _, text in line.cells])
            else:
                break
            j += 1
        # two columns of prose side by side go on mid-sentence: most of their lines open in lower case
        if len(rows) >= 2 and sum(row[0][:1].islower() for row in rows) * 2 <= len(rows):
            runs[i] = (j, [_trimmed(row) for row in rows])
            i = j
        else:
            i += 1
    return runs


def _stat_boxes(lines: list[_Line], tables: dict[int, tuple[int, list[list[str]]]]) -> dict[int, tuple[int, list[str]]]:
    """Stat boxes set side by side, each a big figure over a small label: a line of figures only
    ("$46,380  40%  18%  612") right above lines of words parted into as many boxes ("Median total pay,
    full-time" / "(wages, commission and tips)"), each part under its box's figure (left-aligned or
    centred). Read apart, the figures lose what they measure; each box is one item instead, "Median
    total pay, full-time (wages, commission and tips): $46,380". Returns the figures' line -> (the
    line after the labels, items)."""
    boxes: dict[int, tuple[int, list[str]]] = {}
    for i, line in enumerate(lines[:-1]):
        figures = [text.strip() for _, _, text in line.cells]
        if (len(figures) < 2 or i in tables or not all(_STAT_FIGURE_RE.fullmatch(f) for f in figures)
                or all(_YEAR_RE.fullmatch(f) for f in figures)):
            continue  # not figures only, or a header of years ("2024  2025") over the columns of a table
        centres = [(x0 + x1) / 2 for x0, x1, _ in line.cells]
        width = min(b - a for a, b in zip(centres, centres[1:]))
        labels: list[list[str]] = [[] for _ in figures]
        j = i + 1
        while j < len(lines) and j <= i + _STAT_LABEL_LINES:
            below, above = lines[j], lines[j - 1]
            gap = below.top - above.top
            if (below.page != line.page or gap > (_STAT_GAP * line.size if j == i + 1 else _WRAP_GAP * below.size)
                    or (j > i + 1 and j in tables)):
                break  # too far below, or a table of its own starts there
            parts = below.cells or ((below.x0, below.x1, below.text),)
            if (j == i + 1 and len(parts) < 2 or len(parts) > len(figures) or any(x1 - x0 > width for x0, x1, _ in parts)
                    or any(_FIGURE_RE.search(text) for _, _, text in parts)):
                break  # not words under the boxes: one run across them, or more parts than boxes, or a figure
            for x0, x1, text in parts:
                labels[min(range(len(centres)), key=lambda k: abs(centres[k] - (x0 + x1) / 2))].append(text)
            j += 1
        if j > i + 1 and all(labels):
            boxes[i] = (j, [f"{' '.join(label).rstrip(',;')}: {figure}" for label, figure in zip(labels, figures)])
    return boxes


_STAT_FIGURE_RE = re.compile(r"[+\-−▲▼]?\s?[$€£]?\d[\d,.]*\s?(?:%|[kKmMbB])?\+?")  # "$46,380", "+7.8%", "612"
_STAT_GAP = 3.0  # a box's label sits at most this many of its figure's font sizes under the figure
_STAT_LABEL_LINES = 3  # a box's label wraps onto at most this many lines
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _column_of(x0: float, columns: list[float]) -> int | None:
    return next((k for k, start in enumerate(columns) if abs(start - x0) <= _ALIGN), None)


def _row_cells(cells, columns: list[float]) -> list[str]:
    """A row's texts by column, "—" where it has none; a part that starts in no column joins the one before."""
    row = ["—"] * len(columns)
    last = 0
    for x0, _, text in cells:
        k = _column_of(x0, columns)
        if k is None:
            k = last
            text = text if row[k] == "—" else f"{row[k]} {text}"
        row[k] = text
        last = k
    return row


def _trimmed(row: list[str]) -> list[str]:
    while row and row[-1] == "—":
        row = row[:-1]
    return row


_FIGURE_RE = re.compile(r"[$€£]\s?\d|\d\s?%")  # a sum or a share: a row's own value, never a wrapped cell's


def _line_spacing(lines: list[_Line], body_size: float) -> float:
    """The usual top-to-top distance between consecutive body lines on a page."""
    gaps = [round(b.top - a.top, 1) for a, b in zip(lines, lines[1:])
            if a.page == b.page and abs(a.size - body_size) < 0.5 and abs(b.size - body_size) < 0.5
            and 0 < b.top - a.top < body_size * 3]
    if not gaps:
        return body_size * 1.2
    return statistics.mode(gaps)


def _continues(current: dict, line: _Line, heading: bool, leading: float) -> bool:
    """Whether ``line`` carries on the element being built rather than starting a new one."""
    last: _Line = current["last"]
    if current["kind"] == "heading":
        return heading and line.style == last.style and line.page == last.page \
            and line.top - last.top <= line.size * 1.6
    if heading:
        return False
    if line.marker:
        # "12. " or "a. " opening a wrapped line of a running sentence is text, not a new item
        return (line.marker != BULLET and current["kind"] == "paragraph" and line.page == last.page
                and line.top - last.top <= leading * 1.25 and abs(line.x0 - current["indent"]) <= 3
                and last.text[-1:] not in ".:;!?")
    if line.style[0] != current["style"][0]:  # another size; bold or not may change mid-paragraph
        return False
    if line.page != last.page:  # over a page break: only an unfinished sentence carries on
        if last.text[-1:] in ".:!?" or not line.text[:1].islower():
            return False
        return current["kind"] != "item" or line.x0 > current["indent"] + 3
    if line.top - last.top > leading * 1.25:
        return False
    if current["kind"] == "item":
        return line.x0 > current["indent"] + 3  # indented like the item's text, not its marker
    return line.x0 >= current["indent"] - 3


def _join(text: str, more: str, vocabulary: Counter) -> str:
    """Join a wrapped line, mending a word hyphenated at the line end."""
    if text.endswith("\u00ad"):
        return text[:-1] + more
    match = re.search(r"([A-Za-z][A-Za-z-]*)-$", text)  # the whole word: "end-to-" of "end-to-end"
    if match and more[:1].isalpha():
        head = match.group(1)
        tail = re.match(r"[A-Za-z]+", more).group(0)
        hyphenated = f"{head}-{tail}".lower()
        if more[:1].isupper() or vocabulary[hyphenated] > 0:
            return text + more  # a compound: "Entry-" + "Level", "end-to-" + "end"
        return text[:-1] + more  # "deploy-" + "ments"
    return f"{text} {more}"
