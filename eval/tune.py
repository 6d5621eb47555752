"""Choose fusion settings, reader weights and the abstention threshold by measurement.

    python eval/tune.py [QUESTIONS] [--top 10]

For every fusion setting in a small grid it retrieves each question's candidate passages once,
scores every answer unit's signals once, then tries every reader weighting in a grid (numpy,
no model calls). It prints the best settings by answer accuracy + Hit@1 on the question set,
then the confidence threshold that best separates answerable from unanswerable questions.
Nothing is written: copy the chosen values into assistant/config.py and eval/README.md.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dataclasses import fields  # noqa: E402

from assistant import Assistant  # noqa: E402
from assistant.config import MAX_ANSWER_CHARS, ConfidenceWeights, ReaderWeights  # noqa: E402
from assistant.evaluation import contains_any, load_questions  # noqa: E402
from assistant.reader import SIGNALS, Reader, confidence_score, score_candidates, signal_matrix  # noqa: E402
from assistant.retrieval import HybridRetriever  # noqa: E402

FUSIONS = [("rrf", 60, 0.5)] + [("weighted", 60, w) for w in (0.5, 0.7, 0.9)]
CONFIDENCE_GRID = {  # keys are ConfidenceWeights fields
    "similarity_share": (0.25, 0.5, 0.75),
    "missing_type_factor": (0.5, 0.75, 1.0),
    "other_page_factor": (0.5, 0.75, 1.0),
    "unknown_name_factor": (0.5, 0.75, 1.0),
}
GRID = {  # keys are ReaderWeights fields, in reader.SIGNALS order
    "dense": (1.5, 2.0, 3.0),
    "lexical": (0.5, 0.75, 1.0),
    "rank": (0.1, 0.2),
    "type_fit": (0.2, 0.4, 0.8),
    "heading": (0.15, 0.3, 0.6),
    "dead_intro": (0.5,),
    "other_page": (0.0, 0.25, 0.5, 1.0),
}
assert tuple(GRID) == SIGNALS and tuple(CONFIDENCE_GRID) == tuple(f.name for f in fields(ConfidenceWeights))


def collect(bot, questions, retriever, pool):
    """Per question: the candidate feature matrix and what each candidate would score."""
    rows = []
    for q in questions:
        resolved, wanted, query = bot.prepare(q.question, q.history)
        hits = retriever.search(query, pool)
        cands = bot.reader.candidates(wanted, query.tokens, query.vector, hits, query.text, query.carried)
        if not cands:
            rows.append(None)
            continue
        feats = signal_matrix(cands)
        texts = [hits[c.hit_rank].chunk.text[c.span[0] - hits[c.hit_rank].chunk.start:
                                             c.span[1] - hits[c.hit_rank].chunk.start] for c in cands]
        correct = np.array([q.answerable and len(t) <= MAX_ANSWER_CHARS and contains_any(t, q.answers)
                            for t in texts])
        relevant_hit = [q.answerable and contains_any(h.chunk.text, q.evidence) for h in hits]
        rows.append({"q": q, "wanted": wanted, "feats": feats, "correct": correct, "cands": cands,
                     "hit_of": np.array([c.hit_rank for c in cands]), "relevant_hit": relevant_hit,
                     "hits": hits, "tokens": query.tokens})
    return rows


def score_weights(rows, w):
    answered = hit1 = hit5 = n = 0
    for row in rows:
        if row is None or not row["q"].answerable:
            continue
        n += 1
        scores = score_candidates(row["feats"], w)
        best = int(np.argmax(scores))
        answered += bool(row["correct"][best])
        per_hit = {}
        for s, h in zip(scores, row["hit_of"]):
            per_hit[h] = max(per_hit.get(h, -1e9), s)
        order = sorted(per_hit, key=lambda h: -per_hit[h])
        first = next((r for r, h in enumerate(order, 1) if row["relevant_hit"][h]), None)
        hit1 += first == 1
        hit5 += first is not None and first <= 5
    return answered / n, hit1 / n, hit5 / n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("questions", nargs="?", default="eval/questions.jsonl")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    bot = Assistant.load()
    questions = load_questions(args.questions)
    results = []
    cached = {}
    for fusion, rrf_k, dense_weight in FUSIONS:
        retriever = HybridRetriever(bot.retriever("bm25"), bot.retriever("dense"), bot.index,
                                    fusion=fusion, rrf_k=rrf_k, dense_weight=dense_weight)
        rows = collect(bot, questions, retriever, bot.settings.candidate_chunks)
        cached[(fusion, rrf_k, dense_weight)] = rows
        for values in itertools.product(*GRID.values()):
            acc, h1, h5 = score_weights(rows, ReaderWeights(*values))
            results.append((acc + h1, acc, h1, h5, (fusion, rrf_k, dense_weight), values))
    results.sort(key=lambda r: -r[0])
    print(f"{'answer':>7} {'hit@1':>6} {'hit@5':>6}  fusion                 weights ({', '.join(GRID)})")
    for _, acc, h1, h5, fusion, values in results[: args.top]:
        print(f"{acc:7.3f} {h1:6.3f} {h5:6.3f}  {str(fusion):22} {values}")
    current = bot.settings
    now = (current.fusion, current.rrf_k, current.dense_weight)
    mine = [r for r in results if r[4] == now and tuple(r[5]) == current.reader.vector()]
    if mine:
        print(f"current settings: answer {mine[0][1]:.3f}, hit@1 {mine[0][2]:.3f}, hit@5 {mine[0][3]:.3f}")

    # Abstention: how confidence is built and where to cut, with the reader settings above.
    _, _, _, _, fusion, values = results[0]
    reader = Reader(bot.index.chunks.units, bot.index.unit_vectors, bot.retriever("bm25").idf,
                    ReaderWeights(*values), {d.doc_id: [d.title, *d.aliases] for d in bot.index.manifest.documents})
    outcomes = []  # (answerable, answer correct, selection, wanted answer type)
    for row in cached[fusion]:
        if row is None:
            continue
        q = row["q"]
        resolved, wanted, query = bot.prepare(q.question, q.history)
        _, selection = reader.read(wanted, query.tokens, query.vector, row["hits"], query.text, query.carried)
        correct = q.answerable and len(selection.text) <= MAX_ANSWER_CHARS and contains_any(selection.text, q.answers)
        outcomes.append((q.answerable, correct, selection, wanted))
    table = []
    for cw in itertools.product(*CONFIDENCE_GRID.values()):
        weights = ConfidenceWeights(*cw)
        confidences = [confidence_score(s.best, s.coverage, wanted, s.unknown_names, s.other_page, weights)
                       for _, _, s, wanted in outcomes]
        for threshold in np.arange(0.20, 0.62, 0.02):
            abstain = [c < threshold for c in confidences]
            negatives = sum(1 for a, *_ in outcomes if not a)
            tp = sum(1 for x, (a, *_) in zip(abstain, outcomes) if x and not a)
            precision = tp / sum(abstain) if any(abstain) else 1.0
            recall = tp / negatives if negatives else 1.0
            accuracy = _mean(c and not x for x, (a, c, *_) in zip(abstain, outcomes) if a)
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            table.append((f1, precision, recall, accuracy, cw, round(float(threshold), 2)))
    table.sort(key=lambda r: (-r[0], -r[3]))
    print(f"\n{'abst-F1':>7} {'abst-P':>6} {'abst-R':>6} {'answer':>6}  confidence ({', '.join(CONFIDENCE_GRID)}) threshold")
    for f1, p, r, a, cw, t in table[: args.top]:
        print(f"{f1:7.3f} {p:6.3f} {r:6.3f} {a:6.3f}  {cw} {t}")
    chosen = tuple(getattr(current.confidence, name) for name in CONFIDENCE_GRID)
    for f1, p, r, a, cw, t in table:
        if cw == chosen and abs(t - current.abstain_below) < 1e-6:
            print(f"current: abstain F1 {f1:.3f}, P {p:.3f}, R {r:.3f}, answer accuracy {a:.3f}")


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


if __name__ == "__main__":
    main()
