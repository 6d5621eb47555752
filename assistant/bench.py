"""Performance benchmark: ``python -m assistant.bench`` prints torch and ONNX Runtime side by side.

Measured in one run, on this machine, for each embedding backend (sentence-transformers on
torch, and the ONNX export on ONNX Runtime): the time to embed one question, warm ``ask()``
p50/p95 (the backends take turns question by question, so load from other processes hits both
alike), cold start to first answer and serving memory of a fresh process, and index build
throughput on the shipped corpus and on the 100x corpus of ``benchmarks/scale.py``. Then the
thread rows: each backend on 1 and 2 threads per question, idle and while another process keeps
one core busy, which is how ``Settings.torch_threads`` was chosen.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .config import Settings
from .evaluation import load_questions, percentile

ROOT = Path(__file__).resolve().parents[1]
BACKENDS = ("torch", "onnx")
LABELS = {"torch": "torch", "onnx": "ONNX Runtime"}
COLD_QUESTION = "How much does a mid-level MLOps manager earn?"
SERVING_QUESTIONS = 20  # asked after the first answer, before serving memory is read

# A fresh process: import, load the built index, answer one question (cold start), answer a few
# more, then report its resident memory. /proc/self/status, not getrusage: ru_maxrss survives
# exec, so a child would report its parent's peak.
COLD_SCRIPT = """
import json, sys, time
started = time.perf_counter()
from assistant import Assistant
bot = Assistant.load(sys.argv[1], sys.argv[2], rebuild="never")
bot.ask(sys.argv[3])
first, first_at = time.perf_counter() - started, time.time()
for question in json.loads(sys.argv[4]):
    bot.ask(question)
status = dict(line.split(":", 1) for line in open("/proc/self/status") if line.startswith(("VmRSS", "VmHWM")))
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"torch", "transformers", "sentence_transformers"})
print(json.dumps({"first": first, "first_at": first_at, "rss": int(status["VmRSS"].split()[0]) / 1024,
                  "peak": int(status["VmHWM"].split()[0]) / 1024, "loaded": loaded,
                  "backend": getattr(bot.embedder, "backend", "?")}))
"""


def _percentile(values: list[float], pct: int) -> float:
    return percentile(sorted(values), pct)


def _burn(stop) -> None:  # pragma: no cover - runs in a child process
    while not stop.is_set():
        sum(i * i for i in range(10_000))


class _BusyCore:
    """Keeps one core busy in another process, like a second user or a build would."""

    def __enter__(self):
        ctx = multiprocessing.get_context("spawn")
        self._stop = ctx.Event()
        self._proc = ctx.Process(target=_burn, args=(self._stop,), daemon=True)
        self._proc.start()
        time.sleep(0.5)
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._proc.join(timeout=5)
        if self._proc.is_alive():
            self._proc.terminate()


@dataclass
class _Timings:
    ask: list[float] = field(default_factory=list)
    embed: list[float] = field(default_factory=list)


def _latencies(bots: dict, questions, repeats: int) -> dict[str, _Timings]:
    """Per backend, ask() and one-question embedding latencies in ms; the backends take turns
    question by question, so both see the same load."""
    out = {name: _Timings() for name in bots}
    for _ in range(repeats):
        for q in questions:
            for name, bot in bots.items():
                started = time.perf_counter()
                bot.embedder.encode([q.question])
                out[name].embed.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                bot.ask(q.question, history=q.history)
                out[name].ask.append((time.perf_counter() - started) * 1000)
    return out


def _build_rate(corpus: Path, index_dir: Path, settings: Settings, embedder, runs: int) -> tuple[float, int, int]:
    """(best chunks/s over ``runs`` full builds, chunks, units), the model loaded beforehand. Every
    run re-embeds everything (``reuse=False``): an incremental build of an unchanged corpus embeds nothing."""
    from .build import build_index

    best, report = 0.0, None
    for _ in range(runs):
        started = time.perf_counter()
        report = build_index(corpus, index_dir, settings, embedder, reuse=False)
        best = max(best, report.chunks / (time.perf_counter() - started))
    return best, report.chunks, report.units


def _cold(corpus: Path, index_dirs: dict[str, Path], questions: list[str], runs: int) -> dict[str, dict]:
    """Fresh processes, the backends taking turns run by run; median of each measure."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    results: dict[str, list[dict]] = {name: [] for name in index_dirs}
    for _ in range(runs):
        for name, index_dir in index_dirs.items():
            spawned = time.time()
            done = subprocess.run(
                [sys.executable, "-c", COLD_SCRIPT, str(corpus), str(index_dir), COLD_QUESTION, json.dumps(questions)],
                capture_output=True, text=True, cwd=ROOT, timeout=600,
                env={**env, "ASSISTANT_EMBEDDING_BACKEND": name})
            if done.returncode != 0:
                raise RuntimeError(f"the cold start with {name} failed: {done.stderr[-2000:]}")
            row = json.loads(done.stdout.strip().splitlines()[-1])
            # from spawning the process to its first answer: interpreter start-up, imports, load, answer
            results[name].append({**row, "wall": row["first_at"] - spawned})
    out = {}
    for name, rows in results.items():
        out[name] = {key: statistics.median(r[key] for r in rows) for key in ("wall", "first", "rss", "peak")}
        out[name]["loaded"] = sorted({m for r in rows for m in r["loaded"]})
        out[name]["backend"] = rows[0]["backend"]
    return out


def _scale_corpus(size: int) -> Path:
    """The ``size``x corpus of benchmarks/scale.py, written first if missing."""
    folder = ROOT / ".cache" / "scale" / str(size) / "corpus"
    if not folder.is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "corpus", "--size", str(size)],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    return folder


def run(questions_path: str, corpus: str, repeats: int, scale_size: int, cold_runs: int) -> str:
    from .embedding import embedder_for
    from .pipeline import Assistant

    load_before = os.getloadavg()
    corpus_dir = Path(corpus).resolve()
    questions = load_questions(questions_path)
    base = Settings.from_env()
    settings = {name: base.with_overrides(embedding_backend=name, embedding_int8=base.embedding_int8 and name == "onnx")
                for name in BACKENDS}
    rows: list[tuple[str, str, str, str]] = []  # measure, torch, onnx, onnx / torch
    with tempfile.TemporaryDirectory() as tmp:
        index_dirs = {name: Path(tmp) / f"index-{name}" for name in BACKENDS}
        embedders = {name: embedder_for(settings[name]) for name in BACKENDS}  # (ONNX: exported if missing)
        bots = {name: Assistant.load(corpus_dir, index_dirs[name], settings[name], embedders[name])
                for name in BACKENDS}

        # warm latency, one thread per question
        for bot in bots.values():
            bot.ask("warm up")
        warm = _latencies(bots, questions, repeats)
        t, o = warm["torch"], warm["onnx"]

        def ratio(a: float, b: float) -> str:
            return f"{b / a:.2f}×" if a else "–"

        embed = {n: _percentile(warm[n].embed, 50) for n in BACKENDS}
        ask50 = {n: _percentile(warm[n].ask, 50) for n in BACKENDS}
        ask95 = {n: _percentile(warm[n].ask, 95) for n in BACKENDS}
        rows.append(("embed one question p50 (1 thread)", f"{embed['torch']:.1f} ms", f"{embed['onnx']:.1f} ms",
                     ratio(embed["torch"], embed["onnx"])))
        rows.append(("warm `ask()` p50 / p95 (1 thread)", f"{ask50['torch']:.1f} / {ask95['torch']:.1f} ms",
                     f"{ask50['onnx']:.1f} / {ask95['onnx']:.1f} ms", ratio(ask50["torch"], ask50["onnx"])))
        rows.append(("warm `ask()` p50 ÷ torch's embed-one-question p50",
                     f"{ask50['torch'] / embed['torch']:.2f}×", f"{ask50['onnx'] / embed['torch']:.2f}×", ""))
        del t, o

        # cold start and serving memory: fresh processes
        cold = _cold(corpus_dir, index_dirs, [q.question for q in questions[:SERVING_QUESTIONS]], cold_runs)
        rows.append((f"cold start to first answer (fresh process, median of {cold_runs})",
                     f"{cold['torch']['wall']:.2f} s", f"{cold['onnx']['wall']:.2f} s",
                     ratio(cold["torch"]["wall"], cold["onnx"]["wall"])))
        rows.append((f"serving RSS (fresh process, after {SERVING_QUESTIONS + 1} answers) / peak",
                     f"{cold['torch']['rss']:.0f} / {cold['torch']['peak']:.0f} MB",
                     f"{cold['onnx']['rss']:.0f} / {cold['onnx']['peak']:.0f} MB",
                     ratio(cold["torch"]["rss"], cold["onnx"]["rss"])))
        rows.append(("torch / transformers / sentence-transformers imported by serving",
                     ", ".join(cold["torch"]["loaded"]) or "none", ", ".join(cold["onnx"]["loaded"]) or "none", ""))

        # build throughput, model loaded
        rate, chunks, units = {}, 0, 0
        for name in BACKENDS:
            rate[name], chunks, units = _build_rate(corpus_dir, Path(tmp) / f"build-{name}", settings[name],
                                                    embedders[name], runs=3)
        rows.append((f"index build, shipped corpus ({chunks} chunks, {units} units; best of 3)",
                     f"{rate['torch']:.1f} chunks/s", f"{rate['onnx']:.1f} chunks/s", ratio(rate["torch"], rate["onnx"])))
        if scale_size:
            scale = _scale_corpus(scale_size)
            for name in BACKENDS:
                rate[name], chunks, units = _build_rate(scale, Path(tmp) / f"scale-{name}", settings[name],
                                                        embedders[name], runs=1)
            rows.append((f"index build, {scale_size}× corpus ({chunks:,} chunks, {units:,} units)",
                         f"{rate['torch']:.1f} chunks/s", f"{rate['onnx']:.1f} chunks/s",
                         ratio(rate["torch"], rate["onnx"])))

        # threads per question, idle and with the other core busy
        thread_rows = []
        for threads in (1, 2):
            for embedder in embedders.values():
                embedder.set_threads(threads)
            for busy in (False, True):
                if busy:
                    with _BusyCore():
                        timings = _latencies(bots, questions, repeats)
                else:
                    timings = _latencies(bots, questions, repeats)
                thread_rows.append((f"{threads} thread{'s' if threads > 1 else ''}, {'other core busy' if busy else 'idle'}",
                                    *[f"{_percentile(timings[n].ask, 50):.1f} / {_percentile(timings[n].ask, 95):.1f} ms"
                                      f" (embed {_percentile(timings[n].embed, 50):.1f})" for n in BACKENDS]))
        for name, embedder in embedders.items():
            embedder.set_threads(settings[name].onnx_threads if name == "onnx" else settings[name].torch_threads)
        for bot in bots.values():
            bot.close()
    load_after = os.getloadavg()

    lines = [f"{platform.machine()}, {os.cpu_count()} cores, Python {sys.version.split()[0]}; load average "
             f"{load_before[0]:.2f} before, {load_after[0]:.2f} after; {len(questions)} questions × {repeats}; "
             f"ONNX {'int8' if settings['onnx'].embedding_int8 else 'fp32'}"
             + (f" (the ONNX embedder fell back to torch: {embedders['onnx'].fallback_reason})"
                if getattr(embedders["onnx"], "fallback_reason", None) else ""),
             "", "| measure | torch | ONNX Runtime | ONNX ÷ torch |", "|---|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in rows]
    lines += ["", "| threads per question | torch: ask p50 / p95 (embed p50) | ONNX Runtime: ask p50 / p95 (embed p50) |",
              "|---|---|---|"]
    lines += [f"| {' | '.join(row)} |" for row in thread_rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default="eval/questions.jsonl")
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--repeats", type=int, default=1, help="passes over the question set per setting")
    parser.add_argument("--scale", type=int, default=100, metavar="N",
                        help="also time a build of benchmarks/scale.py's N× corpus (0: skip; default: 100)")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes per backend (default: 3)")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    print(run(args.questions, args.corpus, args.repeats, args.scale, args.cold_runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
