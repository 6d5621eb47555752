"""The corpus folder -> parsed documents, skipping (and naming) files that can't be read.

Each file goes to the reader for its suffix: ``.txt`` to the scraped-page parser
(``parsing.parse_text``), HTML, PDF, DOCX and Markdown to ``assistant.formats`` and then
``parsing.document_from_elements``, so every format ends up as the same ``Document``s.

Symbolic links are not followed unless asked (``Settings.follow_links``): the assistant quotes
what it indexes to anyone who can ask, so a link in the corpus folder to a file elsewhere
(``passwd.txt -> /etc/passwd``) must not put that file's lines into answers. Files whose real
path lies outside the corpus folder are refused the same way.
"""
from __future__ import annotations

import errno
import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import EmptyCorpusError
from .files import sha256_file
from .formats import FORMATS, UnreadableDocument, format_of, read_document
from .layout import publisher_name
from .parsing import document_from_elements, document_id, parse_text
from .types import Document

TEXT_SUFFIXES = (".txt",)  # scraped pages: structure recovered by parsing.parse_text
SUFFIXES = (*TEXT_SUFFIXES, *FORMATS)  # every suffix the corpus reads
UNREADABLE = "unreadable"
REFUSED_LINK = "link-not-followed"  # recorded in the corpus fingerprint, so adding a link is noticed
LINK_REASON = ("is a symbolic link; links are not followed, so files outside the corpus folder can't be "
               "exposed (copy the file in, or set ASSISTANT_FOLLOW_LINKS=1 if you trust every link)")
OUTSIDE_REASON = "resolves to a file outside the corpus folder; it is not read"
DEFAULT_MAX_FILE_MB = 5.0  # a career page is a few kB; a file this large is almost surely not one


@dataclass
class Corpus:
    documents: list[Document]
    files: dict[str, str]  # relative path -> sha256 of every file that was read
    skipped: dict[str, str] = field(default_factory=dict)  # relative path -> reason


@dataclass(frozen=True)
class RawFile:
    """One corpus file's bytes and sha256, or why it can't be read (then ``data`` is None)."""

    rel: str
    sha256: str
    data: bytes | None = None
    skipped: str | None = None


@dataclass(frozen=True)
class Source:
    """One corpus file as read: its sha256 and its documents, or why it was skipped."""

    rel: str
    sha256: str
    documents: tuple[Document, ...] = ()
    skipped: str | None = None


def corpus_files(corpus_dir: Path, follow_links: bool = False) -> tuple[list[Path], dict[str, str]]:
    """Every candidate document under the folder (a suffix in ``SUFFIXES``), sorted (hidden files
    and folders left out), and the refused ones (relative path -> reason): links unless
    ``follow_links``, and anything whose real path is outside the folder. Linked folders are never
    descended into."""
    root = corpus_dir.resolve()
    files, refused = [], {}
    for p in sorted(corpus_dir.rglob("*")):
        rel = p.relative_to(corpus_dir)
        if p.suffix.lower() not in SUFFIXES or any(part.startswith(".") for part in rel.parts):
            continue
        if p.is_symlink() and not follow_links:
            refused[str(rel)] = LINK_REASON
            continue
        if not p.is_file():
            continue
        if not follow_links and not p.resolve().is_relative_to(root):
            refused[str(rel)] = OUTSIDE_REASON
            continue
        files.append(p)
    return files, refused


def fingerprint(corpus_dir: Path, follow_links: bool = False) -> dict[str, str]:
    """relative path -> sha256 for every candidate file (a marker for refused ones); what the
    index manifest records."""
    files, refused = corpus_files(corpus_dir, follow_links)
    found = {str(p.relative_to(corpus_dir)): file_sha256(p) for p in files}
    found.update({rel: REFUSED_LINK for rel in refused})
    return dict(sorted(found.items()))


def format_name(name: str) -> str | None:
    """"text", "html", "pdf", "docx" or "markdown" for a file name, or None when it isn't read."""
    suffix = Path(name).suffix.lower()
    return "text" if suffix in TEXT_SUFFIXES else format_of(suffix) if suffix else None


def size_problem(size: int, max_file_mb: float) -> str | None:
    """Why a file of ``size`` bytes is refused, or None."""
    if size > max_file_mb * 1024 * 1024:
        return (f"is {size / 1024 / 1024:.1f} MB, over the {max_file_mb:g} MB limit for one document "
                "(raise it with ASSISTANT_MAX_FILE_MB)")
    return None


def parse_source(data: bytes, rel: str) -> list[Document]:
    """The documents in one file's bytes, read by the reader for its suffix.

    Raises:
        UnreadableDocument: the type is not supported, or the file is empty, binary, not UTF-8
            (.txt), damaged, encrypted, scanned without a text layer, or holds no text. Any
            other failure inside a reader is reported the same way: one bad file never stops a build.
    """
    suffix = Path(rel).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        reason = _unreadable_text_reason(data)
        if reason:
            raise UnreadableDocument(rel, reason)
        documents = parse_text(data.decode("utf-8"), source=rel)
        if not documents:
            raise UnreadableDocument(rel, "has no text once scrape noise is removed")
        return documents
    try:
        pages = read_document(data, suffix, name=rel)
    except UnreadableDocument:
        raise
    except Exception as exc:  # a reader library failing in a way it doesn't document
        raise UnreadableDocument(rel, f"could not be read ({type(exc).__name__}: {str(exc)[:120]})") from exc
    documents = []
    for n, page in enumerate(pages):
        doc_id = document_id(rel) if n == 0 else document_id(rel, page.title)
        doc = document_from_elements(page.elements, page.title, rel, doc_id)
        if doc is not None:
            documents.append(doc)
    if not documents:
        raise UnreadableDocument(rel, "has headings but no text under them")
    return _with_publisher(documents, data if suffix in _MARKUP_SUFFIXES else None)


_MARKUP_SUFFIXES = tuple(suffix for suffix, name in FORMATS.items() if name in ("html", "markdown"))


def _with_publisher(documents: list[Document], data: bytes | None) -> list[Document]:
    """The publisher named by the file's copyright line (dropped from the text as site chrome);
    read from a markup file's raw bytes, from the parsed text otherwise (PDF, DOCX)."""
    raw = data.decode("utf-8", errors="replace") if data is not None else "\n".join(d.text for d in documents)
    publisher = publisher_name(raw)
    return [replace(d, publisher=publisher) for d in documents] if publisher else documents


def read_file(corpus_dir: Path, path: Path, max_file_mb: float = DEFAULT_MAX_FILE_MB,
              follow_links: bool = False) -> RawFile:
    """One corpus file's bytes, opened without following a link (a file swapped for a link after
    the scan fails with ELOOP) and refused when over the size limit."""
    rel = str(path.relative_to(corpus_dir))
    try:
        fd = os.open(path, os.O_RDONLY | (0 if follow_links else os.O_NOFOLLOW))
        with os.fdopen(fd, "rb") as handle:
            too_big = size_problem(os.fstat(handle.fileno()).st_size, max_file_mb)
            if too_big:
                return RawFile(rel, file_sha256(path), skipped=too_big)
            data = handle.read()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return RawFile(rel, REFUSED_LINK, skipped=LINK_REASON)
        return RawFile(rel, UNREADABLE, skipped=f"could not be read ({exc.strerror or exc})")
    return RawFile(rel, hashlib.sha256(data).hexdigest(), data)


def parse_file(raw: RawFile) -> Source:
    """A read file's documents, or ``skipped`` saying why it gives none."""
    if raw.data is None:
        return Source(raw.rel, raw.sha256, skipped=raw.skipped)
    try:
        return Source(raw.rel, raw.sha256, tuple(parse_source(raw.data, raw.rel)))
    except UnreadableDocument as exc:
        return Source(raw.rel, raw.sha256, skipped=exc.reason)


def read_source(corpus_dir: Path, path: Path, max_file_mb: float = DEFAULT_MAX_FILE_MB,
                follow_links: bool = False) -> Source:
    """Read and parse one corpus file; a file that can't be indexed comes back with ``skipped`` set."""
    return parse_file(read_file(corpus_dir, path, max_file_mb, follow_links))


def no_documents_error(corpus_dir: Path, skipped: dict[str, str]) -> EmptyCorpusError:
    found = f"; skipped: {', '.join(f'{k} ({v})' for k, v in skipped.items())}" if skipped else ""
    return EmptyCorpusError(f"no readable document in {corpus_dir} (looked for {', '.join(SUFFIXES)}){found}")


def load_corpus(corpus_dir: str | Path, max_file_mb: float = DEFAULT_MAX_FILE_MB,
                follow_links: bool = False) -> Corpus:
    """Read and parse every document in ``corpus_dir``.

    Files that can't be read (see ``parse_source``, or larger than ``max_file_mb``) and refused
    links are skipped with a reason that names them; the rest are indexed.

    Raises:
        EmptyCorpusError: the folder is missing or holds no readable document.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise EmptyCorpusError(f"corpus folder {corpus_dir} does not exist")
    paths, refused = corpus_files(corpus_dir, follow_links)
    sources = [Source(rel, REFUSED_LINK, skipped=reason) for rel, reason in refused.items()]
    sources += [read_source(corpus_dir, path, max_file_mb, follow_links) for path in paths]
    sources.sort(key=lambda s: Path(s.rel))  # the scan order
    documents = dedupe_ids([doc for source in sources for doc in source.documents])
    skipped = {s.rel: s.skipped for s in sources if s.skipped}
    if not documents:
        raise no_documents_error(corpus_dir, skipped)
    return Corpus(documents, {s.rel: s.sha256 for s in sources}, skipped)


def _unreadable_text_reason(data: bytes) -> str | None:
    if not data.strip():
        return "is empty"
    if b"\x00" in data[:8192]:
        return "looks binary (NUL bytes)"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"is not UTF-8 (byte {exc.start})"
    return None


def unique_ids(ids: list[str]) -> list[str]:
    """Two files can yield the same id ("a.txt", "a.md"): repeats get "~2", "~3", … in order.
    Ids are taken back to their base first, so the result depends only on their order."""
    seen: dict[str, int] = {}
    out = []
    for doc_id in ids:
        base = doc_id.split("~", 1)[0]
        count = seen.get(base, 0)
        seen[base] = count + 1
        out.append(f"{base}~{count + 1}" if count else base)
    return out


def dedupe_ids(documents: list[Document]) -> list[Document]:
    """``documents`` with ids made unique (``unique_ids``)."""
    return [doc if doc.doc_id == new else replace(doc, doc_id=new)
            for doc, new in zip(documents, unique_ids([d.doc_id for d in documents]))]


def file_sha256(path: Path) -> str:
    """sha256 of a corpus file, or ``UNREADABLE`` when it can't be read."""
    try:
        return sha256_file(path)
    except OSError:
        return UNREADABLE
