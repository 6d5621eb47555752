"""The corpus folder: which files are read, and which are refused (links, files outside the folder)."""
import os

import pytest

from assistant import Assistant, Settings
from assistant.corpus import LINK_REASON, load_corpus
from assistant.index import index_status

SECRET = "root:x:0:0:root:/root:/bin/bash\nsvc:x:999:999:service account:/srv:/usr/sbin/nologin\n"


@pytest.fixture
def linked_corpus(small_corpus, tmp_path):
    """The small corpus plus a link to a 'password file' outside it, like passwd.txt -> /etc/passwd."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET)
    (small_corpus / "passwd.txt").symlink_to(outside / "passwd")
    (outside / "notes").mkdir()
    (outside / "notes" / "private.md").write_text("# Private\n\n## Pay\n\nThe secret salary is $999,999.\n")
    (small_corpus / "linked-folder").symlink_to(outside / "notes")
    return small_corpus


def test_links_are_not_followed_and_are_named(linked_corpus, settings):
    corpus = load_corpus(linked_corpus, settings.max_file_mb)
    assert corpus.skipped == {"passwd.txt": LINK_REASON}
    assert all("root:x:0:0" not in d.text and "$999,999" not in d.text for d in corpus.documents)
    assert [d.title for d in corpus.documents] == ["Data Platform Lead", "Analytics Engineer"]


def test_a_linked_file_is_never_quoted_through_ask(linked_corpus, tmp_path, embedder, settings):
    events = []
    bot = Assistant.load(linked_corpus, tmp_path / "index", settings, embedder, on_event=events.append)
    assert any(e.startswith("skipped passwd.txt: is a symbolic link") for e in events)
    for question in ("What is the login shell of root?", "Which account uses /usr/sbin/nologin?",
                     "What is the secret salary?"):
        reply = bot.ask(question)
        assert all("root:x" not in c.text and "nologin" not in c.text and "$999,999" not in c.text
                   for c in reply.citations)
    bot.close()


def test_adding_a_link_marks_the_index_stale(small_corpus, tmp_path, embedder, settings):
    Assistant.load(small_corpus, tmp_path / "index", settings, embedder).close()
    (small_corpus / "more.txt").symlink_to("/etc/hostname")
    status = index_status(small_corpus, tmp_path / "index", settings)
    assert status.state == "stale" and "added: more.txt" in status.reason


def test_a_file_swapped_for_a_link_after_the_scan_is_refused(small_corpus, tmp_path, settings, monkeypatch):
    from assistant import corpus as corpus_mod

    target = tmp_path / "secret.txt"
    target.write_text(SECRET)
    victim = small_corpus / "data-platform-lead.txt"
    real_scan = corpus_mod.corpus_files

    def scan_then_swap(*args, **kwargs):
        found = real_scan(*args, **kwargs)
        os.replace(victim, tmp_path / "moved.txt")
        victim.symlink_to(target)  # the race: a regular file at scan time, a link when read
        return found

    (small_corpus / "other.md").write_text("# Other\n\n## Pay\n\n- $1 per hour\n")
    monkeypatch.setattr(corpus_mod, "corpus_files", scan_then_swap)
    corpus = corpus_mod.load_corpus(small_corpus, settings.max_file_mb)
    assert corpus.skipped["data-platform-lead.txt"] == LINK_REASON
    assert all("root:x" not in d.text for d in corpus.documents)


def test_following_links_is_an_explicit_opt_in(linked_corpus, settings):
    corpus = load_corpus(linked_corpus, settings.max_file_mb, follow_links=True)
    assert "passwd.txt" not in corpus.skipped
    assert any("root:x:0:0" in d.text for d in corpus.documents)
    assert Settings.from_env({"ASSISTANT_FOLLOW_LINKS": "1"}).follow_links is True
