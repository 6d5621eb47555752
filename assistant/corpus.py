"""The corpus folder -> parsed documents, skipping (and naming) files that can't be read.

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
from .parsing import parse_text
from .types import Document

SUFFIXES = (".txt", ".md")
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


def corpus_files(corpus_dir: Path, follow_links: bool = False) -> tuple[list[Path], dict[str, str]]:
    """Every candidate document under the folder, sorted (hidden files and folders left out), and
    the refused ones (relative path -> reason): links unless ``follow_links``, and anything whose
    real path is outside the folder. Linked folders are never descended into."""
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
    found = {str(p.relative_to(corpus_dir)): _sha256(p) for p in files}
    found.update({rel: REFUSED_LINK for rel in refused})
    return dict(sorted(found.items()))


def load_corpus(corpus_dir: str | Path, max_file_mb: float = DEFAULT_MAX_FILE_MB,
                follow_links: bool = False) -> Corpus:
    """Read and parse every document in ``corpus_dir``.

    Unreadable files (binary, not UTF-8, larger than ``max_file_mb``, empty) are skipped with a
    reason that names them; the rest are indexed.

    Raises:
        EmptyCorpusError: the folder is missing or holds no readable document.
    """
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise EmptyCorpusError(f"corpus folder {corpus_dir} does not exist")
    documents: list[Document] = []
    files: dict[str, str] = {}
    paths, skipped = corpus_files(corpus_dir, follow_links)
    files.update({rel: REFUSED_LINK for rel in skipped})
    for path in paths:
        rel = str(path.relative_to(corpus_dir))
        try:
            data = _read_limited(path, max_file_mb, follow_links)
        except _TooLarge as exc:
            files[rel] = _sha256(path)
            skipped[rel] = (f"is {exc.size / 1024 / 1024:.1f} MB, over the {max_file_mb:g} MB limit for one document "
                            "(raise it with ASSISTANT_MAX_FILE_MB)")
            continue
        except OSError as exc:
            files[rel] = UNREADABLE
            skipped[rel] = LINK_REASON if exc.errno == errno.ELOOP else f"could not be read ({exc.strerror or exc})"
            continue
        files[rel] = hashlib.sha256(data).hexdigest()
        reason = _unreadable_reason(data)
        if reason:
            skipped[rel] = reason
            continue
        docs = parse_text(data.decode("utf-8"), source=rel)
        if not docs:
            skipped[rel] = "has no text once scrape noise is removed"
            continue
        documents.extend(docs)
    if not documents:
        found = f"; skipped: {', '.join(f'{k} ({v})' for k, v in skipped.items())}" if skipped else ""
        raise EmptyCorpusError(f"no readable .txt or .md document in {corpus_dir}{found}")
    _dedupe_ids(documents)
    return Corpus(documents, files, skipped)


class _TooLarge(Exception):
    def __init__(self, size: int):
        self.size = size


def _read_limited(path: Path, max_file_mb: float, follow_links: bool) -> bytes:
    """The file's bytes, opened without following a link (a file swapped for a link after the
    scan fails with ELOOP) and refused when over the size limit."""
    flags = os.O_RDONLY | (0 if follow_links else os.O_NOFOLLOW)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_file_mb * 1024 * 1024:
            raise _TooLarge(size)
        return handle.read()


def _unreadable_reason(data: bytes) -> str | None:
    if not data.strip():
        return "is empty"
    if b"\x00" in data[:8192]:
        return "looks binary (NUL bytes)"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"is not UTF-8 (byte {exc.start})"
    return None


def _dedupe_ids(documents: list[Document]) -> None:
    """Two files can yield the same id ("a.txt", "a.md"); suffix repeats so ids stay unique."""
    seen: dict[str, int] = {}
    for i, doc in enumerate(documents):
        count = seen.get(doc.doc_id, 0)
        seen[doc.doc_id] = count + 1
        if count:
            documents[i] = replace(doc, doc_id=f"{doc.doc_id}~{count + 1}")


def _sha256(path: Path) -> str:
    try:
        return sha256_file(path)
    except OSError:
        return UNREADABLE
