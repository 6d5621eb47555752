"""The live index: is it fresh, load it with its integrity checks, and ``open_index``, the one
place that decides between using it, rebuilding it, and falling back to the previous build.

The files a build holds are described in ``build.py``; nothing read from disk is unpickled.
"""
from __future__ import annotations

import contextlib
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import faiss
import numpy as np

from . import corpus as corpus_mod
from .build import (BUILD_NAME_RE, CHUNK_OFFSETS, CHUNK_VECTORS, CHUNKS, CURRENT, DENSE, FACTS, INDEX_FILES,
                    MANIFEST, SPARSE_BM25, UNIT_VECTORS, VOCABULARY, build_index)
from .facts import FactRecord
from .config import Settings
from .embedding import Embedder
from .errors import EmptyCorpusError, IndexMismatchError
from .files import sha256_file
from .manifest import Manifest, read_manifest
from .store import ChunkStore, RowFile

FULL_CHECK_BYTES = 256 * 1024 * 1024  # indexes up to this size get every file's checksum verified at load
REBUILD_CHOICES = ("auto", "always", "never")


@dataclass(frozen=True)
class IndexStatus:
    state: str  # "fresh" | "stale" | "missing" | "corrupt"
    reason: str = ""


class CorpusIndex:
    """A loaded build: manifest, chunk store, FAISS index and the vector row readers.

    Its files stay open while it is in use. ``retire()`` (a reload swapped in a newer build)
    closes them once the last question using it has finished.
    """

    def __init__(self, path: Path, manifest: Manifest, chunks: ChunkStore, dense: faiss.Index,
                 chunk_vectors: RowFile, unit_vectors: RowFile, facts: list[FactRecord] | None = None,
                 vocabulary: dict[str, int] | None = None):
        self.path, self.manifest, self.chunks, self.dense = path, manifest, chunks, dense
        self.chunk_vectors, self.unit_vectors = chunk_vectors, unit_vectors
        self.facts = facts or []
        self.vocabulary = vocabulary or {}  # surface word -> count (spelling correction)
        self._lock = threading.Lock()
        self._users = 0
        self._retired = False
        self.closed = False

    @property
    def sparse_bm25(self) -> Path | None:
        """The bm25s folder when this build has one (large corpora)."""
        folder = self.path / SPARSE_BM25
        return folder if self.manifest.lexical_index == "bm25s" and folder.is_dir() else None

    @property
    def breadcrumb_headers(self) -> bool:
        return bool(self.manifest.settings.get("breadcrumb_headers", True))

    def acquire(self) -> None:
        with self._lock:
            if self.closed:
                raise IndexMismatchError(f"the index {self.path} was closed")
            self._users += 1

    def release(self) -> None:
        with self._lock:
            self._users -= 1
            close = self._retired and self._users == 0
        if close:
            self.close()

    @contextlib.contextmanager
    def in_use(self):
        self.acquire()
        try:
            yield self
        finally:
            self.release()

    def retire(self) -> None:
        """No new users from now on; close when the current ones are done."""
        with self._lock:
            self._retired = True
            close = self._users == 0
        if close:
            self.close()

    def close(self) -> None:
        with self._lock:
            if self.closed:
                return
            self.closed = True
        for reader in (self.chunks, self.chunk_vectors, self.unit_vectors):
            reader.close()


# ---------------------------------------------------------------- status

def live_build(index_dir: str | Path) -> Path | None:
    """The folder ``CURRENT`` names, or None when there is no (sane) pointer."""
    index_dir = Path(index_dir)
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not BUILD_NAME_RE.match(name):  # never follow a pointer outside the index folder
        return None
    return index_dir / name


def build_status(index_dir: str | Path, fingerprint: dict) -> IndexStatus:
    """Fresh when the live build's manifest records exactly these build settings."""
    build = live_build(index_dir)
    if build is None:
        return IndexStatus("missing", f"no index in {index_dir}")
    try:
        manifest = read_manifest(build / MANIFEST)
    except IndexMismatchError as exc:
        return IndexStatus("corrupt", str(exc))
    if manifest.settings != fingerprint:
        changed = sorted(k for k in set(fingerprint) | set(manifest.settings)
                         if fingerprint.get(k) != manifest.settings.get(k))
        return IndexStatus("stale", f"built with other settings ({', '.join(changed)} changed)")
    return IndexStatus("fresh")


def index_status(corpus_dir: str | Path, index_dir: str | Path, settings: Settings) -> IndexStatus:
    """Is the live index usable for this corpus and these settings? Cheap: reads the manifest only."""
    status = build_status(index_dir, settings.build_fingerprint())
    if status.state != "fresh":
        return status
    try:
        manifest = read_manifest(live_build(index_dir) / MANIFEST)
    except (IndexMismatchError, TypeError) as exc:  # replaced between the two reads
        return IndexStatus("corrupt", str(exc))
    current = corpus_mod.fingerprint(Path(corpus_dir), settings.follow_links)
    recorded = manifest.corpus
    if current != recorded:
        added = sorted(set(current) - set(recorded))
        removed = sorted(set(recorded) - set(current))
        changed = sorted(k for k in set(current) & set(recorded) if current[k] != recorded[k])
        parts = [f"{label}: {', '.join(names)}" for label, names in
                 (("added", added), ("removed", removed), ("changed", changed)) if names]
        return IndexStatus("stale", "corpus changed since the last build (" + "; ".join(parts) + ")")
    return IndexStatus("fresh")


# ---------------------------------------------------------------- loading

def load_index(index_dir: str | Path) -> CorpusIndex:
    """Load the live build and check that its parts agree with each other and the manifest.

    Raises:
        IndexMismatchError: no index, or a file is missing, truncated, edited or inconsistent.
    """
    build = live_build(index_dir)
    if build is None:
        raise IndexMismatchError(f"no index in {index_dir}: run `python -m assistant index`")
    manifest = read_manifest(build / MANIFEST)
    files = manifest.files
    for name in INDEX_FILES:
        path = build / name
        if not path.is_file():
            raise IndexMismatchError(f"{path} is missing")
        if name not in files or path.stat().st_size != files[name].bytes:
            raise IndexMismatchError(f"{path} does not have the size the manifest records (truncated or replaced)")
    # Checksums: every file when the index is small enough to hash quickly, else the chunk file
    # (text people read); the binary files are then checked by size and by the counts below.
    total = sum(files[name].bytes for name in INDEX_FILES)
    checked = INDEX_FILES if total <= FULL_CHECK_BYTES else (CHUNKS,)
    opened = []
    try:
        for name in checked:
            if sha256_file(build / name) != files[name].sha256:
                raise IndexMismatchError(f"{build / name} was changed after the build (checksum differs)")
        offsets = np.load(build / CHUNK_OFFSETS, allow_pickle=False)
        chunk_vectors = RowFile(build / CHUNK_VECTORS)
        opened.append(chunk_vectors)
        unit_vectors = RowFile(build / UNIT_VECTORS)
        opened.append(unit_vectors)
        dense = faiss.read_index(str(build / DENSE))
        store = ChunkStore(build / CHUNKS, offsets)
        opened.append(store)
        facts = _read_facts(build / FACTS, manifest.chunk_count)
        vocabulary = json.loads((build / VOCABULARY).read_text(encoding="utf-8"))
        if not isinstance(vocabulary, dict) or not all(isinstance(v, int) for v in vocabulary.values()):
            raise IndexMismatchError(f"{build / VOCABULARY} is not a word -> count table")
        checks = {
            "chunk offsets": (len(offsets), manifest.chunk_count),
            "chunk vectors": (chunk_vectors.shape[0], manifest.chunk_count),
            "FAISS vectors": (dense.ntotal, manifest.chunk_count),
            "unit vectors": (unit_vectors.shape[0], manifest.unit_count),
            "vector width": (chunk_vectors.shape[1], manifest.model_dim),
            "FAISS width": (dense.d, manifest.model_dim),
        }
        for what, (found, expected) in checks.items():
            if found != expected:
                raise IndexMismatchError(f"{build}: {what} = {found}, manifest says {expected}")
        if manifest.lexical_index == "bm25s" and not (build / SPARSE_BM25 / "params.index.json").is_file():
            raise IndexMismatchError(f"{build / SPARSE_BM25} is missing")
    except (OSError, ValueError, RuntimeError) as exc:
        for reader in opened:
            reader.close()
        raise IndexMismatchError(f"index files in {build} could not be read: {exc}") from exc
    except IndexMismatchError:
        for reader in opened:
            reader.close()
        raise
    return CorpusIndex(build, manifest, store, dense, chunk_vectors, unit_vectors, facts, vocabulary)


def _read_facts(path: Path, chunk_count: int) -> list[FactRecord]:
    facts = []
    with path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            try:
                fact = FactRecord.from_json(json.loads(line))
            except (json.JSONDecodeError, TypeError) as exc:
                raise IndexMismatchError(f"{path}:{n} is not a fact record ({exc})") from exc
            if not 0 <= fact.chunk_id < chunk_count:
                raise IndexMismatchError(f"{path}:{n} points at chunk {fact.chunk_id}, outside the index")
            facts.append(fact)
    return facts


# ---------------------------------------------------------------- the lifecycle

def open_index(corpus_dir: str | Path, index_dir: str | Path, settings: Settings, embedder: Embedder,
               rebuild: str = "auto", progress: bool = False,
               note: Callable[[str], None] | None = None) -> CorpusIndex:
    """The index to serve for ``corpus_dir``: status → build when needed → load.

    When a needed rebuild can't happen (a read-only index folder, a corpus emptied by mistake) and
    a previous build loads, that build keeps serving, and ``note`` says so. The embedder is first
    used only when something is embedded or checked, so a lazily loaded model isn't loaded to
    report a missing corpus.

    Args:
        rebuild: "auto" (when missing, stale or corrupt), "always", or "never" (raise instead).
        note: receives human-readable events ("rebuilding the index: corpus changed …").

    Raises:
        EmptyCorpusError: nothing to index and no previous build.
        IndexMismatchError: the index can't be built or loaded, or was built with another model.
    """
    if rebuild not in REBUILD_CHOICES:
        raise ValueError(f"rebuild must be one of {', '.join(REBUILD_CHOICES)}, got {rebuild!r}")
    note = note or (lambda _message: None)
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    status = index_status(corpus_dir, index_dir, settings)
    if rebuild == "never" and status.state != "fresh":
        raise IndexMismatchError(f"index is {status.state}: {status.reason}")
    if rebuild == "always" or status.state != "fresh":
        if status.state != "missing":
            note(f"rebuilding the index: {status.reason or 'asked to'}")
        _rebuild(corpus_dir, index_dir, settings, embedder, progress, note,
                 keep_previous=status.state in ("fresh", "stale"))
    try:
        index = load_index(index_dir)
    except IndexMismatchError as exc:
        if rebuild == "never":
            raise
        note(f"rebuilding the index: {exc}")
        _rebuild(corpus_dir, index_dir, settings, embedder, progress, note, keep_previous=False)
        index = load_index(index_dir)
    if index.manifest.model_dim != embedder.dim or index.manifest.model_name != embedder.name:
        index.close()
        raise IndexMismatchError(
            f"the index was built with {index.manifest.model_name} ({index.manifest.model_dim} dimensions) but the "
            f"model loaded is {embedder.name} ({embedder.dim}); rebuild with `python -m assistant index --force`")
    return index


def _rebuild(corpus_dir: Path, index_dir: Path, settings: Settings, embedder: Embedder, progress: bool,
             note: Callable[[str], None], keep_previous: bool) -> None:
    try:
        report = build_index(corpus_dir, index_dir, settings, embedder, progress=progress, log=note)
    except (OSError, EmptyCorpusError) as exc:
        if keep_previous:
            note(f"could not rebuild the index ({exc}); serving the previous index, which is out of date")
            return
        if isinstance(exc, EmptyCorpusError):
            raise
        raise IndexMismatchError(f"could not build the index in {index_dir}: {exc}") from exc
    note(f"built index: {report.documents} documents, {report.chunks} chunks, "
         f"{report.units} answer units in {report.seconds:.2f} s")
