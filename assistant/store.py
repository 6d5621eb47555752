"""Random access to a build's files without loading them: vector rows and chunk records.

Both readers use ``os.pread`` on an open descriptor, not a memory map, on purpose: the page
cache serves a freshly written file in large folios, and mapping one row maps up to 2 MB around
it, so a memory-mapped 2 GB vector file becomes resident after a few hundred questions
(BENCHMARKS.md, scale). Reading rows keeps the process's memory to what it holds. Each reader
owns one descriptor, released by ``close()``.
"""
from __future__ import annotations

import functools
import json
import os
from pathlib import Path

import numpy as np

from .types import Chunk, Unit


class RowFile:
    """Rows of a 2-D ``.npy`` file read on demand; the header is parsed by numpy, nothing is unpickled."""

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
        if ids.size > 1 and ids[-1] - ids[0] == ids.size - 1 and bool(np.all(np.diff(ids) == 1)):
            # consecutive rows (the units of one chunk): one read
            data = os.pread(self._fd, self._row_bytes * int(ids.size), self._offset + int(ids[0]) * self._row_bytes)
            return np.frombuffer(data, dtype=self.dtype).reshape(int(ids.size), self.shape[1]).copy()
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
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


def unit_record(unit: Unit) -> dict:
    """How a unit is stored inside its chunk's record (offsets are document offsets)."""
    return {"kind": unit.kind, "start": unit.start, "end": unit.end, "list_id": unit.list_id,
            "level": unit.level, "context": unit.context}


class ChunkStore:
    """Random access to chunks.jsonl through a byte-offset table, so a large corpus is not held in
    memory as Python objects. Records parse once each (a small cache): the retriever and the reader
    both read a question's candidate chunks."""

    def __init__(self, path: Path, offsets: np.ndarray):
        self._fd = os.open(path, os.O_RDONLY)
        self._offsets = offsets
        self._size = path.stat().st_size
        self._cached_record = functools.lru_cache(maxsize=4096)(self._read_record)

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        self._cached_record.cache_clear()

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
        return Chunk(r["chunk_id"], r["doc_id"], r["title"], tuple(r["section"]), r["text"], r["start"], r["end"],
                     r.get("page"))

    def units(self, chunk_id: int) -> list[Unit]:
        r = self.record(chunk_id)
        out = []
        for n, u in enumerate(r["units"]):
            text = r["text"][u["start"] - r["start"]: u["end"] - r["start"]]
            out.append(Unit(r["first_unit"] + n, chunk_id, u["kind"], text, u["start"], u["end"], u["list_id"],
                            u["level"], u["context"]))
        return out

    def __iter__(self):
        return (self.chunk(i) for i in range(len(self)))
