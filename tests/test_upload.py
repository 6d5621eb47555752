"""The chat's upload (``python app.py --allow-upload``): ``ui.upload.Uploads`` over a real index built
in tmp_path with the real model, then the app's upload route and upload event over HTTP.

A good document is answered from, with a citation to it, as soon as the upload reports it added;
every refused file gets its own message and leaves the corpus folder and the live index as they were.
(The browser test that uploads a PDF is in test_browser.py.)"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import shutil
import uuid
from pathlib import Path

import httpx
import pytest
from gradio_client import Client

import app as chat_app
from assistant import Assistant
from assistant import build as build_mod
from assistant.documents import DocumentRejected
from assistant.index import live_build
from ui.upload import Added, Uploads

from .servers import serving

PAGE_HTML = b"""<!doctype html>
<html><head><title>Harbour Pilot Coordinator</title></head>
<body><nav>Home | Careers</nav>
<h1>Harbour Pilot Coordinator</h1>
<p>Harbour pilot coordinators schedule the pilots who bring ships into port.</p>
<h2>Salary</h2>
<ul><li>Salary Range: $87,654 - $93,210 per year</li><li>Usually requires 4+ years of port operations</li></ul>
</body></html>
"""


class UploadFolder:
    """Gradio's upload folder as the upload route leaves it: each file in a folder of its own, and
    the set of paths the route wrote (``Blocks.upload_file_set``) that ``Uploads`` checks against."""

    def __init__(self, root: Path):
        self.root, self.paths = root, set()

    def put(self, name: str, data: bytes) -> dict:
        """The file data the page's upload event sends for a file the route took."""
        folder = self.root / hashlib.sha256(data).hexdigest()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / name
        path.write_bytes(data)
        self.paths.add(str(path))
        return {"path": str(path), "orig_name": name, "meta": {"_type": "gradio.FileData"}}

    def uploads(self, bot) -> Uploads:
        return Uploads(bot, self.paths.__contains__, self.paths.discard)


@pytest.fixture
def folders(small_corpus, tmp_path, settings, embedder):
    """(bot, corpus, index, upload folder): the small page indexed into tmp_path, loaded."""
    index_dir = tmp_path / "index"
    bot = Assistant.load(small_corpus, index_dir, settings, embedder)
    yield bot, small_corpus, index_dir, UploadFolder(tmp_path / "gradio")
    bot.close()


def snapshot(corpus: Path, index_dir: Path):
    """What an upload could change: every name in the corpus folder (hidden ones too), the index
    folder's entries (staging folders would show; lock files don't count), the live build and its manifest."""
    build = live_build(index_dir)
    return (sorted(os.listdir(corpus)), sorted(n for n in os.listdir(index_dir) if not n.endswith(".lock")),
            build, (build / "manifest.json").read_bytes())


def drain(events) -> tuple[list[str], Added]:
    lines = list(events)
    assert isinstance(lines[-1], Added) and all(isinstance(line, str) for line in lines[:-1])
    return lines[:-1], lines[-1]


# ---------------------------------------------------------------- Uploads

def test_an_uploaded_page_is_answered_with_a_citation_to_it(folders):
    bot, corpus, index_dir, gradio = folders
    assert "Harbour Pilot Coordinator" not in bot.stats()["titles"]
    payload = gradio.put("Harbour Pilot (2024).html", PAGE_HTML)
    progress, added = drain(gradio.uploads(bot).add(payload))
    assert progress and all(line.startswith("Indexing Harbour-Pilot-2024.html …") for line in progress)
    assert (added.name, added.titles) == ("Harbour-Pilot-2024.html", ("Harbour Pilot Coordinator",))
    assert added.passages > 0
    assert added.note() == (f"Added Harbour-Pilot-2024.html (Harbour Pilot Coordinator): {added.passages} "
                            "passages; ask about it.")
    assert (corpus / "Harbour-Pilot-2024.html").read_bytes() == PAGE_HTML
    assert not Path(payload["path"]).exists() and payload["path"] not in gradio.paths  # the upload's copy is gone
    # The running assistant answers from it at once (reloaded, not restarted), citing it.
    assert "Harbour Pilot Coordinator" in bot.stats()["titles"]
    reply = bot.ask("what's the salary range for a harbour pilot coordinator?")
    assert not reply.abstained and "$87,654 - $93,210" in reply.answer
    top = reply.citations[0]
    assert top.title == "Harbour Pilot Coordinator" and "$87,654 - $93,210" in top.text
    sources = {d.doc_id: d.source for d in bot.index.manifest.documents}
    assert sources[top.doc_id] == "Harbour-Pilot-2024.html"
    # What was there is still answered from.
    assert "$190,000 - $230,000" in bot.ask("senior data platform lead salary?").answer


def _too_big(settings) -> bytes:
    return b"%PDF-1.7\n" + bytes(int(settings.max_file_mb * 1024 * 1024) - 8)  # one byte over the limit


REFUSALS = {  # case -> (name given, bytes, the start of the message)
    "too big": ("big.pdf", _too_big, "big.pdf is 5.0 MB, over the 5 MB limit for one document"),
    "program": ("setup.exe", lambda s: b"MZ\x90\x00" * 64, "'setup.exe' is not a type this assistant reads"),
    "archive": ("pages.zip", lambda s: b"PK\x03\x04" * 64, "'pages.zip' is not a type this assistant reads"),
    "name taken": ("data-platform-lead.txt", lambda s: b"Data Platform Lead\n\nOverview\n\nOther text.\n",
                   "data-platform-lead.txt is already in the corpus; rename the file"),
    "not a pdf": ("notes.pdf", lambda s: b"%PDF-1.7\nthis is not a PDF at all\n" * 20, "notes.pdf "),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_a_refused_file_gets_its_reason_and_changes_nothing(folders, settings, case):
    bot, corpus, index_dir, gradio = folders
    name, make, message = REFUSALS[case]
    before, titles = snapshot(corpus, index_dir), bot.stats()["titles"]
    payload = gradio.put(name, make(settings))
    with pytest.raises(DocumentRejected) as info:
        list(gradio.uploads(bot).add(payload))
    assert str(info.value).startswith(message) and str(info.value).endswith("; nothing was changed")
    assert snapshot(corpus, index_dir) == before and bot.stats()["titles"] == titles
    assert not Path(payload["path"]).exists() and not gradio.paths  # the refused upload is not kept either


@pytest.mark.parametrize("payload", [None, {}, {"path": ""}, {"path": 42}, "corpus/data-platform-lead.txt"])
def test_an_event_without_an_uploaded_file_is_refused(folders, payload):
    bot, corpus, index_dir, gradio = folders
    before = snapshot(corpus, index_dir)
    with pytest.raises(DocumentRejected, match="^no uploaded file came with the request; choose the file again; "
                                               "nothing was changed$"):
        list(gradio.uploads(bot).add(payload))
    assert snapshot(corpus, index_dir) == before


def test_a_file_the_upload_route_did_not_write_is_neither_read_nor_deleted(folders, tmp_path):
    """An event can name any path; only files Gradio's upload route wrote are taken, and nothing
    else is touched (the upload's copy is deleted after use, so a foreign path must not be)."""
    bot, corpus, index_dir, gradio = folders
    before = snapshot(corpus, index_dir)
    elsewhere = tmp_path / "elsewhere" / "secret.md"
    elsewhere.parent.mkdir()
    elsewhere.write_bytes(b"# Secret Role\n\n## Pay\n\n- Salary: $1 per year\n")
    gradio.put("other.md", b"# Other\n\ntext\n")  # a real upload exists, but not this path
    for path in (str(elsewhere), str(corpus / "data-platform-lead.txt"), str(gradio.root / ".." / "elsewhere")):
        with pytest.raises(DocumentRejected, match="^no uploaded file came with the request"):
            list(gradio.uploads(bot).add({"path": path, "orig_name": "secret.md"}))
    assert elsewhere.exists() and (corpus / "data-platform-lead.txt").exists()
    assert snapshot(corpus, index_dir) == before


def test_a_failed_rebuild_is_undone_and_said_in_a_sentence(folders, monkeypatch):
    bot, corpus, index_dir, gradio = folders
    before, titles = snapshot(corpus, index_dir), bot.stats()["titles"]

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_mod, "write_build", disk_full)
    payload = gradio.put("harbour.html", PAGE_HTML)
    with pytest.raises(DocumentRejected) as info:
        list(gradio.uploads(bot).add(payload))
    assert str(info.value) == ("harbour.html could not be indexed: [Errno 28] No space left on device; "
                               "nothing was changed")
    assert snapshot(corpus, index_dir) == before and bot.stats()["titles"] == titles
    assert "$190,000 - $230,000" in bot.ask("senior data platform lead salary?").answer  # still serving


def test_a_second_upload_while_one_is_indexed_is_refused(folders):
    """The first upload is held inside its rebuild (the index's corpus lock is taken here, as a
    concurrent ``docs add`` would); meanwhile a second one is refused at once, not queued behind it."""
    bot, corpus, index_dir, gradio = folders
    uploads = gradio.uploads(bot)
    first = uploads.add(gradio.put("harbour.html", PAGE_HTML))
    with (index_dir / ".documents.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            assert next(first) == "Indexing harbour.html … reading the file"
            second = gradio.put("widget.md", b"# Widget Tester\n\n## Pay\n\n- Salary: $61,000 per year\n")
            with pytest.raises(DocumentRejected, match="^another document is being added right now; add widget.md "
                                                       "when it is done; nothing was changed$"):
                next(uploads.add(second))
            assert not Path(second["path"]).exists()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    _, added = drain(first)
    assert added.name == "harbour.html"
    assert sorted(os.listdir(corpus)) == ["data-platform-lead.txt", "harbour.html"]
    # Once the first is done, the next upload goes through.
    _, added = drain(uploads.add(gradio.put("widget.md", b"# Widget Tester\n\n## Pay\n\n- Salary: $61,000 per year\n")))
    assert added.titles == ("Widget Tester",)


# ---------------------------------------------------------------- the app over HTTP

@pytest.fixture(scope="module")
def upload_server(tmp_path_factory, settings, embedder):
    """The app with uploads on, over its own small corpus (uploads change the corpus)."""
    from .conftest import SMALL_PAGE

    base = tmp_path_factory.mktemp("upload-app")
    (base / "corpus").mkdir()
    (base / "corpus" / "data-platform-lead.txt").write_text(SMALL_PAGE, encoding="utf-8")
    bot = Assistant.load(base / "corpus", base / "index", settings, embedder)
    with serving(chat_app.build_server(bot, base / "logs", allow_upload=True)) as url:
        yield url, bot, base
    bot.close()


def _post_file(url: str, name: str, size: int) -> httpx.Response:
    return httpx.post(f"{url}/gradio_api/upload", files=[("files", (name, b"x" * size, "text/plain"))], timeout=30)


def _forget(paths: list[str]) -> None:
    """Removes files the upload route took in a test (Gradio keeps them until an event uses them)."""
    for path in paths:
        shutil.rmtree(Path(path).parent, ignore_errors=True)


def test_the_upload_route_takes_a_file_up_to_the_limit_and_no_more(upload_server, settings):
    url, _, _ = upload_server
    limit = int(settings.max_file_mb * 1024 * 1024)
    accepted = _post_file(url, "at-the-limit.txt", limit)
    assert accepted.status_code == 200, accepted.text[:200]
    _forget(accepted.json())
    assert Path(accepted.json()[0]).name == "at-the-limit.txt"
    over = _post_file(url, "one-byte-over.txt", limit + 1)  # Gradio's own check
    assert over.status_code == 413 and "maximum allowed size of 5242880 bytes" in over.text
    far_over = _post_file(url, "far-over.txt", 2 * limit)  # refused on its declared length, before Gradio
    assert far_over.status_code == 413 and far_over.text.startswith("request larger than")
    chunked = httpx.post(f"{url}/gradio_api/upload", content=iter([b"x" * 65536] * (2 * limit // 65536)),
                         headers={"content-type": "multipart/form-data; boundary=x"}, timeout=30)
    assert chunked.status_code == 413  # counted as it arrives, whatever the headers say
    # Other routes keep their small limit.
    assert httpx.post(f"{url}/gradio_api/call/ask", content=b"x" * (300 * 1024),
                      headers={"content-type": "application/json"}, timeout=10).status_code == 413


def _upload_event(url: str, file_data) -> list:
    """Runs the page's upload event with ``file_data`` over Gradio's queue, as the browser does;
    returns every output it sent (a bounded wait)."""
    config = httpx.get(f"{url}/config", timeout=10).json()
    button = next(c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == "upload")
    fn = next(d["id"] for d in config["dependencies"] if [button, "upload"] in d["targets"])
    session = uuid.uuid4().hex
    joined = httpx.post(f"{url}/gradio_api/queue/join", timeout=10,
                        json={"data": [file_data, None], "fn_index": fn, "trigger_id": button,
                              "session_hash": session, "event_data": None})
    assert joined.status_code == 200, joined.text
    outputs = []
    with httpx.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session}, timeout=60) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            message = json.loads(line[5:])
            if message.get("msg") in ("process_generating", "process_completed"):
                outputs.append(message["output"])
            if message.get("msg") == "process_completed":
                return outputs
    pytest.fail("the upload event did not complete")


def test_the_upload_event_takes_only_files_the_upload_route_wrote(upload_server, tmp_path):
    url, bot, base = upload_server
    outside = tmp_path / "role.md"
    outside.write_bytes(b"# Lighthouse Keeper\n\n## Pay\n\n- Salary: $55,555 per year\n")
    before = sorted(os.listdir(base / "corpus"))
    outputs = _upload_event(url, {"path": str(outside), "orig_name": "role.md", "meta": {"_type": "gradio.FileData"}})
    assert "no uploaded file came with the request" in outputs[-1]["data"][0]
    assert outside.exists() and sorted(os.listdir(base / "corpus")) == before
    assert "Lighthouse Keeper" not in bot.stats()["titles"]


def test_an_upload_over_http_is_added_and_answered(upload_server):
    url, bot, base = upload_server
    sent = httpx.post(f"{url}/gradio_api/upload", files=[("files", ("Harbour Pilot.html", PAGE_HTML, "text/html"))],
                      timeout=30)
    assert sent.status_code == 200
    path = sent.json()[0]
    outputs = _upload_event(url, {"path": path, "orig_name": "Harbour Pilot.html",
                                  "meta": {"_type": "gradio.FileData"}})
    assert "Indexing Harbour-Pilot.html … reading the file" in outputs[0]["data"][0]  # progress while it works
    status, messages, _, header = outputs[-1]["data"]
    assert status == ""  # the progress line is cleared once the note is in the chat
    note = messages[-1]["content"][0]["text"]
    assert re.search(r"<p>Added Harbour-Pilot\.html \(Harbour Pilot Coordinator\): \d+ passages; ask about it\.</p>",
                     note)
    assert "Harbour Pilot Coordinator" in header
    assert (base / "corpus" / "Harbour-Pilot.html").exists() and not Path(path).exists()
    reply = Client(url, verbose=False).predict(question="harbour pilot coordinator salary?", api_name="/ask")
    assert "$87,654 - $93,210" in reply["answer"] and reply["citations"][0]["title"] == "Harbour Pilot Coordinator"
    events = [json.loads(line) for line in (base / "logs" / "interactions.jsonl").read_text().splitlines()]
    assert any(e["event"] == "upload" and e["name"] == "Harbour-Pilot.html" for e in events)


def _has_upload_button(url: str) -> bool:
    config = httpx.get(f"{url}/config", timeout=10).json()
    return any(c.get("props", {}).get("elem_id") == "upload" for c in config["components"])


def test_uploads_are_off_unless_asked_for(server, upload_server, monkeypatch, capsys):
    assert not _has_upload_button(server[0]) and _has_upload_button(upload_server[0])
    monkeypatch.delenv("ASSISTANT_ALLOW_UPLOAD", raising=False)
    assert chat_app.upload_from_env() is False
    for value, on in [("1", True), ("yes", True), ("0", False), ("off", False), ("", False)]:
        monkeypatch.setenv("ASSISTANT_ALLOW_UPLOAD", value)
        assert chat_app.upload_from_env() is on
    monkeypatch.setenv("ASSISTANT_ALLOW_UPLOAD", "maybe")
    assert chat_app.main([]) == 1  # refused before anything loads
    assert "error: ASSISTANT_ALLOW_UPLOAD must be 1 or 0, got 'maybe'" in capsys.readouterr().err
