"""Settings: one home for every default, nested reader/confidence weights, env and file overrides."""
import json

import pytest

from assistant.config import ConfidenceWeights, ReaderWeights, Settings, pipeline_modules


def test_defaults_are_the_tuned_values():
    s = Settings()
    assert s.reader == ReaderWeights(2.0, 0.75, 0.2, 0.4, 0.3, 0.5, 0.5)
    assert s.confidence == ConfidenceWeights(0.75, 0.5, 0.5, 0.5)
    assert (s.mode, s.fusion, s.dense_weight, s.abstain_threshold) == ("hybrid", "weighted", 0.7, None)
    assert s.calibrate and 0.0 < s.abstain_below < 1.0  # from the fitted calibration shipped with the package


def test_environment_overrides_flat_and_nested_values():
    s = Settings.from_env({"ASSISTANT_MODE": "bm25", "ASSISTANT_RERANK": "no",
                           "ASSISTANT_READER__LEXICAL": "1.25", "ASSISTANT_CONFIDENCE__SIMILARITY_SHARE": "0.5"})
    assert (s.mode, s.rerank, s.reader.lexical, s.confidence.similarity_share) == ("bm25", False, 1.25, 0.5)
    assert s.reader.dense == ReaderWeights().dense  # untouched fields keep their defaults


def test_a_settings_file_then_the_environment(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"candidate_chunks": 30, "reader": {"heading": 0.6}}))
    s = Settings.from_env({"ASSISTANT_SETTINGS": str(path), "ASSISTANT_READER__RANK": "0.1"})
    assert (s.candidate_chunks, s.reader.heading, s.reader.rank) == (30, 0.6, 0.1)


@pytest.mark.parametrize("environ, message", [
    ({"ASSISTANT_CANDIDATE_CHUNKS": "many"}, "ASSISTANT_CANDIDATE_CHUNKS='many' is not a valid int"),
    ({"ASSISTANT_READER__DENSE": "high"}, "ASSISTANT_READER__DENSE='high' is not a valid float"),
    ({"ASSISTANT_MODE": "magic"}, "mode must be one of hybrid, bm25, dense, got 'magic'"),
    ({"ASSISTANT_DENSE_WEIGHT": "1.5"}, r"dense_weight must be within \[0, 1\]"),
    ({"ASSISTANT_SETTINGS": "/no/such/file.json"}, "could not read a JSON object"),
])
def test_bad_values_are_named(environ, message):
    with pytest.raises(ValueError, match=message):
        Settings.from_env(environ)


@pytest.mark.parametrize("data, message", [
    ({"reader": {"densee": 1.0}}, r"settings.reader: unknown setting\(s\) densee"),
    ({"reader": 3}, "settings.reader: expected an object"),
    ({"candidate_chunks": "20"}, "settings.candidate_chunks must be a int"),
    ({"rerank": 1}, "settings.rerank must be a bool"),
    ({"chunk_min_words": 200}, r"chunk_max_words \(120\) must be at least chunk_min_words \(200\)"),
])
def test_bad_settings_dicts_are_refused(data, message):
    with pytest.raises(ValueError, match=message):
        Settings.from_dict(data)


def test_round_trip_through_a_dict():
    s = Settings(reader=ReaderWeights(dense=3.0), candidate_chunks=25)
    assert Settings.from_dict(s.to_dict()) == s


def test_query_time_settings_do_not_touch_the_index_fingerprint():
    assert Settings(reader=ReaderWeights(dense=9.0), abstain_threshold=0.5).build_fingerprint() == \
        Settings().build_fingerprint()
    assert Settings(chunk_max_words=80).build_fingerprint() != Settings().build_fingerprint()


def test_the_index_fingerprint_hashes_every_module_the_build_reads_through():
    # places.py types a figure's region and columns.py mends a PDF's layout: both shape the index, and
    # both were once missing from a hand-kept list, so an index built before a change to them looked fresh
    modules = pipeline_modules()
    for name in ("parsing.py", "columns.py", "places.py", "facts.py", "spelling.py", "formats/markdown_reader.py"):
        assert name in modules
    assert "config.py" not in modules and "pipeline.py" not in modules and "reader.py" not in modules
