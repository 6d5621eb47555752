"""Build, save, check and load the hybrid index. Nothing read from disk is unpickled.

Layout of ``index/``::

    CURRENT                  name of the live build folder (replaced atomically)
    build-<time>-<id>/
        manifest.json        corpus hashes, settings, model, counts, versions, file hashes
        chunks.jsonl         one JSON object per chunk, its answer units nested
        chunk_offsets.npy    byte offset of each line of chunks.jsonl (random access)
        chunks.faiss         FAISS index of chunk vectors (exact; HNSW for large corpora)
        chunk_vectors.npy    the same vectors (float16), read row by row to score any chunk
        unit_vectors.npy     one vector per answer unit (float16), read row by row
        bm25s/               sparse BM25 matrix, for large corpora only

A build writes a fresh folder and only then points ``CURRENT`` at it, so a crash leaves the
previous index in place and a reader never sees a half-written one.
"""
from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import json
import os
import platform
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Callable

import faiss
import numpy as np

from . import corpus as corpus_mod
from .chunking import chunk_documents
from .config import Settings
from .conversation import title_aliases
from .embedding import Embedder
from .errors import IndexMismatchError
from .text import tokenize
from .types import Chunk, Unit

FORMAT_VERSION = 3
CURRENT = "CURRENT"
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
CHUNK_OFFSETS = "chunk_offsets.npy"
DENSE = "chunks.faiss"
CHUNK_VECTORS = "chunk_vectors.npy"
UNIT_VECTORS = "unit_vectors.npy"
SPARSE_BM25 = "bm25s"  # folder, only for corpora above Settings.sparse_bm25_min_chunks
BM25_K1, BM25_B = 1.5, 0.75
FULL_CHECK_BYTES = 256 * 1024 * 1024  # indexes up to this size get every file's checksum verified at load
_BUILD_NAME_RE = re.compile(r"^build-[0-9TZ]+-[0-9a-f]{8}$")
_VERSIONED_PACKAGES = ("faiss-cpu", "rank-bm25", "sentence-transformers", "torch", "transformers", "numpy")


@dataclass(frozen=True)
class BuildReport:
    """What ``build_index`` did, for the CLI to print."""

    path: Path
    documents: int
    chunks: int
    units: int
    seconds: float
    embed_seconds: float
    skipped: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexStatus:
    state: str  # "fresh" | "stale" | "missing" | "corrupt"
    reason: str = ""


def embedding_text(breadcrumb: str, text: str, headers: bool) -> str:
    """What gets embedded and BM25-indexed: the passage under its breadcrumb (a contextual
    header), so "What degree does an AI Python Engineer need?" finds that role's passage."""
    return f"{breadcrumb}\n{text}" if headers else text


# ---------------------------------------------------------------- building

def unit_with_context(unit: Unit, units: list[Unit], words: int = 20) -> str:
    """A unit's text led by the start of its context unit ("Security and Compliance: Implement
    cybersecurity measures …"), so its vector knows what it is about."""
    if unit.context < 0:
        return unit.text
    context = units[unit.context].text.split()
    lead = " ".join(context[:words]) + (" …" if len(context) > words else "")
    return f"{lead.rstrip(':')}: {unit.text}"


def build_index(
    corpus_dir: str | Path,
    index_dir: str | Path,
    settings: Settings,
    embedder: Embedder,
    progress: bool = False,
    log: Callable[[str], None] | None = None,
) -> BuildReport:
    """Parse, chunk and embed the corpus, then atomically replace the live index.

    Raises:
        EmptyCorpusError: nothing readable in the corpus folder.
        OSError: the index folder can't be written (the previous index is untouched).
    """
    started = time.perf_counter()
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    corpus = corpus_mod.load_corpus(corpus_dir, settings.max_file_mb)
    for name, reason in corpus.skipped.items():
        (log or (lambda _m: None))(f"skipped {name}: {reason}")
    chunked = chunk_documents(corpus.documents, settings.chunk_max_words, settings.chunk_min_words)
    embed_started = time.perf_counter()
    chunk_vectors, unit_vectors = embed_chunks(chunked.chunks, chunked.units, settings, embedder, progress)
    embed_seconds = time.perf_counter() - embed_started
    manifest = {
        "corpus": corpus.files,
        "skipped": corpus.skipped,
        "settings": settings.build_fingerprint(),
        "model": {"name": embedder.name, "dim": int(embedder.dim)},
        "counts": {"documents": len(corpus.documents), "chunks": len(chunked.chunks), "units": len(chunked.units)},
        "documents": [{"doc_id": d.doc_id, "title": d.title, "source": d.source,
                       "aliases": title_aliases(d.title, d.text)} for d in corpus.documents],
    }
    path = save_index(index_dir, chunked.chunks, chunked.units, chunk_vectors, unit_vectors, manifest, started,
                      settings, progress)
    return BuildReport(path, len(corpus.documents), len(chunked.chunks), len(chunked.units),
                       time.perf_counter() - started, embed_seconds, corpus.skipped)


def embed_chunks(chunks: list[Chunk], units: list[Unit], settings: Settings, embedder: Embedder,
                 progress: bool = False, batch: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors, and chunk vectors as chosen by ``settings.chunk_vectors``.

    "units-mean" (default) makes a chunk's vector the normalised mean of its units' vectors:
    one encoder pass over the units instead of two, and MiniLM, trained on short texts,
    represents a long chunk no better (eval/README.md has the measurement). Texts are made and
    embedded in batches, so a large corpus never holds all of them at once.
    """
    headers = settings.breadcrumb_headers
    bar = _progress(progress, total=len(units) + (len(chunks) if settings.chunk_vectors == "encode" else 0),
                    desc="embedding", unit="text")
    unit_vectors = np.zeros((len(units), embedder.dim), dtype=np.float32)
    for start in range(0, len(units), batch):
        part = units[start: start + batch]
        texts = [embedding_text(chunks[u.chunk_id].breadcrumb, unit_with_context(u, units), headers) for u in part]
        unit_vectors[start: start + len(part)] = embedder.encode(texts)
        bar.update(len(part))
    if settings.chunk_vectors == "encode":
        chunk_vectors = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
        for start in range(0, len(chunks), batch):
            part = chunks[start: start + batch]
            chunk_vectors[start: start + len(part)] = embedder.encode(
                [embedding_text(c.breadcrumb, c.text, headers) for c in part])
            bar.update(len(part))
        bar.close()
        return chunk_vectors, unit_vectors
    bar.close()
    sums = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
    np.add.at(sums, np.asarray([u.chunk_id for u in units], dtype=np.int64), unit_vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return sums / np.where(norms > 0, norms, 1.0), unit_vectors


def _progress(enabled: bool, **kwargs):
    from tqdm import tqdm

    return tqdm(disable=not enabled, leave=False, **kwargs)


def save_index(index_dir: str | Path, chunks: list[Chunk], units: list[Unit], chunk_vectors: np.ndarray,
               unit_vectors: np.ndarray, manifest: dict, started: float | None = None,
               settings: Settings | None = None, progress: bool = False) -> Path:
    """Write a complete build into a staging folder, then make it the live index."""
    settings = settings or Settings()
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(index_dir):
        return _save_locked(index_dir, chunks, units, chunk_vectors, unit_vectors, manifest, started, settings,
                            progress)


@contextlib.contextmanager
def _build_lock(index_dir: Path):
    """One build at a time per index folder (two processes rebuilding at once would otherwise
    each delete the other's build when they clean up)."""
    with (index_dir / ".build.lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _save_locked(index_dir: Path, chunks, units, chunk_vectors, unit_vectors, manifest, started, settings,
                 progress) -> Path:
    staging = index_dir / f".staging-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        kinds = _write_build(staging, chunks, units, chunk_vectors, unit_vectors, settings, progress)
        manifest = {
            "format": FORMAT_VERSION,
            "built_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            **manifest,
            **kinds,
            "versions": _versions(),
            "files": {name: _file_digest(staging / name)
                      for name in (CHUNKS, CHUNK_OFFSETS, DENSE, CHUNK_VECTORS, UNIT_VECTORS)},
        }
        if started is not None:
            manifest["build_seconds"] = round(time.perf_counter() - started, 3)
        _write_json(staging / MANIFEST, manifest)
        final = index_dir / f"build-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
        staging.rename(final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _point_current(index_dir, final.name)
    _remove_old_builds(index_dir, keep=final.name)
    return final


def _write_build(folder: Path, chunks: list[Chunk], units: list[Unit], chunk_vectors: np.ndarray,
                 unit_vectors: np.ndarray, settings: Settings, progress: bool = False) -> dict:
    """Write every artifact; returns what the manifest should say about how they were built."""
    units_by_chunk: list[list[Unit]] = [[] for _ in chunks]
    for unit in units:
        units_by_chunk[unit.chunk_id].append(unit)
    offsets = np.zeros(len(chunks), dtype=np.int64)
    with (folder / CHUNKS).open("wb") as handle:
        for chunk, chunk_units in zip(chunks, units_by_chunk):
            offsets[chunk.chunk_id] = handle.tell()
            record = {
                "chunk_id": chunk.chunk_id, "doc_id": chunk.doc_id, "title": chunk.title,
                "section": list(chunk.section), "start": chunk.start, "end": chunk.end, "text": chunk.text,
                "first_unit": chunk_units[0].unit_id if chunk_units else -1,
                # kind, start, end (document offsets), list id, nesting level, context unit
                "units": [[u.kind, u.start, u.end, u.list_id, u.level, u.context] for u in chunk_units],
            }
            handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    np.save(folder / CHUNK_OFFSETS, offsets, allow_pickle=False)
    # float16 on disk halves the memory maps; scores are computed in float32.
    np.save(folder / CHUNK_VECTORS, chunk_vectors.astype(np.float16), allow_pickle=False)
    np.save(folder / UNIT_VECTORS, unit_vectors.astype(np.float16), allow_pickle=False)
    vectors = np.ascontiguousarray(chunk_vectors, dtype=np.float32)
    dim = vectors.shape[1] if vectors.ndim == 2 else 0
    if len(chunks) >= settings.ann_min_chunks:
        # Approximate search for large corpora: an HNSW graph over 8-bit scalar-quantised vectors
        # (a quarter of the memory of float32). Candidates are re-scored exactly from
        # chunk_vectors.npy, so quantisation only costs recall, which BENCHMARKS.md measures.
        dense = faiss.IndexHNSWSQ(dim, faiss.ScalarQuantizer.QT_8bit, settings.hnsw_m, faiss.METRIC_INNER_PRODUCT)
        dense.hnsw.efConstruction = settings.hnsw_ef_construction
        sample = vectors[np.random.default_rng(0).choice(len(vectors), min(len(vectors), 100_000), replace=False)]
        dense.train(sample)
        dense_kind = f"hnsw-sq8(M={settings.hnsw_m})"
    else:
        dense = faiss.IndexFlatIP(dim)
        dense_kind = "flat"
    for start in range(0, len(vectors), 65536):  # add in blocks so a progress bar can move
        dense.add(vectors[start: start + 65536])
    faiss.write_index(dense, str(folder / DENSE))
    lexical_kind = "rank-bm25"
    if len(chunks) >= settings.sparse_bm25_min_chunks:
        _write_sparse_bm25(folder / SPARSE_BM25, chunks, settings.breadcrumb_headers, progress)
        lexical_kind = "bm25s"
    return {"dense_index": dense_kind, "lexical_index": lexical_kind}


def _write_sparse_bm25(folder: Path, chunks: list[Chunk], headers: bool, progress: bool) -> None:
    """bm25s (sparse matrix, Lucene idf) over the same tokens rank-bm25 would see."""
    import bm25s

    tokens = [tokenize(embedding_text(c.breadcrumb, c.text, headers)) or ["∅"]
              for c in _progress(progress, iterable=chunks, desc="BM25 tokens", unit="chunk")]
    model = bm25s.BM25(method="lucene", k1=BM25_K1, b=BM25_B)
    model.index(tokens, show_progress=progress)
    model.save(str(folder), allow_pickle=False, show_progress=False)


def _point_current(index_dir: Path, build_name: str) -> None:
    pointer = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
    pointer.write_text(build_name + "\n", encoding="utf-8")
    os.replace(pointer, index_dir / CURRENT)


def _remove_old_builds(index_dir: Path, keep: str) -> None:
    """Older builds go once CURRENT points past them. A process that still serves one keeps
    working: its memory maps hold the deleted files open."""
    for entry in index_dir.iterdir():
        if not entry.is_dir() or entry.name == keep:
            continue
        abandoned = entry.name.startswith(".staging-") and time.time() - entry.stat().st_mtime > 3600
        if _BUILD_NAME_RE.match(entry.name) or abandoned:  # a young staging folder may be another build's
            shutil.rmtree(entry, ignore_errors=True)


def _write_json(path: Path, data: dict) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())


def _file_digest(path: Path) -> dict:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}


def _versions() -> dict:
    versions = {"python": platform.python_version()}
    for name in _VERSIONED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


# ---------------------------------------------------------------- checking

def live_build(index_dir: str | Path) -> Path | None:
    """The folder ``CURRENT`` names, or None when there is no (sane) pointer."""
    index_dir = Path(index_dir)
    try:
        name = (index_dir / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not _BUILD_NAME_RE.match(name):  # never follow a pointer outside the index folder
        return None
    return index_dir / name


def index_status_for_fingerprint(index_dir: str | Path, fingerprint: dict) -> IndexStatus:
    """Fresh when the live build's manifest records exactly these build settings."""
    build = live_build(index_dir)
    if build is None:
        return IndexStatus("missing", f"no index in {index_dir}")
    try:
        manifest = _read_manifest(build)
    except IndexMismatchError as exc:
        return IndexStatus("corrupt", str(exc))
    if manifest.get("settings") != fingerprint:
        changed = sorted(k for k in set(fingerprint) | set(manifest.get("settings") or {})
                         if fingerprint.get(k) != (manifest.get("settings") or {}).get(k))
        return IndexStatus("stale", f"built with other settings ({', '.join(changed)} changed)")
    return IndexStatus("fresh")


def index_status(corpus_dir: str | Path, index_dir: str | Path, settings: Settings) -> IndexStatus:
    """Is the live index usable for this corpus and these settings? Cheap: reads the manifest only."""
    status = index_status_for_fingerprint(index_dir, settings.build_fingerprint())
    if status.state != "fresh":
        return status
    build = live_build(index_dir)
    try:
        manifest = _read_manifest(build) if build else {}
    except IndexMismatchError as exc:  # replaced between the two reads
        return IndexStatus("corrupt", str(exc))
    current = corpus_mod.fingerprint(Path(corpus_dir))
    recorded = manifest.get("corpus", {})
    if current != recorded:
        added = sorted(set(current) - set(recorded))
        removed = sorted(set(recorded) - set(current))
        changed = sorted(k for k in set(current) & set(recorded) if current[k] != recorded[k])
        parts = [f"{label}: {', '.join(names)}" for label, names in
                 (("added", added), ("removed", removed), ("changed", changed)) if names]
        return IndexStatus("stale", "corpus changed since the last build (" + "; ".join(parts) + ")")
    return IndexStatus("fresh")


def _read_manifest(build: Path) -> dict:
    try:
        manifest = json.loads((build / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexMismatchError(f"{build / MANIFEST} is missing") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexMismatchError(f"{build / MANIFEST} is unreadable: {exc}") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_VERSION:
        raise IndexMismatchError(f"{build / MANIFEST} has an unknown format (expected {FORMAT_VERSION})")
    return manifest


# ---------------------------------------------------------------- loading

class RowFile:
    """Rows of a 2-D ``.npy`` file read on demand with ``os.pread``.

    Not a memory map on purpose: the page cache serves a freshly written file in large folios,
    and mapping one row maps up to 2 MB around it, so a memory-mapped 2 GB vector file becomes
    resident after a few hundred questions (BENCHMARKS.md, scale). Reading rows keeps the
    process's memory to what it holds; the header is parsed by numpy, nothing is unpickled.
    """

    def __init__(self, path: Path):
        with path.open("rb") as handle:
            version = np.lib.format.read_magic(handle)
            readers = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}
            if version not in readers:
                raise ValueError(f"{path} has an unsupported .npy format version {version}")
            shape, fortran, dtype = readers[version](handle)
            self._offset = handle.tell()
        if len(shape) != 2 or fortran or dtype.hasobject:
            raise ValueError(f"{path} is not a 2-D C-ordered numeric array")
        self.shape, self.dtype = tuple(shape), dtype
        self._row_bytes = shape[1] * dtype.itemsize
        self._fd = os.open(path, os.O_RDONLY)

    def __len__(self) -> int:
        return self.shape[0]

    @property
    def ndim(self) -> int:
        return 2

    def __getitem__(self, rows) -> np.ndarray:
        ids = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        if ids.size and (ids.min() < 0 or ids.max() >= self.shape[0]):
            raise IndexError(f"row out of range for {self.shape[0]} rows")
        out = np.empty((len(ids), self.shape[1]), dtype=self.dtype)
        for n, row in enumerate(ids.tolist()):
            data = os.pread(self._fd, self._row_bytes, self._offset + row * self._row_bytes)
            out[n] = np.frombuffer(data, dtype=self.dtype)
        return out

    def __array__(self, dtype=None, copy=None) -> np.ndarray:
        """All rows (tests, benchmarks): ``np.asarray(row_file)``."""
        data = os.pread(self._fd, self._row_bytes * self.shape[0], self._offset)
        array = np.frombuffer(data, dtype=self.dtype).reshape(self.shape)
        return array.astype(dtype) if dtype is not None else array.copy()

    def close(self) -> None:
        os.close(self._fd)

    def __del__(self):
        try:
            os.close(self._fd)
        except (OSError, AttributeError):
            pass


class ChunkStore:
    """Random access to chunks.jsonl through a byte-offset table (``os.pread``, no memory map;
    see ``RowFile``), so a large corpus is not held in memory as Python objects."""

    def __init__(self, path: Path, offsets: np.ndarray):
        self._fd = os.open(path, os.O_RDONLY)
        self._offsets = offsets
        self._size = path.stat().st_size
        # The retriever and the reader both read a question's candidate chunks: parse each once.
        self._cached_record = functools.lru_cache(maxsize=4096)(self._read_record)

    def close(self) -> None:
        os.close(self._fd)

    def __len__(self) -> int:
        return len(self._offsets)

    def record(self, chunk_id: int) -> dict:
        return self._cached_record(chunk_id)

    def _read_record(self, chunk_id: int) -> dict:
        start = int(self._offsets[chunk_id])
        end = int(self._offsets[chunk_id + 1]) if chunk_id + 1 < len(self._offsets) else self._size
        return json.loads(os.pread(self._fd, end - start, start))

    def chunk(self, chunk_id: int) -> Chunk:
        r = self.record(chunk_id)
        return Chunk(r["chunk_id"], r["doc_id"], r["title"], tuple(r["section"]), r["text"], r["start"], r["end"])

    def units(self, chunk_id: int) -> list[Unit]:
        r = self.record(chunk_id)
        out = []
        for n, (kind, start, end, list_id, level, context) in enumerate(r["units"]):
            text = r["text"][start - r["start"]: end - r["start"]]
            out.append(Unit(r["first_unit"] + n, chunk_id, kind, text, start, end, list_id, level, context))
        return out

    def __iter__(self):
        return (self.chunk(i) for i in range(len(self)))


@dataclass
class CorpusIndex:
    """A loaded index: chunk store, FAISS index and memory-mapped vectors."""

    path: Path
    manifest: dict
    chunks: ChunkStore
    dense: faiss.Index
    chunk_vectors: RowFile
    unit_vectors: RowFile

    @property
    def sparse_bm25(self) -> Path | None:
        """The bm25s folder when this build has one (large corpora)."""
        folder = self.path / SPARSE_BM25
        return folder if self.manifest.get("lexical_index") == "bm25s" and folder.is_dir() else None

    @property
    def breadcrumb_headers(self) -> bool:
        return bool(self.manifest["settings"].get("breadcrumb_headers", True))


def load_index(index_dir: str | Path) -> CorpusIndex:
    """Load the live build and check that its parts agree with each other and the manifest.

    Raises:
        IndexMismatchError: no index, or a file is missing, truncated, edited or inconsistent.
    """
    build = live_build(index_dir)
    if build is None:
        raise IndexMismatchError(f"no index in {index_dir}: run `python -m assistant index`")
    manifest = _read_manifest(build)
    files = manifest.get("files", {})
    for name in (CHUNKS, CHUNK_OFFSETS, DENSE, CHUNK_VECTORS, UNIT_VECTORS):
        path = build / name
        if not path.is_file():
            raise IndexMismatchError(f"{path} is missing")
        if name not in files or path.stat().st_size != files[name].get("bytes"):
            raise IndexMismatchError(f"{path} does not have the size the manifest records (truncated or replaced)")
    # Checksums: every file when the index is small enough to hash quickly, else the chunk file
    # (text people read); the binary files are then checked by size and by the counts below.
    total = sum(files[name]["bytes"] for name in (CHUNKS, CHUNK_OFFSETS, DENSE, CHUNK_VECTORS, UNIT_VECTORS))
    checked = (CHUNKS, CHUNK_OFFSETS, DENSE, CHUNK_VECTORS, UNIT_VECTORS) if total <= FULL_CHECK_BYTES else (CHUNKS,)
    try:
        for name in checked:
            if _file_digest(build / name)["sha256"] != files[name]["sha256"]:
                raise IndexMismatchError(f"{build / name} was changed after the build (checksum differs)")
        offsets = np.load(build / CHUNK_OFFSETS, allow_pickle=False)
        chunk_vectors = RowFile(build / CHUNK_VECTORS)
        unit_vectors = RowFile(build / UNIT_VECTORS)
        dense = faiss.read_index(str(build / DENSE))
        store = ChunkStore(build / CHUNKS, offsets)
    except (OSError, ValueError, RuntimeError) as exc:
        raise IndexMismatchError(f"index files in {build} could not be read: {exc}") from exc
    counts, dim = manifest.get("counts", {}), manifest.get("model", {}).get("dim")
    checks = {
        "chunk offsets": (len(offsets), counts.get("chunks")),
        "chunk vectors": (chunk_vectors.shape[0], counts.get("chunks")),
        "FAISS vectors": (dense.ntotal, counts.get("chunks")),
        "unit vectors": (unit_vectors.shape[0], counts.get("units")),
        "vector width": (chunk_vectors.shape[1] if chunk_vectors.ndim == 2 else None, dim),
        "FAISS width": (dense.d, dim),
    }
    for what, (found, expected) in checks.items():
        if found != expected:
            raise IndexMismatchError(f"{build}: {what} = {found}, manifest says {expected}")
    if manifest.get("lexical_index") == "bm25s" and not (build / SPARSE_BM25 / "params.index.json").is_file():
        raise IndexMismatchError(f"{build / SPARSE_BM25} is missing")
    return CorpusIndex(build, manifest, store, dense, chunk_vectors, unit_vectors)
