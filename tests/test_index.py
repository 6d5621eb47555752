"""Index round trip, staleness, the typed manifest, corruption, atomic builds and descriptor hygiene."""
import json
import os

import numpy as np
import pytest

from assistant import Assistant, EmptyCorpusError, IndexMismatchError, Settings
from assistant import build as build_mod
from assistant.build import CHUNKS, DENSE, MANIFEST, UNIT_VECTORS, build_index
from assistant.index import index_status, live_build, load_index
from assistant.manifest import content_checksum


@pytest.fixture
def built(small_corpus, tmp_path, embedder, settings):
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir, settings, embedder)
    return small_corpus, index_dir


def rewrite_manifest(index_dir, change, reseal=True):
    """Edit the live manifest; ``reseal`` recomputes its checksum, as a careful forger would."""
    path = live_build(index_dir) / MANIFEST
    data = json.loads(path.read_text())
    change(data)
    if reseal:
        data.pop("checksum")
        data["checksum"] = content_checksum(data)
    path.write_text(json.dumps(data))


def test_round_trip(built, settings):
    corpus, index_dir = built
    index = load_index(index_dir)
    assert index_status(corpus, index_dir, settings).state == "fresh"
    chunks = list(index.chunks)
    assert {c.title for c in chunks} == {"Data Platform Lead", "Analytics Engineer"}
    assert index.dense.ntotal == len(chunks) == index.manifest.chunk_count
    assert index.unit_vectors.shape == (index.manifest.unit_count, 384)
    units = index.chunks.units(chunks[0].chunk_id)
    assert units and all(u.text in chunks[0].text for u in units)
    manifest = index.manifest
    assert (manifest.model_name, manifest.model_dim) == ("all-MiniLM-L6-v2", 384)
    assert set(manifest.corpus) == {"data-platform-lead.txt"}
    assert manifest.settings == settings.build_fingerprint()
    assert manifest.versions["faiss-cpu"] and manifest.built_at
    assert [d.title for d in manifest.documents] == ["Data Platform Lead", "Analytics Engineer"]
    index.close()


def test_nothing_on_disk_needs_unpickling_and_units_are_named_records(built):
    _, index_dir = built
    build = live_build(index_dir)
    json.loads((build / MANIFEST).read_text())
    for line in (build / CHUNKS).read_text().splitlines():
        record = json.loads(line)
        for unit in record["units"]:
            assert set(unit) == {"kind", "start", "end", "list_id", "level", "context"}
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


def test_a_one_character_manifest_edit_is_caught(built, embedder, settings):
    corpus, index_dir = built
    path = live_build(index_dir) / MANIFEST
    path.write_text(path.read_text().replace('"unit_count": ', '"unit_count": 1', 1))
    with pytest.raises(IndexMismatchError, match="checksum differs"):
        load_index(index_dir)
    assert index_status(corpus, index_dir, settings).state == "corrupt"
    events = []
    Assistant.load(corpus, index_dir, settings, embedder, on_event=events.append)  # auto mode rebuilds
    assert any("checksum differs" in e for e in events)
    load_index(index_dir).close()


@pytest.mark.parametrize("change, message", [
    (lambda m: m.update(chunk_count="12"), "wrong type"),
    (lambda m: m.update(documents={"not": "a list"}), "wrong type"),
    (lambda m: m["documents"][0].update(title=None), "wrong type"),
    (lambda m: m.pop("files"), "lacks the field 'files'"),
    (lambda m: m["files"]["chunks.jsonl"].update(bytes=True), "wrong type"),
    (lambda m: m.update(surprise=1), "unknown fields: surprise"),
    (lambda m: m.update(format=3), "unknown format"),
])
def test_a_mistyped_manifest_is_an_index_error_never_a_traceback(built, change, message):
    _, index_dir = built
    rewrite_manifest(index_dir, change)
    with pytest.raises(IndexMismatchError, match=message):
        load_index(index_dir)


def test_manifest_from_another_model_is_stale(built, settings):
    corpus, index_dir = built
    rewrite_manifest(index_dir, lambda m: m["settings"].update(model="some-other-model"))
    assert index_status(corpus, index_dir, settings).state == "stale"


def test_vector_count_mismatch_is_detected(built):
    _, index_dir = built
    rewrite_manifest(index_dir, lambda m: m.update(unit_count=m["unit_count"] + 1))
    with pytest.raises(IndexMismatchError, match="unit vectors"):
        load_index(index_dir)


def test_failed_build_leaves_the_previous_index_and_no_staging(built, settings, embedder, monkeypatch):
    corpus, index_dir = built
    before = live_build(index_dir)
    seen_staging = []

    def disk_full(index, path):
        seen_staging.extend(index_dir.glob(".staging-*"))  # the failure happens mid-write
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_mod.faiss, "write_index", disk_full)
    (corpus / "extra.txt").write_text("Extra Role\n\nOverview\n\nSome text here.\n", encoding="utf-8")
    with pytest.raises(OSError, match="No space left"):
        build_index(corpus, index_dir, settings, embedder)
    assert seen_staging, "the failure was meant to happen with a staging folder on disk"
    assert live_build(index_dir) == before
    assert load_index(index_dir).manifest.chunk_count > 0
    assert not list(index_dir.glob(".staging-*"))


def test_a_killed_builds_staging_folder_is_cleaned_at_the_next_build(built, settings, embedder):
    corpus, index_dir = built
    leftover = index_dir / ".staging-deadbeef"
    leftover.mkdir()
    (leftover / CHUNKS).write_text("half a build")
    build_index(corpus, index_dir, settings, embedder)
    assert not leftover.exists()


def test_only_the_live_build_is_kept(built, embedder, settings):
    corpus, index_dir = built
    build_index(corpus, index_dir, settings, embedder)
    builds = [p for p in index_dir.iterdir() if p.is_dir()]
    assert builds == [live_build(index_dir)]


def test_reloads_do_not_leak_descriptors_or_deleted_builds(built, embedder, settings):
    corpus, index_dir = built
    bot = Assistant.load(corpus, index_dir, settings, embedder)

    def index_files_open():
        targets = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                targets.append(os.readlink(f"/proc/self/fd/{fd}"))
            except OSError:  # closed while listing
                continue
        return sorted(t for t in targets if t.startswith(str(index_dir)))

    before = index_files_open()
    assert len(before) == 3  # chunks.jsonl and the two vector files of the live build
    for n in range(4):
        (corpus / f"extra-{n}.md").write_text(f"# Role {n}\n\n## Pay\n\n- Salary: ${n},000 per year\n")
        bot.reload()
        assert f"${n},000" in bot.ask(f"What is the salary of Role {n}?").answer
    after = index_files_open()
    assert len(after) == 3 and not [f for f in after if "(deleted)" in f]
    assert all(f.startswith(str(live_build(index_dir))) for f in after)
    bot.close()
    assert index_files_open() == []


def test_a_question_in_flight_keeps_its_index_across_a_reload(built, embedder, settings):
    corpus, index_dir = built
    bot = Assistant.load(corpus, index_dir, settings, embedder)
    old = bot.index
    with old.in_use():  # a question in flight holds its index like this
        (corpus / "more.md").write_text("# More\n\n## Pay\n\n- $1 per hour\n")
        bot.reload()
        assert not old.closed  # still in use
        assert old.chunks.chunk(0).text
    assert old.closed and not bot.index.closed
    bot.close()


def test_empty_corpus_is_reported(tmp_path, embedder, settings):
    (tmp_path / "corpus").mkdir()
    with pytest.raises(EmptyCorpusError, match="no readable document"):
        Assistant.load(tmp_path / "corpus", tmp_path / "index", settings, embedder)
    with pytest.raises(EmptyCorpusError, match="does not exist"):
        Assistant.load(tmp_path / "nowhere", tmp_path / "index", settings, embedder)


@pytest.mark.parametrize("rows", [[3, 4, 5, 6], [6, 2, 9], [0], [8, 9], [5, 5]])
def test_row_file_reads_the_rows_asked_for(tmp_path, rows):
    """Consecutive rows (a chunk's units) come in one read; any other order row by row: same values."""
    from assistant.store import RowFile

    data = np.arange(40, dtype=np.float16).reshape(10, 4)
    np.save(tmp_path / "rows.npy", data)
    rows_file = RowFile(tmp_path / "rows.npy")
    assert np.array_equal(rows_file[np.asarray(rows)], data[rows])
    with pytest.raises(IndexError):
        rows_file[np.asarray([9, 10])]
