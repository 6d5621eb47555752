"""``Assistant``: load or build the index, then answer questions with cited extractive replies."""
from __future__ import annotations

import contextlib
import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .config import MAX_QUESTION_CHARS, MODES, Settings
from .conversation import Resolved, resolve, subject_words
from .embedding import Embedder, LazyEmbedder
from .errors import InvalidQuestionError
from .index import CorpusIndex, open_index
from .reader import Reader, answer_type
from .retrieval import Query, Retrievers, build_retrievers
from .text import normalize, tokenize
from .types import Citation, Hit, Reply

log = logging.getLogger("assistant")
MAX_K = 50
MAX_HISTORY_TURNS = 10  # earlier turns a follow-up is resolved against; older ones are dropped


@dataclass(frozen=True)
class _State:
    """Everything that depends on one index build; swapped as a whole on reload."""

    index: CorpusIndex
    retrievers: Retrievers
    reader: Reader
    subjects: frozenset[str]


class Assistant:
    """Question answering over the documents in a corpus folder.

    Build with ``Assistant.load()``; ``ask()`` is safe to call from many threads, and
    ``reload()`` swaps in a rebuilt index while questions in flight finish on the one they started with.
    """

    def __init__(self, index: CorpusIndex, embedder: Embedder, settings: Settings,
                 corpus_dir: Path | None = None, index_dir: Path | None = None):
        self.settings = settings
        self.embedder = embedder
        self.corpus_dir, self.index_dir = corpus_dir, index_dir
        self._reload_lock = threading.Lock()  # one rebuild at a time
        self._state_lock = threading.Lock()  # taking the current state vs swapping it
        self._state = self._make_state(index)

    # ------------------------------------------------------------ loading

    @classmethod
    def load(cls, corpus_dir: str | Path = "corpus", index_dir: str | Path = "index",
             settings: Settings | None = None, embedder: Embedder | None = None,
             rebuild: str = "auto", progress: bool = False,
             on_event: Callable[[str], None] | None = None) -> "Assistant":
        """Load the index for ``corpus_dir``, building it first when missing, stale or corrupt.

        Args:
            corpus_dir: folder of .txt/.md documents.
            index_dir: where built artifacts live.
            settings: defaults come from ``Settings.from_env()``.
            embedder: an already-loaded model to share (tests, the UI); else the settings' model,
                loaded once per process and only when first needed.
            rebuild: "auto" (when needed), "always", or "never" (raise instead).
            progress: show a progress bar while embedding.
            on_event: called with human-readable notes ("rebuilding: corpus changed …").

        Raises:
            EmptyCorpusError, IndexMismatchError, ModelLoadError: with a message meant for people.
        """
        settings = settings or Settings.from_env()
        embedder = embedder or LazyEmbedder(settings)
        index = open_index(corpus_dir, index_dir, settings, embedder, rebuild, progress, on_event or log.info)
        return cls(index, embedder, settings, Path(corpus_dir), Path(index_dir))

    def reload(self, rebuild: str = "auto") -> None:
        """Rebuild if the corpus changed, then swap the new index in atomically; the old one's
        files close when the last question using it finishes."""
        if self.corpus_dir is None or self.index_dir is None:
            raise ValueError("this assistant was not loaded from folders; nothing to reload")
        with self._reload_lock:
            index = open_index(self.corpus_dir, self.index_dir, self.settings, self.embedder, rebuild, note=log.info)
            state = self._make_state(index)
            with self._state_lock:
                old, self._state = self._state, state
            if old.index is not index:
                old.index.retire()

    def close(self) -> None:
        """Release the index files (the assistant can't answer afterwards)."""
        with self._state_lock:
            self._state.index.retire()

    def _make_state(self, index: CorpusIndex) -> _State:
        s = self.settings
        retrievers = build_retrievers(index, s)
        page_names = {d.doc_id: [d.title, *d.aliases] for d in index.manifest.documents}
        reader = Reader(index.chunks.units, index.unit_vectors, retrievers.bm25.idf, s.reader, page_names,
                        s.confidence)
        names = [name for names_of_page in page_names.values() for name in names_of_page]
        return _State(index, retrievers, reader, subject_words(names))

    @contextlib.contextmanager
    def _current(self):
        """The current state, held open for one question even if a reload swaps it meanwhile."""
        with self._state_lock:
            state = self._state
            state.index.acquire()
        try:
            yield state
        finally:
            state.index.release()

    # ------------------------------------------------------------ answering

    def ask(self, question: str, history: list[str] | None = None, k: int = 5, mode: str | None = None) -> Reply:
        """Answer ``question`` from the documents, or abstain.

        Args:
            question: up to 1,000 characters.
            history: earlier user turns, oldest first; used to resolve follow-ups.
            k: how many passages to cite (1-50).
            mode: "hybrid" (default), "bm25" or "dense" retrieval.

        Raises:
            ValueError (``InvalidQuestionError``): not a string, empty, too long, or a bad argument.
        """
        text = validate_question(question)
        turns = _validate_history(history)
        if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
            raise InvalidQuestionError(f"k must be an integer from 1 to {MAX_K}, got {k!r}")
        mode = mode or self.settings.mode
        if mode not in MODES:
            raise InvalidQuestionError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        with self._current() as state:
            resolved, wanted, query = self._prepare(text, turns, state)
            hits = state.retrievers.get(mode).search(query, max(k, self.settings.candidate_chunks))
            pool, rest = hits[: self.settings.candidate_chunks], hits[self.settings.candidate_chunks:]
            reranked, selection = state.reader.read(wanted, query.tokens, query.vector, pool, query.text)
        ranked = (reranked if self.settings.rerank else pool) + rest
        if selection is None or selection.confidence < self.settings.abstain_threshold:
            confidence = selection.confidence if selection else 0.0
            return Reply(text, resolved.query, None, True, confidence, wanted,
                         _citations(ranked[:k], None, None), mode, kind="abstain",
                         confidence_label=self.settings.confidence_label(confidence))
        answer_chunk = pool[selection.hit_rank].chunk
        return Reply(text, resolved.query, selection.text, False, selection.confidence, wanted,
                     _citations(ranked[:k], selection, answer_chunk.chunk_id), mode, kind="answer",
                     confidence_label=self.settings.confidence_label(selection.confidence),
                     subject=answer_chunk.section[-1] if answer_chunk.section else answer_chunk.title)

    def prepare(self, question: str, history: list[str] | None = None) -> tuple[Resolved, str, Query]:
        """Everything before retrieval: resolve a follow-up, find the answer type, tokenize and
        embed. Returns ``(Resolved, answer_type, Query)``; evaluation tools reuse it."""
        with self._current() as state:
            return self._prepare(question, history or [], state)

    def _prepare(self, question: str, history: list[str], state: _State) -> tuple[Resolved, str, Query]:
        resolved = resolve(question, history if self.settings.resolve_followups else [], state.subjects)
        wanted = answer_type(question) if self.settings.answer_typing else "text"
        if wanted == "text" and resolved.previous and self.settings.answer_typing:
            wanted = answer_type(resolved.previous)  # "And for senior level?" asks what the last turn asked
        return resolved, wanted, Query(resolved.query, tokenize(resolved.query), self.embedder.encode([resolved.query])[0])

    # ------------------------------------------------------------ public views for the CLI, UI and tools

    @property
    def index(self) -> CorpusIndex:
        return self._state.index

    @property
    def reader(self) -> Reader:
        return self._state.reader

    def retriever(self, mode: str | None = None):
        """The retriever for ``mode`` ("hybrid", "bm25", "dense"; default: the settings' mode)."""
        return self._state.retrievers.get(mode or self.settings.mode)

    def stats(self) -> dict:
        """Index facts for health checks and the UI."""
        index = self._state.index
        manifest = index.manifest
        return {
            "documents": manifest.document_count, "chunks": manifest.chunk_count, "units": manifest.unit_count,
            "model": manifest.model_name, "built_at": manifest.built_at, "index": str(index.path),
            "titles": [d.title for d in manifest.documents],
        }


def validate_question(question) -> str:
    """The question as text to search, or ``InvalidQuestionError`` saying what is wrong."""
    if not isinstance(question, str):
        raise InvalidQuestionError(f"question must be a string, got {type(question).__name__}")
    if len(question) > MAX_QUESTION_CHARS:
        raise InvalidQuestionError(
            f"question is {len(question):,} characters long; the limit is {MAX_QUESTION_CHARS:,}. "
            "Please shorten it (it is not truncated for you)."
        )
    text = " ".join(normalize(question).split())
    if not text:
        raise InvalidQuestionError("question is empty; type a question about the documents")
    return text


def _validate_history(history) -> list[str]:
    if history is None:
        return []
    if isinstance(history, str) or not isinstance(history, (list, tuple)):
        raise InvalidQuestionError(f"history must be a list of earlier questions, got {type(history).__name__}")
    turns = []
    for n, turn in enumerate(history):
        if not isinstance(turn, str):
            raise InvalidQuestionError(f"history[{n}] must be a string, got {type(turn).__name__}")
        cleaned = " ".join(normalize(turn).split())[-MAX_QUESTION_CHARS:]
        if cleaned:
            turns.append(cleaned)
    return turns[-MAX_HISTORY_TURNS:]


def _citations(hits: list[Hit], selection, answer_chunk: int | None) -> tuple[Citation, ...]:
    """Numbered citations; the one holding the answer carries its span (passage offsets)."""
    out = []
    for n, hit in enumerate(hits, start=1):
        chunk = hit.chunk
        answer_start = answer_end = None
        if selection is not None and chunk.chunk_id == answer_chunk:
            answer_start, answer_end = selection.start - chunk.start, selection.end - chunk.start
        spans = ((answer_start, answer_end),) if answer_start is not None else ()
        out.append(Citation(n, chunk.doc_id, chunk.title, chunk.section, chunk.breadcrumb, chunk.text,
                            round(hit.score, 6), chunk.start, chunk.end, answer_start, answer_end, spans,
                            page=chunk.page))
    return tuple(out)
