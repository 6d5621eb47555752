"""Fit the confidence calibration on the development sets and choose the thresholds by measurement.

    python eval/calibrate.py [--write] [--abstain-below T]

Asks every development question (eval/questions.jsonl over the shipped corpus, and
eval/foreign/questions.jsonl over the shipped corpus plus eval/foreign/corpus; with
``--all-development``, every development set in eval/ but the checks and held-out files) with calibration off,
records the reader's signals for its best answer and whether that answer is right (any answer to an
unanswerable question is wrong), and fits a logistic model with scikit-learn. Thresholds are chosen
on out-of-fold probabilities (5-fold cross-validation), not on the fitted ones:

- abstain below the probability that maximises right outcomes: right answers shown, abstentions on
  unanswerable questions, and half for declining a question whose best answer was wrong;
- "high" from the lowest probability above which answers are right at least 97% of the time;
- "medium" from the lowest probability above which they are right at least 75% of the time.

A composed answer's confidence is the rate at which answers composed the same way ("compare",
"lookup", …) were right on the development sets (add-one smoothed). ``--write`` saves
assistant/calibration.json; without it the script only prints what it would write.

``--abstain-below T`` stores T instead of the sweep's choice. The shipped threshold (0.20) was chosen
end to end: ``ASSISTANT_ABSTAIN_THRESHOLD=T python -m assistant eval FILE`` over eval/questions.jsonl,
eval/foreign/questions.jsonl and eval/fresh.jsonl for T from 0.15 to 0.31, maximising answer
accuracy plus abstention F1 summed over the three (eval/README.md has the table); the out-of-fold
sweep above only sees the reader's answers, not the composed ones and scope abstentions around them.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant import Assistant, Settings  # noqa: E402
from assistant.calibration import CALIBRATION_FILE, Calibration  # noqa: E402
from assistant.evaluation import answer_is_correct, contains_any, load_questions  # noqa: E402

FEATURES = ("blend", "similarity", "coverage", "lexical", "heading", "type_fit", "typed", "missing_type",
            "other_page", "unknown_names", "unknown_words", "rare_unknown_words", "margin", "rank", "item")
# Sets kept for checking (written blind and never read) and the held-out files: never fitted on.
CHECK_SETS = frozenset({"heldout", "fresh8", "fresh31", "foreign-heldout", "foreign9", "foreign32"})


def development_sets() -> list[tuple[str, list[str]]]:
    """Every development question file in eval/: the shipped page's (eval/*.jsonl) and the foreign
    layouts' (eval/*/questions.jsonl, asked over the shipped corpus plus that folder's corpus)."""
    sets = [(f"eval/{p.name}", []) for p in sorted((ROOT / "eval").glob("*.jsonl")) if p.stem not in CHECK_SETS]
    sets += [(f"eval/{p.parent.name}/questions.jsonl", [f"eval/{p.parent.name}/corpus"])
             for p in sorted((ROOT / "eval").glob("*/questions.jsonl")) if p.parent.name not in CHECK_SETS]
    return sets


SETS = [("eval/questions.jsonl", []), ("eval/foreign/questions.jsonl", ["eval/foreign/corpus"])]
HIGH_PRECISION, MEDIUM_PRECISION = 0.97, 0.75


def corpus_with(extras: list[str], folder: Path) -> Path:
    target = folder / "corpus"
    shutil.copytree(ROOT / "corpus", target / "corpus")
    for extra in extras:
        shutil.copytree(ROOT / extra, target / Path(extra).parent.name)
    return target


def collect(settings: Settings, sets=SETS) -> tuple[list[dict], list[tuple[str, bool]]]:
    """(reader rows, composed outcomes) over the question sets."""
    rows, composed = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (path, extras) in enumerate(sets):
            folder = Path(tmp) / str(n)
            corpus = corpus_with(extras, folder) if extras else ROOT / "corpus"
            bot = Assistant.load(corpus, folder / "index", settings)
            for q in load_questions(ROOT / path):
                d = bot.diagnose(q.question, history=q.history, k=10)
                if d.features is not None:
                    right = bool(q.answerable and q.must is None and d.reader_answer is not None
                                 and len(d.reader_answer) <= 400 and contains_any(d.reader_answer, q.answers))
                    rows.append({"id": q.id, "set": path, "features": d.features, "right": right,
                                 "answerable": q.answerable, "multi": q.must is not None, "how": d.how})
                if d.how and d.how != "scope":
                    composed.append((d.how, bool(q.answerable and answer_is_correct(d.reply, q))))
            bot.close()
    return rows, composed


def fit(rows: list[dict]):
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict
    from sklearn.preprocessing import StandardScaler

    usable = [r for r in rows if not r["multi"]]
    X = np.array([[r["features"].get(name, 0.0) for name in FEATURES] for r in usable])
    y = np.array([r["right"] for r in usable], dtype=int)
    scaler = StandardScaler().fit(X)
    model = LogisticRegression(C=0.5, max_iter=1000)
    oof = cross_val_predict(model, scaler.transform(X), y, cv=5, method="predict_proba")[:, 1]
    model.fit(scaler.transform(X), y)
    return usable, scaler, model, oof


def thresholds(usable: list[dict], probs: np.ndarray) -> tuple[float, float, float, list]:
    answerable = np.array([r["answerable"] for r in usable])
    right = np.array([r["right"] for r in usable])
    table = []
    for t in np.arange(0.05, 0.95, 0.01):
        abstain = probs < t
        tp = int(np.sum(abstain & ~answerable))
        precision = tp / max(1, int(np.sum(abstain)))
        recall = tp / max(1, int(np.sum(~answerable)))
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        accuracy = float(np.mean((right & ~abstain)[answerable]))
        table.append((round(float(t), 2), f1, precision, recall, accuracy))
    def utility(t: float) -> float:
        """Right answers shown + abstentions on unanswerable questions + half for declining a
        question whose best answer was wrong (an honest "don't know" beats a wrong answer)."""
        shown = probs >= t
        return float(np.sum(shown & right) + np.sum(~shown & ~answerable) + 0.5 * np.sum(~shown & answerable & ~right))

    abstain_below = max((row[0] for row in table), key=lambda t: (utility(t), -t))

    def lowest_with(precision_needed: float) -> float:
        for t in np.arange(abstain_below, 1.0, 0.01):
            shown = probs >= t
            if np.sum(shown) and np.mean(right[shown]) >= precision_needed:
                return round(float(t), 2)
        return 1.0

    return abstain_below, lowest_with(HIGH_PRECISION), lowest_with(MEDIUM_PRECISION), table


def reliability(usable: list[dict], probs: np.ndarray, cal: Calibration) -> list[tuple[str, int, int]]:
    out = []
    for label, lo, hi in (("high", cal.high_from, 1.01), ("medium", cal.medium_from, cal.high_from),
                          ("low", cal.abstain_below, cal.medium_from)):
        shown = [r["right"] for r, p in zip(usable, probs) if lo <= p < hi]
        out.append((label, len(shown), sum(shown)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"save {CALIBRATION_FILE.relative_to(ROOT)}")
    parser.add_argument("--all-development", action="store_true",
                        help="fit on every development set in eval/ (measured: no better end to end; see eval/README.md)")
    parser.add_argument("--abstain-below", type=float, metavar="T",
                        help="store this abstention threshold instead of the sweep's choice (shipped: 0.20)")
    args = parser.parse_args()
    if args.abstain_below is not None and not 0.0 <= args.abstain_below <= 1.0:
        parser.error(f"--abstain-below must be within [0, 1], got {args.abstain_below}")
    settings = replace(Settings.from_env(), calibrate=False)
    sets = development_sets() if args.all_development else SETS
    rows, composed = collect(settings, sets)
    usable, scaler, model, oof = fit(rows)
    abstain_below, high_from, medium_from, table = thresholds(usable, oof)
    if args.abstain_below is not None:
        abstain_below = args.abstain_below
    rates = {}
    for how in sorted({h for h, _ in composed}):
        outcomes = [ok for h, ok in composed if h == how]
        rates[how] = round((sum(outcomes) + 1) / (len(outcomes) + 2), 4)
    cal = Calibration(FEATURES, tuple(float(x) for x in scaler.mean_), tuple(float(x) for x in scaler.scale_),
                      tuple(float(x) for x in model.coef_[0]), float(model.intercept_[0]), abstain_below, high_from,
                      medium_from, rates, fitted_on=", ".join(path for path, _ in sets))
    print(f"{len(usable)} reader answers, {sum(r['right'] for r in usable)} right; "
          f"{sum(not r['answerable'] for r in usable)} unanswerable questions")
    print("\nthreshold sweep (out-of-fold): t, abstain F1, P, R, answer accuracy")
    for row in table[::5]:
        print("  " + "  ".join(f"{x:.3f}" if isinstance(x, float) else str(x) for x in row))
    print(f"\nchosen: abstain below {abstain_below}, high from {high_from}, medium from {medium_from}")
    print("reliability (out-of-fold, reader answers shown): label, n, right")
    for label, n, right in reliability(usable, oof, cal):
        print(f"  {label:6} {n:4} {right:4}  {right / n if n else float('nan'):.3f}")
    print("\ncomposed answers (rate right, smoothed):")
    for how, rate in rates.items():
        n = sum(1 for h, _ in composed if h == how)
        print(f"  {how:12} n={n:3} rate={rate}")
    print("\ncoefficients (standardised features):")
    for name, coef in sorted(zip(FEATURES, cal.coef), key=lambda x: -abs(x[1])):
        print(f"  {name:20} {coef:+.3f}")
    if args.write:
        CALIBRATION_FILE.write_text(json.dumps(cal.to_json(), indent=2) + "\n", encoding="utf-8")
        print(f"\nwrote {CALIBRATION_FILE}")


if __name__ == "__main__":
    main()
