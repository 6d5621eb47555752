"""Lexical (rank-bm25), dense (FAISS) and fused retrieval; all share ``search(query, k) -> list[Hit]``."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi

from .config import BM25_B, BM25_K1, FUSIONS, MODES, Settings
from .embedding import embedding_text
from .index import CorpusIndex
from .text import tokenize
from .types import Hit

_DEFAULTS = Settings()


@dataclass(frozen=True)
class Query:
    """A question prepared once: its tokens and its one embedding."""

    text: str
    tokens: list[str]
    vector: np.ndarray | None  # L2-normalised, shape (dim,)
    # words only the keyword search adds ("length" for "how long"): the reader weighs the question's own
    expansion: tuple[str, ...] = ()
    # a follow-up's words carried from the earlier turn ("median salary" into "and ml engineering managers?"):
    # the reader weighs them below the turn's own words, which say what is asked now
    carried: tuple[str, ...] = ()


class LuceneIdfBM25(BM25Okapi):
    """BM25Okapi scoring with Lucene's idf, ``log(1 + (N - n + 0.5) / (n + 0.5))``.

    Plain BM25Okapi gives a term found in more than half of the chunks a negative idf and
    floors it to ``epsilon * mean idf``: on a small corpus whose chunks all carry the page
    title, words like "manager" or "mlops" would stop counting. Lucene's idf stays positive
    and still ranks rare terms higher.
    """

    def _calc_idf(self, nd):
        for word, freq in nd.items():
            self.idf[word] = math.log(1.0 + (self.corpus_size - freq + 0.5) / (freq + 0.5))
        self.average_idf = sum(self.idf.values()) / max(len(self.idf), 1)


class _RankBM25Engine:
    """rank-bm25 rebuilt from chunks.jsonl at load: small corpora (nothing pickled)."""

    def __init__(self, index: CorpusIndex, idf: str):
        corpus = [tokenize(embedding_text(c.breadcrumb, c.text, index.breadcrumb_headers)) or ["∅"]
                  for c in index.chunks]
        engine = LuceneIdfBM25 if idf == "lucene" else BM25Okapi
        self._bm25 = engine(corpus, k1=BM25_K1, b=BM25_B)

    def idf(self, token: str) -> float:
        return float(self._bm25.idf.get(token, 0.0))

    def scores(self, tokens: list[str]) -> np.ndarray:
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)


class _SparseBM25Engine:
    """bm25s over the build's sparse matrix (memory-mapped by bm25s): large corpora, where rank-bm25's
    per-document Python loop would dominate latency. Same tokens, same Lucene idf and tf
    formula; bm25s leaves out the constant (k1 + 1) factor, so scores are scaled back to be
    identical to rank-bm25's (tests/test_retrieval.py checks it on the shipped corpus)."""

    def __init__(self, folder):
        import bm25s

        self._model = bm25s.BM25.load(str(folder), mmap=True, allow_pickle=False, show_progress=False)
        self._vocab = self._model.vocab_dict
        self._docs = int(self._model.scores["num_docs"])
        self._df = np.diff(np.asarray(self._model.scores["indptr"]))
        self._scale = self._model.k1 + 1.0

    def idf(self, token: str) -> float:
        token_id = self._vocab.get(token)
        if token_id is None or self._df[token_id] == 0:
            return 0.0
        df = float(self._df[token_id])
        return math.log(1.0 + (self._docs - df + 0.5) / (df + 0.5))

    def scores(self, tokens: list[str]) -> np.ndarray:
        known = [t for t in tokens if t in self._vocab]
        if not known:
            return np.zeros(self._docs, dtype=np.float32)
        return np.asarray(self._model.get_scores(known), dtype=np.float32) * self._scale


class BM25Retriever:
    """BM25 over breadcrumb + chunk text: rank-bm25 for small corpora, bm25s for large ones."""

    def __init__(self, index: CorpusIndex, idf: str = _DEFAULTS.bm25_idf):
        self._index = index
        self._engine = _SparseBM25Engine(index.sparse_bm25) if index.sparse_bm25 else _RankBM25Engine(index, idf)
        self.backend = "bm25s" if index.sparse_bm25 else "rank-bm25"

    def idf(self, token: str) -> float:
        return self._engine.idf(token)

    def scores(self, query: Query) -> np.ndarray:
        return self._engine.scores(query.tokens + list(query.expansion))

    def search(self, query: Query, k: int) -> list[Hit]:
        scores = self.scores(query)
        return [Hit(self._index.chunks.chunk(i), float(scores[i]), bm25_score=float(scores[i]))
                for i in _top_positive(scores, k)]


class DenseRetriever:
    """Inner product over L2-normalised MiniLM vectors (cosine similarity): exact FAISS search,
    or HNSW for large corpora (``ef_search`` trades speed for recall)."""

    def __init__(self, index: CorpusIndex, ef_search: int = _DEFAULTS.hnsw_ef_search):
        self._index = index
        if hasattr(index.dense, "hnsw"):
            index.dense.hnsw.efSearch = ef_search

    def ranked(self, query: Query, k: int) -> list[tuple[int, float]]:
        k = min(k, self._index.dense.ntotal)
        if k <= 0:
            return []
        vector = np.asarray(query.vector, dtype=np.float32).reshape(1, -1)
        if not hasattr(self._index.dense, "hnsw"):
            scores, ids = self._index.dense.search(vector, k)
            return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
        # Approximate index: take twice the candidates, re-score them exactly, keep the best k.
        _, ids = self._index.dense.search(vector, min(max(2 * k, 64), self._index.dense.ntotal))
        candidates = [int(i) for i in ids[0] if i >= 0]
        exact = self.scores_for(query, candidates)
        order = np.argsort(-exact, kind="stable")[:k]
        return [(candidates[i], float(exact[i])) for i in order]

    def scores_for(self, query: Query, chunk_ids: list[int]) -> np.ndarray:
        if not chunk_ids:
            return np.zeros(0, dtype=np.float32)
        rows = np.asarray(self._index.chunk_vectors[np.asarray(chunk_ids)], dtype=np.float32)
        return rows @ np.asarray(query.vector, dtype=np.float32)

    def search(self, query: Query, k: int) -> list[Hit]:
        return [Hit(self._index.chunks.chunk(i), s, dense_score=s) for i, s in self.ranked(query, k)]


def reciprocal_rank_fusion(rankings: list[list[int]], k: int = 60) -> dict[int, float]:
    """Sum of ``1 / (k + rank)`` over rankings, ranks starting at 1 (Cormack et al., 2009; their
    k = 60 assumes 1-based ranks, hence ``start=1`` below)."""
    fused: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            fused[item] = fused.get(item, 0.0) + 1.0 / (k + rank)
    return fused


class HybridRetriever:
    """BM25 and dense candidates fused by RRF or by a weighted blend of normalised scores."""

    def __init__(self, bm25: BM25Retriever, dense: DenseRetriever, index: CorpusIndex,
                 fusion: str = _DEFAULTS.fusion, rrf_k: int = _DEFAULTS.rrf_k,
                 dense_weight: float = _DEFAULTS.dense_weight, pool: int = 50):
        if fusion not in FUSIONS:
            raise ValueError(f"fusion must be one of {FUSIONS}, got {fusion!r}")
        if not 0.0 <= dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be within [0, 1], got {dense_weight}")
        self.bm25, self.dense, self._index = bm25, dense, index
        self.fusion, self.rrf_k, self.dense_weight, self.pool = fusion, rrf_k, dense_weight, pool

    def search(self, query: Query, k: int) -> list[Hit]:
        pool = max(self.pool, k)
        bm25_all = self.bm25.scores(query)
        bm25_ids = _top_positive(bm25_all, pool)
        dense_ranked = self.dense.ranked(query, pool)
        candidates = sorted(set(bm25_ids) | {i for i, _ in dense_ranked})
        dense_of = dict(zip(candidates, self.dense.scores_for(query, candidates).tolist()))
        if self.fusion == "rrf":
            fused = reciprocal_rank_fusion([bm25_ids, [i for i, _ in dense_ranked]], self.rrf_k)
        else:
            top_bm25 = float(bm25_all.max()) if len(bm25_all) else 0.0
            scale = top_bm25 if top_bm25 > 0 else 1.0  # guard: no lexical match at all
            fused = {i: self.dense_weight * dense_of[i] + (1 - self.dense_weight) * float(bm25_all[i]) / scale
                     for i in candidates}
        ranked = sorted(fused, key=lambda i: (-fused[i], i))[:k]
        return [Hit(self._index.chunks.chunk(i), fused[i], float(bm25_all[i]), dense_of[i]) for i in ranked]


_BLOCK = 64  # scores per block when bounding the k-th largest score (large arrays only)


def _top_positive(scores: np.ndarray, k: int) -> list[int]:
    """Indices of the k largest positive scores, highest first, ties by index (a BM25 score of 0
    means no query term matched, so it never ranks).

    A large array is first cut down to the scores that can make the top k: the k-th largest of
    the block maxima (blocks of 64 scores) is a lower bound of the k-th largest score, since those
    k blocks each hold a score at least that high. That costs about two passes over the array:
    1.1 ms for the top 50 of 625,000 scores, where ``np.argpartition`` took 8 ms (BENCHMARKS.md).
    """
    if len(scores) == 0 or k <= 0:
        return []
    floor = 0.0
    blocks = len(scores) // _BLOCK
    if blocks > 4 * k:
        maxima = scores[: blocks * _BLOCK].reshape(blocks, _BLOCK).max(axis=1)
        floor = float(np.partition(maxima, blocks - k)[blocks - k])
    candidates = np.flatnonzero(scores >= floor) if floor > 0 else np.flatnonzero(scores > 0)  # ascending
    if len(candidates) > k:
        values = scores[candidates]
        kth = values[np.argpartition(values, len(values) - k)[len(values) - k]]
        above = candidates[values > kth]
        candidates = np.concatenate([above, candidates[values == kth][: k - len(above)]])
    return [int(i) for i in candidates[np.lexsort((candidates, -scores[candidates]))]]


@dataclass(frozen=True)
class Retrievers:
    """The three retrievers over one index, wired from one ``Settings``."""

    bm25: BM25Retriever
    dense: DenseRetriever
    hybrid: HybridRetriever

    def get(self, mode: str):
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        return getattr(self, mode)


def build_retrievers(index: CorpusIndex, settings: Settings, pool: int = 50) -> Retrievers:
    bm25 = BM25Retriever(index, idf=settings.bm25_idf)
    dense = DenseRetriever(index, settings.hnsw_ef_search)
    hybrid = HybridRetriever(bm25, dense, index, fusion=settings.fusion, rrf_k=settings.rrf_k,
                             dense_weight=settings.dense_weight, pool=pool)
    return Retrievers(bm25, dense, hybrid)
