"""Scoring the assistant on labelled questions: retrieval, answers, abstention, latency, calibration.

A passage counts as relevant when it contains one of the question's evidence strings after
normalising case, whitespace and dash variants, so scores don't depend on how the corpus
happens to be chunked. Ranking metrics come from ir-measures (trec_eval's implementations).

Single-fact questions list acceptable ``answers``; multi-fact questions list ``must`` groups (the
reply must contain one string of every group, within ``max_chars``, 700 by default). The report
keeps them apart: ``answer_accuracy`` is over single-fact questions, ``multi_fact_accuracy`` over
the others, abstention precision/recall over every question.
"""
from __future__ import annotations

import re
import statistics
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import ir_measures
from ir_measures import RR, Success, nDCG

from .jsonl import read_jsonl
from .config import MAX_ANSWER_CHARS
from .text import normalize

REQUIRED_KEYS = ("id", "question", "history", "answers", "evidence", "answerable", "category")
MULTI_FACT_MAX_CHARS = 700
LABELS = ("high", "medium", "low")
RANKING_MEASURES = (Success @ 1, Success @ 3, Success @ 5, RR @ 10, nDCG @ 10)
MEASURE_NAMES = {Success @ 1: "hit@1", Success @ 3: "hit@3", Success @ 5: "hit@5", RR @ 10: "mrr@10",
                 nDCG @ 10: "ndcg@10"}


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    history: list[str]
    answers: list[str]
    evidence: list[str]
    answerable: bool
    category: str
    must: list[list[str]] | None = None  # multi-fact: one string of every group
    max_chars: int | None = None

    @property
    def multi_fact(self) -> bool:
        return self.must is not None


@dataclass
class QuestionResult:
    id: str
    category: str
    question: str
    history: list[str]
    answerable: bool
    first_relevant_rank: int | None  # 1-based rank among the cited passages, None if absent
    answer: str | None
    abstained: bool
    confidence: float
    answer_correct: bool
    latency_ms: float
    multi_fact: bool = False
    confidence_label: str = ""
    kind: str = ""


@dataclass
class ModeReport:
    mode: str
    questions: int
    metrics: dict[str, float]
    categories: dict[str, dict[str, float]]
    failures: list[QuestionResult] = field(default_factory=list)
    results: list[QuestionResult] = field(default_factory=list)
    reliability: dict[str, dict[str, float]] = field(default_factory=dict)

    def to_dict(self, with_results: bool = False) -> dict:
        data = {"mode": self.mode, "questions": self.questions, "metrics": self.metrics,
                "categories": self.categories, "reliability": self.reliability,
                "failures": [asdict(f) for f in self.failures]}
        if with_results:
            data["results"] = [asdict(r) for r in self.results]
        return data


def load_questions(path: str | Path) -> list[EvalQuestion]:
    """Read a question file (JSON lines); a malformed line raises ``ValueError`` naming it."""
    questions, seen = [], set()
    for n, row in read_jsonl(path, "question file"):
        missing = [k for k in REQUIRED_KEYS if k not in row]
        if missing:
            raise ValueError(f"{path}:{n}: missing keys {', '.join(missing)}")
        if row["id"] in seen:
            raise ValueError(f"{path}:{n}: duplicate id {row['id']!r}")
        seen.add(row["id"])
        if not isinstance(row["history"], list) or not isinstance(row["answers"], list) \
                or not isinstance(row["evidence"], list) or not isinstance(row["answerable"], bool):
            raise ValueError(f"{path}:{n}: history, answers and evidence must be lists, answerable a boolean")
        if row["answerable"] and not row["evidence"]:
            raise ValueError(f"{path}:{n}: an answerable question needs at least one evidence string")
        must = row.get("must")
        if must is not None and (not isinstance(must, list) or not must or not all(
                isinstance(g, list) and g and all(isinstance(x, str) and x.strip() for x in g) for g in must)):
            raise ValueError(f"{path}:{n}: must is a non-empty list of non-empty lists of strings")
        if row["answerable"] and must is None and not row["answers"]:
            raise ValueError(f"{path}:{n}: an answerable question needs answers or must groups")
        max_chars = row.get("max_chars")
        if max_chars is not None and (not isinstance(max_chars, int) or max_chars < 1):
            raise ValueError(f"{path}:{n}: max_chars must be a positive integer")
        questions.append(EvalQuestion(str(row["id"]), row["question"], list(row["history"]),
                                      list(row["answers"]), list(row["evidence"]), row["answerable"],
                                      str(row["category"]), must, max_chars))
    if not questions:
        raise ValueError(f"{path} holds no questions")
    return questions


def match_key(text: str) -> str:
    """Case, whitespace, dash and quote variants folded away, for substring matching."""
    return re.sub(r"\s+", " ", normalize(text)).strip().lower()


def contains_any(text: str, needles: list[str]) -> bool:
    key = match_key(text)
    return any(match_key(n) in key for n in needles if n.strip())


def answer_is_correct(reply, q: EvalQuestion) -> bool:
    """Right when the reply answers (not an abstention or a help message), within the length limit,
    and contains an acceptable answer (single fact) or one string of every ``must`` group."""
    if reply.abstained or reply.answer is None or getattr(reply, "kind", "answer") == "help":
        return False
    if q.must is not None:
        return len(reply.answer) <= (q.max_chars or MULTI_FACT_MAX_CHARS) and all(
            contains_any(reply.answer, group) for group in q.must)
    return len(reply.answer) <= (q.max_chars or MAX_ANSWER_CHARS) and contains_any(reply.answer, q.answers)


def ranking_metrics(qrels: dict[str, dict[str, int]], run: dict[str, dict[str, float]]) -> dict[str, float]:
    """Hit@1/3/5, MRR@10, nDCG@10 averaged over the queries in ``qrels`` (ir-measures)."""
    if not qrels:
        return {name: 0.0 for name in MEASURE_NAMES.values()}
    full_run = {qid: run.get(qid, {}) for qid in qrels}
    scores = ir_measures.calc_aggregate(RANKING_MEASURES, qrels, full_run)
    return {MEASURE_NAMES[m]: round(float(scores.get(m, 0.0)), 4) for m in RANKING_MEASURES}


def evaluate(bot, questions: list[EvalQuestion], mode: str = "hybrid", k: int = 10,
             progress: bool = False) -> ModeReport:
    """Ask every question through ``bot.ask`` in one retrieval mode and score the replies."""
    chunks = list(bot.index.chunks)
    chunk_of = {(c.doc_id, c.start, c.end): c.chunk_id for c in chunks}  # a citation's passage -> its chunk
    qrels: dict[str, dict[str, int]] = {}
    run: dict[str, dict[str, float]] = {}
    results: list[QuestionResult] = []
    iterator = questions
    if progress:
        from tqdm import tqdm

        iterator = tqdm(questions, desc=f"eval {mode}", unit="q", leave=False)
    for q in iterator:
        started = time.perf_counter()
        reply = bot.ask(q.question, history=q.history, k=k, mode=mode)
        latency = (time.perf_counter() - started) * 1000
        rank = None
        if q.answerable:
            qrels[q.id] = {str(c.chunk_id): 1 for c in chunks if contains_any(c.text, q.evidence)}
            ids = [chunk_of.get((c.doc_id, c.start, c.end), -1) for c in reply.citations]
            # Scores fall with the cited order, which is the order a reader sees.
            run[q.id] = {str(cid): float(len(ids) - n) for n, cid in enumerate(ids)}
            rank = next((n for n, c in enumerate(reply.citations, start=1)
                         if contains_any(c.text, q.evidence)), None)
        results.append(QuestionResult(
            q.id, q.category, q.question, q.history, q.answerable, rank, reply.answer, reply.abstained,
            reply.confidence, answer_is_correct(reply, q) if q.answerable else reply.abstained, latency,
            q.multi_fact, reply.confidence_label, reply.kind,
        ))
    metrics = ranking_metrics({k_: v for k_, v in qrels.items() if v}, run)
    metrics.update(_answer_metrics(results))
    categories = {}
    for category in sorted({r.category for r in results}):
        rows = [r for r in results if r.category == category]
        answerable = [r for r in rows if r.answerable]
        categories[category] = {
            "n": len(rows),
            "hit@5": round(_mean([r.first_relevant_rank is not None and r.first_relevant_rank <= 5
                                  for r in answerable]), 4) if answerable else None,
            "correct": round(_mean([r.answer_correct for r in rows]), 4),
        }
    failures = [r for r in results if not r.answer_correct
                or (r.answerable and (r.first_relevant_rank is None or r.first_relevant_rank > 5))]
    missing = [qid for qid, rel in qrels.items() if not rel]
    if missing:
        metrics["questions_without_relevant_passage"] = len(missing)
    return ModeReport(mode, len(results), metrics, categories, failures, results, reliability(results))


def _answer_metrics(results: list[QuestionResult]) -> dict[str, float]:
    single = [r for r in results if r.answerable and not r.multi_fact]
    multi = [r for r in results if r.answerable and r.multi_fact]
    unanswerable = [r for r in results if not r.answerable]
    abstained = [r for r in results if r.abstained]
    true_abstentions = [r for r in unanswerable if r.abstained]
    latencies = sorted(r.latency_ms for r in results)
    metrics = {"answer_accuracy": round(_mean([r.answer_correct for r in single]), 4)}
    if multi:
        metrics["multi_fact_accuracy"] = round(_mean([r.answer_correct for r in multi]), 4)
    metrics.update({
        "abstain_precision": round(len(true_abstentions) / len(abstained), 4) if abstained else 1.0,
        "abstain_recall": round(len(true_abstentions) / len(unanswerable), 4) if unanswerable else 1.0,
        "latency_p50_ms": round(percentile(latencies, 50), 2),
        "latency_p95_ms": round(percentile(latencies, 95), 2),
    })
    return metrics


def reliability(results: list[QuestionResult]) -> dict[str, dict[str, float]]:
    """Per confidence label shown to the user: how many replies (answers, not abstentions) carried
    it and how many of those were right. "right" for an unanswerable question is never: any answer
    to it is wrong."""
    table = {}
    for label in LABELS:
        rows = [r for r in results if not r.abstained and r.kind != "help" and r.confidence_label == label]
        right = sum(1 for r in rows if r.answerable and r.answer_correct)
        table[label] = {"n": len(rows), "right": right, "rate": round(right / len(rows), 4) if rows else None}
    return table


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def percentile(sorted_values: list[float], pct: float) -> float:
    """The ``pct``-th percentile of sorted values (linear interpolation, numpy's default)."""
    if not sorted_values:
        return 0.0
    if len(sorted_values) == 1:
        return sorted_values[0]
    return statistics.quantiles(sorted_values, n=100, method="inclusive")[int(pct) - 1]
