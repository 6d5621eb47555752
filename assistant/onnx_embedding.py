"""Sentence embeddings with ONNX Runtime: onnxruntime, the fast tokenizer and numpy, no torch.

``OnnxEmbedder`` gives the same vectors as ``SentenceTransformerEmbedder`` (cosine >= 0.9999,
checked when the export is made) from an export that ``onnx_export`` caches. Importing this
module or encoding with it never imports torch, transformers or sentence-transformers; only
making a missing export does (``onnx_export.ensure_export``).

Threads: one InferenceSession with ONE intra-op thread by default (``Settings.onnx_threads``).
A single question runs on it directly (no thread pool to wake, nothing spinning on the second
core). A batch of texts is split into sub-batches that ``batch_threads`` Python threads run on
the same session at once (ONNX Runtime releases the GIL): on two cores that is as fast as a
second session with two intra-op threads, without holding the weights twice (measured: about
220 texts/s either way, and ~100 MB more resident memory for a second session;
benchmarks/onnx_compare.py). A session given two intra-op threads runs a batch's sub-batches one
after the other instead, so threads never outnumber ``batch_threads``.
"""
from __future__ import annotations

import os
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import onnxruntime as ort
from tokenizers import Tokenizer

from . import onnx_export
from .onnx_export import Export

os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

# A batch pads every text to its longest, so a sub-batch holds at most this many padded tokens
# (besides at most batch_size texts): texts of mixed lengths then waste little on padding and
# spread evenly over the workers. Small sub-batches are also faster per token (they stay in
# cache): units of the 100x corpus embed at 87 texts per CPU-second with 256-512 tokens per
# sub-batch, 78 with 1,024, 56 with 4,096; 50 guide lines of 3 to 330 tokens embed 5x faster
# than with plain batches of 16.
TOKEN_BUDGET = 512
BATCH_MIN_TEXTS = 9  # like SentenceTransformerEmbedder: more than 8 texts is batch work


class OnnxEmbedder:
    """The Embedder protocol (``name``, ``dim``, ``encode``) on ONNX Runtime.

    Args:
        model: bundled model name or local sentence-transformers folder.
        threads: intra-op threads of the session (1 keeps question latency flat when another
            process loads the second core).
        batch_threads: how many sub-batches of a large ``encode`` call run at once.
        cache_dir: where exports are cached (default ``.cache/onnx`` in the project).
        int8: use the dynamically quantised copy (about 2.5x faster per question, cosine
            ~0.97 to the fp32 vectors; index and questions must then both use it).
        allow_export: make a missing export (needs torch); otherwise raise ``OnnxExportError``.
        verify_texts: texts (a sample of the corpus) a new export is checked on, besides the
            exporter's probe texts.
        batch_mode: "workers" (default, see the module docstring) or "session" (a second
            session with ``batch_threads`` intra-op threads; kept for the benchmark).
    """

    def __init__(self, model: str, threads: int | None = 1, batch_threads: int | None = 2,
                 cache_dir: str | os.PathLike | None = None, int8: bool = False, allow_export: bool = True,
                 batch_mode: str = "workers", verify_texts=()):
        export = onnx_export.ensure_export(model, cache_dir, int8=int8, allow_export=allow_export,
                                           verify_texts=verify_texts)
        self._setup(export, model, threads, batch_threads, batch_mode)

    @classmethod
    def from_export(cls, export: Export, name: str, threads: int | None = 1, batch_threads: int | None = 2,
                    batch_mode: str = "workers") -> "OnnxEmbedder":
        """An embedder over an already opened (checked) export."""
        embedder = cls.__new__(cls)
        embedder._setup(export, name, threads, batch_threads, batch_mode)
        return embedder

    def _setup(self, export: Export, name: str, threads: int | None, batch_threads: int | None,
               batch_mode: str) -> None:
        if batch_mode not in ("workers", "session"):
            raise ValueError(f"batch_mode must be 'workers' or 'session', got {batch_mode!r}")
        config = export.config
        self.name = name
        self.dim = int(config["dim"])
        self.export_dir = export.folder
        self.quantized = config.get("quantized")
        self.backend = "onnx-int8" if self.quantized else "onnx"
        self._model_path = export.model_path
        self.threads = max(1, threads or 1)
        self.batch_threads = max(1, batch_threads or 1)
        self.batch_mode = batch_mode
        self._lock = threading.Lock()  # one call at a time: the tokenizer isn't thread-safe
        self._lower = bool(config.get("do_lower_case"))
        self._pad_id = int(config["pad_token_id"])
        self._pad_left = config.get("padding_side") == "left"
        self._output = config.get("output", onnx_export.OUTPUT_NAME)
        self._tokenizer = Tokenizer.from_str(export.tokenizer_json)
        # tokenizer.json files carry their own padding/truncation (MiniLM's: pad and cut at 128);
        # sentence-transformers overrides them with max_seq_length and pads to the longest text.
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(max_length=int(config["max_seq_length"]), strategy="longest_first",
                                          direction=config.get("truncation_side", "right"))
        self._session = _session(export.model_path, self.threads)
        self._inputs = [i.name for i in self._session.get_inputs()]
        unknown = set(self._inputs) - {"input_ids", "attention_mask", "token_type_ids"}
        if unknown:
            raise onnx_export.CorruptExportError(f"{export.folder} expects unknown inputs {sorted(unknown)}")
        self._batch_session = (_session(export.model_path, self.batch_threads)
                               if batch_mode == "session" and self.batch_threads > 1 else None)
        export.check_unchanged()  # the file the sessions read is the one that was hashed
        self._pool = None

    def encode(self, texts: list[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text, in order."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._lower:
            texts = [t.lower() for t in texts]
        batch_size = max(1, int(batch_size))
        with self._lock:
            encodings = self._tokenizer.encode_batch(texts)
            ids = [e.ids for e in encodings]
            # Longest first, as sentence-transformers does: batches of similar length pad little.
            order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
            batch = len(texts) >= BATCH_MIN_TEXTS
            # workers x intra-op threads stays within batch_threads (a session already on two
            # threads runs its sub-batches one after the other)
            workers = max(1, self.batch_threads // self.threads) if batch and self.batch_mode == "workers" else 1
            limit = batch_size
            if workers > 1:
                # every worker gets work even when the whole call fits in one batch_size
                limit = min(batch_size, -(-len(texts) // workers))
            groups = _groups(order, [len(i) for i in ids], limit, TOKEN_BUDGET)
            session = self._batch_session if batch and self._batch_session is not None else self._session
            bar = _progress(progress, len(texts))
            vectors = np.empty((len(texts), self.dim), dtype=np.float32)

            def run(group: list[int]) -> None:
                vectors[group] = self._embed([ids[i] for i in group], session)
                bar.update(len(group))

            if workers > 1 and len(groups) > 1:
                list(self._workers().map(run, groups))
            else:
                for group in groups:
                    run(group)
            bar.close()
        return vectors

    def set_threads(self, threads: int) -> None:
        """Intra-op threads for single questions from now on (the benchmark compares 1 and 2)."""
        with self._lock:
            self.threads = max(1, int(threads))
            self._session = _session(self._model_path, self.threads)

    def _embed(self, rows: list[list[int]], session: ort.InferenceSession) -> np.ndarray:
        """Pad, run the graph, mean-pool over real tokens and normalise."""
        length = max(len(r) for r in rows)
        input_ids = np.full((len(rows), length), self._pad_id, dtype=np.int64)
        mask = np.zeros((len(rows), length), dtype=np.int64)
        for i, row in enumerate(rows):
            span = slice(length - len(row), length) if self._pad_left else slice(0, len(row))
            input_ids[i, span] = row
            mask[i, span] = 1
        feed = {"input_ids": input_ids, "attention_mask": mask, "token_type_ids": np.zeros_like(input_ids)}
        tokens = session.run([self._output], {name: feed[name] for name in self._inputs})[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)

    def _workers(self) -> ThreadPoolExecutor:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.batch_threads, thread_name_prefix="onnx-embed")
        return self._pool


def _groups(order: list[int], lengths: list[int], size: int, budget: int) -> list[list[int]]:
    """Consecutive runs of ``order`` (longest text first) of at most ``size`` texts whose padded
    size (texts x longest) stays within ``budget`` tokens; a text longer than the budget goes alone."""
    groups, current = [], []
    for index in order:
        if current and (len(current) >= size or (len(current) + 1) * lengths[current[0]] > budget):
            groups.append(current)
            current = []
        current.append(index)
    if current:
        groups.append(current)
    return groups


def _session(model_path, threads: int) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3  # errors only
    if threads > 1:
        # threads that spin between runs would steal the core another process is using
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])


class _NoBar:
    def update(self, _n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(enabled: bool, total: int):
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, desc="embedding", unit="text", leave=False)
