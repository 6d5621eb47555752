"""Calibrated confidence: the probability that a reply is right, fitted on the development sets.

The reader's signals (similarity, coverage, answer type met, unknown words, margin over the next
passage, …; ``Selection.features``) go through a logistic model fitted by ``eval/calibrate.py``
with scikit-learn on the development questions (eval/questions.jsonl and eval/foreign/). A composed
answer gets the rate at which answers composed the same way were right there. The fitted model,
the abstention threshold and the label bands live in ``calibration.json`` beside this module, so a
serving process needs only numpy to apply them.
"""
from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

CALIBRATION_FILE = Path(__file__).with_name("calibration.json")


@dataclass(frozen=True)
class Calibration:
    """A fitted logistic model over named features, and what its probabilities mean to a user."""

    features: tuple[str, ...] = ()
    mean: tuple[float, ...] = ()
    scale: tuple[float, ...] = ()
    coef: tuple[float, ...] = ()
    intercept: float = 0.0
    abstain_below: float = 0.38  # below this probability the assistant abstains
    high_from: float = 0.7  # label "high" from here (chosen so high answers are right >= 97% on dev)
    medium_from: float = 0.5  # "medium" from here; below it "low" (shown as "closest passage")
    composed: dict[str, float] = field(default_factory=dict)  # how an answer was composed -> rate right
    fitted_on: str = ""

    def probability(self, features: dict[str, float]) -> float:
        """P(right) for a reader answer; the raw blended confidence when nothing was fitted."""
        if not self.coef:
            return round(min(1.0, max(0.0, features.get("blend", 0.0))), 4)
        z = self.intercept
        for name, mean, scale, weight in zip(self.features, self.mean, self.scale, self.coef):
            z += weight * (features.get(name, 0.0) - mean) / (scale or 1.0)
        return round(1.0 / (1.0 + math.exp(-z)), 4)

    def composed_confidence(self, how: str, default: float) -> float:
        return round(self.composed.get(how, default), 4)

    def to_json(self) -> dict:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept, "abstain_below": self.abstain_below,
                "high_from": self.high_from, "medium_from": self.medium_from, "composed": dict(self.composed),
                "fitted_on": self.fitted_on}

    @classmethod
    def from_json(cls, data: dict) -> "Calibration":
        return cls(tuple(data.get("features", ())), tuple(float(x) for x in data.get("mean", ())),
                   tuple(float(x) for x in data.get("scale", ())), tuple(float(x) for x in data.get("coef", ())),
                   float(data.get("intercept", 0.0)), float(data.get("abstain_below", 0.38)),
                   float(data.get("high_from", 0.7)), float(data.get("medium_from", 0.5)),
                   {str(k): float(v) for k, v in dict(data.get("composed", {})).items()}, str(data.get("fitted_on", "")))


@functools.lru_cache(maxsize=4)
def load_calibration(path: str = "") -> Calibration:
    """The calibration in ``path`` (default: the one shipped with the package); a missing default
    file means "not fitted" (raw confidence, the old thresholds).

    Raises:
        ValueError: a named file is missing or is not a calibration.
    """
    target = Path(path) if path else CALIBRATION_FILE
    if not target.is_file():
        if path:
            raise ValueError(f"calibration file {path} does not exist")
        return Calibration()
    try:
        return Calibration.from_json(json.loads(target.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise ValueError(f"{target} is not a calibration file ({exc})") from exc
