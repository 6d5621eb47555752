"""What each part adds: the development set scored with one part switched off at a time.

    python eval/ablation.py [QUESTIONS]

Query-time switches reuse one index; build-time ones (breadcrumb headers, chunk vectors)
build their own index in a temporary folder. Prints a Markdown table for eval/README.md.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant import Assistant, Settings  # noqa: E402
from assistant.evaluation import evaluate, load_questions  # noqa: E402

VARIANTS = [
    ("full system (hybrid, weighted fusion)", {}, "hybrid"),
    ("BM25 only", {}, "bm25"),
    ("dense only", {}, "dense"),
    ("RRF fusion instead of weighted", {"fusion": "rrf"}, "hybrid"),
    ("no re-ranking by the reader", {"rerank": False}, "hybrid"),
    ("no answer typing", {"answer_typing": False}, "hybrid"),
    ("no follow-up resolution", {"resolve_followups": False}, "hybrid"),
    ("Okapi idf (floored) instead of Lucene idf", {"bm25_idf": "okapi"}, "hybrid"),
    ("no breadcrumb headers (rebuilds)", {"breadcrumb_headers": False}, "hybrid"),
    ("chunk vectors encoded, not unit means (rebuilds)", {"chunk_vectors": "encode"}, "hybrid"),
]
COLUMNS = ("hit@1", "hit@5", "mrr@10", "answer_accuracy", "abstain_precision", "abstain_recall")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="?", default="eval/questions.jsonl")
    args = parser.parse_args()
    questions = load_questions(args.questions)
    base = Assistant.load()
    follow_ups = [q for q in questions if q.history]
    print(f"| variant | {' | '.join(COLUMNS)} | follow-up answers |")
    print("|---|" + "---|" * (len(COLUMNS) + 1))
    with tempfile.TemporaryDirectory() as tmp:
        for name, changes, mode in VARIANTS:
            settings = replace(Settings(), mode=mode, **changes)
            if settings.build_fingerprint() == base.settings.build_fingerprint():
                bot = Assistant(base.index, base.embedder, settings)
            else:
                bot = Assistant.load("corpus", Path(tmp) / name.split()[0], settings, base.embedder)
            report = evaluate(bot, questions, mode=mode)
            fu = evaluate(bot, follow_ups, mode=mode).metrics["answer_accuracy"]
            cells = " | ".join(f"{report.metrics[c]:.3f}" for c in COLUMNS)
            print(f"| {name} | {cells} | {fu:.3f} |", flush=True)


if __name__ == "__main__":
    main()
