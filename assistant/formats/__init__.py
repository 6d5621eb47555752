"""Documents as people have them -> pages of headings, paragraphs and list items.

``read_document(path_or_bytes, suffix)`` reads HTML, PDF, DOCX or Markdown into ``Page``s:
a title and an ordered tuple of ``Element``s (kind, text, heading level, list level, marker,
PDF page). Every reader recovers the same structure the plain-text parser does, from what the
format carries: tags for HTML, paragraph styles and numbering for DOCX, CommonMark tokens for
Markdown, font sizes, weights and indents for PDF. Cards about other subjects embedded in a page
(the "More Careers" role pages) become pages of their own (``embedded.py``). A file that can't be
read raises ``UnreadableDocument`` with a message that names it and says why.

The readers import their libraries lazily, so reading Markdown never loads the PDF stack.
"""
from __future__ import annotations

from pathlib import Path

from .embedded import split_embedded_pages
from .model import BULLET, Element, Page, UnreadableDocument, section_paths

__all__ = ["BULLET", "Element", "FORMATS", "Page", "UnreadableDocument", "format_of", "read_document",
           "section_paths"]

# suffix -> format name
FORMATS = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "markdown", ".markdown": "markdown",
}


def format_of(suffix: str) -> str | None:
    """The format name for a file suffix ("PDF", ".pdf" and "guide.pdf" all work), or None."""
    suffix = suffix.lower()
    if not suffix.startswith("."):
        suffix = Path(suffix).suffix or "." + suffix
    return FORMATS.get(suffix)


def read_document(source: str | Path | bytes, suffix: str | None = None, *, name: str | None = None) -> list[Page]:
    """Read one file into pages.

    Args:
        source: a path, or the file's bytes.
        suffix: the format by file suffix (".html", ".pdf", ".docx", ".md"); taken from the path
            when omitted.
        name: how error messages and fallback titles name the file; defaults to the path's name.

    Returns:
        The pages in reading order; the first is the file's main document. Never empty.

    Raises:
        UnreadableDocument: the suffix is not supported, the file can't be opened, is corrupt,
            encrypted, has no text layer, or holds no text.
    """
    if isinstance(source, (str, Path)):
        path = Path(source)
        name = name or path.name
        suffix = suffix or path.suffix
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableDocument(name, f"could not be opened ({exc.strerror or exc})") from exc
    else:
        data = bytes(source)
        name = name or f"document{suffix or ''}"
    fmt = format_of(suffix or "")
    if fmt is None:
        supported = ", ".join(sorted(FORMATS))
        raise UnreadableDocument(name, f"has a file type this assistant can't read (supported: {supported})")
    if not data.strip():
        raise UnreadableDocument(name, "is empty")
    if fmt == "html":
        from .html_reader import read_html as reader
    elif fmt == "pdf":
        from .pdf_reader import read_pdf as reader
    elif fmt == "docx":
        from .docx_reader import read_docx as reader
    else:
        from .markdown_reader import read_markdown as reader
    pages = [part for page in reader(data, name) for part in split_embedded_pages(page)]
    if not pages or not any(page.elements for page in pages):
        raise UnreadableDocument(name, "has no text to read")
    return pages
