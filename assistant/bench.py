"""Performance benchmark: ``python -m assistant.bench`` prints a Markdown table.

Measured in one run, on this machine: warm ``ask()`` latency p50/p95 over a question set, the
time to embed one question with the same model, index build time for the shipped corpus with
the model loaded, cold start to first answer (a fresh process), and peak memory. Latency is
measured with torch on 1 and on 2 threads, idle and while another process keeps one core busy,
which is how the thread default was chosen.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .config import Settings
from .evaluation import load_questions, percentile


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


def _latencies(bot, questions, repeats: int) -> tuple[list[float], list[float]]:
    """(ask latencies, one-question embedding latencies) in ms, interleaved so both see the same load."""
    ask, embed = [], []
    for _ in range(repeats):
        for q in questions:
            started = time.perf_counter()
            bot.embedder.encode([q.question])
            embed.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            bot.ask(q.question, history=q.history)
            ask.append((time.perf_counter() - started) * 1000)
    return ask, embed


def run(questions_path: str, corpus: str, repeats: int) -> list[tuple[str, str]]:
    from .build import build_index
    from .embedding import SentenceTransformerEmbedder
    from .pipeline import Assistant

    rows: list[tuple[str, str]] = []
    settings = Settings()
    questions = load_questions(questions_path)
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        started = time.perf_counter()
        embedder = SentenceTransformerEmbedder(settings.model, settings.torch_threads, settings.build_threads)
        bot = Assistant.load(corpus, index_dir, settings, embedder)
        rows.append(("first load: model + index build", f"{time.perf_counter() - started:.2f} s"))
        builds = []
        for _ in range(3):
            started = time.perf_counter()
            report = build_index(corpus, index_dir, settings, embedder)
            builds.append(time.perf_counter() - started)
        rows.append((f"index build, shipped corpus ({report.chunks} chunks, {report.units} units), model loaded",
                     f"{statistics.median(builds):.2f} s (median of 3; min {min(builds):.2f} s)"))
        bot.reload()
        bot.ask("warm up")
        for threads in (1, 2):
            embedder.set_threads(threads)
            for loaded in (False, True):
                label = f"{threads} thread{'s' if threads > 1 else ''}, {'other core busy' if loaded else 'idle'}"
                if loaded:
                    with _BusyCore():
                        ask, embed = _latencies(bot, questions, repeats)
                else:
                    ask, embed = _latencies(bot, questions, repeats)
                rows.append((f"warm ask() p50 / p95, {label}",
                             f"{_percentile(ask, 50):.1f} / {_percentile(ask, 95):.1f} ms"))
                rows.append((f"embed one question p50, {label}", f"{_percentile(embed, 50):.1f} ms"))
                rows.append((f"ask / embed p50 ratio, {label}", f"{_percentile(ask, 50) / _percentile(embed, 50):.2f}x"))
        embedder.set_threads(settings.torch_threads)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append(("peak memory (RSS) of this process", f"{peak:.0f} MB"))
        code = ("import time; t=time.perf_counter(); from assistant import Assistant; "
                f"b=Assistant.load({corpus!r}, {str(index_dir)!r}); "
                "b.ask('How much does a mid-level MLOps manager earn?'); print(time.perf_counter()-t)")
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
        colds = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                      check=True).stdout.strip()) for _ in range(2)]
        rows.append(("cold start to first answer (new process, index built)",
                     f"{min(colds):.2f} s (best of 2; imports dominate)"))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--questions", default="eval/questions.jsonl")
    parser.add_argument("--corpus", default="corpus")
    parser.add_argument("--repeats", type=int, default=1, help="passes over the question set per setting")
    args = parser.parse_args(argv)
    rows = run(args.questions, args.corpus, args.repeats)
    print(f"| measure ({os.cpu_count()} cores, Python {sys.version.split()[0]}) | value |")
    print("|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
