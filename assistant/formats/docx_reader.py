"""Word .docx -> a page (python-docx, numbering read from the package's XML).

- Paragraph styles give headings: "Title" is the title, "Heading 1".."Heading 6" (or a style
  based on one, or an outline level) give the level. A short paragraph that is bold throughout,
  with no closing full stop, is a heading one level under the last styled heading (people
  often make headings by hand).
- A paragraph with numbering (its own ``w:numPr`` or its style's) is an item; its depth is the
  numbering level, or N-1 for the "List Bullet N" / "List Number N" styles; its marker is the
  one Word shows ("•", "3.", "b)"), counted the way Word counts.
- Tables give one row item per row (cells joined by tabs), merged cells once. Body text only: headers,
  footers, footnotes, comments and text boxes are not read.
"""
from __future__ import annotations

import io
import re
import zipfile

from .model import BULLET, Element, Page, UnreadableDocument, clean_text, finish_page, letters, roman, title_from_name

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADING_STYLE_RE = re.compile(r"^heading\s*([1-9])$", re.I)
_LIST_STYLE_RE = re.compile(r"^list\s+(?:bullet|number|continue)(?:\s+([2-9]))?$", re.I)
_MAX_HEADING_WORDS = 12


def read_docx(data: bytes, name: str) -> list[Page]:
    if data[:8] == _OLE_MAGIC:
        raise UnreadableDocument(name, "is password-protected or an old Word 97-2003 file; "
                                       "save it as .docx without a password and add it again")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableDocument(name, "is not a valid Word .docx file (it is not a .docx package)")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        numbering = _Numbering(document)
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors… for broken packages
        raise UnreadableDocument(name, f"is not a valid Word .docx file ({type(exc).__name__}: "
                                       f"{str(exc)[:120] or 'damaged package'})") from exc

    elements: list[Element] = []
    title = None
    last_styled_level = 0
    styles = _Styles()
    for block in blocks:
        if block.__class__.__name__ == "Table":
            elements.extend(_table_rows(block))
            continue
        text = clean_text(block.text)
        if not text:
            continue
        style = styles.of(block)
        style_name, level, is_title = styles.heading(block, style)
        if is_title and title is None:
            title = text
            continue
        if level:
            elements.append(Element("heading", text, heading_level=level))
            last_styled_level = level
            continue
        item = numbering.item(block, style_name, style)
        if item is not None:
            marker, list_level = item
            elements.append(Element("item", text, list_level=list_level, marker=marker))
            continue
        if _bold_heading(block, text, style):
            elements.append(Element("heading", text, heading_level=min(last_styled_level + 1, 6)))
            continue
        elements.append(Element("paragraph", text))
    fallback = clean_text(document.core_properties.title or "") or title_from_name(name)
    return [finish_page(elements, title, fallback)]


class _Styles:
    """Paragraph styles looked up once per style id: python-docx searches the styles part with an
    XPath query on every ``paragraph.style``, which dominated reading time (3x the rest)."""

    def __init__(self):
        self._styles: dict = {}
        self._headings: dict = {}

    def of(self, paragraph):
        key = paragraph._p.style
        if key not in self._styles:
            self._styles[key] = paragraph.style
        return self._styles[key]

    def heading(self, paragraph, style) -> tuple[str, int, bool]:
        """(style name, heading level or 0, is the Title style), following the based-on chain;
        a paragraph's own outline level counts when its style gives none."""
        key = paragraph._p.style
        if key not in self._headings:
            self._headings[key] = _style_heading(style)
        first_name, level, is_title = self._headings[key]
        if not level and not is_title:
            level = _outline_level(paragraph._p) or 0
        return first_name, level, is_title


def _style_heading(style) -> tuple[str, int, bool]:
    first_name = style.name if style is not None else ""
    seen = 0
    while style is not None and seen < 10:
        name = (style.name or "").strip()
        if name.lower() == "title":
            return first_name, 0, True
        match = _HEADING_STYLE_RE.match(name)
        if match:
            return first_name, int(match.group(1)), False
        outline = _outline_level(style.element)
        if outline is not None:
            return first_name, outline, False
        style = style.base_style
        seen += 1
    return first_name, 0, False


def _outline_level(element) -> int | None:
    found = element.find(f"{W}pPr/{W}outlineLvl")
    if found is None:
        return None
    try:
        value = int(found.get(f"{W}val"))
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value < 6 else None


def _bold_heading(paragraph, text: str, style) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs or len(text.split()) > _MAX_HEADING_WORDS or text[-1] in ".,;!?":
        return False
    style_bold = bool(style is not None and style.font.bold)
    return all(r.bold or (r.bold is None and style_bold) for r in runs)


def _table_rows(table) -> list[Element]:
    out = []
    for row in table.rows:
        seen = set()
        values = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            value = clean_text(cell.text)
            if value:
                values.append(value)
        if values:
            out.append(Element("item", "\t".join(values), row="next" if out else "first"))
    return out


class _Numbering:
    """Word's list numbering: numId -> abstract definition -> per-level format, counted as Word does."""

    def __init__(self, document):
        self.formats: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (numFmt, lvlText, start)
        self.counters: dict[tuple[str, int], int] = {}
        self._style_chains: dict = {}  # style id -> the style's element and its based-on ancestors'
        part = document.part
        try:
            numbering_root = part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering_root = None
        if numbering_root is not None:
            abstract = {}
            for node in numbering_root.findall(f"{W}abstractNum"):
                levels = {}
                for lvl in node.findall(f"{W}lvl"):
                    levels[int(lvl.get(f"{W}ilvl", "0"))] = (
                        _val(lvl, "numFmt", "decimal"), _val(lvl, "lvlText", "%1."), int(_val(lvl, "start", "1")))
                abstract[node.get(f"{W}abstractNumId")] = levels
            for num in numbering_root.findall(f"{W}num"):
                num_id = num.get(f"{W}numId")
                levels = dict(abstract.get(_val(num, "abstractNumId", ""), {}))
                for override in num.findall(f"{W}lvlOverride"):
                    ilvl = int(override.get(f"{W}ilvl", "0"))
                    start = override.find(f"{W}startOverride")
                    if start is not None and ilvl in levels:
                        fmt, text, _ = levels[ilvl]
                        levels[ilvl] = (fmt, text, int(start.get(f"{W}val", "1")))
                for ilvl, spec in levels.items():
                    self.formats[(num_id, ilvl)] = spec

    def item(self, paragraph, style_name: str, style) -> tuple[str, int] | None:
        """(marker, list level) when the paragraph is numbered, else None."""
        num_id, ilvl = self._num_pr(paragraph, style)
        if num_id is None or num_id == "0":
            match = _LIST_STYLE_RE.match(style_name or "")
            if not match:
                return None
            return BULLET, int(match.group(1) or 1) - 1
        match = _LIST_STYLE_RE.match(style_name or "")
        level = max(ilvl, int(match.group(1) or 1) - 1) if match else ilvl
        return self._marker(num_id, ilvl), level

    def _num_pr(self, paragraph, style) -> tuple[str | None, int]:
        key = paragraph._p.style
        if key not in self._style_chains:
            chain, depth = [], 0
            while style is not None and depth < 10:
                chain.append(style.element)
                style = style.base_style
                depth += 1
            self._style_chains[key] = chain
        sources = [paragraph._p, *self._style_chains[key]]
        num_id, ilvl = None, None
        for source in sources:
            num_pr = source.find(f"{W}pPr/{W}numPr")
            if num_pr is None:
                continue
            if num_id is None:
                num_id = _val(num_pr, "numId", None)
            if ilvl is None and num_pr.find(f"{W}ilvl") is not None:
                ilvl = int(_val(num_pr, "ilvl", "0"))
        return num_id, ilvl or 0

    def _marker(self, num_id: str, ilvl: int) -> str:
        spec = self.formats.get((num_id, ilvl))
        if spec is None:
            return BULLET
        fmt, text, start = spec
        key = (num_id, ilvl)
        self.counters[key] = self.counters.get(key, start - 1) + 1
        for (other_id, other_lvl) in list(self.counters):  # a new item restarts its sub-levels
            if other_id == num_id and other_lvl > ilvl:
                del self.counters[(other_id, other_lvl)]
        if fmt in ("bullet", "none"):
            return BULLET
        marker = text
        for level in range(9):
            placeholder = f"%{level + 1}"
            if placeholder in marker:
                n = self.counters.get((num_id, level), self.formats.get((num_id, level), ("", "", 1))[2])
                level_fmt = self.formats.get((num_id, level), (fmt,))[0]
                marker = marker.replace(placeholder, _format_number(n, level_fmt))
        return marker.strip() or BULLET


def _val(node, child: str, default):
    found = node.find(f"{W}{child}")
    return found.get(f"{W}val", default) if found is not None else default


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        return letters(n).upper() if fmt == "upperLetter" else letters(n)
    if fmt in ("lowerRoman", "upperRoman"):
        return roman(n) if fmt == "upperRoman" else roman(n).lower()
    return str(n)
