"""Managing the corpus: ``docs list|add|remove`` and the library functions behind them (the chat's
upload calls the same ones). Good files are indexed incrementally and answered from; bad files of
every format are refused with a clear message and change nothing; bad files already in the corpus
folder are skipped and named while the last good index keeps serving."""
from __future__ import annotations

import os

import pytest

from assistant import Assistant, cli
from assistant import build as build_mod
from assistant.build import build_index
from assistant.documents import (DocumentRejected, add_document, list_documents, remove_document,
                                 sanitize_name)
from assistant.index import live_build

from .format_samples import BAD_FILES, role_page_pdf


def two_page_pdf(senior: str = "$212,345") -> bytes:
    """A role page printed to PDF: the title and an intro on page 1, the salaries on page 2."""
    return role_page_pdf("Quantum Widget Engineer",
                         "Quantum widget engineers calibrate the widgets that quantum labs depend on.",
                         ["• Entry level: $98,765 per year", f"• Senior level: {senior} per year"])


@pytest.fixture
def folders(small_corpus, tmp_path, settings, embedder):
    """(corpus, index) with the small page indexed."""
    index_dir = tmp_path / "index"
    build_index(small_corpus, index_dir, settings, embedder)
    return small_corpus, index_dir


def snapshot(corpus, index_dir):
    """Everything a change could touch: the corpus folder's files (hidden ones too) and the live build."""
    files = {p.name: p.read_bytes() for p in corpus.iterdir()}
    return files, live_build(index_dir)


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("given, stored", [
    ("guide.pdf", "guide.pdf"), ("../../etc/My Guide (v2).PDF", "My-Guide-v2.pdf"),
    ("C:\\Users\\ann\\résumé.docx", "resume.docx"), (".hidden.md", "hidden.md"),
    ("a" * 300 + ".html", "a" * 100 + ".html"), ("???.txt", "document.txt"), ("notes.markdown", "notes.markdown"),
])
def test_names_are_sanitised(given, stored):
    assert sanitize_name(given) == stored


@pytest.mark.parametrize("given", ["guide", "guide.exe", "guide.pdf.zip", "", "archive.tar.gz"])
def test_unsupported_types_are_refused_by_name(given):
    with pytest.raises(DocumentRejected, match="not a type this assistant reads"):
        sanitize_name(given)


# ---------------------------------------------------------------- add, list, remove

def test_an_added_pdf_is_answered_with_its_page(folders, settings, embedder):
    corpus, index_dir = folders
    messages = []
    report = add_document(corpus, index_dir, "Quantum Widget Engineer.pdf", two_page_pdf(), settings, embedder,
                          progress=messages.append)
    assert (report.action, report.name, report.titles) == ("added", "Quantum-Widget-Engineer.pdf",
                                                             ("Quantum Widget Engineer",))
    assert report.build.added == ("Quantum-Widget-Engineer.pdf",) and report.build.reused == ("data-platform-lead.txt",)
    assert messages[0].startswith("Quantum-Widget-Engineer.pdf: 1 document(s) found") and \
        messages[-1].startswith("indexed Quantum-Widget-Engineer.pdf")
    bot = Assistant.load(corpus, index_dir, settings, embedder, rebuild="never")  # nothing left to build
    reply = bot.ask("How much does a senior quantum widget engineer make?")
    assert "$212,345" in reply.answer
    top = reply.citations[0]
    assert (top.title, top.section, top.page) == ("Quantum Widget Engineer", ("Salary",), 2)
    bot.close()
    info = {i.name: i for i in list_documents(corpus, index_dir)}
    assert info["Quantum-Widget-Engineer.pdf"].status == "indexed" and info["Quantum-Widget-Engineer.pdf"].format == "pdf"


@pytest.mark.parametrize("name", sorted(n for n in BAD_FILES if not n.endswith(".txt")) + ["empty.txt", "binary.txt"])
def test_bad_files_of_every_format_are_refused_and_change_nothing(folders, settings, embedder, format_variants,
                                                                 name):
    corpus, index_dir = folders
    extra = {"empty.txt": (lambda v: b" \n", "is empty"),
             "binary.txt": (lambda v: b"\x89PNG\x00\x00" * 50, "looks binary")}
    make, reason = {**BAD_FILES, **extra}[name]
    before = snapshot(corpus, index_dir)
    with pytest.raises(DocumentRejected) as info:
        add_document(corpus, index_dir, name, make(format_variants), settings, embedder)
    assert str(info.value).startswith(f"{name} ") and reason in str(info.value)
    assert "nothing was changed" in str(info.value)
    assert snapshot(corpus, index_dir) == before


def test_a_50_mb_file_is_refused_before_it_is_parsed(folders, settings, embedder):
    corpus, index_dir = folders
    before = snapshot(corpus, index_dir)
    with pytest.raises(DocumentRejected, match=r"^big\.pdf is 50\.0 MB, over the 5 MB limit"):
        add_document(corpus, index_dir, "big.pdf", b"%PDF-1.7\n" + bytes(50 * 1024 * 1024 - 9), settings, embedder)
    assert snapshot(corpus, index_dir) == before


def test_a_taken_name_needs_replace(folders, settings, embedder):
    corpus, index_dir = folders
    add_document(corpus, index_dir, "widget.pdf", two_page_pdf(), settings, embedder)
    before = snapshot(corpus, index_dir)
    with pytest.raises(DocumentRejected, match="already in the corpus"):
        add_document(corpus, index_dir, "widget.pdf", two_page_pdf(), settings, embedder)
    assert snapshot(corpus, index_dir) == before
    page = b"# Widget Tester\n\nWidget testers try widgets.\n\n## Pay\n\n- Salary: $61,000 per year\n"
    with pytest.raises(DocumentRejected, match="not a type"):  # the type comes from the name given
        add_document(corpus, index_dir, "widget.pdf.md.exe", page, settings, embedder)
    report = add_document(corpus, index_dir, "widget.md", page, settings, embedder)
    assert report.action == "added" and report.build.reused == ("data-platform-lead.txt", "widget.pdf")
    report = add_document(corpus, index_dir, "widget.md", page.replace(b"61,000", b"62,000"), settings, embedder,
                          replace=True)
    assert report.action == "replaced" and report.build.changed == ("widget.md",)
    assert (corpus / "widget.md").read_bytes().count(b"$62,000") == 1


def test_remove_drops_a_document_without_embedding(folders, settings, embedder):
    corpus, index_dir = folders
    add_document(corpus, index_dir, "widget.pdf", two_page_pdf(), settings, embedder)
    report = remove_document(corpus, index_dir, "widget.pdf", settings, embedder)
    assert (report.action, report.titles) == ("removed", ("Quantum Widget Engineer",))
    assert report.build.removed == ("widget.pdf",) and report.build.texts_embedded == 0
    assert not (corpus / "widget.pdf").exists()
    bot = Assistant.load(corpus, index_dir, settings, embedder, rebuild="never")
    assert [d.title for d in bot.index.manifest.documents] == ["Data Platform Lead", "Analytics Engineer"]
    bot.close()


def test_remove_refuses_unknown_names_and_the_last_document(folders, settings, embedder):
    corpus, index_dir = folders
    before = snapshot(corpus, index_dir)
    with pytest.raises(DocumentRejected, match="is not in the corpus folder"):
        remove_document(corpus, index_dir, "../index/CURRENT", settings, embedder)
    with pytest.raises(DocumentRejected, match="only readable document"):
        remove_document(corpus, index_dir, "data-platform-lead.txt", settings, embedder)
    assert snapshot(corpus, index_dir) == before


def test_a_failed_rebuild_is_undone(folders, settings, embedder, monkeypatch):
    corpus, index_dir = folders
    add_document(corpus, index_dir, "widget.pdf", two_page_pdf(), settings, embedder)
    before = snapshot(corpus, index_dir)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_mod, "write_build", disk_full)
    with pytest.raises(OSError, match="No space left"):
        add_document(corpus, index_dir, "other.pdf", two_page_pdf(), settings, embedder)
    with pytest.raises(OSError, match="No space left"):
        add_document(corpus, index_dir, "widget.pdf", two_page_pdf("$999,999"), settings, embedder, replace=True)
    with pytest.raises(OSError, match="No space left"):
        remove_document(corpus, index_dir, "widget.pdf", settings, embedder)
    assert snapshot(corpus, index_dir) == before


def test_list_shows_every_status(folders, settings, embedder):
    corpus, index_dir = folders
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (corpus / "widgets.md").write_text("# Widgets\n\nAll about widgets.\n", encoding="utf-8")
    build_index(corpus, index_dir, settings, embedder)
    (corpus / "widgets.md").write_text("# Widgets\n\nAll about widgets, revised.\n", encoding="utf-8")
    (corpus / "new.html").write_bytes(b"<html><body><h1>New</h1><p>Text.</p></body></html>")
    os.rename(corpus / "data-platform-lead.txt", corpus.parent / "moved-away.txt")
    rows = {i.name: (i.format, i.status) for i in list_documents(corpus, index_dir)}
    assert rows == {"broken.docx": ("docx", "skipped"), "widgets.md": ("markdown", "changed"),
                    "new.html": ("html", "new"), "data-platform-lead.txt": ("text", "removed")}
    broken = next(i for i in list_documents(corpus, index_dir) if i.name == "broken.docx")
    assert "not a valid Word .docx file" in broken.reason


# ---------------------------------------------------------------- the corpus folder itself

def test_bad_files_in_the_corpus_folder_are_skipped_and_named(small_corpus, tmp_path, settings, embedder,
                                                             format_variants):
    for name, (make, _) in BAD_FILES.items():
        if not name.endswith(".txt"):
            (small_corpus / name).write_bytes(make(format_variants))
    (small_corpus / "huge.html").write_bytes(b"<html><body><p>" + b"big " * (13 * 1024 * 1024) + b"</p></body></html>")
    events = []
    bot = Assistant.load(small_corpus, tmp_path / "index", settings, embedder, on_event=events.append)
    skipped = bot.index.manifest.skipped
    for name, (_, reason) in BAD_FILES.items():
        if not name.endswith(".txt"):
            assert reason in skipped[name], name
            assert any(e.startswith(f"skipped {name}: ") for e in events), name
    assert skipped["huge.html"].startswith("is 52.0 MB, over the 5 MB limit")
    assert "$190,000 - $230,000" in bot.ask("How much does a senior data platform lead earn?").answer
    bot.close()


def test_the_last_good_index_keeps_serving_when_only_bad_files_are_left(small_corpus, tmp_path, settings, embedder,
                                                                       format_variants):
    Assistant.load(small_corpus, tmp_path / "index", settings, embedder).close()
    before = live_build(tmp_path / "index")
    (small_corpus / "data-platform-lead.txt").unlink()
    for name in ("encrypted.pdf", "scanned.pdf", "truncated.docx", "no-body.html", "junk.md"):
        (small_corpus / name).write_bytes(BAD_FILES[name][0](format_variants))
    events = []
    bot = Assistant.load(small_corpus, tmp_path / "index", settings, embedder, on_event=events.append)
    assert any("no readable document" in e and "serving the previous index" in e and "encrypted.pdf" in e
               for e in events)
    assert live_build(tmp_path / "index") == before
    assert "$190,000 - $230,000" in bot.ask("How much does a senior data platform lead earn?").answer
    bot.close()


# ---------------------------------------------------------------- the command line

@pytest.fixture
def docs(folders, capsys):
    corpus, index_dir = folders

    def invoke(*args):
        code = cli.main(["--quiet", "--corpus", str(corpus), "--index", str(index_dir), "docs", *args])
        out = capsys.readouterr()
        return code, out.out, out.err
    return invoke


def test_docs_commands(docs, folders, tmp_path):
    corpus, _ = folders
    pdf = tmp_path / "Widget Guide.pdf"
    pdf.write_bytes(two_page_pdf())
    code, out, err = docs("add", str(pdf))
    assert code == 0, err
    assert "added Widget-Guide.pdf: Quantum Widget Engineer" in out and "added: Widget-Guide.pdf" in out
    assert "vectors reused: 1 file(s)" in out
    code, out, _ = docs("list")
    assert code == 0
    line = next(row for row in out.splitlines() if row.startswith("Widget-Guide.pdf"))
    assert line.split()[1:4] == ["pdf", "2", "kB"] and "indexed" in line and "Quantum Widget Engineer" in line
    code, out, err = docs("add", str(pdf))
    assert code == 1 and "error: Widget-Guide.pdf is already in the corpus" in err
    code, out, err = docs("add", str(pdf), "--replace")
    assert code == 0 and "replaced Widget-Guide.pdf" in out
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(100))
    code, out, err = docs("add", str(bad))
    assert code == 1 and "error: scan.pdf is not a valid PDF" in err and "nothing was changed" in err
    code, out, err = docs("add", str(tmp_path / "missing.pdf"))
    assert code == 1 and "No such file" in err
    code, out, err = docs("remove", "Widget-Guide.pdf")
    assert code == 0 and "removed Widget-Guide.pdf" in out and "removed: Widget-Guide.pdf" in out
    assert sorted(p.name for p in corpus.iterdir()) == ["data-platform-lead.txt"]
