"""Plot latency and memory against corpus size from .cache/scale/results.json.

    python benchmarks/plot.py [--out benchmarks/scale.png]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", default=str(ROOT / ".cache" / "scale" / "results.json"))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "scale.png"))
    args = parser.parse_args()
    rows = sorted(json.loads(Path(args.results).read_text()), key=lambda r: r["chunks"])
    chunks = [r["chunks"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    left.plot(chunks, [r["ask_p50_ms"] for r in rows], "o-", label="ask() p50")
    left.plot(chunks, [r["ask_p95_ms"] for r in rows], "o--", label="ask() p95")
    left.plot(chunks, [r["embed_p50_ms"] for r in rows], "s:", label="embed one question p50")
    left.plot(chunks, [r["bm25_p50_ms"] for r in rows], "^-", alpha=0.6, label="BM25 p50")
    left.plot(chunks, [r["faiss_p50_ms"] for r in rows], "v-", alpha=0.6, label="FAISS p50")
    left.set(xscale="log", xlabel="chunks in the index", ylabel="milliseconds", title="Warm query latency")
    left.grid(True, which="both", alpha=0.3)
    left.legend(fontsize=8)
    right.plot(chunks, [r["peak_rss_mb"] for r in rows], "o-", label="serving process, peak RSS")
    right.plot(chunks, [r["build_peak_rss_mb"] for r in rows], "s--", label="build process, peak RSS")
    right.plot(chunks, [r["index_mb"] for r in rows], "^:", label="index on disk")
    right.axhline(2048, color="red", lw=0.8, ls="--", label="2 GB")
    right.set(xscale="log", yscale="log", xlabel="chunks in the index", ylabel="MB", title="Memory and disk")
    right.grid(True, which="both", alpha=0.3)
    right.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
