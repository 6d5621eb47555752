"""sentence-transformers on torch against ONNX Runtime (fp32 and int8) for the bundled model.

    python benchmarks/onnx_compare.py [--cache DIR] [--cold-runs 3]

Measures, and prints as Markdown:
- export time (fp32 export + verification, int8 quantisation), into a fresh temporary cache
  unless ``--cache`` names one that already holds the exports;
- per-question embedding latency p50/p95 over every question in eval/questions.jsonl, one
  question per call, the backends taking turns question by question (so load from other
  processes on the machine hits them alike);
- batch throughput embedding every answer unit of the corpus (the texts an index build embeds);
- cosine of each backend's vectors to torch's (questions and units);
- cold start of a fresh process that imports one path, loads the model and embeds one question:
  wall time, resident memory after, peak resident memory, and whether torch got imported.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from assistant import corpus as corpus_mod  # noqa: E402
from assistant.chunking import chunk_documents  # noqa: E402
from assistant.config import Settings  # noqa: E402
from assistant.embedding import embedding_text, unit_with_context  # noqa: E402

MODEL = "all-MiniLM-L6-v2"
QUESTION = "what's the salary range for a mid-level mlops manager?"

COLD_SCRIPT = """
import json, sys, time
started = time.perf_counter()
kind, cache = sys.argv[1], sys.argv[2]
if kind == "torch":
    from assistant.embedding import SentenceTransformerEmbedder
    import torch, sentence_transformers  # what the constructor imports, so "import" is comparable
    imported = time.perf_counter() - started
    embedder = SentenceTransformerEmbedder({model!r}, 1, 2)
else:
    from assistant.onnx_embedding import OnnxEmbedder
    imported = time.perf_counter() - started
    embedder = OnnxEmbedder({model!r}, 1, 2, cache_dir=cache, allow_export=False, int8=kind == "ort-int8",
                            batch_mode="session" if kind == "ort-session" else "workers")
loaded = time.perf_counter() - started
embedder.encode([{question!r}])
seconds = time.perf_counter() - started
# /proc/self/status, not getrusage: ru_maxrss survives exec, so a child would report its parent's peak
status = dict(line.split(":", 1) for line in open("/proc/self/status") if line.startswith(("VmRSS", "VmHWM")))
rss, peak = (int(status[key].split()[0]) / 1024 for key in ("VmRSS", "VmHWM"))
torch_loaded = "torch" in sys.modules
print(json.dumps({{"import": imported, "load": loaded, "seconds": seconds, "rss": rss, "peak": peak,
                  "torch": torch_loaded}}))
"""


def unit_texts(settings: Settings) -> list[str]:
    corpus = corpus_mod.load_corpus(ROOT / "corpus", settings.max_file_mb)
    chunked = chunk_documents(corpus.documents, settings.chunk_max_words, settings.chunk_min_words)
    return [embedding_text(chunked.chunks[u.chunk_id].breadcrumb, unit_with_context(u, chunked.units),
                           settings.breadcrumb_headers) for u in chunked.units]


def per_question(embedders: dict, questions: list[str]) -> tuple[dict, dict]:
    """Latency in ms of encode([question]) for each backend, backends interleaved."""
    for embedder in embedders.values():
        for question in questions[:5]:
            embedder.encode([question])
    times = {name: [] for name in embedders}
    vectors = {name: [] for name in embedders}
    for question in questions:
        for name, embedder in embedders.items():
            started = time.perf_counter()
            vector = embedder.encode([question])
            times[name].append((time.perf_counter() - started) * 1000)
            vectors[name].append(vector[0])
    return times, {name: np.asarray(rows) for name, rows in vectors.items()}


def throughput(embedder, texts: list[str], repeats: int = 2) -> tuple[float, np.ndarray]:
    """Best of ``repeats`` runs, texts per second."""
    best, vectors = 0.0, None
    for _ in range(repeats):
        started = time.perf_counter()
        vectors = embedder.encode(texts)
        best = max(best, len(texts) / (time.perf_counter() - started))
    return best, vectors


def cold_start(kinds: list[str], cache: Path, runs: int) -> dict:
    """Median over ``runs`` fresh processes per kind; the kinds take turns run by run."""
    script = COLD_SCRIPT.format(model=MODEL, question=QUESTION)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    results = {kind: [] for kind in kinds}
    for _ in range(runs):
        for kind in kinds:
            started = time.perf_counter()
            done = subprocess.run([sys.executable, "-c", script, kind, str(cache)], capture_output=True,
                                  text=True, env=env, cwd=ROOT, timeout=300)
            wall = time.perf_counter() - started
            if done.returncode != 0:
                raise RuntimeError(f"cold start of {kind} failed: {done.stderr[-2000:]}")
            results[kind].append({**json.loads(done.stdout.strip().splitlines()[-1]), "wall": wall})
    return {kind: {key: (float(np.median([r[key] for r in rows])) if key != "torch" else rows[0][key])
                   for key in rows[0]} for kind, rows in results.items()}


def cosine_stats(reference: np.ndarray, other: np.ndarray) -> tuple[float, float]:
    cosines = np.sum(reference * other, axis=1)
    return float(cosines.min()), float(cosines.mean())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", help="export cache to use (default: a fresh temporary one, so export is timed)")
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args(argv)
    load_before = os.getloadavg()
    settings = Settings()
    questions = [json.loads(line)["question"]
                 for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = unit_texts(settings)
    with tempfile.TemporaryDirectory() as temporary:
        cache = Path(args.cache) if args.cache else Path(temporary)
        from assistant import onnx_export
        from assistant.embedding import SentenceTransformerEmbedder
        from assistant.onnx_embedding import OnnxEmbedder

        started = time.perf_counter()
        fp32 = onnx_export.ensure_export(MODEL, cache)
        export_seconds = time.perf_counter() - started
        started = time.perf_counter()
        int8 = onnx_export.ensure_export(MODEL, cache, int8=True)
        int8_seconds = time.perf_counter() - started

        torch_embedder = SentenceTransformerEmbedder(MODEL, 1, 2)
        embedders = {
            "torch, 1 thread": torch_embedder,
            "ORT fp32, 1 thread": OnnxEmbedder(MODEL, 1, 2, cache_dir=cache, allow_export=False),
            "ORT int8, 1 thread": OnnxEmbedder(MODEL, 1, 2, cache_dir=cache, allow_export=False, int8=True),
            "ORT fp32, 2 intra-op threads": OnnxEmbedder(MODEL, 2, 2, cache_dir=cache, allow_export=False),
        }
        times, question_vectors = per_question(embedders, questions)

        batch_runs = {
            "torch, 2 threads": torch_embedder,
            "ORT fp32, 1 session × 1 thread, 2 workers (default)": embedders["ORT fp32, 1 thread"],
            "ORT fp32, 2nd session × 2 intra-op threads": OnnxEmbedder(
                MODEL, 1, 2, cache_dir=cache, allow_export=False, batch_mode="session"),
            "ORT fp32, 1 thread, no workers": OnnxEmbedder(MODEL, 1, 1, cache_dir=cache, allow_export=False),
            "ORT int8, 1 session × 1 thread, 2 workers": embedders["ORT int8, 1 thread"],
        }
        rates, unit_vectors = {}, {}
        for name, embedder in batch_runs.items():
            rates[name], unit_vectors[name] = throughput(embedder, texts)

        cold = cold_start(["ort", "ort-int8", "ort-session", "torch"], cache, args.cold_runs)
        load_after = os.getloadavg()

        reference_q, reference_u = question_vectors["torch, 1 thread"], unit_vectors["torch, 2 threads"]
        default_batch = "ORT fp32, 1 session × 1 thread, 2 workers (default)"
        fidelity = {
            "ORT fp32": (cosine_stats(reference_q, question_vectors["ORT fp32, 1 thread"]),
                         cosine_stats(reference_u, unit_vectors[default_batch])),
            "ORT int8": (cosine_stats(reference_q, question_vectors["ORT int8, 1 thread"]),
                         cosine_stats(reference_u, unit_vectors["ORT int8, 1 session × 1 thread, 2 workers"])),
        }

        torch_p50 = float(np.percentile(times["torch, 1 thread"], 50))
        print(f"## ONNX Runtime vs torch ({MODEL})\n")
        print(f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores shared with other work; "
              f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after. "
              f"{len(questions)} questions, {len(texts)} answer units.\n")
        print("| per question (one per call) | p50 ms | p95 ms | mean ms | p50 vs torch |")
        print("|---|---:|---:|---:|---:|")
        for name, values in times.items():
            p50 = float(np.percentile(values, 50))
            print(f"| {name} | {p50:.2f} | {np.percentile(values, 95):.2f} | {np.mean(values):.2f} | "
                  f"{p50 / torch_p50:.2f}x |")
        print("\n| batch: all answer units, batch_size 16 | texts/s |")
        print("|---|---:|")
        for name, rate in rates.items():
            print(f"| {name} | {rate:.0f} |")
        print(f"\n| cold process, median of {args.cold_runs} (import, load, embed one question) | wall s | "
              "in-process s | of which import | of which load | RSS MB | peak RSS MB | torch imported |")
        print("|---|---:|---:|---:|---:|---:|---:|---|")
        labels = {"ort": "ORT fp32", "ort-int8": "ORT int8", "ort-session": "ORT fp32 + 2nd batch session",
                  "torch": "torch (sentence-transformers)"}
        for kind, row in cold.items():
            print(f"| {labels[kind]} | {row['wall']:.2f} | {row['seconds']:.2f} | {row['import']:.2f} | "
                  f"{row['load'] - row['import']:.2f} | {row['rss']:.0f} | {row['peak']:.0f} | "
                  f"{'yes' if row['torch'] else 'no'} |")
        print("\n| vectors vs torch | questions min cos | questions mean cos | units min cos | units mean cos |")
        print("|---|---:|---:|---:|---:|")
        for name, ((q_min, q_mean), (u_min, u_mean)) in fidelity.items():
            print(f"| {name} | {q_min:.6f} | {q_mean:.6f} | {u_min:.6f} | {u_mean:.6f} |")
        exporter = fp32.manifest["exporter"]
        fresh = not args.cache
        print("\n| export | seconds |")
        print("|---|---:|")
        print(f"| fp32 ({exporter['name']} exporter, opset {exporter.get('opset')}): "
              f"{'load + export + verify' if fresh else 'cached, check only'} | {export_seconds:.1f} |")
        print(f"| of which torch.onnx.export | {exporter.get('seconds', float('nan')):.1f} |")
        print(f"| int8 quantisation + check{'' if fresh else ' (cached, check only)'} | {int8_seconds:.1f} |")
        print(f"\nfp32 model.onnx {(fp32.folder / 'model.onnx').stat().st_size / 2**20:.1f} MB, "
              f"int8 {(int8.folder / 'model.onnx').stat().st_size / 2**20:.1f} MB; verified min cosine "
              f"fp32 {fp32.manifest['verified']['min_cosine']}, "
              f"int8 vs fp32 {int8.manifest['verified']['min_cosine']}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
