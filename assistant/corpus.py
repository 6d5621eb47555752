"""The corpus folder -> parsed documents, skipping (and naming) files that can't be read."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import EmptyCorpusError
from .files import sha256_file
from .parsing import parse_text
from .types import Document

SUFFIXES = (".txt", ".md")
UNREADABLE = "unreadable"
DEFAULT_MAX_FILE_MB = 5.0  # a career page is a few kB; a file this large is almost surely not one


@dataclass
class Corpus:
    documents: list[Document]
    files: dict[str, str]  # relative path -> sha256 of every file that was read
    skipped: dict[str, str] = field(default_factory=dict)  # relative path -> reason


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every .txt/.md file under the folder, sorted, hidden files and folders left out."""
    return sorted(
        p for p in corpus_dir.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(corpus_dir).parts)
    )


def fingerprint(corpus_dir: Path) -> dict[str, str]:
    """relative path -> sha256 for every candidate file; what the index manifest records."""
    return {str(p.relative_to(corpus_dir)): _sha256(p) for p in corpus_files(corpus_dir)}


def load_corpus(corpus_dir: str | Path, max_file_mb: float = DEFAULT_MAX_FILE_MB) -> Corpus:
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
    skipped: dict[str, str] = {}
    for path in corpus_files(corpus_dir):
        rel = str(path.relative_to(corpus_dir))
        try:
            size = path.stat().st_size
            if size > max_file_mb * 1024 * 1024:
                files[rel] = _sha256(path)
                skipped[rel] = (f"is {size / 1024 / 1024:.1f} MB, over the {max_file_mb:g} MB limit for one document "
                                "(raise it with ASSISTANT_MAX_FILE_MB)")
                continue
            data = path.read_bytes()
        except OSError as exc:
            files[rel] = UNREADABLE
            skipped[rel] = f"could not be read ({exc.strerror or exc})"
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
