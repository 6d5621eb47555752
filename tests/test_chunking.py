"""Chunks follow structure; units are whole items or sentences."""
import pytest

from assistant.chunking import MAX_UNIT_CHARS, chunk_documents
from assistant.parsing import parse_file, parse_text

from .conftest import CORPUS, GUIDE


@pytest.fixture(scope="module")
def docs():
    return parse_file(GUIDE, CORPUS)


@pytest.fixture(scope="module")
def chunked(docs):
    return chunk_documents(docs, max_words=120, min_words=40)


def test_offsets_point_at_the_text(docs, chunked):
    by_id = {d.doc_id: d for d in docs}
    for chunk in chunked.chunks:
        assert by_id[chunk.doc_id].text[chunk.start:chunk.end] == chunk.text
    for unit in chunked.units:
        chunk = chunked.chunks[unit.chunk_id]
        assert by_id[chunk.doc_id].text[unit.start:unit.end] == unit.text
        assert chunk.start <= unit.start and unit.end <= chunk.end


def test_no_chunk_straddles_two_sections(docs, chunked):
    for doc in docs:
        for chunk in (c for c in chunked.chunks if c.doc_id == doc.doc_id):
            inside = [b for b in doc.blocks if b.kind != "heading" and chunk.start <= b.start < chunk.end]
            assert {b.section for b in inside} == {chunk.section}


def test_no_list_item_is_split(docs, chunked):
    for doc in docs:
        for block in doc.blocks:
            if block.kind == "item":
                holders = [c for c in chunked.chunks if c.doc_id == doc.doc_id
                           and c.start <= block.start and block.end <= c.end]
                assert len(holders) == 1, block.text


def test_chunks_are_small_enough_to_be_precise(chunked):
    sizes = [len(c.text.split()) for c in chunked.chunks]
    assert max(sizes) <= 200
    assert sum(sizes) / len(sizes) >= 40


def test_units_keep_labels_and_breadcrumbs(chunked):
    lead = next(u for u in chunked.units if u.text.startswith("MLOps Team Lead:"))
    assert lead.text == ("MLOps Team Lead: Oversees other MLOps Engineers and ensures project completion. "
                         "Average salary: $137,700.")
    mid = next(u for u in chunked.units if u.text == "Salary Range: $160,000 - $200,000 per year")
    assert chunked.chunks[mid.chunk_id].breadcrumb == (
        "Machine Learning DevOps Manager › Salary Ranges (US Market, 2024) › Mid-Level MLOps Manager")


def test_paragraphs_become_sentences(chunked):
    sentences = [u.text for u in chunked.units if u.kind == "sentence"]
    assert "Their primary objective is to streamline the ML lifecycle, from data collection and preprocessing " \
           "to model training, deployment, and continuous monitoring." in sentences


def test_nested_items_know_their_parent(chunked):
    child = next(u for u in chunked.units if u.text.startswith("Automate cloud resource provisioning"))
    assert chunked.units[child.context].text == "Infrastructure and Automation"


def test_bad_sizes_are_refused(docs):
    with pytest.raises(ValueError, match="min_words"):
        chunk_documents(docs, max_words=10, min_words=40)


class TestSizeBounds:
    """Chunks and units keep their bounds whatever the punctuation (files that aren't prose)."""

    def check(self, text):
        docs = parse_text(text, "odd.txt")
        chunked = chunk_documents(docs, max_words=120, min_words=40)
        doc_text = {d.doc_id: d.text for d in docs}
        assert max(len(c.text.split()) for c in chunked.chunks) <= 180  # a short tail may join: 1.5x
        assert max(len(u.text) for u in chunked.units) <= MAX_UNIT_CHARS
        for c in chunked.chunks:
            assert doc_text[c.doc_id][c.start:c.end] == c.text
        for u in chunked.units:
            assert doc_text[chunked.chunks[u.chunk_id].doc_id][u.start:u.end] == u.text
        return chunked

    def test_many_short_lines_without_punctuation(self):
        chunked = self.check("Inventory\n\n" + "\n".join(f"item {n} shelf {n % 40} count {n * 3}"
                                                         for n in range(20000)))
        assert len(chunked.chunks) > 100
        first = chunked.units[0].text.splitlines()
        assert first[0] == "item 0 shelf 0 count 0"  # cut at line breaks, lines kept whole

    def test_a_5000_word_paragraph(self):
        self.check("Essay\n\nOverview\n\n" + " ".join(f"word{n}" for n in range(5000)))

    def test_a_very_long_list_item_keeps_its_label_as_context(self):
        text = "Guide\n\nSkills\n\n- Communication: " + "Explains things clearly. " * 60 + "\n"
        chunked = self.check(text)
        first, second = chunked.units[0], chunked.units[1]
        assert first.kind == "item" and first.text.startswith("Communication:")
        assert second.context == first.unit_id

    def test_a_single_enormous_word(self):
        self.check("Blob\n\nData\n\n" + "x" * 5000)
