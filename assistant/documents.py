"""Managing the corpus folder: list its documents, add one, remove one, each change indexed
incrementally (``build_index`` re-embeds only what changed). The CLI (``docs list|add|remove``)
and the chat's upload both call these functions.

A bad file is refused before anything is written: a name is sanitised, its type and size are
checked, and the bytes are parsed by the reader for their format. A change whose rebuild fails
is undone, so the corpus folder and the live index always agree.
"""
from __future__ import annotations

import contextlib
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import corpus as corpus_mod
from .build import BuildReport, build_index
from .config import Settings
from .embedding import Embedder, LazyEmbedder
from .errors import AssistantError, EmptyCorpusError, IndexMismatchError
from .files import exclusive_lock
from .formats import UnreadableDocument
from .index import live_build
from .manifest import read_manifest

MAX_NAME_CHARS = 100  # of a stored file name's stem
_LOCK = ".documents.lock"  # in the index folder: one corpus change at a time


class DocumentRejected(AssistantError):
    """A document that can't be added or removed; the message says why, for people."""


@dataclass(frozen=True)
class DocumentInfo:
    """A file of the corpus folder as ``docs list`` shows it."""

    name: str  # path relative to the corpus folder
    format: str  # "text" | "markdown" | "html" | "pdf" | "docx"
    bytes: int | None  # None for a file recorded in the index but gone from the folder
    status: str  # "indexed" | "skipped" | "changed" | "new" | "removed" (see ``list_documents``)
    reason: str = ""  # why a skipped file was not indexed
    titles: tuple[str, ...] = ()  # the documents an indexed file holds


@dataclass(frozen=True)
class ChangeReport:
    """What ``add_document`` / ``remove_document`` did."""

    action: str  # "added" | "replaced" | "removed"
    name: str  # the file's name in the corpus folder (sanitised)
    titles: tuple[str, ...]  # documents the file holds (added) or held (removed)
    build: BuildReport


# ---------------------------------------------------------------- names

def sanitize_name(name: str) -> str:
    """A safe file name for the corpus folder: no folders, ASCII letters, digits, ``-``, ``_``
    and ``.``, no leading dot (hidden files are not indexed), the suffix lower-cased.

    Raises:
        DocumentRejected: no name left, or a file type the corpus doesn't read.
    """
    base = re.split(r"[\\/]", str(name))[-1].strip()
    base = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")  # "résumé" -> "resume"
    stem, dot, suffix = base.rpartition(".")
    suffix = f".{suffix.lower()}" if dot else ""
    if suffix not in corpus_mod.SUFFIXES:
        raise DocumentRejected(f"{name!r} is not a type this assistant reads (supported: {_supported()})")
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem)
    stem = re.sub(r"[-_.]{2,}", "-", stem).strip("-_. ")[:MAX_NAME_CHARS].rstrip("-_. ")
    return f"{stem or 'document'}{suffix}"


def _supported() -> str:
    return ", ".join(corpus_mod.SUFFIXES)


# ---------------------------------------------------------------- list

def list_documents(corpus_dir: str | Path, index_dir: str | Path, follow_links: bool = False) -> list[DocumentInfo]:
    """Every corpus file with its format, size and status against the live index: "indexed",
    "skipped" (with the reason), "changed" or "new" (not indexed yet: the next build picks it
    up), and "removed" for a file the index still holds that is gone from the folder."""
    corpus_dir = Path(corpus_dir)
    manifest = None
    build = live_build(index_dir)
    if build is not None:
        with contextlib.suppress(IndexMismatchError):
            manifest = read_manifest(build / "manifest.json")
    recorded = manifest.corpus if manifest else {}
    titles: dict[str, list[str]] = {}
    for entry in manifest.documents if manifest else ():
        titles.setdefault(entry.source, []).append(entry.title)
    out = []
    names = set()
    paths, refused = corpus_mod.corpus_files(corpus_dir, follow_links) if corpus_dir.is_dir() else ([], {})
    for rel, reason in refused.items():
        names.add(rel)
        out.append(DocumentInfo(rel, corpus_mod.format_name(rel) or "?", None, "skipped", reason))
    for path in paths:
        rel = str(path.relative_to(corpus_dir))
        names.add(rel)
        fmt = corpus_mod.format_name(rel) or "?"
        try:
            size = path.stat().st_size
        except OSError:
            size = None
        if rel not in recorded:
            out.append(DocumentInfo(rel, fmt, size, "new"))
        elif recorded[rel] != corpus_mod.file_sha256(path):
            out.append(DocumentInfo(rel, fmt, size, "changed"))
        elif rel in manifest.skipped:
            out.append(DocumentInfo(rel, fmt, size, "skipped", manifest.skipped[rel]))
        else:
            out.append(DocumentInfo(rel, fmt, size, "indexed", titles=tuple(titles.get(rel, ()))))
    for rel in sorted(set(recorded) - names):
        out.append(DocumentInfo(rel, corpus_mod.format_name(rel) or "?", None, "removed",
                                titles=tuple(titles.get(rel, ()))))
    return sorted(out, key=lambda info: Path(info.name))


# ---------------------------------------------------------------- add

def check_document(name: str, data: bytes, settings: Settings) -> tuple[str, list]:
    """The sanitised name and the documents the bytes hold, or ``DocumentRejected`` saying why
    the file can't be indexed. Writes nothing."""
    safe = sanitize_name(name)
    too_big = corpus_mod.size_problem(len(data), settings.max_file_mb)
    if too_big:
        raise DocumentRejected(f"{safe} {too_big}")
    try:
        documents = corpus_mod.parse_source(bytes(data), safe)
    except UnreadableDocument as exc:
        raise DocumentRejected(f"{safe} {exc.reason}; nothing was changed") from exc
    return safe, documents


def add_document(corpus_dir: str | Path, index_dir: str | Path, name: str, data: bytes, settings: Settings,
                 embedder: Embedder | None = None, replace: bool = False,
                 progress: Callable[[str], None] | None = None) -> ChangeReport:
    """Store a document in the corpus folder and index it incrementally.

    Args:
        name: the file's name as given (a browser's, a path's); it is sanitised.
        data: the file's bytes.
        replace: allow replacing a corpus file of the same name.
        progress: receives short messages while the work goes on (for the chat's status line).

    Raises:
        DocumentRejected: bad name, type, size or content, or the name is taken; nothing changed.
        OSError: the corpus or index folder can't be written (the change is undone).
    """
    say = progress or (lambda _m: None)
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    safe, documents = check_document(name, data, settings)
    say(f"{safe}: {len(documents)} document(s) found, indexing…")
    corpus_dir.mkdir(parents=True, exist_ok=True)
    target = corpus_dir / safe
    with _corpus_lock(index_dir):
        existed = target.exists()
        if existed and not replace:
            raise DocumentRejected(f"{safe} is already in the corpus; remove it first or replace it "
                                   "(--replace)")
        backup = _hidden_sibling(target, "previous") if existed else None
        staged = _hidden_sibling(target, "upload")
        _write_durably(staged, data)
        try:
            if backup is not None:
                os.replace(target, backup)
            os.replace(staged, target)
            report = build_index(corpus_dir, index_dir, settings, embedder or LazyEmbedder(settings), log=say)
        except BaseException:
            staged.unlink(missing_ok=True)
            if backup is not None and backup.exists():
                os.replace(backup, target)
            elif not existed:
                target.unlink(missing_ok=True)
            raise
        if backup is not None:
            backup.unlink(missing_ok=True)
    say(f"indexed {safe}: {report.chunks} passages in the index, {report.seconds:.1f} s")
    return ChangeReport("replaced" if existed else "added", safe, tuple(d.title for d in documents), report)


# ---------------------------------------------------------------- remove

def remove_document(corpus_dir: str | Path, index_dir: str | Path, name: str, settings: Settings,
                    embedder: Embedder | None = None, progress: Callable[[str], None] | None = None) -> ChangeReport:
    """Delete a corpus file and drop it from the index (nothing is embedded).

    Raises:
        DocumentRejected: no such corpus file, or it is the last readable one (an index needs
            at least one document); nothing changed.
    """
    say = progress or (lambda _m: None)
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    target = _corpus_file(corpus_dir, name, settings.follow_links)
    rel = str(target.relative_to(corpus_dir))
    titles = next((info.titles for info in list_documents(corpus_dir, index_dir, settings.follow_links)
                   if info.name == rel), ())
    with _corpus_lock(index_dir):
        backup = _hidden_sibling(target, "removed")
        os.replace(target, backup)
        try:
            report = build_index(corpus_dir, index_dir, settings, embedder or LazyEmbedder(settings), log=say)
        except EmptyCorpusError as exc:
            os.replace(backup, target)
            raise DocumentRejected(f"{rel} is the only readable document; the index needs at least one, "
                                   "so it was kept") from exc
        except BaseException:
            os.replace(backup, target)
            raise
        backup.unlink(missing_ok=True)
    say(f"removed {rel}")
    return ChangeReport("removed", rel, titles, report)


def _corpus_file(corpus_dir: Path, name: str, follow_links: bool) -> Path:
    """The corpus file called ``name`` (a path relative to the folder; a refused link is one too),
    never anything outside it."""
    candidates = {}
    if corpus_dir.is_dir():
        paths, refused = corpus_mod.corpus_files(corpus_dir, follow_links)
        candidates = {str(p.relative_to(corpus_dir)): p for p in paths}
        candidates.update({rel: corpus_dir / rel for rel in refused})
    path = candidates.get(str(name).strip()) or candidates.get(Path(str(name)).name)
    if path is None:
        raise DocumentRejected(f"{name} is not in the corpus folder {corpus_dir} "
                               "(`python -m assistant docs list` shows what is)")
    return path


# ---------------------------------------------------------------- files

def _corpus_lock(index_dir: Path):
    """One corpus change at a time per index (two uploads at once would race on the rebuild)."""
    index_dir.mkdir(parents=True, exist_ok=True)
    return exclusive_lock(index_dir / _LOCK)


def _hidden_sibling(path: Path, what: str) -> Path:
    """A hidden name next to ``path``: the corpus reader ignores it while it exists."""
    return path.with_name(f".{path.name}.{what}-{uuid.uuid4().hex[:8]}")


def _write_durably(path: Path, data: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
