"""ONNX Runtime embeddings: the real bundled model exported into a temporary cache at a real
index build, compared with sentence-transformers on real corpus text; serving without torch;
the same answers from either backend."""
from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from tokenizers import Tokenizer

from assistant import Assistant, Settings, onnx_export
from assistant.build import build_index
from assistant.embedding import LazyEmbedder, SentenceTransformerEmbedder, shared_embedder
from assistant.evaluation import load_questions
from assistant.onnx_embedding import OnnxEmbedder
from assistant.onnx_export import (CorruptExportError, ExportMismatchError, OnnxExportError, ensure_export,
                                   open_export, verify)

from .conftest import CORPUS, GUIDE, ROOT

MODEL = "all-MiniLM-L6-v2"
FORBIDDEN = ("torch", "transformers", "sentence_transformers")


@pytest.fixture(scope="module")
def torch_embedder() -> SentenceTransformerEmbedder:
    """sentence-transformers on torch: the reference the export must reproduce."""
    return shared_embedder(MODEL, 1, 2, backend="torch")


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """One real export for the whole module (about 15 s), made the way a first build makes it:
    by building the shipped corpus with a lazily loaded ONNX embedder."""
    folder = tmp_path_factory.mktemp("onnx-cache")
    settings = Settings(onnx_cache=str(folder))
    report = build_index(CORPUS, folder.parent / "onnx-index", settings, LazyEmbedder(settings))
    assert report.units > 64
    return folder


@pytest.fixture(scope="module")
def export_dir(cache) -> Path:
    (folder,) = [p for p in cache.iterdir() if p.is_dir() and not p.name.startswith(".")]
    return folder


@pytest.fixture(scope="module")
def onnx_embedder(cache) -> OnnxEmbedder:
    return OnnxEmbedder(MODEL, cache_dir=cache, allow_export=False)


def _token_count(export_dir: Path, text: str) -> int:
    tokenizer = Tokenizer.from_file(str(export_dir / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return len(tokenizer.encode(text).ids)


@pytest.fixture(scope="module")
def sentences(export_dir) -> list[str]:
    """50 lines of the shipped guide, from 3 tokens to over 300 (spread over the length range)."""
    lines = sorted({line.strip() for line in GUIDE.read_text(encoding="utf-8").splitlines() if line.strip()},
                   key=lambda line: (len(line), line))
    picked = [lines[round(i * (len(lines) - 1) / 49)] for i in range(50)]
    assert max(_token_count(export_dir, line) for line in picked) > 256  # truncation is exercised
    assert min(_token_count(export_dir, line) for line in picked) < 8
    return picked


def _cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.sum(a * b, axis=1)


def test_the_first_build_exported_and_verified_on_the_corpus(export_dir):
    manifest = json.loads((export_dir / "manifest.json").read_text())
    assert manifest["verified"]["corpus_texts"] == 64  # a sample of the shipped corpus's answer units
    assert manifest["verified"]["texts"] == 64 + len(onnx_export.PROBE_TEXTS)
    assert manifest["verified"]["min_cosine"] >= 0.9999


def test_vectors_match_sentence_transformers(torch_embedder, onnx_embedder, sentences):
    expected = torch_embedder.encode(sentences)
    got = onnx_embedder.encode(sentences)
    assert got.shape == (len(sentences), 384) and got.dtype == np.float32
    assert got.flags["C_CONTIGUOUS"]
    np.testing.assert_allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    assert _cosines(expected, got).min() >= 0.9999
    assert onnx_embedder.dim == torch_embedder.dim and onnx_embedder.name == MODEL


def test_questions_match_one_at_a_time(torch_embedder, onnx_embedder):
    questions = [json.loads(line)["question"]
                 for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()[:20]]
    for question in questions:
        assert _cosines(torch_embedder.encode([question]), onnx_embedder.encode([question]))[0] >= 0.9999


def test_batch_equals_single(onnx_embedder, sentences):
    """Padding and the attention mask: a text's vector doesn't depend on its batch-mates."""
    single = np.concatenate([onnx_embedder.encode([s]) for s in sentences])
    for batch_size in (7, 64):
        batched = onnx_embedder.encode(sentences, batch_size=batch_size)
        np.testing.assert_allclose(batched, single, atol=2e-5)


def test_batch_threads_and_modes_agree(cache, onnx_embedder, sentences):
    texts = sentences[1::2]
    expected = onnx_embedder.encode(texts)  # two worker threads on one single-threaded session
    for threads, mode in ((1, "workers"), (2, "session")):
        other = OnnxEmbedder(MODEL, cache_dir=cache, allow_export=False, batch_threads=threads, batch_mode=mode)
        np.testing.assert_allclose(other.encode(texts), expected, atol=2e-5)
    two = OnnxEmbedder(MODEL, cache_dir=cache, allow_export=False)
    two.set_threads(2)  # questions on two intra-op threads (the benchmark's other setting)
    assert two.threads == 2
    np.testing.assert_allclose(two.encode(texts[:3]), expected[:3], atol=2e-5)
    np.testing.assert_allclose(two.encode(texts), expected, atol=2e-5)


def test_long_text_is_truncated_at_max_seq_length(export_dir, onnx_embedder, sentences):
    longest = max(sentences, key=lambda s: _token_count(export_dir, s))
    assert json.loads((export_dir / "embedding_config.json").read_text())["max_seq_length"] == 256
    extended = longest + " Appended words beyond the limit change nothing."
    np.testing.assert_allclose(onnx_embedder.encode([extended]), onnx_embedder.encode([longest]), atol=1e-6)


def test_empty_list(onnx_embedder):
    vectors = onnx_embedder.encode([])
    assert vectors.shape == (0, 384) and vectors.dtype == np.float32


def test_fresh_process_never_imports_torch(cache, onnx_embedder):
    script = textwrap.dedent(f"""
        import json, sys
        from assistant.onnx_embedding import OnnxEmbedder
        embedder = OnnxEmbedder({MODEL!r}, cache_dir={str(cache)!r}, allow_export=False)
        vector = embedder.encode(["what does an mlops manager earn?"])
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in {FORBIDDEN!r})
        print(json.dumps({{"loaded": loaded, "vector": vector[0].tolist()}}))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["loaded"] == []
    expected = onnx_embedder.encode(["what does an mlops manager earn?"])[0]
    np.testing.assert_allclose(np.asarray(report["vector"], dtype=np.float32), expected, atol=1e-6)


def test_cache_is_reused(cache, export_dir, monkeypatch):
    manifest_before = (export_dir / "manifest.json").stat().st_mtime_ns

    def no_export(*_args, **_kwargs):
        raise AssertionError("exported again although the cache holds a valid export")

    monkeypatch.setattr(onnx_export, "_export_locked", no_export)
    export = ensure_export(MODEL, cache)
    assert export.folder == export_dir
    assert (export_dir / "manifest.json").stat().st_mtime_ns == manifest_before
    assert not [p for p in cache.iterdir() if p.name.startswith((".staging-", ".trash-"))]
    manifest = export.manifest
    assert manifest["verified"]["min_cosine"] >= 0.9999
    assert manifest["model"]["fingerprint"] == onnx_export.model_fingerprint(onnx_export.resolve_model_path(MODEL))


def _flip_middle_byte(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["model byte", "tokenizer truncated", "config edited", "manifest garbage",
                                    "model missing"])
def test_damaged_export_is_detected(export_dir, tmp_path, damage):
    copy_dir = tmp_path / export_dir.name
    shutil.copytree(export_dir, copy_dir)
    if damage == "model byte":
        _flip_middle_byte(copy_dir / "model.onnx")
    elif damage == "tokenizer truncated":
        data = (copy_dir / "tokenizer.json").read_bytes()
        (copy_dir / "tokenizer.json").write_bytes(data[: len(data) // 2])
    elif damage == "config edited":
        config = json.loads((copy_dir / "embedding_config.json").read_text())
        (copy_dir / "embedding_config.json").write_text(json.dumps({**config, "max_seq_length": 512}))
    elif damage == "manifest garbage":
        (copy_dir / "manifest.json").write_text("{not json")
    else:
        (copy_dir / "model.onnx").unlink()
    with pytest.raises(CorruptExportError):
        open_export(copy_dir)


def test_tampered_cache_is_exported_again(fallback_cache, tmp_path, monkeypatch):
    """A damaged model file is detected, deleted, and exported again (with the TorchScript
    exporter here: the check is the same for both, and its export takes a quarter of the time)."""
    (made,) = [p for p in fallback_cache.iterdir() if not p.name.startswith(".export")]
    cache = tmp_path / "cache"
    cache.mkdir()
    shutil.copytree(made, cache / made.name)
    _flip_middle_byte(cache / made.name / "model.onnx")
    # without torch the damaged copy is unusable, and the error says how to make one
    monkeypatch.setattr(onnx_export, "can_export", lambda: False)
    with pytest.raises(OnnxExportError, match="python -m assistant.onnx_export"):
        ensure_export(MODEL, cache, exporter="torchscript")
    monkeypatch.undo()
    export = ensure_export(MODEL, cache, exporter="torchscript")  # detected, deleted, exported and verified again
    assert export.folder == cache / made.name
    assert export.manifest["verified"]["min_cosine"] >= 0.9999
    open_export(export.folder)
    assert not [p for p in cache.iterdir() if p.name.startswith((".staging-", ".trash-"))]


def test_without_torch_an_earlier_export_is_found(cache, export_dir, monkeypatch):
    """A serving process without the exporter's packages can't name the exact folder; it uses
    an export of the same model files."""
    monkeypatch.setattr(onnx_export, "can_export", lambda: False)
    monkeypatch.setattr(onnx_export, "_versions", lambda _exporter: None)
    assert ensure_export(MODEL, cache).folder == export_dir
    with pytest.raises(OnnxExportError, match="no ONNX export"):
        ensure_export(MODEL, cache.parent / "empty-cache")


def test_verify_accepts_the_model_and_refuses_a_wrong_one(torch_embedder, export_dir, sentences):
    report = verify(torch_embedder._model, sentences[:12], export_dir)
    assert report.min_cosine >= 0.9999 and report.texts == 12
    wrong = copy.deepcopy(torch_embedder._model)
    network = wrong[0].auto_model
    with __import__("torch").no_grad():
        for layer in network.encoder.layer[:2]:
            layer.attention.self.query.weight.mul_(1.5)
    with pytest.raises(ExportMismatchError, match="refused"):
        verify(wrong, sentences[:12], export_dir)


def test_unsupported_model_is_refused(tmp_path):
    folder = tmp_path / "cls-model"
    shutil.copytree(onnx_export.resolve_model_path(MODEL), folder)
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    pooling.write_text(json.dumps({**config, "pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}))
    with pytest.raises(OnnxExportError, match="pools with"):
        ensure_export(str(folder), tmp_path / "cache")


def test_int8_copy_is_cached_separately(cache, export_dir, onnx_embedder, sentences):
    int8 = ensure_export(MODEL, cache, int8=True)
    assert int8.folder.name == export_dir.name + "-int8q1"
    assert (int8.folder / "model.onnx").stat().st_size < (export_dir / "model.onnx").stat().st_size / 3
    assert ensure_export(MODEL, cache).folder == export_dir  # the fp32 export is untouched
    quantized = OnnxEmbedder(MODEL, cache_dir=cache, int8=True, allow_export=False)
    assert quantized.quantized
    cosines = _cosines(onnx_embedder.encode(sentences), quantized.encode(sentences))
    assert cosines.min() > 0.9 and cosines.mean() > 0.97


@pytest.fixture(scope="module")
def fallback_cache(tmp_path_factory, export_dir) -> Path:
    """A cache made when the torch.export-based exporter fails: the TorchScript one is tried."""
    cache = tmp_path_factory.mktemp("fallback") / "cache"
    real_export = onnx_export._export_onnx

    def dynamo_breaks(model, exporter, path):
        if exporter == "dynamo":
            raise RuntimeError("simulated exporter failure")
        return real_export(model, exporter, path)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(onnx_export, "_export_onnx", dynamo_breaks)
        ensure_export(MODEL, cache)
    return cache


def test_falls_back_to_the_torchscript_exporter(fallback_cache, export_dir):
    """When the torch.export-based exporter fails, the TorchScript one is tried and verified."""
    (folder,) = [p for p in fallback_cache.iterdir() if not p.name.startswith(".export")]
    export = open_export(folder)
    assert export.manifest["exporter"]["name"] == "torchscript"
    assert export.manifest["exporter"]["opset"] == onnx_export.TORCHSCRIPT_OPSET
    assert export.manifest["verified"]["min_cosine"] >= 0.9999
    assert export.folder.name != export_dir.name  # the exporter is part of the cache key


# ---------------------------------------------------------------- the backend in the application

def test_backend_and_int8_are_part_of_the_build_fingerprint():
    onnx, torch_ = Settings().build_fingerprint(), Settings(embedding_backend="torch").build_fingerprint()
    assert onnx["embedding_backend"] == "onnx" and torch_["embedding_backend"] == "torch"
    assert Settings(embedding_int8=True).build_fingerprint()["embedding_int8"] is True
    assert onnx != torch_ != Settings(embedding_int8=True).build_fingerprint()
    assert Settings(onnx_cache="/elsewhere", onnx_threads=2).build_fingerprint() == onnx  # not about vectors
    with pytest.raises(ValueError, match="embedding_backend must be one of onnx, torch"):
        Settings.from_env({"ASSISTANT_EMBEDDING_BACKEND": "tensorflow"})
    with pytest.raises(ValueError, match="embedding_int8 needs embedding_backend 'onnx'"):
        Settings(embedding_backend="torch", embedding_int8=True)


def test_a_model_that_cannot_export_falls_back_to_torch(tmp_path, caplog):
    folder = tmp_path / "cls-model"
    shutil.copytree(onnx_export.resolve_model_path(MODEL), folder)
    pooling = folder / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    pooling.write_text(json.dumps({**config, "pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}))
    with caplog.at_level("WARNING", logger="assistant"):
        embedder = shared_embedder(str(folder), 1, 2, backend="onnx", onnx_cache=tmp_path / "cache")
    assert isinstance(embedder, SentenceTransformerEmbedder) and embedder.backend == "torch"
    assert "pools with 'cls'" in embedder.fallback_reason
    assert "instead of ONNX Runtime" in caplog.text and "pools with 'cls'" in caplog.text
    assert embedder.encode(["salary range"]).shape == (1, 384)
    assert not list((tmp_path / "cache").glob("[!.]*"))  # nothing half-made left in the cache


SERVING_SCRIPT = """
import json, runpy, sys
corpus, index = sys.argv[1], sys.argv[2]
sys.argv = ["assistant", "--quiet", "--corpus", corpus, "--index", index, "ask", "--json",
            "What tool automates cloud resource provisioning?"]
try:
    runpy.run_module("assistant", run_name="__main__", alter_sys=True)
except SystemExit as exit_:
    assert not exit_.code, exit_.code
from assistant import Assistant
bot = Assistant.load(corpus, index, rebuild="never")
answer = bot.ask("How much does a mid-level MLOps manager earn?").answer
import app  # noqa: F401  (the Gradio app's imports)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("torch", "transformers", "sentence_transformers"))
print(json.dumps({"loaded": loaded, "answer": answer, "backend": bot.embedder.backend}))
"""


def test_serving_never_imports_torch(bot, bot_folders):
    """A fresh process that answers from a built index (``python -m assistant ask``, then
    ``Assistant.load`` and ``import app``) imports neither torch, transformers nor
    sentence-transformers: the export made at the build is all it needs."""
    corpus, index = bot_folders
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    env = {k: v for k, v in env.items() if not k.startswith("ASSISTANT_")}
    done = subprocess.run([sys.executable, "-c", SERVING_SCRIPT, str(corpus), str(index)], capture_output=True,
                          text=True, env=env, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    cli_reply = json.loads("\n".join(lines[:-1]))
    report = json.loads(lines[-1])
    assert "Terraform" in cli_reply["answer"]
    assert "$160,000 - $200,000" in report["answer"]
    assert report["backend"] == "onnx"
    assert report["loaded"] == []


def test_torch_and_onnx_backends_give_the_same_answers(bot, tmp_path):
    """Real development questions (follow-ups included) through both backends, each with its own
    index: the same answers, citations and confidence."""
    questions = [q for q in load_questions(ROOT / "eval" / "questions.jsonl")][::12]
    assert len(questions) >= 12 and any(q.history for q in questions)
    settings = Settings(embedding_backend="torch")
    torch_bot = Assistant.load(CORPUS, tmp_path / "index", settings, shared_embedder(MODEL, 1, 2, backend="torch"))
    try:
        assert bot.embedder.backend == "onnx"
        for q in questions:
            a, b = bot.ask(q.question, history=q.history), torch_bot.ask(q.question, history=q.history)
            assert (a.answer, a.abstained) == (b.answer, b.abstained), q.id
            assert [c.text for c in a.citations] == [c.text for c in b.citations], q.id
            assert a.confidence == pytest.approx(b.confidence, abs=1e-3), q.id
    finally:
        torch_bot.close()
