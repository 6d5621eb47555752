"""Incremental builds: a build is made of one ``Segment`` per corpus file, and an unchanged file's
segment (documents, chunks, units and their vectors) is taken from the live build instead of
being parsed and embedded again.

Its facts (the fact table's rows for its chunks) travel with it. A segment is reused only when the live build passes ``load_index``'s checks (sizes, checksums,
counts), was made with the same build fingerprint (settings, model, pipeline code) and records
the file with the same sha256. Everything else is read and embedded afresh, and the result is
written as a complete new build, so a build made this way holds what a full build would.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from .errors import IndexMismatchError
from .facts import FactRecord
from .manifest import DocumentEntry
from .types import Chunk, Unit


@dataclass(frozen=True)
class Segment:
    """One corpus file's share of a build. Ids are local: chunk 0 is the file's first chunk,
    unit 0 its first unit, fact 0 its first fact (``Unit.chunk_id``, ``Unit.context`` and the facts'
    ids too). Vectors are None until embedded; ``skipped`` says why a file gives nothing."""

    rel: str
    sha256: str
    documents: tuple[DocumentEntry, ...] = ()
    chunks: tuple[Chunk, ...] = ()
    units: tuple[Unit, ...] = ()
    chunk_vectors: np.ndarray | None = None
    unit_vectors: np.ndarray | None = None
    skipped: str | None = None
    reused: bool = False
    facts: tuple[FactRecord, ...] = ()


@dataclass(frozen=True)
class Assembled:
    chunks: list[Chunk]
    units: list[Unit]
    chunk_offsets: list[int]  # first global chunk id of each segment
    unit_offsets: list[int]
    facts: list[FactRecord]


def assemble(segments: list[Segment], doc_ids: list[dict[str, str]] | None = None) -> Assembled:
    """The segments' chunks and units in order, renumbered to global ids; ``doc_ids`` optionally
    renames each segment's document ids (old -> new)."""
    chunks: list[Chunk] = []
    units: list[Unit] = []
    facts: list[FactRecord] = []
    chunk_offsets, unit_offsets = [], []
    for n, segment in enumerate(segments):
        c0, u0 = len(chunks), len(units)
        chunk_offsets.append(c0)
        unit_offsets.append(u0)
        rename = doc_ids[n] if doc_ids else {}
        chunks.extend(replace(c, chunk_id=c0 + c.chunk_id, doc_id=rename.get(c.doc_id, c.doc_id))
                      for c in segment.chunks)
        units.extend(replace(u, unit_id=u0 + u.unit_id, chunk_id=c0 + u.chunk_id,
                             context=u0 + u.context if u.context >= 0 else -1)
                     for u in segment.units)
        facts.extend(replace(f, fact_id=len(facts) + n, chunk_id=c0 + f.chunk_id, unit_id=u0 + f.unit_id,
                             doc_id=rename.get(f.doc_id, f.doc_id))
                     for n, f in enumerate(segment.facts))
    return Assembled(chunks, units, chunk_offsets, unit_offsets, facts)


def local_segment(rel: str, sha256: str, documents: tuple[DocumentEntry, ...], chunks: list[Chunk],
                  units: list[Unit], facts: list[FactRecord]) -> Segment:
    """A freshly chunked file (ids from ``chunk_documents`` and ``extract_facts``, which start at 0)
    awaiting vectors."""
    return Segment(rel, sha256, documents, tuple(chunks), tuple(units), facts=tuple(facts))


class PreviousBuild:
    """The live build, opened to lend unchanged files' segments to the next build."""

    def __init__(self, index):
        self._index = index
        manifest = index.manifest
        self.corpus = dict(manifest.corpus)
        self.skipped = dict(manifest.skipped)
        self.model_dim = manifest.model_dim
        self._documents: dict[str, list[DocumentEntry]] = {}
        for entry in manifest.documents:
            self._documents.setdefault(entry.source, []).append(entry)
        source_of = {entry.doc_id: entry.source for entry in manifest.documents}
        self._chunk_ids: dict[str, list[int]] = {}
        for chunk_id in range(manifest.chunk_count):
            record = index.chunks.record(chunk_id)
            self._chunk_ids.setdefault(source_of.get(record["doc_id"], ""), []).append(chunk_id)
        self._facts: dict[int, list[FactRecord]] = {}
        for fact in index.facts:
            self._facts.setdefault(fact.chunk_id, []).append(fact)

    @classmethod
    def open(cls, index_dir: str | Path, fingerprint: dict, model_name: str) -> "PreviousBuild | None":
        """The live build when its vectors can be reused with these build settings, else None
        (no build, another fingerprint or model, or a build that fails its checks)."""
        from .index import load_index  # index.py imports build.py, which imports this module

        try:
            index = load_index(index_dir)
        except IndexMismatchError:
            return None
        if index.manifest.settings != fingerprint or index.manifest.model_name != model_name:
            index.close()
            return None
        try:
            return cls(index)
        except (OSError, ValueError, KeyError):  # a chunk record that doesn't parse: build afresh
            index.close()
            return None

    def close(self) -> None:
        self._index.close()

    def segment(self, rel: str, sha256: str) -> Segment | None:
        """The file's segment as the live build holds it, or None when it must be read afresh."""
        if self.corpus.get(rel) != sha256 or sha256 == "unreadable":
            return None
        if rel in self.skipped:
            return Segment(rel, sha256, skipped=self.skipped[rel], reused=True)
        chunk_ids = self._chunk_ids.get(rel)
        documents = self._documents.get(rel)
        if not chunk_ids or not documents:
            return None
        store = self._index.chunks
        first_chunk = chunk_ids[0]
        chunks, units, unit_rows = [], [], []
        first_unit = None
        for chunk_id in chunk_ids:
            chunk = store.chunk(chunk_id)
            chunk_units = store.units(chunk_id)
            if first_unit is None and chunk_units:
                first_unit = chunk_units[0].unit_id
            chunks.append(replace(chunk, chunk_id=chunk_id - first_chunk))
            units.extend(chunk_units)
            unit_rows.extend(u.unit_id for u in chunk_units)
        first_unit = first_unit or 0
        units = [replace(u, unit_id=u.unit_id - first_unit, chunk_id=u.chunk_id - first_chunk,
                         context=u.context - first_unit if u.context >= 0 else -1) for u in units]
        if any(c.chunk_id != n for n, c in enumerate(chunks)) or any(u.unit_id != n for n, u in enumerate(units)):
            return None  # not the contiguous rows a build writes: read the file afresh
        facts = [f for chunk_id in chunk_ids for f in self._facts.get(chunk_id, ())]
        facts = tuple(replace(f, fact_id=n, chunk_id=f.chunk_id - first_chunk, unit_id=f.unit_id - first_unit)
                      for n, f in enumerate(facts))
        chunk_vectors = np.asarray(self._index.chunk_vectors[chunk_ids], dtype=np.float32)
        unit_vectors = np.asarray(self._index.unit_vectors[unit_rows], dtype=np.float32)
        return Segment(rel, sha256, tuple(documents), tuple(chunks), tuple(units), chunk_vectors, unit_vectors,
                       reused=True, facts=facts)
