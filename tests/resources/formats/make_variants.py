"""Write the shipped career page, as saved from the web (guide.html), as PDF, DOCX and Markdown.

    python tests/resources/formats/make_variants.py OUT_DIR

The variants carry the structure the way each format's authors would: the PDF has real heading
sizes, bold run-in labels, bullets and numbers drawn by a layout engine, a running header and page
numbers; the DOCX uses the Title, Heading N, List Number and List Bullet (2) styles with one
numbering instance per list; the Markdown is CommonMark with ``**labels**`` and indented nested
lists. Output is deterministic (fixed dates, no random ids) so runs can be compared byte for byte.

This reads guide.html with its own small walker, not with ``assistant.formats``, so the variants
do not inherit the HTML reader's mistakes. Needs beautifulsoup4 + lxml, python-docx and
reportlab (a development dependency only).
"""
from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
GUIDE_HTML = HERE / "guide.html"
FIXED_DATE = dt.datetime(2024, 6, 1, 12, 0, 0)
RUNNING_HEADER = "AiPathly career guides"


@dataclass
class Block:
    kind: str  # "h" | "p" | "li"
    runs: list[tuple[str, bool]]  # (text, bold) pieces
    level: int = 0  # heading level (1 = the page title) or list depth
    ordered: bool = False
    number: int = 0  # the item's number in an ordered list
    list_no: int = 0  # which list the item belongs to (one per <ul>/<ol>)

    @property
    def text(self) -> str:
        return "".join(t for t, _ in self.runs)


# ---------------------------------------------------------------- reading guide.html

def guide_blocks(html_path: Path = GUIDE_HTML) -> list[Block]:
    """The page's content in order: the main article only, with page chrome skipped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html_path.read_bytes(), "lxml")
    article = soup.select_one("main article.guide")
    blocks: list[Block] = []
    counter = [0]
    _walk(article, blocks, counter)
    return blocks


_SKIP_CLASSES = {"share-buttons", "newsletter-signup", "read-more", "hero", "section-image", "promo-card"}


def _walk(tag, blocks: list[Block], counter: list[int]) -> None:
    for child in tag.find_all(True, recursive=False):
        if _SKIP_CLASSES & set(child.get("class") or []) or child.name in ("figure", "aside", "a"):
            continue
        if child.name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            blocks.append(Block("h", _runs(child), level=int(child.name[1])))
        elif child.name == "p":
            blocks.append(Block("p", _runs(child)))
        elif child.name in ("ul", "ol"):
            _list(child, blocks, 0, counter)
        else:
            _walk(child, blocks, counter)


def _list(tag, blocks: list[Block], depth: int, counter: list[int]) -> None:
    counter[0] += 1
    list_no = counter[0]
    ordered = tag.name == "ol"
    for n, li in enumerate(tag.find_all("li", recursive=False), start=1):
        nested = li.find_all(["ul", "ol"], recursive=False)
        for sub in nested:
            sub.extract()
        blocks.append(Block("li", _runs(li), level=depth, ordered=ordered, number=n, list_no=list_no))
        for sub in nested:
            _list(sub, blocks, depth + 1, counter)


def _runs(tag) -> list[tuple[str, bool]]:
    """The tag's text as (text, bold) runs, whitespace collapsed as a browser would."""
    chars: list[tuple[str, bool]] = []
    for node in tag.descendants:
        if getattr(node, "name", None) is not None:
            continue
        bold = any(p.name in ("strong", "b") for p in node.parents if p is not None and tag in p.parents)
        for ch in str(node):
            if ch.isspace():
                if chars and chars[-1][0] != " ":
                    chars.append((" ", bold))
            else:
                chars.append((ch, bold))
    while chars and chars[-1][0] == " ":
        chars.pop()
    runs: list[tuple[str, bool]] = []
    for ch, bold in chars:
        if runs and runs[-1][1] == bold:
            runs[-1] = (runs[-1][0] + ch, bold)
        else:
            runs.append((ch, bold))
    return runs


# ---------------------------------------------------------------- Markdown

def write_markdown(blocks: list[Block], path: Path) -> None:
    lines: list[str] = []
    indents: list[int] = []  # content column of each open list depth
    previous = None
    for block in blocks:
        if block.kind == "li":
            indents = indents[: block.level]
            indent = indents[-1] if indents else 0
            marker = f"{block.number}." if block.ordered else "-"
            starts_new_list = previous is None or previous.kind != "li" or (
                previous.level == block.level and previous.list_no != block.list_no)
            if starts_new_list and lines and lines[-1] != "":
                lines.append("")
            lines.append(" " * indent + f"{marker} {_md_inline(block.runs)}")
            indents.append(indent + len(marker) + 1)
        else:
            indents = []
            if lines and lines[-1] != "":
                lines.append("")
            text = _md_inline(block.runs)
            lines.append(f"{'#' * block.level} {text}" if block.kind == "h" else text)
            lines.append("")
        previous = block
    path.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")


def _md_inline(runs: list[tuple[str, bool]]) -> str:
    out = []
    for text, bold in runs:
        text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_")
        if bold and text.strip():
            lead, core, trail = text[: len(text) - len(text.lstrip())], text.strip(), text[len(text.rstrip()):]
            out.append(f"{lead}**{core}**{trail}")
        else:
            out.append(text)
    return "".join(out)


# ---------------------------------------------------------------- DOCX

def write_docx(blocks: list[Block], path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    props = document.core_properties
    props.title, props.author, props.created, props.modified = blocks[0].text, "AiPathly", FIXED_DATE, FIXED_DATE
    props.last_modified_by, props.revision = "AiPathly", 1
    numbering = document.part.numbering_part.element
    list_style_num = {}  # style name -> the abstractNumId its numbering uses
    for name in ("List Number", "List Number 2", "List Bullet", "List Bullet 2"):
        num_id = document.styles[name].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}").get(qn("w:val"))
        num = numbering.num_having_numId(int(num_id))
        list_style_num[name] = num.abstractNumId.val
    list_instance: dict[int, int] = {}  # list_no -> numId of its own numbering instance
    for block in blocks:
        if block.kind == "h":
            document.add_heading(block.text, level=0 if block.level == 1 else block.level - 1)
            continue
        if block.kind == "p":
            _docx_runs(document.add_paragraph(), block.runs)
            continue
        style = ("List Number" if block.ordered else "List Bullet") + (" 2" if block.level else "")
        paragraph = document.add_paragraph(style=style)
        _docx_runs(paragraph, block.runs)
        if block.ordered:  # every numbered list restarts at 1, as Word does for a new list
            if block.list_no not in list_instance:
                num = numbering.add_num(list_style_num[style])
                override = OxmlElement("w:lvlOverride")
                override.set(qn("w:ilvl"), "0")
                start = OxmlElement("w:startOverride")
                start.set(qn("w:val"), "1")
                override.append(start)
                num.append(override)
                list_instance[block.list_no] = num.numId
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = list_instance[block.list_no]
    buffer = io.BytesIO()
    document.save(buffer)
    _fix_zip_dates(buffer.getvalue(), path)


def _docx_runs(paragraph, runs) -> None:
    for text, bold in runs:
        paragraph.add_run(text).bold = bold or None


def _fix_zip_dates(data: bytes, path: Path) -> None:
    """Rewrite the package with fixed member dates, so the file is the same on every run."""
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))


# ---------------------------------------------------------------- PDF

def write_pdf(blocks: list[Block], path: Path) -> None:
    from reportlab.lib.pagesizes import LETTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import inch
    from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13, spaceAfter=6)
    item = ParagraphStyle("item", parent=body, spaceAfter=2)
    heading_styles = {
        1: ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=22, leading=27, spaceAfter=14),
        2: ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=16, leading=20, spaceBefore=12, spaceAfter=6),
        3: ParagraphStyle("h3", fontName="Helvetica-Bold", fontSize=13, leading=16, spaceBefore=8, spaceAfter=4),
        4: ParagraphStyle("h4", fontName="Helvetica-Bold", fontSize=11, leading=14, spaceBefore=6, spaceAfter=3),
    }
    title = blocks[0].text

    def markup(runs) -> str:
        return "".join(f"<b>{escape(t)}</b>" if bold else escape(t) for t, bold in runs)

    def build_list(items: list[Block], start: int) -> tuple[ListFlowable, int]:
        """Items of one list (and their nested lists) from ``start``; returns the flowable and the next index."""
        first = items[start]
        entries = []
        i = start
        while i < len(items) and items[i].level == first.level and items[i].list_no == first.list_no:
            content = [Paragraph(markup(items[i].runs), item)]
            i += 1
            while i < len(items) and items[i].level > first.level:
                nested, i = build_list(items, i)
                content.append(nested)
            entries.append(ListItem(content))
        kwargs = dict(bulletType="1", bulletFormat="%s.") if first.ordered else dict(bulletType="bullet", start="•")
        return ListFlowable(entries, leftIndent=18, bulletFontName="Helvetica", bulletFontSize=10, **kwargs), i

    story = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.kind == "h":
            story.append(Paragraph(markup(block.runs), heading_styles[min(block.level, 4)]))
            i += 1
        elif block.kind == "p":
            story.append(Paragraph(markup(block.runs), body))
            i += 1
        else:
            end = i
            while end < len(blocks) and blocks[end].kind == "li":
                end += 1
            run = blocks[i:end]
            j = 0
            while j < len(run):
                flowable, j = build_list(run, j)
                story.extend([flowable, Spacer(1, 4)])
            i = end

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(doc.leftMargin, LETTER[1] - 0.5 * inch, RUNNING_HEADER)
        canvas.drawRightString(LETTER[0] - doc.rightMargin, LETTER[1] - 0.5 * inch, title)
        canvas.drawCentredString(LETTER[0] / 2, 0.5 * inch, f"Page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(path), pagesize=LETTER, title=title, author="AiPathly", invariant=1,
                            leftMargin=inch, rightMargin=inch, topMargin=inch, bottomMargin=inch)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)


# ---------------------------------------------------------------- entry points

def build_variants(out_dir: Path, html_path: Path = GUIDE_HTML) -> dict[str, Path]:
    """Write guide.md, guide.docx and guide.pdf into ``out_dir``; returns suffix -> path."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    blocks = guide_blocks(html_path)
    paths = {".md": out_dir / "guide.md", ".docx": out_dir / "guide.docx", ".pdf": out_dir / "guide.pdf"}
    write_markdown(blocks, paths[".md"])
    write_docx(blocks, paths[".docx"])
    write_pdf(blocks, paths[".pdf"])
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    for suffix, written in build_variants(Path(sys.argv[1])).items():
        print(f"{suffix:6} {written} ({written.stat().st_size:,} bytes)")
