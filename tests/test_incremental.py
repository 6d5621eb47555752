"""Incremental builds: adding, changing or removing one document re-embeds only that document
(the texts handed to the real model are counted), and the result holds exactly what a full
build of the same corpus holds (chunks, documents, facts, vocabulary; vectors up to rounding)."""
from __future__ import annotations

import numpy as np
import pytest

from assistant import Assistant
from assistant.build import UNIT_VECTORS, build_index
from assistant.index import live_build, load_index

from .conftest import SMALL_PAGE

ANALYTICS_MD = """# Analytics Lead

Analytics leads turn questions into dashboards and decisions.

## Pay

- Salary: $150,000 - $185,000 per year
- Bonus: up to 15%

## Tools

- SQL, dbt and Looker
"""

WIDGETS_HTML = b"""<html><head><title>Widget Engineer | Careers</title></head><body>
<nav><a href="/">Home</a></nav><main><h1>Widget Engineer</h1>
<p>Widget engineers design the widgets that factories build.</p>
<h2>Salary</h2><ul><li>Entry level: $70,000 per year</li><li>Senior level: $140,000 per year</li></ul>
</main><footer>(c) Widgets Inc.</footer></body></html>"""


class Counting:
    """The session's real model, counting the texts it is asked to embed."""

    def __init__(self, model):
        self.model, self.name, self.texts = model, model.name, []

    @property
    def dim(self):
        return self.model.dim

    def encode(self, texts, batch_size=16, progress=False):
        self.texts.extend(texts)
        return self.model.encode(texts, batch_size=batch_size, progress=progress)


@pytest.fixture
def corpus(tmp_path):
    """Three files; two of them yield the same document id ("data-platform-lead")."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "data-platform-lead.txt").write_text(SMALL_PAGE, encoding="utf-8")
    (folder / "data-platform-lead.md").write_text(ANALYTICS_MD, encoding="utf-8")
    (folder / "widgets.html").write_bytes(WIDGETS_HTML)
    return folder


@pytest.fixture
def counting(embedder):
    return Counting(embedder)


def units_of(index_dir, source: str) -> int:
    index = load_index(index_dir)
    try:
        doc_ids = {d.doc_id for d in index.manifest.documents if d.source == source}
        return sum(len(index.chunks.record(i)["units"]) for i in range(len(index.chunks))
                   if index.chunks.record(i)["doc_id"] in doc_ids)
    finally:
        index.close()


def assert_same_as_full_build(corpus, index_dir, tmp_path, settings, embedder):
    """The incremental build holds what a full build of the same corpus holds: chunk records,
    documents, corpus and skipped files equal; vectors equal up to float16 rounding (a text's vector
    can differ in its last bit with the other texts of its batch)."""
    build_index(corpus, tmp_path / "full", settings, embedder, reuse=False)
    got, want = load_index(index_dir), load_index(tmp_path / "full")
    try:
        assert [got.chunks.record(i) for i in range(len(got.chunks))] == \
               [want.chunks.record(i) for i in range(len(want.chunks))]
        for field in ("documents", "corpus", "skipped", "chunk_count", "unit_count", "settings"):
            assert getattr(got.manifest, field) == getattr(want.manifest, field), field
        assert got.facts and got.facts == want.facts and got.vocabulary == want.vocabulary
        for name in ("chunk_vectors", "unit_vectors"):
            a, b = np.asarray(getattr(got, name), np.float32), np.asarray(getattr(want, name), np.float32)
            assert a.shape == b.shape and np.abs(a - b).max() < 2e-3, name
        assert got.dense.ntotal == want.dense.ntotal
    finally:
        got.close()
        want.close()


def test_adding_a_document_embeds_only_it(corpus, tmp_path, settings, embedder, counting):
    index_dir = tmp_path / "index"
    first = build_index(corpus, index_dir, settings, counting)
    assert sorted(first.added) == sorted(["data-platform-lead.md", "data-platform-lead.txt", "widgets.html"])
    assert len(counting.texts) == first.units
    counting.texts.clear()
    (corpus / "analytics-lead.md").write_text(ANALYTICS_MD.replace("Analytics Lead", "Insights Lead")
                                              .replace("$150,000", "$151,000"), encoding="utf-8")
    report = build_index(corpus, index_dir, settings, counting)
    assert report.added == ("analytics-lead.md",) and not report.changed and not report.removed
    assert sorted(report.reused) == sorted(["data-platform-lead.md", "data-platform-lead.txt", "widgets.html"])
    assert len(counting.texts) == report.texts_embedded == units_of(index_dir, "analytics-lead.md") > 0
    assert all("Insights Lead" in text for text in counting.texts)  # the breadcrumb of the new document only
    assert_same_as_full_build(corpus, index_dir, tmp_path, settings, embedder)


def test_changing_a_document_re_embeds_only_it(corpus, tmp_path, settings, embedder, counting):
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir, settings, counting)
    counting.texts.clear()
    (corpus / "widgets.html").write_bytes(WIDGETS_HTML.replace(b"$140,000", b"$145,000"))
    report = build_index(corpus, index_dir, settings, counting)
    assert report.changed == ("widgets.html",) and not report.added and not report.removed
    assert len(counting.texts) == units_of(index_dir, "widgets.html")
    assert all(text.startswith("Widget Engineer") for text in counting.texts)
    assert_same_as_full_build(corpus, index_dir, tmp_path, settings, embedder)
    bot = Assistant.load(corpus, index_dir, settings, embedder)
    assert "$145,000" in bot.ask("What does a senior widget engineer earn?").answer
    bot.close()


def test_removing_a_document_embeds_nothing(corpus, tmp_path, settings, embedder, counting):
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir, settings, counting)
    counting.texts.clear()
    before = load_index(index_dir)
    assert [d.doc_id for d in before.manifest.documents][:2] == ["data-platform-lead", "data-platform-lead~2"]
    before.close()
    (corpus / "data-platform-lead.md").unlink()  # the .txt's page takes back the plain id
    report = build_index(corpus, index_dir, settings, counting)
    assert report.removed == ("data-platform-lead.md",) and counting.texts == []
    index = load_index(index_dir)
    assert [d.doc_id for d in index.manifest.documents] == [
        "data-platform-lead", "data-platform-lead/analytics-engineer", "widgets"]
    index.close()
    assert_same_as_full_build(corpus, index_dir, tmp_path, settings, embedder)


def test_other_build_settings_re_embed_everything(corpus, tmp_path, settings, counting):
    index_dir = tmp_path / "index"
    first = build_index(corpus, index_dir, settings, counting)
    counting.texts.clear()
    report = build_index(corpus, index_dir, settings.with_overrides(chunk_max_words=80), counting)
    assert not report.reused and len(counting.texts) == report.units >= first.units


def test_a_damaged_build_is_not_reused(corpus, tmp_path, settings, counting):
    index_dir = tmp_path / "index"
    first = build_index(corpus, index_dir, settings, counting)
    vectors = live_build(index_dir) / UNIT_VECTORS
    data = bytearray(vectors.read_bytes())
    data[-8:] = bytes(8)  # same size, other bytes: only the checksum tells
    vectors.write_bytes(bytes(data))
    counting.texts.clear()
    (corpus / "analytics-lead.md").write_text(ANALYTICS_MD, encoding="utf-8")
    report = build_index(corpus, index_dir, settings, counting)
    assert not report.reused and len(counting.texts) == report.units > first.units
    load_index(index_dir).close()  # the new build verifies


def test_skipped_files_stay_skipped_without_being_read_again(corpus, tmp_path, settings, counting):
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    index_dir = tmp_path / "index"
    first = build_index(corpus, index_dir, settings, counting)
    assert "broken.docx" in first.skipped
    (corpus / "widgets.html").unlink()
    report = build_index(corpus, index_dir, settings, counting)
    assert report.skipped == first.skipped and "broken.docx" in report.reused


def test_force_re_embeds_everything(corpus, tmp_path, settings, counting):
    index_dir = tmp_path / "index"
    build_index(corpus, index_dir, settings, counting)
    counting.texts.clear()
    report = build_index(corpus, index_dir, settings, counting, reuse=False)
    assert not report.reused and len(counting.texts) == report.units
