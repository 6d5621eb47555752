"""Saved web pages -> pages, with structure taken from the tags (BeautifulSoup over lxml).

- The content root is ``<main>`` (or ``role="main"``), else ``<body>``; page chrome is removed
  first: script, style, nav, header, footer, aside, form, noscript, svg, img and the like,
  hidden elements, and boxes whose class or id names a cookie banner, share bar, newsletter,
  advert or breadcrumb trail.
- h1-h6 are headings (the first h1 is the title, else ``<title>`` without its site name);
  p, pre, blockquote, figcaption and loose text are paragraphs; ``ul``/``ol``/``li`` are items
  with their nesting depth and marker ("•", or the number as the browser shows it); ``dl``
  gives one item per term ("term: definition"); a data table gives one row item per row
  (cells joined by tabs), while a layout table (cells holding blocks) is read as containers.
- A page laid out with ``<br>`` instead of blocks (an old table-and-font site) is read line by line:
  a line with a typed bullet ("·") is an item, a short bold line titles a part, a label line
  ("Office hours:") or a sentence broken mid-way goes on with the next line.
- An ``<article>`` nested inside the content (a "more careers" card, a related story) that opens
  with a heading becomes a page of its own, titled by that heading; a short one (a stat tile, a
  credential card) stays part of the page.
"""
from __future__ import annotations

import re
import warnings

from ..facts import is_role_phrase
from .model import (BULLET, Element, Page, UnreadableDocument, clean_text, finish_page, letters, looks_binary, roman,
                    title_from_name)

DROP_TAGS = frozenset("""script style nav header footer aside form noscript svg img picture video audio canvas iframe
    object embed template button select input textarea label dialog map area math meta link head""".split())
BLOCK_TAGS = frozenset("""address article aside blockquote body center dd details dialog div dl dt fieldset figcaption
    figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary table tbody
    td tfoot th thead tr ul""".split())
HEADINGS = {f"h{n}": n for n in range(1, 7)}
# class/id words of boxes that are never content (matched against the words of class and id)
_CHROME_WORDS = frozenset("""cookie cookies consent gdpr ccpa cookiebanner cookiebar cmp onetrust cookielaw truste
    didomi usercentrics cc share sharing sharebar social newsletter subscribe subscription advert advertisement
    ads ad sponsored promo popup modal breadcrumb breadcrumbs skiplink nav navbar navigation menu menubar
    topbar masthead sidebar widget related footer sitefooter siteheader pagination pager comments comment
    disqus toolbar banners publishbanner""".split())
_WORD_RE = re.compile(r"[a-z]+")
_BOX_WORDS = 8  # a stat tile's label or value is this short
_CARD_PAGE_WORDS = 25  # an article with fewer words under its heading is a tile of the page, not a page
_LINK_ONLY_MAX_WORDS = 5  # "Read the full guide", "Learn more »": a lone short link is navigation
_TITLE_SEPARATORS_RE = re.compile(r"\s+[|\u2013\u2014\u00b7-]\s+")  # "Role | Site", "Role – Site"


def read_html(data: bytes, name: str) -> list[Page]:
    if looks_binary(data):
        raise UnreadableDocument(name, "is not an HTML page (it holds binary data)")
    from bs4 import BeautifulSoup
    from bs4 import XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(data, "lxml")
    if soup.find(True) is None:
        raise UnreadableDocument(name, "is not an HTML page (no tags found)")
    title_tag = soup.head.find("title") if soup.head is not None else None  # not an <svg>'s <title>
    head_title = _site_title(clean_text(title_tag.get_text())) if title_tag else ""
    body = soup.body
    if body is None or not clean_text(body.get_text(" ")):
        raise UnreadableDocument(name, "has no body text (the page may be built by scripts when it loads)")

    _remove_chrome(body)
    mains = body.find_all("main") or body.find_all(attrs={"role": "main"})
    root = mains[0] if len(mains) == 1 and clean_text(mains[0].get_text(" ")) else body
    if root is not body:  # a "Quick facts" box beside <main> is the page's own figures: read after the main text
        for box in [tag for tag in body.find_all("aside") if _fact_box(tag) and root not in tag.parents
                    and tag not in root.descendants]:
            root.append(box.extract())

    walker = _Walker(root)
    walker.walk(root)
    title = next((el.text for el in walker.elements if el.kind == "heading" and el.heading_level == 1), None)
    main = _finish(walker.elements, title, head_title or title_from_name(name), drop_first=title)
    cards = [_finish(elements, art_title, art_title, drop_first=art_title) for art_title, elements in walker.articles]
    pages = [page for page in [main, *cards] if page.elements]
    if not pages:
        raise UnreadableDocument(name, "has no readable text in its body once menus, banners and scripts are removed")
    return pages


def read_fragment(markup: str) -> list[Element]:
    """The elements of a piece of HTML inside another format (a Markdown post's raw ``<table>``),
    read as a page's body is: a table gives one row item per row, a list its items."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "lxml")
    root = soup.body or soup
    _remove_chrome(root)  # comments, scripts, hidden and chrome boxes, as on a whole page
    walker = _Walker(root)
    walker.walk(root)
    return walker.elements


def _finish(elements: list[Element], title: str | None, fallback: str, drop_first: str | None) -> Page:
    """The title heading is dropped from the elements wherever it stands first."""
    if drop_first is not None:
        for i, el in enumerate(elements):
            if el.kind == "heading" and el.text == drop_first:
                elements = elements[:i] + elements[i + 1:]
                break
    return finish_page(elements, title or fallback, fallback)


_DATA_CELL_WORDS = 30  # a paragraph-wrapped cell longer than this is prose laid out in a table

_TITLE_CLASSES = frozenset({"title", "page-title", "entry-title", "post-title", "article-title", "doc-title",
                            "document-title"})


def _styled_as_title(tag) -> bool:
    """A paragraph styled as a document's title: a short text of its own, no blocks inside."""
    if not _TITLE_CLASSES & set(tag.get("class") or ()) or _contains_blocks(tag):
        return False
    text = clean_text(_inline_text(tag))
    return 0 < len(text) <= 150


def _site_title(title: str) -> str:
    """ "Machine Learning DevOps Manager | Career Guide | AiPathly" -> "Machine Learning DevOps Manager"."""
    parts = [p for p in _TITLE_SEPARATORS_RE.split(title) if p]
    return parts[0] if parts else title


# ---------------------------------------------------------------- chrome removal

def _remove_chrome(body) -> None:
    from bs4 import Comment, Declaration, Doctype, ProcessingInstruction

    for node in body.find_all(string=lambda s: isinstance(s, (Comment, Doctype, Declaration, ProcessingInstruction))):
        node.extract()
    body_text = len(clean_text(body.get_text(" "))) or 1
    for header in list(body.find_all("header")):
        _keep_title_of(header, body)
    for links in [tag for tag in body.find_all(["ul", "ol"]) if _link_list(tag)]:
        heading = links.find_previous_sibling()
        if heading is not None and heading.name in ("h2", "h3", "h4", "h5", "h6"):
            heading.decompose()  # "Related salaries" over a list of links goes with it
        links.decompose()
    for label in [tag for tag in body.find_all("label") if _toggle_label(tag, body)]:
        label.name = "h6"  # a CSS-only accordion's question (a checkbox's label) heads its answer
    for tag in list(body.find_all(True)):
        if tag.decomposed or tag.parent is None:
            continue
        if _fact_box(tag):
            continue  # an <aside> of "Quick facts" is the page's own figures, not chrome
        if tag.name == "button" and _disclosure_label(tag):
            # an accordion's question ("<h3><button>How long is it?</button></h3>") heads its answer
            if tag.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt"]) is None:
                tag.name = "h6"  # the deepest level: under whatever heading the FAQ has
            else:
                tag.unwrap()
            continue
        if tag.name in DROP_TAGS or _hidden(tag) or (_is_chrome_box(tag) and _small(tag, body_text)):
            tag.decompose()


def _toggle_label(label, body) -> bool:
    """The label of a checkbox or radio that opens the panel after it (an FAQ built without script,
    whose input the page's CSS hides): a question, or a short title over a panel of text; not a
    form's field label."""
    target = body.find("input", id=label.get("for")) if label.get("for") else None
    if target is None or (target.get("type") or "").lower() not in ("checkbox", "radio") or label.find_parent("form"):
        return False
    text = clean_text(label.get_text(" "))
    panel = label.find_next_sibling()
    return bool(text) and (text.endswith("?") or panel is not None and len(clean_text(panel.get_text(" ")).split()) >= 8)


def _disclosure_label(button) -> bool:
    """A button that is a heading's whole text or opens a panel of the page's own text (an FAQ
    accordion), not a control like "Search" or "Share" (nor a "Save" button beside a title)."""
    holder = button.find_parent(["h1", "h2", "h3", "h4", "h5", "h6", "summary", "dt"])
    if holder is not None:
        return clean_text(holder.get_text(" ")) == clean_text(button.get_text(" "))
    # a question that opens its answer; "Menu", "Show more" and "Share" open panels too, but are site controls
    return ((button.has_attr("aria-controls") or button.has_attr("aria-expanded"))
            and clean_text(button.get_text(" ")).endswith("?"))


def _keep_title_of(header, body) -> None:
    """An article's or main's own <header> holds its title and byline: read it like a <div>.
    A page-level header is chrome, but when it holds the page's only h1 that h1 is kept."""
    if header.find_parent(["article", "main"]) is not None:
        header.name = "div"
        return
    h1 = header.find("h1")
    if h1 is not None and all(other is h1 for other in body.find_all("h1")):
        header.replace_with(h1.extract())


def _link_list(tag) -> bool:
    """A list of three or more items that are each nothing but a link ("related salaries", "more
    guides"): navigation, wherever it sits."""
    items = tag.find_all("li", recursive=False)
    if len(items) < 3:
        return False
    for item in items:
        links = item.find_all("a")
        if len(links) != 1 or clean_text(item.get_text(" ")) != clean_text(links[0].get_text(" ")):
            return False
    return True


def _fact_box(tag) -> bool:
    """An aside titled as the page's facts ("Quick facts", "At a glance", "Key facts")."""
    if tag.name != "aside":
        return False
    heading = tag.find(["h2", "h3", "h4", "h5", "h6"])
    title = (heading.get_text(" ") if heading else tag.get("aria-label") or "").strip()
    return bool(_FACT_BOX_RE.search(title))


_FACT_BOX_RE = re.compile(r"\b(?:quick|key|fast) facts\b|\bat a glance\b|\bby the numbers\b|\bfact sheet\b", re.I)


def _hidden(tag) -> bool:
    if tag.attrs is None:
        return False
    if tag.get("role") == "tabpanel":
        return False  # an inactive tab's panel is hidden only until its tab is clicked: it is content
    style = (tag.get("style") or "").replace(" ", "").lower()
    return (tag.has_attr("hidden") or tag.get("aria-hidden") == "true"
            or "display:none" in style or "visibility:hidden" in style
            or tag.get("role") in ("navigation", "banner", "contentinfo", "complementary", "search", "dialog",
                                   "alertdialog"))


def _is_chrome_box(tag) -> bool:
    if tag.name in ("main", "article", "body", "html"):
        return False
    names = [*(tag.get("class") or []), tag.get("id") or ""]
    words = {w for n in names for w in _WORD_RE.findall(n.lower())}
    words |= {re.sub(r"[^a-z]", "", n.lower()) for n in names}  # "top-bar" -> "topbar"
    return not words.isdisjoint(_CHROME_WORDS)


def _small(tag, body_text: int) -> bool:
    """A chrome-named box is dropped only when it is not a large part of the page and holds no
    h1 (a mis-named wrapper, a "share-this" class on the article)."""
    return tag.find("h1") is None and len(clean_text(tag.get_text(" "))) < 0.3 * body_text


# ---------------------------------------------------------------- structure

class _Walker:
    def __init__(self, root):
        self.root = root
        self.elements: list[Element] = []
        self.articles: list[tuple[str, list[Element]]] = []
        self.boxes = 0
        self.line_title_level: int | None = None  # the level of the bold <br> lines that title a page's parts
        self.page_breaks = len(root.find_all("br"))

    def walk(self, container, out: list[Element] | None = None) -> None:
        """Blocks of a container in order; loose inline runs between them become paragraphs."""
        out = self.elements if out is None else out
        inline: list[str] = []
        links: list[str] = []  # text of the run's <a> elements
        bold: list[str] = []  # text of the run's bold elements
        state = {"after_break": False}  # the run follows a <br>: it is a line of its own

        def laid_out() -> bool:
            """A page laid out with <br> lines (several in one box) titles its parts with bold lines;
            one <br> in a modern box ("Acme Welding Co<br>12 Main St") is only a line break."""
            return self.page_breaks >= _LAID_OUT_PAGE_BREAKS or len(container.find_all("br")) >= _LAID_OUT_BREAKS

        def flush(at_break: bool = False) -> None:
            text = clean_text("".join(inline))
            link_only = len(links) == 1 and clean_text(links[0]) == text
            if text and not (link_only and len(text.split()) <= _LINK_ONLY_MAX_WORDS):
                if at_break or state["after_break"]:
                    last = out[-1] if state["after_break"] and out else None
                    if last is not None and last.kind == "paragraph" and _continues(last.text, text):
                        # "Office hours:" / "Mon - Fri 7 - 3:30", "Applications close on" / "June 30, 2025"
                        out[-1] = Element("paragraph", f"{last.text} {text}")
                    else:
                        out.append(self._broken_line(text, clean_text(" ".join(bold)) == text and laid_out(), out))
                else:
                    out.append(Element("paragraph", text))
            inline.clear()
            links.clear()
            bold.clear()
            state["after_break"] = at_break

        after_tag = False  # the last inline piece was a tag: "<span>5–7</span><span>Aircraft</span>" is two words
        for child in container.children:
            name = getattr(child, "name", None)
            if name is None:
                inline.append(str(child))
                after_tag = False
                continue
            if name == "br":
                flush(at_break=True)  # a line break ends a line: an old page's bullets and titles are <br> lines
                continue
            if name not in BLOCK_TAGS:
                if _contains_blocks(child):
                    flush()
                    self.walk(child, out)
                elif child.find("br") is not None:
                    # a <font> run holding <br> lines is read line by line, as part of this run
                    _inline_lines(child, inline, links, bold, flush)
                    after_tag = True
                else:
                    text = _inline_text(child)
                    # "<span>practices</span><span>$83,380</span><span>(federal …)</span>": a sum or an aside starts a word too
                    if (after_tag and text[:1] and (text[:1].isalnum() or text[:1] in "$€£(") and inline and inline[-1][-1:]
                            and not inline[-1][-1:].isspace()):
                        inline.append(" ")
                    inline.append(text)
                    after_tag = True
                    if name == "a":
                        links.append(inline[-1])
                    if _is_bold(child):
                        bold.append(text)
                continue
            flush()
            self.block(child, out)
        flush()

    def block(self, tag, out: list[Element]) -> None:
        name = tag.name
        if name in HEADINGS:
            text = _EDIT_LINK_RE.sub("", clean_text(_inline_text(tag)))  # a wiki's "Pay[edit]"
            if text:
                out.append(Element("heading", text, heading_level=HEADINGS[name]))
        elif name == "p" and not out and _styled_as_title(tag):
            # a word processor's "Title" style (<p class="title">), a CMS's "page-title": the page's title
            out.append(Element("heading", clean_text(_inline_text(tag)), heading_level=1))
        elif name in ("p", "pre", "figcaption", "summary", "address"):
            if _contains_blocks(tag):
                self.walk(tag, out)
            else:
                text = clean_text(_inline_text(tag))
                if text:
                    out.append(Element("paragraph", text))
        elif name in ("ul", "ol", "menu"):
            self.list(tag, out, 0)
        elif name == "dl":
            self.definitions(tag, out)
        elif name == "table":
            self.table(tag, out)
        elif name == "li":  # an item outside any list
            self.list_item(tag, out, 0, BULLET)
        elif name == "hr":
            return
        elif name == "article" and tag is not self.root and self._is_card(tag):
            elements: list[Element] = []
            self.walk(tag, elements)
            title = next(el.text for el in elements if el.kind == "heading")
            self.articles.append((title, elements))
        elif self._pair_box(tag, out):
            return
        else:  # div, section, article, blockquote, details, td… : a container
            self.walk(tag, out)

    def _broken_line(self, text: str, title_like: bool, out: list[Element]) -> Element:
        """A line of an old page laid out with ``<br>`` instead of blocks: a typed bullet makes it a
        list item; a short line all in bold with no sentence end (``title_like``) titles a part, at
        the level of the other such titles, or one under the page's last heading; anything else is a
        paragraph."""
        bullet = _LINE_BULLET_RE.match(text)
        if bullet and text[bullet.end():].strip():
            return Element("item", text[bullet.end():].strip(), marker=BULLET)
        if title_like and len(text.split()) <= _LINE_TITLE_WORDS and not text.endswith((".", ",", ";", ":")):
            if self.line_title_level is None:
                above = next((el.heading_level for el in reversed(out) if el.kind == "heading"), None)
                self.line_title_level = min(6, 2 if above is None else above + 1)
            return Element("heading", text, heading_level=self.line_title_level)
        return Element("paragraph", text)

    def _pair_box(self, tag, out: list[Element]) -> bool:
        """A box of exactly two short texts ("Median salary, May 2023" / "$61,730"): a stat tile.
        Its two paragraphs share a ``box`` number, so the tile is read as one label and its value
        whichever comes first, never paired across tiles."""
        parts = [c for c in tag.children if getattr(c, "name", None) or str(c).strip()]
        # two boxes of their own (inline spans already read as one paragraph)
        if len(parts) != 2 or any(getattr(c, "name", None) not in ("div", "p") or _contains_blocks(c) for c in parts):
            return False
        texts = [clean_text(_inline_text(c)) for c in parts]
        if not all(texts) or any(len(t.split()) > _BOX_WORDS for t in texts):
            return False
        if any(clean_text(" ".join(a.get_text(" ") for a in c.find_all("a"))) == t for c, t in zip(parts, texts)):
            return False  # "Learn more" / "Read the guide": links, left to the walk's navigation rules
        self.boxes += 1
        out.extend(Element("paragraph", t, box=self.boxes) for t in texts)
        return True

    def _is_card(self, article) -> bool:
        """An article that opens with a heading is a page of its own when it sits inside another
        article or beside other articles; the page's one article (a post wrapped in
        ``<main><article>``) is the page itself."""
        first = article.find(True)
        while first is not None and first.name not in HEADINGS and not clean_text(first.get_text(" ")):
            first = first.find_next(True)
        if first is None or first.name not in HEADINGS:
            return False
        heading = clean_text(first.get_text(" "))
        if len(clean_text(article.get_text(" ")).split()) - len(heading.split()) < _CARD_PAGE_WORDS \
                and not is_role_phrase(heading):
            # a stat tile or a credential card ("Average base pay" / "$27.46 an hour"): the page's own;
            # a short card about another occupation ("Captains" / "Median pay: $90,000") is that one's
            return False
        ancestors = [p for p in article.parents if p is not None]
        if any(p.name == "article" for p in ancestors):
            return True
        others = [a for a in self.root.find_all("article")
                  if a is not article and a not in ancestors and article not in a.parents]
        return bool(others)

    def list(self, tag, out: list[Element], level: int) -> None:
        ordered = tag.name == "ol"
        number = _int(tag.get("start"), 1)
        style = (tag.get("type") or "1") if ordered else None
        if ordered and tag.has_attr("reversed") and not tag.has_attr("start"):
            number = len(tag.find_all("li", recursive=False))
        step = -1 if ordered and tag.has_attr("reversed") else 1
        for child in tag.children:
            name = getattr(child, "name", None)
            if name == "li":
                if ordered:
                    number = _int(child.get("value"), number)
                    marker = _ordinal(number, style) + "."
                    number += step
                else:
                    marker = BULLET
                self.list_item(child, out, level, marker)
            elif name in ("ul", "ol"):  # a list nested directly in a list (invalid but common)
                self.list(child, out, level + 1)
            elif name is not None and clean_text(child.get_text(" ")):
                self.list_item(child, out, level, BULLET)

    def list_item(self, li, out: list[Element], level: int, marker: str) -> None:
        """The item's own text is everything but its nested lists, which follow one level deeper."""
        parts: list[str] = []
        nested = []
        for child in li.children:
            name = getattr(child, "name", None)
            if name in ("ul", "ol", "menu", "dl", "table"):
                nested.append(child)
            elif name is None:
                parts.append(str(child))
            elif name == "br":
                parts.append(" ")
            elif name in BLOCK_TAGS:
                sub_lists = child.find_all(["ul", "ol"])
                for sub in sub_lists:
                    nested.append(sub.extract())
                parts.append(" " + _inline_text(child) + " ")
            else:
                parts.append(_inline_text(child))
        text = clean_text("".join(parts))
        if text:
            out.append(Element("item", text, list_level=level, marker=marker))
        for sub in nested:
            if sub.name in ("ul", "ol", "menu"):
                self.list(sub, out, level + 1 if text else level)
            elif sub.name == "dl":
                self.definitions(sub, out, level + 1)
            else:
                self.table(sub, out, level + 1)

    def definitions(self, dl, out: list[Element], level: int = 0) -> None:
        terms: list[str] = []
        definitions: list[str] = []

        def flush() -> None:
            term = "; ".join(t for t in terms if t)
            definition = "; ".join(d for d in definitions if d)
            if term or definition:
                sep = " " if term.endswith(":") else ": "
                text = f"{term}{sep}{definition}" if term and definition else term or definition
                out.append(Element("item", text, list_level=level, marker=BULLET))
            terms.clear()
            definitions.clear()

        for child in dl.find_all(["dt", "dd"]):
            if child.find_parent("dl") is not dl:
                continue
            text = clean_text(_inline_text(child, keep_blocks=True))
            if child.name == "dt":
                if definitions:
                    flush()
                terms.append(text)
            else:
                definitions.append(text)
        flush()

    def table(self, table, out: list[Element], level: int = 0) -> None:
        rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
        cells = [c for tr in rows for c in tr.find_all(["td", "th"], recursive=False)]
        if _label_value_box(rows):
            self._infobox(table, rows, out, level)
            return
        if any(_layout_cell(c) for c in cells) or _single_column(rows):  # a layout table
            for cell in cells:
                self.walk(cell, out)
            return
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table:
            text = clean_text(caption.get_text(" "))
            if text:
                out.append(Element("paragraph", text))
        first = True
        merged = _merged_header(rows)
        if merged:
            out.append(Element("item", "\t".join(merged), list_level=level, row="header"))
            rows, first = rows[2:], False
        carried: dict[int, list] = {}  # column -> [text, rows left] of a body cell spanning rows
        for tr in rows:
            cells = tr.find_all(["td", "th"], recursive=False)
            texts = _with_spanned_cells(cells, carried) if tr.find_parent("thead") is None else \
                [clean_text(_inline_text(c)) for c in cells]
            values = [v for v in texts if v]
            if values:
                # a row in <thead>, or of <th> cells only, is the header by markup
                header = first and (tr.find_parent("thead") is not None or all(_header_cell(c) for c in cells))
                out.append(Element("item", "\t".join(values), list_level=level,
                                   row="header" if header else "first" if first else "next"))
                first = False


    def _infobox(self, table, rows, out: list[Element], level: int) -> None:
        """An infobox: its caption, a row per label and value ("Median pay  $49,380 per year") and
        its one-cell rows ("Pay and employment (United States)") as they stand; a picture's cell goes."""
        caption = table.find("caption")
        if caption is not None and caption.find_parent("table") is table and clean_text(caption.get_text(" ")):
            out.append(Element("paragraph", clean_text(caption.get_text(" "))))
        for tr in rows:
            cells = tr.find_all(["td", "th"], recursive=False)
            if len(cells) == 1 and _contains_blocks(cells[0], tables_too=True):
                continue  # a picture's cell (the picture went with the chrome) and its caption
            texts = [t for t in (clean_text(_inline_text(c)) for c in cells) if t]
            if len(texts) == 2:
                out.append(Element("item", "\t".join(texts), list_level=level, row="next"))
            elif texts:
                out.append(Element("paragraph", " ".join(texts)))


def _label_value_box(rows) -> bool:
    """A box of label and value rows (a ``<th>`` then a ``<td>``), three or more and most of its
    rows, such as a wiki's infobox; its other rows are one-cell titles or a picture."""
    pairs = 0
    for tr in rows:
        cells = tr.find_all(["td", "th"], recursive=False)
        if len(cells) == 2 and cells[0].name == "th" and cells[1].name == "td" and not _contains_blocks(cells[1], tables_too=True):
            pairs += 1
        elif len(cells) != 1:
            return False
    return pairs >= 3 and pairs * 2 >= len(rows)


# a wiki heading's edit link, read as text: "Pay[edit]", "History [edit source]"
_EDIT_LINK_RE = re.compile(r"\s*\[\s*edit(?: source)?\s*\]\s*$", re.I)


def _with_spanned_cells(cells, carried: dict[int, list]) -> list[str]:
    """A row's cell texts with the cells of rows above that span down into it ("Solar installers"
    with rowspan=3 beside three measure rows): each row then names what its figure is about."""
    texts: list[str] = []
    column, pending = 0, list(cells)
    while pending or column in carried:
        if column in carried:
            text, left = carried[column]
            texts.append(text)
            if left <= 1:
                del carried[column]
            else:
                carried[column][1] = left - 1
            column += 1
            continue
        cell = pending.pop(0)
        text = clean_text(_inline_text(cell))
        texts.append(text)
        if _span(cell, "rowspan") > 1:
            carried[column] = [text, _span(cell, "rowspan") - 1]
        column += _span(cell, "colspan")
    return texts


def _inline_lines(tag, inline: list[str], links: list[str], bold: list[str], flush) -> None:
    """An inline element's text added to the run, ending a line at each of its ``<br>``."""
    for child in tag.children:
        name = getattr(child, "name", None)
        if name is None:
            inline.append(str(child))
        elif name == "br":
            flush(at_break=True)
        elif child.find("br") is not None and name != "a":
            _inline_lines(child, inline, links, bold, flush)
        else:
            text = _inline_text(child)
            inline.append(text)
            if name == "a":
                links.append(text)
            if _is_bold(child):
                bold.append(text)


def _is_bold(tag) -> bool:
    """Bold as a browser shows it: a ``<b>``/``<strong>``, or an element whose every piece of text
    is inside one."""
    if tag.name in ("b", "strong"):
        return True
    pieces = [node for node in tag.find_all(string=True) if node.strip()]
    return bool(pieces) and all(_inside_bold(node, tag) for node in pieces)


def _inside_bold(node, tag) -> bool:
    """Is a piece of text inside a ``<b>``/``<strong>`` within ``tag``?"""
    for parent in node.parents:
        if parent is tag:
            return False
        if parent.name in ("b", "strong"):
            return True
    return False


_LINE_BULLET_RE = re.compile(r"^[\u00b7\u2022\u25aa\u25cf\u2013*-]\s+")  # "· Foreman - $2.30 …" typed as text
_LINE_TITLE_WORDS = 8
_JOINING_WORDS = frozenset("a an the of on in at by for to from with and or but than as".split())  # a line can't end on
_LAID_OUT_BREAKS = 3  # a box with this many <br> is laid out in lines, so its bold lines are titles
_LAID_OUT_PAGE_BREAKS = 12  # and so is every box of a page with this many
_LABEL_LINE_RE = re.compile(r"^\S+(?: \S+){0,3}:$")  # a <br> line that is only a label ("Office hours:")


def _continues(line: str, following: str) -> bool:
    """Does the next <br> line go on with this one: a label's value ("Office hours:" / "Mon - Fri"),
    or a sentence broken mid-way ("Applications close on" / "June 30, 2025")?"""
    if _LABEL_LINE_RE.match(line):
        return True
    if line.endswith((".", "!", "?", ":", ";")) or _LINE_BULLET_RE.match(following):
        return False
    last_word = line.rsplit(" ", 1)[-1].lower()
    return following[:1].islower() or following[:1].isdigit() or last_word in _JOINING_WORDS


def _single_column(rows) -> bool:
    """Rows of one cell each, laid out in <br> lines and with no header cell: boxes stacked in a
    sidebar, not a one-column list of data ("Certifications" over "AWS D1.1" …)."""
    cells = [c for tr in rows for c in tr.find_all(["td", "th"], recursive=False)]
    return (bool(rows) and len(cells) == len(rows) and not any(c.name == "th" for c in cells)
            and any(c.find("br") is not None for c in cells))


def _header_cell(cell) -> bool:
    """A ``<th>``, or a ``<td>`` whose whole text is bold (an old page's header row)."""
    return cell.name == "th" or (bool(clean_text(cell.get_text(" "))) and _is_bold(cell))


def _contains_blocks(tag, tables_too: bool = False) -> bool:
    names = BLOCK_TAGS if tables_too else BLOCK_TAGS - {"td", "th", "tr", "tbody", "thead", "tfoot"}
    return tag.find(lambda t: t.name in names) is not None


def _layout_cell(cell) -> bool:
    """A cell that lays out blocks (a list, a heading, a table, a box) or prose, so its table is a layout;
    a cell of short paragraphs (a word processor wraps each cell's text in <p>) is a data cell."""
    if cell.find(lambda t: t.name in BLOCK_TAGS and t.name != "p") is not None:
        return True
    return cell.find("p") is not None and len(clean_text(cell.get_text(" ")).split()) > _DATA_CELL_WORDS


def _inline_text(tag, keep_blocks: bool = False) -> str:
    """Text as a browser lays it out on one line: inline tags add nothing, <br> and blocks a space."""
    parts: list[str] = []
    for node in tag.descendants:
        name = getattr(node, "name", None)
        if name is None:
            parts.append(str(node))
        elif name == "br" or name in BLOCK_TAGS:
            parts.append(" ")
    return "".join(parts)


def _int(value, default: int) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return default


def _ordinal(n: int, style: str) -> str:
    if style in ("a", "A"):
        return letters(n).upper() if style == "A" else letters(n)
    if style in ("i", "I"):
        return roman(n) if style == "I" else roman(n).lower()
    return str(n)


def _span(cell, name: str) -> int:
    value = str(cell.get(name, "1")).strip()
    return int(value) if value.isdigit() and 0 < int(value) < 100 else 1


def _merged_header(rows) -> list[str]:
    """Two header rows where the first spans columns ("Wage type" down both rows beside
    "Percentile" across five) as one row that names each column by its own lower cell ("10%" …
    "90%") or, where none, by the cell above; a lower cell said under several heads ("Base" under
    "Life" and "Pension") keeps its head ("Life Base"); [] for any other table. Read apart, the
    columns would be headed by "Percentile" alone and the data rows by "10%" … with no row label."""
    if len(rows) < 2:
        return []
    top, below = (tr.find_all(["td", "th"], recursive=False) for tr in rows[:2])
    # an empty corner cell over the rows' labels (a <td> with nothing in it) heads nothing: the cell below names it
    corner = [c for c in top if not clean_text(_inline_text(c))]
    if (not all(_header_cell(c) for c in top + below if c not in corner) or not any(_span(c, "colspan") > 1 for c in top)
            or not (corner or any(_span(c, "rowspan") > 1 for c in top))):
        return []  # a title row spanning every column ("Tuition and fees, 2025-26") stays as it was read
    if corner and any(_span(c, "rowspan") > 1 for c in corner):
        return []
    columns: list[tuple[str, bool]] = []  # (text, spans both rows)
    for cell in top:
        columns += [(clean_text(_inline_text(cell)), _span(cell, "rowspan") > 1 and cell not in corner)] * _span(cell, "colspan")
    lower = iter(clean_text(_inline_text(cell)) for cell in below for _ in range(_span(cell, "colspan")))
    names = [(text, text if whole else next(lower, "") or text) for text, whole in columns]
    # a lower cell said under several heads ("Base" under "Life & annuities" and under "Pension") is
    # named with its head, or which group a figure belongs to would be lost
    repeated = {name for _, name in names if sum(1 for _, other in names if other == name) > 1}
    names = [f"{head} {name}" if name in repeated and head != name else name for head, name in names]
    return [name for name in names if name]

