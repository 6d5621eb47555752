"""The chat's upload (``python app.py --allow-upload``): a file the browser sent to Gradio's upload
route becomes a corpus document, indexed incrementally, and the running assistant swaps in the new
index while questions keep being answered.

The work is ``assistant.documents.add_document`` (name sanitised, type, size and content checked
before anything is written, a failed rebuild undone); this module adds what a browser needs: the
uploaded file is taken only from Gradio's own upload folder, one upload runs at a time, progress
is reported while the passages are embedded, and every failure is a sentence for people.
"""
from __future__ import annotations

import logging
import os
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from assistant.corpus import size_problem
from assistant.documents import DocumentRejected, add_document, sanitize_name
from assistant.errors import AssistantError

log = logging.getLogger("assistant.upload")

EMBED_BATCH = 32  # texts per model call while indexing: the count moves, and questions get the model in between
UNCHANGED = "nothing was changed"


def max_upload_bytes(settings) -> int:
    """The largest file an upload takes: the corpus's own limit for one document."""
    return int(settings.max_file_mb * 1024 * 1024)


@dataclass(frozen=True)
class Added:
    """A document the upload added: its name in the corpus folder, the titles it holds, and how
    many passages the index gained."""

    name: str
    titles: tuple[str, ...]
    passages: int
    seconds: float

    def note(self) -> str:
        """The chat's note once the document can be asked about."""
        about = f" ({'; '.join(self.titles)})" if self.titles else ""
        return f"Added {self.name}{about}: {self.passages} passage{'s' if self.passages != 1 else ''}; ask about it."


class _CountingEmbedder:
    """The assistant's embedder, called in small batches: each batch moves the progress count, and a
    question waiting for the model (one call at a time) gets its turn between batches."""

    def __init__(self, inner, on_count: Callable[[int], None]):
        self.inner, self.on_count, self.done = inner, on_count, 0
        self.name = inner.name

    @property
    def dim(self) -> int:
        return self.inner.dim

    def encode(self, texts: list[str], batch_size: int = 16, progress: bool = False) -> np.ndarray:
        if not texts:
            return self.inner.encode(texts, batch_size=batch_size)
        parts = []
        for start in range(0, len(texts), EMBED_BATCH):
            parts.append(self.inner.encode(texts[start:start + EMBED_BATCH], batch_size=batch_size))
            self.done += len(parts[-1])
            self.on_count(self.done)
        return np.concatenate(parts)


class Uploads:
    """Adds uploaded files to the assistant's corpus, one at a time.

    ``is_uploaded(path)`` says whether Gradio's upload route wrote that file: a call to the page's
    upload event can name any path, and Gradio checks it only in an app started with ``launch()``,
    not in a mounted one like this, so the check is made here.
    """

    def __init__(self, bot, is_uploaded: Callable[[str], bool], forget: Callable[[str], None] = lambda _p: None):
        if getattr(bot, "corpus_dir", None) is None or getattr(bot, "index_dir", None) is None:
            raise ValueError("uploads need an assistant loaded from a corpus folder and an index folder")
        self.bot, self.is_uploaded, self.forget = bot, is_uploaded, forget
        self._lock = threading.Lock()

    @property
    def max_bytes(self) -> int:
        return max_upload_bytes(self.bot.settings)

    def add(self, payload) -> Iterator[str | Added]:
        """Yields progress lines ("Indexing guide.pdf … 42 sentences embedded"), then the
        ``Added`` document. Raises ``DocumentRejected`` with the reason when the file can't be
        added; then nothing was changed. The work runs on its own thread and finishes even if the
        caller stops listening, so the corpus and the live index never disagree."""
        path, name = self._file_of(payload)
        if not self._lock.acquire(blocking=False):
            self._discard(path)
            raise DocumentRejected(f"another document is being added right now; add {name} when it is done; "
                                   f"{UNCHANGED}")
        events: queue.Queue = queue.Queue()
        try:
            worker = threading.Thread(target=self._work, args=(path, name, events), name="upload", daemon=True)
            worker.start()
        except BaseException:
            self._lock.release()
            raise
        while True:
            event = events.get()
            while isinstance(event, str) and not events.empty():  # only the newest progress line matters
                event = events.get()
            if isinstance(event, BaseException):
                raise event
            yield event
            if isinstance(event, Added):
                return

    def _file_of(self, payload) -> tuple[Path, str]:
        """The uploaded file and the name the user gave it, from the event's file data."""
        data = payload if isinstance(payload, dict) else {}
        path = data.get("path")
        if not isinstance(path, str) or not path or not self.is_uploaded(path):
            raise DocumentRejected(f"no uploaded file came with the request; choose the file again; {UNCHANGED}")
        name = data.get("orig_name")
        return Path(path), name if isinstance(name, str) and name.strip() else Path(path).name

    def _work(self, path: Path, name: str, events: queue.Queue) -> None:
        result: Added | DocumentRejected = DocumentRejected(f"{name} could not be added; {UNCHANGED}")
        try:
            result = self._add(path, name, events.put)
        except DocumentRejected as exc:
            result = exc
        except Exception as exc:  # the reason goes to the log; the user gets a sentence, not internals
            log.exception("upload of %s failed", name)
            result = DocumentRejected(f"{name} could not be added ({type(exc).__name__}); {UNCHANGED}")
        finally:
            self._discard(path)
            self._lock.release()
            events.put(result)  # last: once the caller hears the outcome, the next upload can start

    def _add(self, path: Path, name: str, say: Callable[[str], None]) -> Added:
        bot, started = self.bot, time.perf_counter()
        try:
            safe = sanitize_name(name)  # the type is checked before the file is read
        except DocumentRejected as exc:
            raise DocumentRejected(f"{exc}; {UNCHANGED}") from exc
        if (Path(bot.corpus_dir) / safe).exists():
            raise DocumentRejected(f"{safe} is already in the corpus; rename the file to add it as another "
                                   f"document; {UNCHANGED}")
        data = self._read(path, safe)
        say(f"Indexing {safe} … reading the file")
        before = bot.stats()["chunks"]
        counting = _CountingEmbedder(bot.embedder, lambda n: say(f"Indexing {safe} … {n} sentences embedded"))
        try:
            report = add_document(bot.corpus_dir, bot.index_dir, safe, data, bot.settings, counting)
        except (AssistantError, OSError) as exc:
            if isinstance(exc, DocumentRejected):
                raise
            log.warning("upload of %s failed: %s", safe, exc)
            raise DocumentRejected(f"{safe} could not be indexed: {exc}; {UNCHANGED}") from exc
        say(f"Indexing {safe} … loading the new index")
        try:
            bot.reload()
        except (AssistantError, OSError) as exc:
            log.warning("the index with %s was built but did not load: %s", safe, exc)
            raise DocumentRejected(f"{safe} was added to the corpus, but the chat could not load the new index "
                                   f"({exc}); restart the app") from exc
        passages = report.build.chunks - before
        return Added(safe, report.titles, passages, time.perf_counter() - started)

    def _read(self, path: Path, safe: str) -> bytes:
        """The uploaded bytes, refused before reading when over the corpus's size limit."""
        try:
            size = os.stat(path, follow_symlinks=False).st_size
            too_big = size_problem(size, self.bot.settings.max_file_mb)
            if too_big:
                raise DocumentRejected(f"{safe} {too_big}; {UNCHANGED}")
            with open(path, "rb", opener=lambda p, flags: os.open(p, flags | os.O_NOFOLLOW)) as handle:
                return handle.read(self.max_bytes + 1)
        except FileNotFoundError as exc:
            raise DocumentRejected(f"the uploaded {safe} is gone; upload it again; {UNCHANGED}") from exc

    def _discard(self, path: Path) -> None:
        """The uploaded copy is not kept: the corpus folder holds the document now (or nothing does)."""
        self.forget(str(path))
        try:
            path.unlink(missing_ok=True)
            path.parent.rmdir()  # Gradio's per-file folder, when nothing else is in it
        except OSError:
            pass
