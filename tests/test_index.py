"""Index round trip, staleness, corruption and atomic builds."""
import json

import numpy as np
import pytest

from assistant import Assistant, EmptyCorpusError, IndexMismatchError, Settings
from assistant.index import (CHUNKS, DENSE, MANIFEST, UNIT_VECTORS, build_index, index_status, live_build,
                             load_index)


@pytest.fixture
def built(small_corpus, tmp_path, embedder, settings):
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir, settings, embedder)
    return small_corpus, index_dir


def test_round_trip(built, settings):
    corpus, index_dir = built
    index = load_index(index_dir)
    assert index_status(corpus, index_dir, settings).state == "fresh"
    chunks = list(index.chunks)
    assert {c.title for c in chunks} == {"Data Platform Lead", "Analytics Engineer"}
    assert index.dense.ntotal == len(chunks) == index.manifest["counts"]["chunks"]
    assert index.unit_vectors.shape == (index.manifest["counts"]["units"], 384)
    units = index.chunks.units(chunks[0].chunk_id)
    assert units and all(u.text in chunks[0].text for u in units)
    manifest = index.manifest
    assert manifest["model"] == {"name": "all-MiniLM-L6-v2", "dim": 384}
    assert set(manifest["corpus"]) == {"data-platform-lead.txt"}
    assert manifest["settings"] == settings.build_fingerprint()
    assert manifest["versions"]["faiss-cpu"] and manifest["built_at"]


def test_nothing_on_disk_needs_unpickling(built):
    _, index_dir = built
    build = live_build(index_dir)
    json.loads((build / MANIFEST).read_text())
    for line in (build / CHUNKS).read_text().splitlines():
        json.loads(line)
    np.load(build / UNIT_VECTORS, allow_pickle=False)


def test_changed_corpus_is_stale_and_rebuilt(built, embedder, settings):
    corpus, index_dir = built
    (corpus / "notes.md").write_text("# Notes\n\n## Pay\n\nThe pay is $99,999 per year.\n", encoding="utf-8")
    status = index_status(corpus, index_dir, settings)
    assert status.state == "stale" and "added: notes.md" in status.reason
    events = []
    bot = Assistant.load(corpus, index_dir, settings, embedder, on_event=events.append)
    assert any("rebuilding the index" in e for e in events)
    assert "$99,999" in bot.ask("What is the pay according to the notes?").answer


def test_changed_setting_is_stale(built, settings):
    corpus, index_dir = built
    status = index_status(corpus, index_dir, Settings(chunk_max_words=80))
    assert status.state == "stale" and "chunk_max_words" in status.reason


def test_rebuild_never_is_refused_when_stale(built, embedder):
    corpus, index_dir = built
    with pytest.raises(IndexMismatchError, match="stale"):
        Assistant.load(corpus, index_dir, Settings(chunk_max_words=80), embedder, rebuild="never")


@pytest.mark.parametrize("damage, message", [
    (lambda b: (b / DENSE).write_bytes((b / DENSE).read_bytes()[:100]), "size the manifest records"),
    (lambda b: (b / CHUNKS).write_text((b / CHUNKS).read_text().replace("dbt", "DBT")), "checksum differs"),
    (lambda b: (b / MANIFEST).write_text("{not json"), "unreadable"),
    (lambda b: (b / UNIT_VECTORS).unlink(), "missing"),
])
def test_damaged_index_is_detected_then_rebuilt(built, embedder, settings, damage, message):
    corpus, index_dir = built
    damage(live_build(index_dir))
    with pytest.raises(IndexMismatchError, match=message):
        load_index(index_dir)
    bot = Assistant.load(corpus, index_dir, settings, embedder)
    assert "$190,000 - $230,000" in bot.ask("How much does a senior data platform lead earn?").answer


def test_manifest_from_another_model_is_stale(built, settings):
    corpus, index_dir = built
    path = live_build(index_dir) / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["settings"]["model"] = "some-other-model"
    path.write_text(json.dumps(manifest))
    assert index_status(corpus, index_dir, settings).state == "stale"


def test_vector_count_mismatch_is_detected(built):
    _, index_dir = built
    path = live_build(index_dir) / MANIFEST
    manifest = json.loads(path.read_text())
    manifest["counts"]["units"] += 1
    path.write_text(json.dumps(manifest))
    with pytest.raises(IndexMismatchError, match="unit vectors"):
        load_index(index_dir)


def test_failed_build_leaves_the_previous_index(built, settings):
    corpus, index_dir = built
    before = live_build(index_dir)

    class Exploding:
        name, dim = "all-MiniLM-L6-v2", 384

        def encode(self, texts, batch_size=16, progress=False):
            raise RuntimeError("power cut")

    (corpus / "extra.txt").write_text("Extra Role\n\nOverview\n\nSome text here.\n", encoding="utf-8")
    with pytest.raises(RuntimeError, match="power cut"):
        build_index(corpus, index_dir, settings, Exploding())
    assert live_build(index_dir) == before
    assert load_index(index_dir).manifest["counts"]["chunks"] > 0
    assert not list(index_dir.glob(".staging-*"))


def test_only_the_live_build_is_kept(built, embedder, settings):
    corpus, index_dir = built
    build_index(corpus, index_dir, settings, embedder)
    builds = [p for p in index_dir.iterdir() if p.is_dir()]
    assert builds == [live_build(index_dir)]


def test_empty_corpus_is_reported(tmp_path, embedder, settings):
    (tmp_path / "corpus").mkdir()
    with pytest.raises(EmptyCorpusError, match="no readable .txt or .md document"):
        Assistant.load(tmp_path / "corpus", tmp_path / "index", settings, embedder)
    with pytest.raises(EmptyCorpusError, match="does not exist"):
        Assistant.load(tmp_path / "nowhere", tmp_path / "index", settings, embedder)
