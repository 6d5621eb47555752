"""Markdown -> a page, from CommonMark tokens (markdown-it-py, with GFM tables on).

- ATX and setext headings keep their level; the first heading is the title when it is the only
  one at the top level (``# Name`` over ``##`` sections), else a ``title:`` in the front matter,
  else the file name.
- Paragraphs, block quotes' paragraphs, code blocks and raw HTML blocks (tags stripped) are
  paragraphs; inline markup is dropped (``**a**`` -> "a", links keep their text, images go).
- List items keep their depth and marker ("•" for any bullet, "3." / "3)" as numbered); an
  item's text is its paragraphs before any nested list.
- Table rows are row items (cells joined by tabs); front matter (``---`` YAML or ``+++`` TOML) is skipped.
- Documentation-site extensions (Python-Markdown / MkDocs Material), common on pages saved as Markdown:
  an admonition or collapsible block (``!!! note "Title"``, ``??? question "Title"``) and a content
  tab (``=== "Title"``) head its indented body with its title, one level below the last heading, so a
  tab's table or an FAQ answer is read as Markdown under its own heading rather than as one code block;
  attribute lists (``{ .md-button }``), icon shortcodes (``:material-school:``) and abbreviation
  definitions (``*[FAA]: ...``) are page furniture and go.
"""
from __future__ import annotations

import html
import re

from .html_reader import read_fragment
from .model import BULLET, Element, Page, UnreadableDocument, clean_text, finish_page, looks_binary, title_from_name

_FRONT_MATTER_RE = re.compile(r"\A(?:---[ \t]*\n.*?\n(?:---|\.\.\.)|\+\+\+[ \t]*\n.*?\n\+\+\+)[ \t]*(?:\n|\Z)", re.S)
_FRONT_TITLE_RE = re.compile(r"^title\s*[:=]\s*(.+?)\s*$", re.M | re.I)
_TAG_RE = re.compile(r"<[^>]*>")
_HTML_STRUCTURE_RE = re.compile(r"<(?:table|ul|ol|dl)\b", re.I)
_OPEN_TABLE_RE = re.compile(r"<table\b", re.I)
_CLOSE_TABLE_RE = re.compile(r"</table\s*>", re.I)
_KEY_VALUE_RE = re.compile(r"^[^:.!?]{1,60}:\s+\S")  # "Program length: 10 months"
# a content tab opens like an admonition: rewritten as one so that the admonition plugin reads both
_TAB_RE = re.compile(r'^([ \t]*)===\+?[ \t]+(".*")[ \t]*$', re.M)
_ABBREVIATION_RE = re.compile(r"^\*\[[^\]\n]+\]:.*\n?", re.M)  # "*[FAA]: Federal Aviation Administration"
_ATTRIBUTE_LIST_RE = re.compile(r"\{:?[ \t]*[.#][A-Za-z][^{}\n]*\}")  # "{ .md-button .md-button--primary }"
_ICON_RE = re.compile(r":(?:material|fontawesome|octicons|simple)-[a-z0-9-]+:")  # ":material-school:"


def read_markdown(data: bytes, name: str) -> list[Page]:
    if looks_binary(data):
        raise UnreadableDocument(name, "is not a text file (it holds binary data)")
    text = _decode(data, name).replace("\r\n", "\n").replace("\r", "\n")
    front_title = None
    front = _FRONT_MATTER_RE.match(text)
    if front:
        found = _FRONT_TITLE_RE.search(front.group(0))
        if found:
            front_title = found.group(1).strip().strip("\"'") or None
        text = text[front.end():]

    from markdown_it import MarkdownIt
    from mdit_py_plugins.admon import admon_plugin

    text = _ABBREVIATION_RE.sub("", _TAB_RE.sub(r'\1!!! tab \2', text))
    tokens = MarkdownIt("commonmark").enable("table").use(admon_plugin).parse(text)
    elements = _elements(tokens)
    if front_title:
        return [_with_front_title(elements, front_title)]
    return [finish_page(elements, None, title_from_name(name))]


def _with_front_title(elements: list[Element], title: str) -> Page:
    """A front-matter title wins; a first heading that repeats it is dropped."""
    if elements and elements[0].kind == "heading" and clean_text(elements[0].text) == clean_text(title):
        elements = elements[1:]
    return finish_page(elements, title, title)


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM allowed) or UTF-16 with its BOM; anything else is refused, as the corpus
    loader refuses it for .txt files, rather than guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableDocument(name, "is not valid UTF-16 text") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableDocument(name, f"is not UTF-8 (byte {exc.start})") from None


def _joined_html(tokens) -> list:
    """Tokens with a raw HTML table that blank lines cut into several blocks joined back into one
    (markdown-it ends an HTML block at a blank line; the browser reads the table whole)."""
    out = []
    for tok in tokens:
        previous = out[-1] if out else None
        if (tok.type == "html_block" and previous is not None and previous.type == "html_block"
                and len(_OPEN_TABLE_RE.findall(previous.content)) > len(_CLOSE_TABLE_RE.findall(previous.content))):
            out[-1] = previous.copy(content=previous.content + "\n" + tok.content)
            continue
        out.append(tok)
    return out


def _elements(tokens) -> list[Element]:
    out: list[Element] = []
    # one entry per open list: [ordered?, depth]; one per open item: [marker, depth, text parts, emitted?]
    lists: list[bool] = []
    items: list[list] = []
    row: list[str] | None = None
    table_started = False
    heading_level = None
    admonition_title = False
    last_level = 1  # the level of the last heading: a bold line heads a section one below it

    def emit_item(item) -> None:
        if not item[3]:
            text = clean_text(" ".join(item[2]))
            if text:
                out.append(Element("item", text, list_level=item[1], marker=item[0]))
            item[3] = True

    for tok in _joined_html(tokens):
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            if items:
                emit_item(items[-1])  # the parent's text comes before its children
            lists.append(t == "ordered_list_open")
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            marker = f"{tok.info}{tok.markup}" if lists and lists[-1] and tok.info else BULLET
            items.append([marker, len(lists) - 1, [], False])
        elif t == "list_item_close":
            emit_item(items.pop())
        elif t == "heading_open":
            heading_level = int(tok.tag[1])
        elif t == "heading_close":
            heading_level = None
        elif t == "admonition_title_open":  # an untitled "!!! note" is titled "Note", as the site shows it
            admonition_title = True
        elif t == "admonition_title_close":
            admonition_title = False
        elif t == "inline":
            text = _inline_text(tok)
            if admonition_title:
                if clean_text(text):
                    out.append(Element("heading", clean_text(text), heading_level=min(last_level + 1, 6)))
            elif row is not None:
                row.append(text)
            elif heading_level is not None:
                if clean_text(text):
                    out.append(Element("heading", clean_text(text), heading_level=heading_level))
                    last_level = heading_level
            elif items and not items[-1][3]:
                items[-1][2].append(text)
            elif clean_text(text):
                lead = _bold_lead(tok)
                if lead:  # "**What is the CPAT?**" over its answer: a heading one level below the last
                    out.append(Element("heading", lead, heading_level=min(last_level + 1, 6)))
                    text = text.split("\n", 1)[1] if "\n" in text else ""
                if clean_text(text):
                    out.extend(_paragraph(text))
        elif t == "table_open":
            table_started = False
        elif t == "tr_open":
            row = []
        elif t == "tr_close":
            cells = [clean_text(c) for c in row or [] if clean_text(c)]
            if cells:
                level = items[-1][1] + 1 if items else 0
                # a GFM table's first row is its header by syntax
                out.append(Element("item", "\t".join(cells), list_level=level, row="next" if table_started else "header"))
            table_started = True  # an empty header row ("| | |") heads nothing: the rows under it are all data
            row = None
        elif t == "html_block" and _HTML_STRUCTURE_RE.search(tok.content) and not (items and not items[-1][3]):
            out.extend(read_fragment(tok.content))  # a raw <table> or list in the post: rows and items, as on a web page
        elif t in ("fence", "code_block", "html_block"):
            text = tok.content
            if t == "html_block":
                text = html.unescape(_TAG_RE.sub(" ", re.sub(r"<!--.*?-->", " ", text, flags=re.S)))
            text = clean_text(text)
            if not text:
                continue
            if items and not items[-1][3]:
                items[-1][2].append(text)
            else:
                out.append(Element("paragraph", text))
    return out


def _paragraph(text: str) -> list[Element]:
    """A paragraph, or, when each of its lines is a "Label: value" line (a fact box written as
    "**Program length:** 10 months" lines with no blank line between them), one item per line."""
    lines = [clean_text(line) for line in text.split("\n") if clean_text(line)]
    if len(lines) >= 2 and all(_KEY_VALUE_RE.match(line) for line in lines):
        return [Element("item", line) for line in lines]
    return [Element("paragraph", clean_text(" ".join(lines)))]


_BOLD_LEAD_WORDS = 15  # a bold first line this short, over more text or alone, is a heading


def _bold_lead(tok) -> str:
    """The text of a paragraph's first line when that whole line is bold ("**What is the CPAT?**"),
    else ""."""
    children = list(tok.children or [])
    end = next((i for i, c in enumerate(children) if c.type in ("softbreak", "hardbreak")), len(children))
    first = [c for c in children[:end] if not (c.type == "text" and not c.content.strip())]
    if len(first) < 3 or first[0].type != "strong_open" or first[-1].type != "strong_close":
        return ""
    if any(c.type in ("strong_open", "strong_close") for c in first[1:-1]):
        return ""  # "**a** and **b**": two bold words, not one bold line
    text = clean_text("".join(c.content for c in first[1:-1] if c.type in ("text", "code_inline")))
    return text if text and len(text.split()) <= _BOLD_LEAD_WORDS and not text.endswith(":") else ""


def _inline_text(tok) -> str:
    parts: list[str] = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")  # kept, so that "**Label:** value" lines of one paragraph stay apart
        elif child.type == "html_inline":
            continue
        # images, link/emphasis open-close markers add nothing (an image's alt text is in its children
        # only as tokens of its own, which are not in this list)
    return _ICON_RE.sub("", _ATTRIBUTE_LIST_RE.sub("", "".join(parts)))
