"""Calibrated confidence: the logistic model's arithmetic, the shipped calibration, and the bands it gives."""
import json
import math

import pytest

from assistant.calibration import CALIBRATION_FILE, Calibration, load_calibration
from assistant.config import Settings


def test_the_probability_is_a_logistic_of_standardised_features():
    cal = Calibration(("similarity", "margin"), (0.5, 0.1), (0.2, 0.05), (1.0, 2.0), -0.5)
    z = -0.5 + 1.0 * (0.7 - 0.5) / 0.2 + 2.0 * (0.2 - 0.1) / 0.05
    assert cal.probability({"similarity": 0.7, "margin": 0.2}) == pytest.approx(1 / (1 + math.exp(-z)), abs=1e-4)


def test_an_unfitted_calibration_passes_the_raw_confidence_through():
    assert Calibration().probability({"blend": 0.73}) == 0.73
    assert Calibration().probability({"blend": 1.7}) == 1.0


def test_the_shipped_calibration_was_fitted_on_the_development_sets():
    data = json.loads(CALIBRATION_FILE.read_text())
    cal = load_calibration()
    assert cal.coef and len(cal.coef) == len(cal.features) == len(cal.mean) == len(data["features"])
    assert "eval/questions.jsonl" in cal.fitted_on and "eval/foreign/questions.jsonl" in cal.fitted_on
    assert 0 < cal.abstain_below <= cal.medium_from <= cal.high_from <= 1
    assert set(cal.composed) >= {"compare", "superlative", "collection"}


def test_bands_follow_the_calibration_unless_settings_override_them():
    cal = load_calibration()
    settings = Settings()
    assert settings.abstain_below == cal.abstain_below
    assert settings.confidence_label(cal.high_from) == "high"
    assert settings.confidence_label(cal.high_from - 0.001) == "medium"
    assert settings.confidence_label(cal.medium_from - 0.001) == "low"
    override = Settings.from_env({"ASSISTANT_LABEL_HIGH": "0.5", "ASSISTANT_ABSTAIN_THRESHOLD": "0.2"})
    assert override.confidence_label(0.55) == "high" and override.abstain_below == 0.2


def test_a_bad_calibration_file_is_named(tmp_path):
    bad = tmp_path / "cal.json"
    bad.write_text("[1, 2]")
    with pytest.raises(ValueError, match="is not a calibration file"):
        load_calibration(str(bad))
    with pytest.raises(ValueError, match="does not exist"):
        load_calibration(str(tmp_path / "missing.json"))
