"""``Assistant``: load or build the index, then answer questions with cited extractive replies."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .config import MAX_QUESTION_CHARS, Settings
from .conversation import resolve, subject_words
from .embedding import Embedder, SentenceTransformerEmbedder
from .errors import EmptyCorpusError, IndexMismatchError, InvalidQuestionError
from .index import CorpusIndex, build_index, index_status, load_index
from .reader import Reader, answer_type
from .retrieval import MODES, BM25Retriever, DenseRetriever, HybridRetriever, Query
from .text import normalize, tokenize
from .types import Citation, Hit, Reply

log = logging.getLogger("assistant")
MAX_K = 50
MAX_HISTORY_TURNS = 10  # earlier turns a follow-up is resolved against; older ones are dropped


@dataclass(frozen=True)
class _State:
    """Everything that depends on one index build; swapped as a whole on reload."""

    index: CorpusIndex
    retrievers: dict
    reader: Reader
    subjects: frozenset[str]


class Assistant:
    """Question answering over the documents in a corpus folder.

    Build with ``Assistant.load()``; ``ask()`` is safe to call from many threads, and
    ``reload()`` swaps in a rebuilt index while readers keep the one they started with.
    """

    def __init__(self, index: CorpusIndex, embedder: Embedder, settings: Settings,
                 corpus_dir: Path | None = None, index_dir: Path | None = None):
        self.settings = settings
        self.embedder = embedder
        self.corpus_dir, self.index_dir = corpus_dir, index_dir
        self._reload_lock = threading.Lock()
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
            embedder: an already-loaded model to share (tests, the UI).
            rebuild: "auto" (when needed), "always", or "never" (raise instead).
            progress: show a progress bar while embedding.
            on_event: called with human-readable notes ("rebuilding: corpus changed …").

        Raises:
            EmptyCorpusError, IndexMismatchError, ModelLoadError: with a message meant for people.
        """
        if rebuild not in ("auto", "always", "never"):
            raise ValueError(f"rebuild must be 'auto', 'always' or 'never', got {rebuild!r}")
        settings = settings or Settings.from_env()
        corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
        note = on_event or log.info
        embedder = embedder or SentenceTransformerEmbedder(settings.model, settings.torch_threads, settings.build_threads)
        status = index_status(corpus_dir, index_dir, settings)
        if rebuild == "always" or status.state != "fresh":
            if rebuild == "never":
                raise IndexMismatchError(f"index is {status.state}: {status.reason}")
            if status.state != "missing":
                note(f"rebuilding the index: {status.reason or 'asked to'}")
            cls._build(corpus_dir, index_dir, settings, embedder, progress, note, status.state)
        try:
            index = load_index(index_dir)
        except IndexMismatchError as exc:
            if rebuild == "never":
                raise
            note(f"rebuilding the index: {exc}")
            try:
                build_index(corpus_dir, index_dir, settings, embedder, progress=progress, log=note)
            except OSError as build_error:
                raise IndexMismatchError(f"could not build the index in {index_dir}: {build_error}") from build_error
            index = load_index(index_dir)
        model = index.manifest.get("model", {})
        if model.get("dim") != embedder.dim or model.get("name") != embedder.name:
            raise IndexMismatchError(
                f"the index was built with {model.get('name')} ({model.get('dim')} dimensions) but the model "
                f"loaded is {embedder.name} ({embedder.dim}); rebuild with `python -m assistant index --force`")
        return cls(index, embedder, settings, corpus_dir, index_dir)

    @staticmethod
    def _build(corpus_dir, index_dir, settings, embedder, progress, note, state) -> None:
        try:
            report = build_index(corpus_dir, index_dir, settings, embedder, progress=progress, log=note)
        except (OSError, EmptyCorpusError) as exc:
            # A read-only index folder or an emptied corpus: the last good index stays in use.
            if state == "stale":
                note(f"could not rebuild the index ({exc}); serving the previous index, which is out of date")
                return
            if isinstance(exc, EmptyCorpusError):
                raise
            raise IndexMismatchError(f"could not build the index in {index_dir}: {exc}") from exc
        note(f"built index: {report.documents} documents, {report.chunks} chunks, "
             f"{report.units} answer units in {report.seconds:.2f} s")

    def reload(self, rebuild: str = "auto") -> None:
        """Rebuild if the corpus changed, then swap the new index in atomically."""
        if self.corpus_dir is None or self.index_dir is None:
            raise ValueError("this assistant was not loaded from folders; nothing to reload")
        with self._reload_lock:  # one rebuild at a time; readers keep the state they started with
            fresh = Assistant.load(self.corpus_dir, self.index_dir, self.settings, self.embedder, rebuild)
            self._state = fresh._state

    def _make_state(self, index: CorpusIndex) -> _State:
        s = self.settings
        bm25 = BM25Retriever(index, idf=s.bm25_idf)
        dense = DenseRetriever(index, s.hnsw_ef_search)
        hybrid = HybridRetriever(bm25, dense, index, fusion=s.fusion, rrf_k=s.rrf_k, dense_weight=s.dense_weight)
        page_names = {doc["doc_id"]: [doc.get("title", ""), *doc.get("aliases", [])]
                      for doc in index.manifest.get("documents", [])}
        reader = Reader(index.chunks.units, index.unit_vectors, bm25.idf, s.reader_weights(), page_names,
                        s.confidence_weights())
        names = [name for names_of_page in page_names.values() for name in names_of_page]
        return _State(index, {"bm25": bm25, "dense": dense, "hybrid": hybrid}, reader, subject_words(names))

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
        state = self._state  # one consistent index for the whole question, even across a reload
        resolved, kind, query = self.prepare(text, turns, state)
        hits = state.retrievers[mode].search(query, max(k, self.settings.candidate_chunks))
        pool, rest = hits[: self.settings.candidate_chunks], hits[self.settings.candidate_chunks:]
        reranked, selection = state.reader.read(kind, query.tokens, query.vector, pool, query.text)
        ranked = (reranked if self.settings.rerank else pool) + rest
        if selection is None or selection.confidence < self.settings.abstain_threshold:
            confidence = selection.confidence if selection else 0.0
            return Reply(text, resolved.query, None, True, confidence, kind,
                         _citations(ranked[:k], None, None), mode)
        answer_chunk = pool[selection.hit_rank].chunk.chunk_id
        return Reply(text, resolved.query, selection.text, False, selection.confidence, kind,
                     _citations(ranked[:k], selection, answer_chunk), mode)

    def prepare(self, question: str, history: list[str], state: _State | None = None):
        """Resolve a follow-up, find the answer type, tokenize and embed: everything before
        retrieval. Returns ``(Resolved, answer_type, Query)``; evaluation tools reuse it."""
        state = state or self._state
        resolved = resolve(question, history if self.settings.resolve_followups else [], state.subjects)
        kind = answer_type(question) if self.settings.answer_typing else "text"
        if kind == "text" and resolved.previous and self.settings.answer_typing:
            kind = answer_type(resolved.previous)  # "And for senior level?" asks what the last turn asked
        return resolved, kind, Query(resolved.query, tokenize(resolved.query), self._embed(resolved.query))

    def _embed(self, text: str):
        return self.embedder.encode([text])[0]

    # ------------------------------------------------------------ facts for the CLI / UI

    @property
    def index(self) -> CorpusIndex:
        return self._state.index

    def stats(self) -> dict:
        """Index facts for health checks and the UI."""
        manifest = self._state.index.manifest
        return {
            "documents": manifest["counts"]["documents"], "chunks": manifest["counts"]["chunks"],
            "units": manifest["counts"]["units"], "model": manifest["model"]["name"],
            "built_at": manifest["built_at"], "index": str(self._state.index.path),
            "titles": [d["title"] for d in manifest.get("documents", [])],
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
        out.append(Citation(n, chunk.doc_id, chunk.title, chunk.breadcrumb, chunk.text, round(hit.score, 6),
                            chunk.start, chunk.end, answer_start, answer_end))
    return tuple(out)
