"""Retrieval on a BEIR dataset (corpus.jsonl[.gz], queries.jsonl, qrels/test.tsv), the IR field's
standard yardstick. Each document becomes one passage ("title\\ntext"); the index goes into its
own folder (never ``index/``) and is reused while the dataset and model are unchanged."""
from __future__ import annotations

import csv
import gzip
import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import ir_measures
from ir_measures import R, nDCG

from .build import BuildContent, write_build
from .config import Settings
from .embedding import Embedder, embedding_text, prepare_embedder
from .index import CorpusIndex, build_status, load_index
from .retrieval import Query, build_retrievers
from .text import tokenize
from .types import Chunk

MEASURES = (nDCG @ 10, R @ 100)


@dataclass
class BeirDataset:
    name: str
    documents: list[tuple[str, str, str]]  # (id, title, text)
    queries: dict[str, str]
    qrels: dict[str, dict[str, int]]
    fingerprint: str


def load_beir(folder: str | Path, split: str = "test") -> BeirDataset:
    """Read a BEIR folder; only queries that have judgements in the split are kept.

    Raises:
        ValueError: a file is missing or malformed (the message names it).
    """
    folder = Path(folder)
    corpus_path = next((folder / n for n in ("corpus.jsonl", "corpus.jsonl.gz") if (folder / n).exists()), None)
    qrels_path = folder / "qrels" / f"{split}.tsv"
    queries_path = folder / "queries.jsonl"
    for path, what in ((corpus_path, "corpus.jsonl[.gz]"), (queries_path, "queries.jsonl"), (qrels_path, f"qrels/{split}.tsv")):
        if path is None or not path.exists():
            raise ValueError(f"{folder} is not a BEIR dataset: {what} is missing")
    digest = hashlib.sha256()
    documents = []
    opener = gzip.open if corpus_path.suffix == ".gz" else open
    with opener(corpus_path, "rt", encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            digest.update(line.encode("utf-8"))
            try:
                row = json.loads(line)
                documents.append((str(row["_id"]), row.get("title") or "", row.get("text") or ""))
            except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
                raise ValueError(f"{corpus_path}:{n}: not a BEIR corpus line ({exc})") from exc
    qrels: dict[str, dict[str, int]] = {}
    with qrels_path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.reader(handle, delimiter="\t"), start=1):
            if not row or row[0] == "query-id":
                continue
            try:
                qrels.setdefault(row[0].strip(), {})[row[1].strip()] = int(row[2])
            except (IndexError, ValueError) as exc:
                raise ValueError(f"{qrels_path}:{n}: expected query-id, corpus-id, score ({exc})") from exc
    queries = {}
    with queries_path.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if str(row["_id"]) in qrels:
                    queries[str(row["_id"])] = row["text"]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise ValueError(f"{queries_path}:{n}: not a BEIR query line ({exc})") from exc
    return BeirDataset(folder.name, documents, queries, qrels, digest.hexdigest())


def beir_index(dataset: BeirDataset, index_dir: str | Path, settings: Settings, embedder: Embedder,
               progress: bool = True, log=print) -> CorpusIndex:
    """Load the dataset's index from ``index_dir``, building it (with a progress bar) if needed."""
    index_dir = Path(index_dir)
    fingerprint = {"beir": dataset.fingerprint, "model": settings.model, "layout": "title-as-breadcrumb",
                   "embedding_backend": settings.embedding_backend, "embedding_int8": settings.embedding_int8}
    if build_status(index_dir, fingerprint).state == "fresh":
        return load_index(index_dir)
    started = time.perf_counter()
    # The title goes in as the breadcrumb, so BM25 and the embedding both see "title\ntext" once.
    chunks = [Chunk(n, doc_id, title, (), text, 0, len(text)) for n, (doc_id, title, text) in enumerate(dataset.documents)]
    log(f"embedding {len(chunks):,} documents of {dataset.name} (once; cached in {index_dir})")
    texts = [embedding_text(c.breadcrumb, c.text, True) if c.title else c.text for c in chunks]
    prepare_embedder(embedder, texts)  # a new ONNX export is verified on some of them
    vectors = embedder.encode(texts, batch_size=32, progress=progress)
    write_build(index_dir, BuildContent(chunks, [], vectors, vectors[:0], fingerprint, embedder.name, int(embedder.dim)),
                settings, started)
    log(f"indexed in {time.perf_counter() - started:.0f} s")
    return load_index(index_dir)


def evaluate_beir(dataset: BeirDataset, index: CorpusIndex, embedder: Embedder, modes: list[str],
                  settings: Settings, progress: bool = True) -> dict[str, dict[str, float]]:
    """nDCG@10 and Recall@100 per retrieval mode (ir-measures)."""
    ids = list(dataset.queries)
    vectors = embedder.encode([dataset.queries[q] for q in ids], batch_size=64)
    queries = [Query(dataset.queries[q], tokenize(dataset.queries[q]), v) for q, v in zip(ids, vectors)]
    retrievers = build_retrievers(index, settings, pool=100)
    results = {}
    for mode in modes:
        started = time.perf_counter()
        run = {}
        iterator = zip(ids, queries)
        if progress:
            from tqdm import tqdm

            iterator = tqdm(iterator, total=len(ids), desc=f"{dataset.name} {mode}", unit="q", leave=False)
        for qid, query in iterator:
            # Each BEIR document is its own passage; its doc_id is the corpus id.
            run[qid] = {hit.chunk.doc_id: float(hit.score) for hit in retrievers.get(mode).search(query, 100)}
        scores = ir_measures.calc_aggregate(MEASURES, dataset.qrels, run)
        results[mode] = {"ndcg@10": round(float(scores[nDCG @ 10]), 4), "recall@100": round(float(scores[R @ 100]), 4),
                         "queries": len(ids), "ms_per_query": round((time.perf_counter() - started) * 1000 / len(ids), 1)}
    return results
