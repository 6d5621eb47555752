"""Bad input, corpus and index faults, concurrency: never an unhandled exception, nothing lost."""
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings as hyp_settings, strategies as st

from assistant import Assistant, IndexMismatchError
from assistant import build as build_mod
from assistant.corpus import load_corpus
from assistant.index import index_status, live_build
from assistant.parsing import parse_text
from assistant.text import split_sentences, tokenize

FAST = hyp_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
ANY_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=()), max_size=300)
MARKUP = st.sampled_from(["### ", " - ", "1. **", "**: ", "\n", "\n\n", "•", "  1. ", "#", ":", "$", "%"])
PAGEISH = st.lists(st.one_of(ANY_TEXT, MARKUP), max_size=40).map("".join)


# ------------------------------------------------------------------ properties

@FAST
@given(question=st.one_of(ANY_TEXT, st.text(max_size=1100), st.just("!?.,;:" * 50), PAGEISH,
                          st.text(alphabet="a", min_size=900, max_size=1000)),
       history=st.one_of(st.none(), st.lists(st.one_of(ANY_TEXT, st.none(), st.integers()), max_size=4), ANY_TEXT))
def test_ask_replies_or_raises_value_error(bot, question, history):
    try:
        reply = bot.ask(question, history=history)
    except ValueError as exc:
        assert str(exc)  # the documented error, with a message
        return
    assert 0.0 <= reply.confidence <= 1.0
    assert reply.abstained == (reply.answer is None)
    for c in reply.citations:
        if c.answer_start is not None:
            assert c.text[c.answer_start:c.answer_end] == reply.answer


@FAST
@given(text=st.one_of(ANY_TEXT, PAGEISH, st.text(min_size=5000, max_size=20000)))
def test_tokenizer_and_splitter_never_fail(text):
    tokens = tokenize(text)
    assert all(isinstance(t, str) and t for t in tokens)
    for start, end in split_sentences(text):
        assert 0 <= start < end <= len(text)


@FAST
@given(text=PAGEISH)
def test_parser_keeps_its_offsets_on_any_input(text):
    for doc in parse_text(text, "random.txt"):
        assert doc.title
        for block in doc.blocks:
            assert doc.text[block.start:block.end] == block.text


# ------------------------------------------------------------------ corpus faults

def test_unreadable_files_are_named_and_skipped(small_corpus, tmp_path, embedder, settings):
    (small_corpus / "empty.txt").write_text("")
    (small_corpus / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 100)
    (small_corpus / "latin1.md").write_bytes("Salaire: 50 000 \xe9".encode("latin-1"))
    with (small_corpus / "huge.txt").open("w") as handle:
        line = "Huge Role pays $1 per year. " * 36 + "\n"
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            handle.write(line)
    corpus = load_corpus(small_corpus, settings.max_file_mb)
    assert corpus.skipped["empty.txt"] == "is empty"
    assert corpus.skipped["binary.txt"] == "looks binary (NUL bytes)"
    assert corpus.skipped["latin1.md"].startswith("is not UTF-8 (byte ")
    assert corpus.skipped["huge.txt"].startswith("is 50.0 MB, over the 5 MB limit")
    events = []
    bot = Assistant.load(small_corpus, tmp_path / "index", settings, embedder, on_event=events.append)
    assert any("skipped huge.txt: is 50.0 MB" in e for e in events)
    assert "$190,000 - $230,000" in bot.ask("How much does a senior data platform lead earn?").answer
    assert set(bot.index.manifest.skipped) == {"empty.txt", "binary.txt", "latin1.md", "huge.txt"}


def test_file_removed_between_builds(small_corpus, tmp_path, embedder, settings):
    extra = small_corpus / "extra.md"
    extra.write_text("# Chief Widget Officer\n\n## Pay\n\n- Salary: $777,777 per year\n", encoding="utf-8")
    bot = Assistant.load(small_corpus, tmp_path / "index", settings, embedder)
    assert "$777,777" in bot.ask("What does a Chief Widget Officer earn?").answer
    extra.unlink()
    status = index_status(small_corpus, tmp_path / "index", settings)
    assert status.state == "stale" and "removed: extra.md" in status.reason
    bot = Assistant.load(small_corpus, tmp_path / "index", settings, embedder)
    assert all("$777,777" not in c.text for c in bot.index.chunks)


def test_emptied_corpus_keeps_serving_the_last_good_index(small_corpus, tmp_path, embedder, settings):
    Assistant.load(small_corpus, tmp_path / "index", settings, embedder)
    before = live_build(tmp_path / "index")
    for path in small_corpus.iterdir():
        path.unlink()
    events = []
    bot = Assistant.load(small_corpus, tmp_path / "index", settings, embedder, on_event=events.append)
    assert any("no readable document" in e and "serving the previous index" in e for e in events)
    assert live_build(tmp_path / "index") == before
    assert "$190,000 - $230,000" in bot.ask("How much does a senior data platform lead earn?").answer


def test_read_only_index_folder(small_corpus, tmp_path, embedder, settings, monkeypatch):
    Assistant.load(small_corpus, tmp_path / "index", settings, embedder)
    (small_corpus / "more.md").write_text("# More\n\n## Pay\n\n- $1 per hour\n", encoding="utf-8")

    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(tmp_path / "index"))

    monkeypatch.setattr(build_mod, "write_build", read_only)
    events = []
    bot = Assistant.load(small_corpus, tmp_path / "index", settings, embedder, on_event=events.append)
    assert any("Permission denied" in e and "serving the previous index" in e for e in events)
    assert bot.ask("How much does a senior data platform lead earn?").answer
    with pytest.raises(IndexMismatchError, match="could not build the index in .*Permission denied"):
        Assistant.load(small_corpus, tmp_path / "fresh-index", settings, embedder)


# ------------------------------------------------------------------ concurrency

QUESTIONS = ["How much does a mid-level MLOps manager earn?", "What degree does an AI Python Engineer need?",
             "What is the CAGR of the MLOps market?", "What are the types of AI consultants?",
             "What is the capital of France?", "Which monitoring tools does an MLOps manager set up?"]


def test_ask_is_safe_from_many_threads(bot):
    expected = {q: bot.ask(q).to_dict() for q in QUESTIONS}
    work = QUESTIONS * 20
    with ThreadPoolExecutor(max_workers=16) as pool:
        replies = list(pool.map(lambda q: (q, bot.ask(q).to_dict()), work))
    for q, reply in replies:
        assert reply["answer"] == expected[q]["answer"]
        assert [c["breadcrumb"] for c in reply["citations"]] == [c["breadcrumb"] for c in expected[q]["citations"]]


def test_rebuild_while_serving_swaps_atomically(small_corpus, tmp_path, embedder, settings):
    bot = Assistant.load(small_corpus, tmp_path / "index", settings, embedder)
    errors, answers, stop = [], [], threading.Event()

    def reader():
        while not stop.is_set():
            try:
                answers.append(bot.ask("How much does a senior data platform lead earn?").answer)
            except Exception as exc:  # noqa: BLE001 - the test records anything at all
                errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    (small_corpus / "new.md").write_text("# Quantum Gardener\n\n## Pay\n\n- Salary: $123,456 per year\n",
                                         encoding="utf-8")
    bot.reload()
    stop.set()
    for t in threads:
        t.join(timeout=30)
    assert not errors
    assert answers and all(a and "$190,000 - $230,000" in a for a in answers)
    assert "$123,456" in bot.ask("What does a Quantum Gardener earn?").answer
    assert [p for p in (tmp_path / "index").iterdir() if p.is_dir()] == [live_build(tmp_path / "index")]
