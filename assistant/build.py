"""Writing an index build: parse, chunk, embed, write every file, then publish it atomically.

A build writes a staging folder under the index folder, fsyncs it, renames it to ``build-…``
and only then points ``CURRENT`` at it, so a crash leaves the previous index in place and a
reader never sees a half-written one. One build at a time per index folder (a file lock);
a staging folder found while holding the lock belongs to a build that died, and is removed.
"""
from __future__ import annotations

import json
import os
import platform
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Callable

import faiss
import numpy as np

from . import corpus as corpus_mod
from .chunking import chunk_documents
from .config import BM25_B, BM25_K1, Settings
from .embedding import Embedder, embed_chunks, embedding_text
from .errors import EmptyCorpusError
from .facts import FactRecord, extract_facts, occupation, page_year
from .files import exclusive_lock, sha256_file, write_json_durably
from .manifest import DocumentEntry, FileDigest, Manifest
from .reuse import PreviousBuild, Segment, assemble, local_segment
from .store import unit_record
from .text import tokenize
from .types import Chunk, Unit

# Layout of an index folder: CURRENT names the live build folder, which holds these files.
CURRENT = "CURRENT"
MANIFEST = "manifest.json"  # see manifest.py
CHUNKS = "chunks.jsonl"  # one JSON object per chunk, its answer units nested as named records
CHUNK_OFFSETS = "chunk_offsets.npy"  # byte offset of each line of chunks.jsonl (random access)
DENSE = "chunks.faiss"  # FAISS index of chunk vectors (exact; HNSW for large corpora)
CHUNK_VECTORS = "chunk_vectors.npy"  # the same vectors (float16), read row by row to score any chunk
UNIT_VECTORS = "unit_vectors.npy"  # one vector per answer unit (float16), read row by row
SPARSE_BM25 = "bm25s"  # folder with bm25s's sparse matrix, for large corpora only
FACTS = "facts.jsonl"  # the fact table: one typed figure per line (see facts.py)
VOCABULARY = "vocabulary.json"  # surface word -> count, for spelling correction (see spelling.py)
INDEX_FILES = (CHUNKS, CHUNK_OFFSETS, DENSE, CHUNK_VECTORS, UNIT_VECTORS, FACTS, VOCABULARY)
BUILD_NAME_RE = re.compile(r"^build-[0-9TZ]+-[0-9a-f]{8}$")
STAGING_PREFIX = ".staging-"
_VERSIONED_PACKAGES = ("faiss-cpu", "rank-bm25", "sentence-transformers", "torch", "transformers", "onnxruntime",
                       "numpy")


@dataclass(frozen=True)
class BuildContent:
    """Everything a build writes, however it was produced (a corpus folder, a BEIR dataset)."""

    chunks: list[Chunk]
    units: list[Unit]
    chunk_vectors: np.ndarray
    unit_vectors: np.ndarray
    fingerprint: dict  # what decides whether the build is still fresh
    model_name: str
    model_dim: int
    documents: tuple[DocumentEntry, ...] = ()
    corpus: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    facts: tuple[FactRecord, ...] = ()


@dataclass(frozen=True)
class BuildReport:
    """What ``build_index`` did, for the CLI to print. ``added``/``changed`` files were read and
    embedded, ``reused`` ones kept the previous build's vectors, ``removed`` ones are gone."""

    path: Path
    documents: int
    chunks: int
    units: int
    seconds: float
    embed_seconds: float
    skipped: dict[str, str] = field(default_factory=dict)
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    reused: tuple[str, ...] = ()
    texts_embedded: int = 0


def build_index(corpus_dir: str | Path, index_dir: str | Path, settings: Settings, embedder: Embedder,
                progress: bool = False, log: Callable[[str], None] | None = None,
                reuse: bool = True) -> BuildReport:
    """Parse, chunk and embed the corpus, then atomically replace the live index.

    With ``reuse`` (the default), files the live build already holds with the same sha256 and
    build fingerprint keep their chunks and vectors (``reuse.py``); only new and changed files are
    read and embedded, and removed ones drop out. The result is a complete build either way.
    Files are read before the embedder is first used, so a missing or empty corpus is reported
    before a lazily loaded model costs anything, and a build that embeds nothing never loads it.

    Raises:
        EmptyCorpusError: nothing readable in the corpus folder.
        OSError: the index folder can't be written (the previous index is untouched).
    """
    started = time.perf_counter()
    log = log or (lambda _m: None)
    corpus_dir = Path(corpus_dir)
    if not corpus_dir.is_dir():
        raise EmptyCorpusError(f"corpus folder {corpus_dir} does not exist")
    fingerprint = settings.build_fingerprint()
    previous = PreviousBuild.open(index_dir, fingerprint, embedder.name) if reuse else None
    try:
        paths, refused = corpus_mod.corpus_files(corpus_dir, settings.follow_links)
        segments = [Segment(rel, corpus_mod.REFUSED_LINK, skipped=reason) for rel, reason in refused.items()]
        segments += [_segment(corpus_dir, path, settings, previous) for path in paths]
        segments.sort(key=lambda s: Path(s.rel))  # the scan order
        removed = tuple(sorted(set(previous.corpus) - {s.rel for s in segments})) if previous else ()
        model_dim = previous.model_dim if previous else None
    finally:
        if previous is not None:
            previous.close()
    skipped = {s.rel: s.skipped for s in segments if s.skipped}
    for name, reason in skipped.items():
        log(f"skipped {name}: {reason}")
    if not any(s.documents for s in segments):
        raise corpus_mod.no_documents_error(corpus_dir, skipped)

    fresh = [s for s in segments if not s.reused and s.chunks]
    texts = sum(len(s.units) + (len(s.chunks) if settings.chunk_vectors == "encode" else 0) for s in fresh)
    if previous is not None and texts:
        log(f"embedding {len(fresh)} new or changed file(s); reusing the vectors of "
            f"{sum(s.reused for s in segments)} unchanged file(s)")
    embed_started = time.perf_counter()
    segments = _embed_fresh(segments, settings, embedder, progress)
    embed_seconds = time.perf_counter() - embed_started

    entries = [d for s in segments for d in s.documents]
    unique = corpus_mod.unique_ids([d.doc_id for d in entries])
    renames, position = [], 0
    for s in segments:
        renames.append({d.doc_id: unique[position + n] for n, d in enumerate(s.documents)})
        position += len(s.documents)
    assembled = assemble(segments, renames)
    dim = int(embedder.dim) if texts or model_dim is None else model_dim
    content = BuildContent(
        assembled.chunks, assembled.units, _stack([s.chunk_vectors for s in segments], dim),
        _stack([s.unit_vectors for s in segments], dim), fingerprint, embedder.name, dim,
        documents=tuple(replace(d, doc_id=new) for d, new in zip(entries, unique)),
        corpus={s.rel: s.sha256 for s in segments}, skipped=skipped, facts=tuple(assembled.facts))
    path = write_build(index_dir, content, settings, started, progress)
    recorded = previous.corpus if previous else {}
    return BuildReport(
        path, len(entries), len(assembled.chunks), len(assembled.units), time.perf_counter() - started,
        embed_seconds, skipped,
        added=tuple(s.rel for s in segments if not s.reused and s.rel not in recorded),
        changed=tuple(s.rel for s in segments if not s.reused and s.rel in recorded),
        removed=removed, reused=tuple(s.rel for s in segments if s.reused), texts_embedded=texts)


def _segment(corpus_dir: Path, path: Path, settings: Settings, previous: PreviousBuild | None) -> Segment:
    """The file's segment from the previous build when unchanged there, else parsed, chunked and
    its facts extracted afresh (vectors come later, for all fresh files together)."""
    raw = corpus_mod.read_file(corpus_dir, path, settings.max_file_mb, settings.follow_links)
    if previous is not None:
        reused = previous.segment(raw.rel, raw.sha256)
        if reused is not None:
            return reused
    source = corpus_mod.parse_file(raw)
    if source.skipped:
        return Segment(source.rel, source.sha256, skipped=source.skipped)
    documents = corpus_mod.dedupe_ids(list(source.documents))  # unique within the file; across files below
    chunked = chunk_documents(documents, settings.chunk_max_words, settings.chunk_min_words)
    occupations = {d.doc_id: occupation(d.title, d.text) for d in documents}
    facts = extract_facts(chunked.chunks, chunked.units, occupations, {d.doc_id: page_year(d.text) for d in documents})
    return local_segment(source.rel, source.sha256,
                         tuple(DocumentEntry(d.doc_id, d.title, d.source, d.aliases, d.publisher, occupations[d.doc_id])
                               for d in documents),
                         chunked.chunks, chunked.units, facts)


def _embed_fresh(segments: list[Segment], settings: Settings, embedder: Embedder, progress: bool) -> list[Segment]:
    """Vectors for every segment that has none, embedded together (one batched pass)."""
    fresh = [n for n, s in enumerate(segments) if s.chunk_vectors is None]
    if not any(segments[n].chunks for n in fresh):
        return [s if s.chunk_vectors is not None else replace(s, chunk_vectors=_EMPTY, unit_vectors=_EMPTY)
                for s in segments]
    together = assemble([segments[n] for n in fresh])
    chunk_vectors, unit_vectors = embed_chunks(together.chunks, together.units, settings, embedder, progress)
    out = list(segments)
    for i, n in enumerate(fresh):
        c0, u0 = together.chunk_offsets[i], together.unit_offsets[i]
        s = segments[n]
        out[n] = replace(s, chunk_vectors=chunk_vectors[c0: c0 + len(s.chunks)],
                         unit_vectors=unit_vectors[u0: u0 + len(s.units)])
    return out


_EMPTY = np.zeros((0, 0), dtype=np.float32)


def _stack(parts: list[np.ndarray], dim: int) -> np.ndarray:
    rows = [p for p in parts if p is not None and len(p)]
    return np.concatenate(rows).astype(np.float32, copy=False) if rows else np.zeros((0, dim), dtype=np.float32)


def write_build(index_dir: str | Path, content: BuildContent, settings: Settings, started: float | None = None,
                progress: bool = False) -> Path:
    """Write a complete build into a staging folder, then make it the live index; returns its folder."""
    index_dir = Path(index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(index_dir):
        _remove_abandoned_staging(index_dir)
        staging = index_dir / f"{STAGING_PREFIX}{uuid.uuid4().hex[:8]}"
        staging.mkdir()
        published = False
        try:
            engines = _write_files(staging, content, settings, progress)
            manifest = Manifest(
                built_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                corpus=content.corpus, skipped=content.skipped, settings=content.fingerprint,
                model_name=content.model_name, model_dim=content.model_dim, documents=content.documents,
                chunk_count=len(content.chunks), unit_count=len(content.units),
                dense_index=engines[0], lexical_index=engines[1], versions=_versions(),
                files={name: FileDigest((staging / name).stat().st_size, sha256_file(staging / name))
                       for name in INDEX_FILES},
                build_seconds=None if started is None else round(time.perf_counter() - started, 3),
            )
            write_json_durably(staging / MANIFEST, manifest.to_json())
            final = index_dir / f"build-{datetime.now(timezone.utc).strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:8]}"
            staging.rename(final)
            published = True
        finally:
            if not published:  # any failure, KeyboardInterrupt included: leave nothing half-written
                shutil.rmtree(staging, ignore_errors=True)
        _point_current(index_dir, final.name)
        _remove_old_builds(index_dir, keep=final.name)
    return final


def _build_lock(index_dir: Path):
    """One build at a time per index folder (two processes rebuilding at once would otherwise
    each delete the other's build when they clean up)."""
    return exclusive_lock(index_dir / ".build.lock")


def _write_files(folder: Path, content: BuildContent, settings: Settings, progress: bool) -> tuple[str, str]:
    """Write every artifact; returns the (dense, lexical) engines chosen for this corpus size."""
    chunks, units = content.chunks, content.units
    units_by_chunk: list[list[Unit]] = [[] for _ in chunks]
    for unit in units:
        units_by_chunk[unit.chunk_id].append(unit)
    offsets = np.zeros(len(chunks), dtype=np.int64)
    with (folder / CHUNKS).open("wb") as handle:
        for chunk, chunk_units in zip(chunks, units_by_chunk):
            offsets[chunk.chunk_id] = handle.tell()
            record = {
                "chunk_id": chunk.chunk_id, "doc_id": chunk.doc_id, "title": chunk.title,
                "section": list(chunk.section), "start": chunk.start, "end": chunk.end, "page": chunk.page,
                "text": chunk.text,
                "first_unit": chunk_units[0].unit_id if chunk_units else -1,
                "units": [unit_record(u) for u in chunk_units],
            }
            handle.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    np.save(folder / CHUNK_OFFSETS, offsets, allow_pickle=False)
    write_json_durably(folder / VOCABULARY, word_counts(chunks))
    with (folder / FACTS).open("w", encoding="utf-8") as handle:
        for fact in content.facts:
            handle.write(json.dumps(fact.to_json(), ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    # float16 on disk halves the files read row by row; scores are computed in float32.
    np.save(folder / CHUNK_VECTORS, content.chunk_vectors.astype(np.float16), allow_pickle=False)
    np.save(folder / UNIT_VECTORS, content.unit_vectors.astype(np.float16), allow_pickle=False)
    # FAISS gets the vectors as stored (float16), so a build that reuses stored vectors searches
    # exactly as a full build does.
    vectors = np.ascontiguousarray(content.chunk_vectors.astype(np.float16), dtype=np.float32)
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
    for start in range(0, len(vectors), 65536):  # add in blocks: large corpora build in stages
        dense.add(vectors[start: start + 65536])
    faiss.write_index(dense, str(folder / DENSE))
    lexical_kind = "rank-bm25"
    if len(chunks) >= settings.sparse_bm25_min_chunks:
        _write_sparse_bm25(folder / SPARSE_BM25, chunks, settings.breadcrumb_headers, progress)
        lexical_kind = "bm25s"
    return dense_kind, lexical_kind


def word_counts(chunks: list[Chunk]) -> dict[str, int]:
    """How often each surface word (as the tokenizer reads it) occurs in the chunks and their headings."""
    from .spelling import word_counts as count_words

    return dict(sorted(count_words(f"{c.breadcrumb}\n{c.text}" for c in chunks).items()))


def _write_sparse_bm25(folder: Path, chunks: list[Chunk], headers: bool, progress: bool) -> None:
    """bm25s (sparse matrix, Lucene idf) over the same tokens rank-bm25 would see."""
    import bm25s
    from tqdm import tqdm

    tokens = [tokenize(embedding_text(c.breadcrumb, c.text, headers)) or ["∅"]
              for c in tqdm(chunks, desc="BM25 tokens", unit="chunk", disable=not progress, leave=False)]
    model = bm25s.BM25(method="lucene", k1=BM25_K1, b=BM25_B)
    model.index(tokens, show_progress=progress)
    model.save(str(folder), allow_pickle=False, show_progress=False)


def _point_current(index_dir: Path, build_name: str) -> None:
    pointer = index_dir / f".{CURRENT}.{uuid.uuid4().hex[:8]}"
    pointer.write_text(build_name + "\n", encoding="utf-8")
    os.replace(pointer, index_dir / CURRENT)


def _remove_abandoned_staging(index_dir: Path) -> None:
    """Called with the build lock held: no other build is running, so any staging folder is a
    killed build's leftovers."""
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name.startswith(STAGING_PREFIX):
            shutil.rmtree(entry, ignore_errors=True)


def _remove_old_builds(index_dir: Path, keep: str) -> None:
    """Older builds go once CURRENT points past them. A process still serving one keeps working
    until it reloads: its open descriptors hold the deleted files."""
    for entry in index_dir.iterdir():
        if entry.is_dir() and entry.name != keep and BUILD_NAME_RE.match(entry.name):
            shutil.rmtree(entry, ignore_errors=True)


def _versions() -> dict:
    versions = {"python": platform.python_version()}
    for name in _VERSIONED_PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions
