"""``Assistant``: load or build the index, then answer questions with cited extractive replies."""
from __future__ import annotations

import contextlib
import functools
import logging
import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Sequence

from .config import MAX_QUESTION_CHARS, MODES, Settings
from .conversation import Resolved, buried_question, resolve, subject_words
from .embedding import Embedder, LazyEmbedder
from .errors import InvalidQuestionError
from .facts import is_role_phrase, occupation_names, role_phrase
from .index import CorpusIndex, open_index
from .layout import organisation_names
from .compose import Quote, head_stems, names_only, one_occupation, without_request
from .facttable import FactTable
from .intent import analyse, attributes_asked
from .multifact import MultiFact, Outcome, asks_each_source
from .places import is_region, named_region
from .reader import (CODE_RE, EDUCATION_RE, LABEL_RE, fold_code, NAME_WORDS, UNIT_TYPE_PATTERNS, Reader, acronym_variants, answer_type, asks_every_tool,
                     asks_one_tool, form_label_words, is_yes_no, names_tools, tool_modifiers)
from .retrieval import Query, Retrievers, build_retrievers
from .smalltalk import examples_for, help_text, small_talk
from .spelling import Speller
from .text import normalize, tokenize
from .types import Citation, Fact, Hit, Reply, Unit

GATHER_SHARE = 0.75  # a passage joins a gathered list when its best unit scores this share of the best one's
GATHER_MAX = 4  # … from at most this many passages
GATHER_TOOLS_MAX = 8  # units quoted when gathering the tools a section or page names
GATHER_KIND_MAX = 8  # units quoted when gathering every mention of a kind of thing ("every degree") across sections
GATHER_KIND_CHUNKS = 500  # … read from at most this many chunks (the shipped corpus has 64)
MAX_PAGE_CHUNKS = 400  # how far a page is walked to gather what it names
COMPARE_DEPTH = 4  # a compared page missing from the candidates is looked for this many times deeper
# The two sides of "X vs Y", "X compared with Y", "how does X differ from Y"; else of "X or Y", "X and Y".
_VERSUS_RE = re.compile(r"\s+(?:vs\.?|versus|compared (?:to|with)|differs? from|different from)\s+", re.I)
_AND_OR_RE = re.compile(r"\s+(?:and|or)\s+", re.I)
OFF_SUBJECT_SHARE = 0.9  # an answer about another year or name is held just under the abstention threshold
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
    multifact: MultiFact
    speller: Speller
    occupations: dict[str, tuple[tuple[str, frozenset[str]], ...]]  # doc_id -> (name, its tokens) of its occupation
    # each occupation name under its first token, so a question looks up only the names it could spell:
    # token -> [(page position, name position, doc_id, name, tokens)]
    occupations_by_token: dict[str, list[tuple[int, int, str, str, frozenset[str]]]]
    # (doc_id, heading) -> the heading's tokens: the sections a question may name ("the requirements section")
    section_tokens: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)


_NUMBER_RANGE_RE = re.compile(r"(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)")


def _range_ends(tokens: list[str], known) -> list[str]:
    """A range the documents never write so ("35-60 miles" where a rate card has "35 to 60 miles") is
    searched by its two ends; a range they do write ("3-7 years") stays one token."""
    out: list[str] = []
    for token in tokens:
        match = _NUMBER_RANGE_RE.fullmatch(token)
        out.extend(match.groups() if match and not known(token) else (token,))
    return out


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
        # a page is named by its title, a one-word alias ("MLOps", "radiographer") or its publisher ("tuition at
        # riverbend"); a longer other name ("Certified Paralegal") only names the page's occupation in the fact table
        organisations = _own_organisations(index)
        page_names = {d.doc_id: [d.title, *(a for a in d.aliases if " " not in a), *filter(None, [d.publisher]),
                                 *organisations.get(d.doc_id, ())]
                      for d in index.manifest.documents}
        # an employer's or school's own name is said of every passage on its page, like a publisher's
        codes = functools.cache(lambda: frozenset(fold_code(code) for chunk in index.chunks for code in CODE_RE.findall(chunk.text)))
        reader = Reader(index.chunks.units, index.unit_vectors, retrievers.bm25.idf, s.reader, page_names, s.confidence,
                        {d.doc_id: " ".join([d.publisher, *organisations.get(d.doc_id, ())]).strip()
                         for d in index.manifest.documents}, codes)
        names = [name for names_of_page in page_names.values() for name in names_of_page]
        table = FactTable(index.facts, {d.doc_id: d.title for d in index.manifest.documents},
                          {d.doc_id: [*d.aliases, *filter(None, [d.publisher])] for d in index.manifest.documents})
        multifact = MultiFact(table, index.chunks, lambda token: retrievers.bm25.idf(token) > 0)
        occupations = {d.doc_id: tuple((name, frozenset(tokenize(name))) for name in occupation_names(d.occupation))
                       for d in index.manifest.documents}
        by_token: dict[str, list[tuple[int, int, str, str, frozenset[str]]]] = {}
        for page, (doc_id, named) in enumerate(occupations.items()):
            for position, (name, tokens) in enumerate(named):
                if tokens:
                    by_token.setdefault(min(tokens), []).append((page, position, doc_id, name, tokens))
        headings = {h for chunk in index.chunks for h in chunk.section}
        speller = Speller(index.vocabulary, [*names, *headings, *(n for named in occupations.values() for n, _ in named)])
        sections = {(chunk.doc_id, heading): frozenset(tokenize(heading))
                    for chunk in index.chunks for heading in chunk.section}
        return _State(index, retrievers, reader, subject_words(names), multifact, speller, occupations, by_token,
                      sections)

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
        return self.diagnose(question, history, k, mode).reply

    def diagnose(self, question: str, history: list[str] | None = None, k: int = 5,
                 mode: str | None = None) -> "Diagnosis":
        """``ask``, plus what decided the reply, for evaluation and calibration tools: the reader's
        own best answer and its signals (even when the reply abstains), and how a composed answer
        was put together."""
        text = validate_question(question)
        turns = _validate_history(history)
        if not isinstance(k, int) or isinstance(k, bool) or not 1 <= k <= MAX_K:
            raise InvalidQuestionError(f"k must be an integer from 1 to {MAX_K}, got {k!r}")
        if mode is None:
            mode = self.settings.mode
        if not isinstance(mode, str) or mode not in MODES:
            raise InvalidQuestionError(f"mode must be one of {', '.join(MODES)}, got {mode!r}")
        chat = small_talk(text)
        context, asked = buried_question(text) if chat is None and not turns else ("", text)
        if context and tokenize(context):
            # "I'm prepping for an interview. Which tools does the guide name?": the story is an earlier turn (in a
            # chat in progress the last question is, so the message is read whole)
            turns = [context]
        else:
            asked = text
        searched = self._there_as_place(asked, turns, mode) if chat is None else text
        with self._current() as state:
            if chat is not None:
                return Diagnosis(self._help_reply(chat, text, mode, state))
            correction = state.speller.correct(searched)
            # "(not the senior one)" says what is not asked: searching its words would find just that
            text_searched = _tidy(_NEGATED_ASIDE_RE.sub(" ", correction.text)) or correction.text
            text_searched = _TIER_RE.sub(  # "top tier", "the top manager tier"
                lambda m: " ".join(filter(None, [_TIER_LEVELS[m.group(1).lower()], m.group(2)])), text_searched)
            text_searched = _PER_HOUR_RE.sub("hour", text_searched)  # "pay per hr": an hour, not human resources
            turns = [state.speller.correct(turn).text for turn in turns]
            resolved, wanted, query = self._prepare(text_searched, turns, state)
            hits = state.retrievers.get(mode).search(query, max(k, self.settings.candidate_chunks))
            pool, rest = hits[: self.settings.candidate_chunks], hits[self.settings.candidate_chunks:]
            reranked, selection = state.reader.read(wanted, query.tokens, query.vector, pool, query.text,
                                                    query.carried)
            ranked = (reranked if self.settings.rerank else pool) + rest
            if selection is not None:
                confidence = self.settings.calibration.probability(selection.features())
                other = (_other_occupation(pool[selection.hit_rank].chunk.doc_id, query.tokens, state)
                         or _assisting_role(selection.text, query.tokens))
                if other:
                    selection = replace(selection, best=replace(selection.best, off_subject=True), off_subject_note=other)
                if selection.off_subject:
                    # the best the documents hold is about another year, name or occupation than the one
                    # asked about ("the DevOps market's CAGR" answered with the MLOps market's): no answer
                    confidence = min(confidence, self.settings.abstain_below * OFF_SUBJECT_SHARE)
                selection = replace(selection, confidence=confidence)
            answered = selection is not None and selection.confidence >= self.settings.abstain_below
            span = (pool[selection.hit_rank].chunk.chunk_id, selection.start, selection.end) if answered else None
            near = _ADJACENT_RE.search(text_searched)
            # "the rung just under director — average pay?": the step next to the one named, read before the
            # fact table picks the step named; otherwise after it ("what's the step above mlops team lead")
            step_first = bool(near) and bool(_SEQUENCE_WORD_RE.search(text_searched[:near.start()]))
            outcome = self._adjacent_item(text_searched, pool, state, turns) if step_first else None
            if outcome is None:
                outcome = state.multifact.decide(text_searched, turns, resolved.query, span)
            if outcome is None:
                outcome = self._pages_mentioning(text_searched, state)  # "which of the role pages bring up ethics"
            if outcome is None and not step_first:
                outcome = self._adjacent_item(text_searched, pool, state, turns)
            if outcome is None:
                outcome = self._ranked_first(text_searched, pool, state)  # "best city for truck drivers"
            intent = analyse(text_searched).intent if outcome is None else ""
            if intent in ("compare", "enumerate"):
                # "languages in the requirements section vs the key skills section": two named parts, each quoted
                outcome = self._compare_sides(text_searched, wanted, query, pool, state, mode)
            if outcome is None and intent == "compare":
                outcome = (self._compare_pages(text_searched, turns, wanted, query, pool, state, mode)
                           or self._compare_items(text_searched, pool, state)
                           or self._compare_rows(text_searched, wanted, query, pool, state))
            if outcome is None and answered and _STEPS_RE.search(text_searched):
                outcome = self._numbered_steps(pool, selection, state)
            if outcome is None and selection is not None:
                outcome = self._gather_kind(text_searched, query, selection, state, pool[selection.hit_rank].chunk)  # "every degree across the roles"
            if (outcome is None and answered and asks_every_tool(resolved.query)
                    # "which tool …": the one named; "is C++ in the langs list, yes/no": the list that settles it
                    and not (asks_one_tool(resolved.query) and names_tools(selection.text)
                             or wanted == "yesno" and _names_what_is_asked(
                                 resolved.query, selection.text, state.reader.page_words(pool[selection.hit_rank].chunk.doc_id)))):
                outcome = self._gather_tools(pool, selection, resolved.query, state)
            if outcome is None and answered and intent == "enumerate":
                outcome = self._gather(pool, selection, state)
            if outcome is None and selection is not None and (answered or names_only(text_searched)):
                outcome = self._list_labels(pool, selection, text_searched, state, answered)
            if outcome is None and answered and wanted == "yesno":
                outcome = self._item_with_its_lead(pool, selection, state)  # "does knowing golang help …?"
            if outcome is None and answered and intent == "lookup" and asks_each_source(text_searched):
                # "oec training hours? seen different numbers": each page's own answer, when their figures differ
                outcome = self._other_sources(wanted, query, pool, selection, state)
            features = selection.features() if selection is not None else None
            reader_answer = selection.text if selection is not None else None
            if outcome is not None:
                how = outcome.composition.how if outcome.composition is not None else "scope"
                reply = self._outcome_reply(outcome, text, resolved.query, wanted, ranked, k, mode, selection, state)
                return Diagnosis(reply, features, reader_answer, how)
        if selection is None or selection.confidence < self.settings.abstain_below:
            confidence = selection.confidence if selection else 0.0
            note = selection.off_subject_note if selection is not None and selection.off_subject else ""
            return Diagnosis(Reply(text, resolved.query, None, True, confidence, wanted,
                                   _citations(ranked[:k], None, None), mode, kind="abstain",
                                   confidence_label=self.settings.confidence_label(confidence),
                                   notes=(note,) if note else ()),
                             features, reader_answer)
        answer_chunk = pool[selection.hit_rank].chunk
        return Diagnosis(Reply(text, resolved.query, selection.text, False, selection.confidence, wanted,
                               _citations(ranked[:k], selection, answer_chunk.chunk_id), mode, kind="answer",
                               confidence_label=self.settings.confidence_label(selection.confidence),
                               subject=self._subject_of(answer_chunk, selection, state)),
                         features, reader_answer)

    def _there_as_place(self, text: str, turns: list[str], mode: str) -> str:
        """"How much per hour there?" after "which state pays truck drivers the most": "there" is the place
        the last turn's answer named, so the question is asked about it ("… in California?")."""
        if not turns or not _THERE_RE.search(text):
            return text
        if not (analyse(turns[-1]).about_places or answer_type(turns[-1]) == "place"):
            return text
        previous = self.diagnose(turns[-1], turns[:-1][-1:], mode=mode).reply  # one turn back is enough
        place = named_region(previous.answer or "") if not previous.abstained else ""
        # lower case: a capitalised name would read as a new topic, and the turn would not carry the last one's
        return _THERE_RE.sub(f"in {place.lower()}", text, count=1) if place else text

    @staticmethod
    def _subject_of(chunk, selection, state: _State) -> str:
        """What an answer is about, for the line that leads it: the subject of a figure it quotes
        ("Mid-Level MLOps Manager"), else a role its section names, else its page's title."""
        for fact in state.index.facts:
            if fact.chunk_id == chunk.chunk_id and selection.start <= fact.start and fact.end <= selection.end:
                return fact.subject
        for heading in reversed(chunk.section):
            phrase = role_phrase(heading)
            if phrase:
                return phrase
        return chunk.title

    def _help_reply(self, chat: str, text: str, mode: str, state: _State) -> Reply:
        """Small talk: what the documents cover and example questions, as a "help" reply."""
        titles = [d.title for d in state.index.manifest.documents]
        salaried = list(dict.fromkeys(f.subject for f in state.index.facts if f.attribute == "salary"))
        answer = help_text(chat, titles, examples_for(titles, salaried))
        return Reply(text, text, answer, False, 1.0, "help", (), mode, kind="help", confidence_label="high")

    def _compare_pages(self, text: str, turns: list[str], wanted: str, query: Query, pool: list[Hit], state: _State,
                       mode: str):
        """"How do the tools of X differ from Y's": the best span of each named page; a page the
        question names but the first candidates miss is searched further down the ranking."""
        pages = list(state.reader.named_pages(tokenize(text)))
        if len(pages) < 2 and turns:
            pages = list(dict.fromkeys(list(state.reader.named_pages(tokenize(turns[-1]))) + pages))
        if len(pages) < 2:
            return None
        order = {h.chunk.doc_id: i for i, h in reversed(list(enumerate(pool)))}
        pages = sorted(pages, key=lambda d: order.get(d, len(pool)))[:3]

        deeper: list[Hit] = []
        if wanted in ("text", "contrast") and EDUCATION_RE.search(text):
            wanted = "education"  # "compare the education X needs with Y's": each side's degree line, not any line

        def best_span(doc_id):
            hits = [h for h in pool if h.chunk.doc_id == doc_id]
            if not hits:
                if not deeper:
                    deeper.extend(state.retrievers.get(mode).search(query, COMPARE_DEPTH * len(pool)))
                hits = [h for h in deeper if h.chunk.doc_id == doc_id][: self.settings.candidate_chunks]
            if not hits:
                return None
            _, selection = state.reader.read(wanted, query.tokens, query.vector, hits, query.text, query.carried)
            if selection is None:
                return None
            return hits[selection.hit_rank].chunk.chunk_id, selection.start, selection.end, selection.text

        return state.multifact.compare_pages(pages, best_span)

    def _compare_sides(self, text: str, wanted: str, query: Query, pool: list[Hit], state: _State,
                       mode: str) -> Outcome | None:
        """Two parts the question names as a "… section", "… list" or "… page" ("the requirements
        section vs the key skills section", "the mlops requirements list … the ai python engineer
        page"): the best span of each, quoted under its heading or title."""
        named = _named_sides(text, state, {hit.chunk.doc_id: rank for rank, hit in reversed(list(enumerate(pool)))})
        if len(named) < 2:
            return None
        sides = [side for side, _ in named]
        deeper: list[Hit] = []
        side_wanted = "text" if wanted in ("yesno", "contrast") else wanted
        # each side is read for what is compared ("programming languages"), not for the words naming the sides
        topic = text
        for _, phrase in named:
            topic = re.sub(phrase, " ", topic, flags=re.I)
        topic = _tidy(_COMPARING_RE.sub(" ", topic))
        topic_tokens = tokenize(topic)
        side_query = Query(topic, topic_tokens, self.embedder.encode([topic])[0]) if topic_tokens else query

        def best_span(doc_id: str, heading: str | None):
            def on_side(hit: Hit) -> bool:
                return hit.chunk.doc_id == doc_id and (heading is None or heading in hit.chunk.section)
            if not deeper:  # searched for the topic alone, so each side's passage on it is found
                deeper.extend(state.retrievers.get(mode).search(side_query, COMPARE_DEPTH * len(pool)))
            hits = [h for h in deeper if on_side(h)][: self.settings.candidate_chunks]
            if not hits:
                return None
            _, selection = state.reader.read(side_wanted, side_query.tokens, side_query.vector, hits, side_query.text)
            if selection is None:
                return None
            return hits[selection.hit_rank].chunk.chunk_id, selection.start, selection.end, selection.text

        return state.multifact.compare_sides([(label, best_span(doc_id, heading)) for label, doc_id, heading in sides])

    def _compare_items(self, text: str, pool: list[Hit], state: _State) -> Outcome | None:
        """"AI strategy consultants vs AI startup consultants": two labelled items of the retrieved
        passages ("AI Strategy Consultants: Develop …"), one named by each side, quoted side by side."""
        sides = [frozenset(tokenize(side)) for side in _VERSUS_RE.split(text) if tokenize(side)]
        if len(sides) < 2:  # "X and Y - what's the difference?": labels may hold "and" themselves, so it comes second
            sides = [frozenset(tokenize(side)) for side in _AND_OR_RE.split(text) if tokenize(side)]
        if len(sides) != 2:
            return None
        labelled = [(hit.chunk.chunk_id, unit, frozenset(tokenize(match.group(1))))
                    for hit in pool for unit in state.reader.units(hit.chunk.chunk_id)
                    for match in [LABEL_RE.match(unit.text)] if unit.kind == "item" and match]
        chosen = []
        for side in sides:
            fits = [(len(label), chunk_id, unit) for chunk_id, unit, label in labelled if label and label <= side]
            if not fits:
                return None
            chosen.append(max(fits, key=lambda fit: fit[0])[1:])
        if chosen[0][1].unit_id == chosen[1][1].unit_id:
            return None
        return state.multifact.quoted_items(chosen)

    def _compare_rows(self, text: str, wanted: str, query: Query, pool: list[Hit], state: _State) -> Outcome | None:
        """"athletic trainer pay entry level vs senior (11-20 yrs)", "tower crane operator seattle compared to
        spokane": two figures the sides tell apart by their own words. Each side is read as the question
        without the other side's own words, and its answer must say its side's words and not the other's."""
        if wanted not in _FIGURE_KINDS and analyse(text).attribute in ("salary", "hourly pay"):
            wanted = "money"  # "hospital staff vs college interpreter hourly median": pay, whatever "college" suggests
        kind = _FIGURE_KINDS.get(wanted)
        sides = [side for side in _VERSUS_RE.split(text) if tokenize(side)]
        if kind is None or len(sides) != 2 or not pool:
            return None
        shared = state.reader.page_words(pool[0].chunk.doc_id) | _FIGURE_WORDS  # the page's own words name no side
        words = [set(tokenize(side)) for side in sides]
        own = [words[0] - words[1] - shared, words[1] - words[0] - shared]
        if not all(own):
            return None
        found = []
        for side, other in ((0, 1), (1, 0)):
            tokens = [t for t in query.tokens if t not in own[other]]
            # the words both sides share weigh as a follow-up's carried words do: the side's own words pick its row
            _, read = state.reader.read(wanted, tokens, query.vector, pool, text, tuple(set(tokens) - own[side]))
            if read is None or not _figures(read.text, kind):
                return None
            said = set(tokenize(read.text))
            if not own[side] & said or own[other] & said:
                return None  # the side's answer is not about that side alone
            found.append((pool[read.hit_rank].chunk.chunk_id, read.start, read.end, read.text))
        if found[0][:3] == found[1][:3]:
            return None
        return state.multifact.compare_sides([(_tidy(side.strip(" ?")), span) for side, span in zip(sides, found)])

    def _adjacent_item(self, text: str, pool: list[Hit], state: _State,
                       turns: Sequence[str] = ()) -> Outcome | None:
        """"What's the step above MLOps Team Lead?", "which job comes first?": in an ordered list of
        labelled items (a career progression), the item after or before the one the question names,
        or the list's first or last item; quoted and cited, with what it was found from."""
        first = _FIRST_STEP_RE.search(text) or (_END_STEP_RE.search(text) if _PATH_WORDS_RE.search(text) else None)
        near = None if first else _ADJACENT_RE.search(text)
        referred = None if first or near or not turns else _ADJACENT_REF_RE.search(text)
        if not first and not near and not referred:
            return None
        labelled = [(hit, [u for u in state.reader.units(hit.chunk.chunk_id)
                           if u.kind == "item" and LABEL_RE.match(u.text)]) for hit in pool[:3]]
        named = frozenset(tokenize(near.group("what"))) if near else frozenset()
        later = bool(near) and near.group("dir").lower() in _LATER_WORDS
        if referred:  # "the rung just below that", "next step up from there": from what the last turn named
            later = not (referred.group("down") or referred.group("down2") or referred.group("down3"))
            earlier_words = frozenset(tokenize(turns[-1]))
            labels = [frozenset(tokenize(LABEL_RE.match(u.text).group(1))) for _, units in labelled for u in units]
            named = max((label for label in labels if label and label <= earlier_words), key=len, default=frozenset())
            if not named:
                return None
        for hit, units in labelled:
            if first:
                if len(units) >= 3 and _ORDERED_HEADING_RE.search(" ".join(hit.chunk.section)):
                    if (first.group("end") or first.group("end2")).lower() in _FIRST_END_WORDS:
                        return state.multifact.sequence("First in the list: ", hit.chunk.chunk_id, units[0])
                    last = [u for u in units if u.list_id == units[0].list_id][-1]
                    return state.multifact.sequence("Last in the list: ", hit.chunk.chunk_id, last)
                continue
            partly = bool(near) and bool(_SEQUENCE_WORD_RE.search(text[:near.start()]))
            i = _named_item(units, named, partly) if named else None
            if i is not None:  # the named item: quote its neighbour in the same list
                j = i + 1 if later else i - 1
                if 0 <= j < len(units) and units[j].list_id == units[i].list_id:
                    where = "After" if j > i else "Before"
                    return state.multifact.sequence(f"{where} {LABEL_RE.match(units[i].text).group(1)}: ",
                                                    hit.chunk.chunk_id, units[j])
                return None
        return None

    def _ranked_first(self, text: str, pool: list[Hit], state: _State) -> Outcome | None:
        """"Best city for truck drivers", "top state for rad techs": the first row of a ranking
        (a table or numbered list under a "best" / "top" / "rank" heading) in the retrieved passages,
        quoted as the page ranks it, not a figure picked by some other measure."""
        if not _BEST_PLACE_RE.search(text) or attributes_asked(text):
            return None  # "best paying state" is ranked by pay: the fact table's job
        for hit in pool:
            if not _RANKING_HEADING_RE.search(hit.chunk.breadcrumb):
                continue
            for unit in state.reader.units(hit.chunk.chunk_id):
                if unit.kind == "item" and _FIRST_ROW_RE.match(unit.text):
                    # the heading over the table, not its header row
                    where = next((h for h in reversed(hit.chunk.section) if "\t" not in h), hit.chunk.title)
                    return state.multifact.sequence(f"Ranked first ({where}): ", hit.chunk.chunk_id, unit,
                                                    how="ranked")
        return None

    def _gather(self, pool: list[Hit], selection, state: _State) -> Outcome | None:
        """"All monitoring tools mentioned anywhere", "every degree across the roles": the best unit of
        each passage that answers about as well as the best one, quoted from up to four sections.
        Only when the reader's answer is a single unit (a whole list it found is kept as it is)."""
        if (selection.start, selection.end) != (selection.best.unit.start, selection.best.unit.end):
            return None
        best_of_chunk: dict[int, tuple[float, object]] = {}
        for candidate, score in selection.scored:  # the reader's own scores: nothing is scored twice
            if score > best_of_chunk.get(candidate.hit_rank, (float("-inf"), None))[0]:
                best_of_chunk[candidate.hit_rank] = (score, candidate)
        ranked = sorted(best_of_chunk.values(), key=lambda pair: -pair[0])
        top_score, top = ranked[0]
        kept = [(rank_score, c) for rank_score, c in ranked
                if rank_score >= GATHER_SHARE * top_score and c.lexical >= GATHER_SHARE * top.lexical
                and c.type_fit >= top.type_fit][:GATHER_MAX]
        if len(kept) < 2:
            return None
        spans = []
        for _, candidate in kept:
            chunk = pool[candidate.hit_rank].chunk
            start, end = candidate.span
            spans.append((chunk, start, end, chunk.text[start - chunk.start: end - chunk.start]))
        return state.multifact.gathered(spans, selection.confidence)

    def _gather_kind(self, question: str, query: Query, selection, state: _State, answer_chunk) -> Outcome | None:
        """"Every programming language the guide names", "every degree mentioned across the roles": each
        unit, in any section of the pages asked about (else of every page), that names that kind of thing:
        for languages, tools and the like a unit that lists names and says the kind or carries the
        question's word as its label ("Programming: Proficiency in Python, Java, and R"); for degrees and
        the like a list item or a labelled unit that says it. Quoted with their sections, the reader's
        answer first and then in page order."""
        kind = _ASKED_KIND_RE.search(question)
        if not kind or not _EVERY_MENTION_RE.search(question) or is_yes_no(question):
            return None  # "do all mlops roles need a degree?" asks for the sentence that settles it
        head = set(tokenize(kind.group("head")))
        modifiers = set(tokenize(kind.group("modifiers") or "")) - _KIND_FILLER
        lists_names = _NAMED_KINDS_RE.fullmatch(kind.group("head"))  # languages, tools …: a mention names some
        pages = set() if _EVERY_PAGE_RE.search(question) else state.reader.pages_about(query.tokens)
        chunks = [c for c in state.index.chunks if not pages or c.doc_id in pages]
        if len(chunks) > GATHER_KIND_CHUNKS:
            return None  # a large collection's mentions are no list to quote; the reader answers
        asked = set(query.tokens)
        named = {h for c in chunks for h in c.section if (words := set(tokenize(h))) and words <= asked}
        if named:  # "intro section - every tool …": the mentions in the section named
            chunks = [c for c in chunks if named & set(c.section)]
        found, seen = [], set()
        for chunk in chunks:
            units = state.reader.units(chunk.chunk_id)
            for position, unit in enumerate(units):
                if unit.text.rstrip().endswith("?") or unit.text in seen:
                    continue
                run = [u for u in units[position + 1:][:_LIST_RUN_MAX] if u.kind == "item"] \
                    if unit.kind == "sentence" and unit.text.rstrip().endswith(":") else []
                if (not lists_names and len(run) >= 2 and head & set(tokenize(unit.text))
                        and all(len(u.text.split()) <= NAME_WORDS for u in run[:3])):
                    # "Sectors with particularly high demand for MLOps managers include:" and the items it leads
                    run = run[:next((k for k, u in enumerate(run) if u.list_id != run[0].list_id), len(run))]
                    text = chunk.text[run[0].start - chunk.start: run[-1].end - chunk.start]
                    found.append((chunk, run[0].start, run[-1].end, text))
                    seen.update([unit.text, *(u.text for u in run)])
                    continue
                label = LABEL_RE.match(unit.text)
                said, labelled = set(tokenize(unit.text)), set(tokenize(label.group(1))) if label else set()
                if lists_names:  # "Programming languages (Python, Java, C++)", "Programming: Proficiency in Python, …"
                    fits = bool((head & said or modifiers & labelled)
                                and (_NAME_LIST_RE.search(unit.text) or names_tools(unit.text)))
                else:  # "Degree: Bachelor's, …", "Bachelor's degree is often required" (an item; prose only mentions)
                    fits = bool(head & labelled or unit.kind == "item" and head & said)
                if fits:
                    found.append((chunk, unit.start, unit.end, unit.text))
                    seen.add(unit.text)
        # "CI/CD tools": of the units that name tools, those that say what for, when some do
        found = [f for f in found if modifiers & set(tokenize(f[3]))] or found
        listed = _answer_list_of_kind(selection, answer_chunk, head, state)
        if listed is not None and listed[3] not in seen and not any(f[1:3] == listed[1:3] for f in found):
            found.insert(0, listed)  # "Sectors with high demand … include:" over "Fintech and banking", "E-commerce" …
        # "industries with strong mlops demand": what the question says of them, where some mentions say it
        said = (set(query.tokens) - head - modifiers - _KIND_FILLER - _EVERY_WORDS
                - frozenset().union(*(state.reader.page_words(d) for d in pages or {c.doc_id for c in chunks})))
        if said:
            found = [f for f in found if said & set(tokenize(" ".join(f[0].section) + " " + f[3]))] or found
        if len({c.section for c, *_ in found}) < 2 or len(found) > GATHER_KIND_MAX:
            return None  # one section's list is the reader's to quote; dozens of mentions are no list
        best = selection.best.unit
        found.sort(key=lambda f: (f[1], f[2]) != (best.start, best.end))  # the reader's answer first, then page order
        return state.multifact.gathered(found, selection.confidence)

    def _gather_tools(self, pool: list[Hit], selection, question: str, state: _State) -> Outcome | None:
        """"Which tools appear in the core responsibilities section?", "list every framework named on
        the AI Python Engineer page": every unit of the answer's page that names tools, within the
        section the question names (else the whole page), and, when the question qualifies the
        tools ("monitoring tools"), only units that say so; each quoted with its section."""
        chunks = _page_chunks(state.index.chunks, pool[selection.hit_rank].chunk)
        asked = set(tokenize(question))
        named = [h for c in chunks for h in c.section if (words := set(tokenize(h))) and words <= asked]
        if named:
            chunks = [c for c in chunks if any(h in c.section for h in named)]
        units = [(c, u) for c in chunks for u in state.reader.units(c.chunk_id) if names_tools(u.text)]
        qualifiers = tool_modifiers(question) - set(tokenize(" ".join(named)))
        qualified = [(c, u) for c, u in units if qualifiers & set(tokenize(u.text))]
        if not qualified:
            # "the ops tools listed for the monitoring, alerting and trending duties": what they are for, said after
            specific = asked - state.reader.page_words(pool[selection.hit_rank].chunk.doc_id) - _TOOL_TOKENS
            qualified = [(c, u) for c, u in units if len(specific & set(tokenize(u.text))) >= TOOL_PURPOSE_WORDS]
        units = qualified or units
        if not units or len(units) == 1 and units[0][1].unit_id == selection.best.unit.unit_id:
            return None  # the reader's answer is the one unit that names them
        units.sort(key=lambda cu: cu[1].unit_id != selection.best.unit.unit_id)  # the reader's answer first, then page order
        spans = [(c, u.start, u.end, u.text) for c, u in units[:GATHER_TOOLS_MAX]]
        return state.multifact.gathered(spans, selection.confidence) if spans else None

    def _numbered_steps(self, pool: list[Hit], selection, state: _State) -> Outcome | None:
        """"List the steps to become a vet tech": a page's numbered steps ("1. Build a science base in
        high school", each followed by its own paragraphs), quoted in order, when the reader's answer
        holds only some of them."""
        chunk = pool[selection.hit_rank].chunk
        runs, run = [], []
        for c in _page_chunks(state.index.chunks, chunk):
            for unit in state.reader.units(c.chunk_id):
                number = _step_number(c, unit)
                if number is None:
                    continue
                if number == 1:
                    run = [(c, unit)]
                    runs.append(run)
                elif run and number == len(run) + 1:
                    run.append((c, unit))
        steps = max(runs, key=len, default=[])
        if len(steps) < 3 or all(selection.start <= u.start and u.end <= selection.end for _, u in steps):
            return None  # no numbered run, or the reader's answer already quotes it whole
        if not any(u.unit_id == selection.best.unit.unit_id or c.chunk_id == chunk.chunk_id for c, u in steps):
            return None  # the steps are elsewhere on the page than what the question found
        return state.multifact.numbered(steps, selection.confidence)

    def _list_labels(self, pool: list[Hit], selection, question: str, state: _State,
                     answered: bool = True) -> Outcome | None:
        """A list of labelled items ("Data Management: Ensuring …") asked for whole, that is too
        long to quote whole (or asked for by name: "just the names"): each item's label, quoted."""
        chunk = pool[selection.hit_rank].chunk
        quoted = [u for u in state.reader.units(chunk.chunk_id)
                  if u.kind == "item" and u.list_id >= 0 and selection.start <= u.start and u.end <= selection.end]
        confidence = selection.confidence
        if not quoted and names_only(question):
            # "the headings under the core responsibilities": the list of the section the question names
            for hit in pool[:3]:
                heading = set(tokenize(hit.chunk.section[-1])) if hit.chunk.section else set()
                tops = [u for u in state.reader.units(hit.chunk.chunk_id) if u.kind == "item" and u.level == 0]
                if heading and heading <= set(tokenize(question)) and tops:
                    chunk, quoted = hit.chunk, tops[:1]
                    confidence = max(confidence, self.settings.abstain_below)  # found by the heading it names
                    break
        if not answered and confidence < self.settings.abstain_below:
            return None  # the reader's own best is too unsure, and no heading the question names was found
        if len(quoted) < 2 and not (quoted and names_only(question)):
            return None  # not a run of list items (one item is enough when only the list's names are asked)
        item = quoted[0]
        children = [u for u in quoted if u.context == item.unit_id and u.level > item.level]
        if names_only(question) and children and set(tokenize(item.text)) <= set(tokenize(question)):
            item = children[0]  # "technical skills categories": the items of the group the question names
        store = state.index.chunks

        def in_document(chunk_id: int) -> bool:
            return 0 <= chunk_id < len(store) and store.chunk(chunk_id).doc_id == chunk.doc_id

        items = state.reader.whole_list(chunk.chunk_id, item, in_document)
        if children and item is quoted[0] and _names_group(item, items, question):
            return None  # "specific skills that command higher salary - all of them": the group's own items, quoted
        return state.multifact.list_labels(items, question, confidence, selection.end - selection.start)

    @staticmethod
    def _pages_mentioning(text: str, state: _State) -> Outcome | None:
        """"Which of the role pages bring up ethics", "fairness in ai - which job page mentions it": each
        page whose text says the topic's words, with the first sentence that says them."""
        asked = _MENTIONS_RE.search(text)
        if not asked:
            return None
        topic = asked.group("topic") or asked.group("topic2")
        wanted = set(tokenize(topic))
        if not wanted:
            return None
        found: dict[str, tuple] = {}
        for chunk in state.index.chunks:
            if chunk.doc_id in found:
                continue
            for unit in state.reader.units(chunk.chunk_id):
                sentence = next((m for m in _SENTENCE_RE.finditer(unit.text) if wanted <= set(tokenize(m.group(0)))), None)
                if sentence:
                    said = sentence.group(0).strip()  # its offsets are those of the words, not of a leading space
                    start = unit.start + sentence.start() + sentence.group(0).index(said)
                    found[chunk.doc_id] = (chunk.chunk_id, start, start + len(said), said, chunk.doc_id)
                    break
        if not found:
            return None
        return state.multifact.pages_mentioning(list(found.values()), topic.strip(" ?.!"))

    def _other_sources(self, wanted: str, query: Query, pool: list[Hit], selection, state: _State) -> Outcome | None:
        """Another page on the same occupation whose own best answer to the question gives a figure of
        the same kind but another value ("about $410" on one page, "$445" on another): both, each with
        its source, and said to differ. Only the passages already retrieved are read."""
        kind = _FIGURE_KINDS.get(wanted)
        if kind is None:
            return None
        figures = set(_figures(selection.text, kind))
        if not figures:
            return None
        answer_doc = pool[selection.hit_rank].chunk.doc_id
        occupation = state.occupations.get(answer_doc, ())
        table = state.multifact.table
        found = []
        for doc_id in dict.fromkeys(hit.chunk.doc_id for hit in pool):
            other = state.occupations.get(doc_id, ())
            if doc_id == answer_doc:
                continue
            # a page on the same workers; or, when the question names neither page's workers (asked about the
            # "welder apprenticeship", a "Plumber Apprenticeship Guide" is no second source), one whose title
            # shares a word with the answer's page that few titles use and the question says
            same_workers = bool(other and occupation) and any(one_occupation(a, b) for a, _ in other for b, _ in occupation)
            named = {t for names in (other, occupation) for name, _ in names for t in head_stems(name)} & set(query.tokens)
            shared = _rare_title_words(doc_id, table) & _rare_title_words(answer_doc, table) & set(query.tokens)
            if not (same_workers or (shared and not named)):
                continue
            hits = [hit for hit in pool if hit.chunk.doc_id == doc_id]
            _, read = state.reader.read(wanted, query.tokens, query.vector, hits, query.text, query.carried)
            # as sure as an answer, or covering the question nearly as well as the answer does
            if read is None or (self.settings.calibration.probability(read.features()) < self.settings.abstain_below
                                and read.coverage < max(MIN_SOURCE_COVERAGE, SOURCE_COVERAGE_SHARE * selection.coverage)):
                continue
            theirs = set(_figures(read.text, kind))
            if theirs and not theirs & figures:
                found.append((hits[read.hit_rank].chunk.chunk_id, read.start, read.end, read.text, doc_id))
        if not found:
            return None
        chunk = pool[selection.hit_rank].chunk
        spans = [(chunk.chunk_id, selection.start, selection.end, selection.text, answer_doc), *found[:2]]
        return state.multifact.sources_differ(spans, selection.confidence)

    def _item_with_its_lead(self, pool: list[Hit], selection, state: _State) -> Outcome | None:
        """A yes/no question answered by a bare list item ("Go") is settled by what the list says of
        its items ("Expertise in high-demand technologies can command higher salaries:"): both quoted."""
        chunk = pool[selection.hit_rank].chunk
        units = {u.unit_id: u for u in state.reader.units(chunk.chunk_id)}
        item = next((u for u in units.values() if u.kind == "item" and u.start == selection.start
                     and u.end == selection.end), None)
        if item is None or len(item.text.split()) > _BARE_ITEM_WORDS or item.context not in units:
            return None
        return state.multifact.item_with_lead(chunk.chunk_id, units[item.context], item, selection.confidence)

    def _outcome_reply(self, outcome: Outcome, text: str, query: str, wanted: str, ranked: list[Hit], k: int, mode: str,
                       selection, state: _State) -> Reply:
        """A composed answer (quotes numbered as citations) or a scope abstention, as a ``Reply``."""
        if outcome.kind == "scope":
            confidence = min(selection.confidence if selection else 0.0, self.settings.abstain_below / 2)
            return Reply(text, query, None, True, round(confidence, 4), wanted, _citations(ranked[:k], None, None), mode,
                         kind="abstain", confidence_label="low", notes=(outcome.note,))
        comp = outcome.composition
        order: list[int] = []
        for line in comp.lines:
            for part in line:
                ids = [part.chunk_id] if isinstance(part, Quote) else [int(x) for x in re.findall(r"\{cite:(\d+)\}", part)]
                order.extend(i for i in ids if i not in order)
        number = {chunk_id: n for n, chunk_id in enumerate(order, start=1)}
        rendered = []
        for line in comp.lines:
            out = ""
            for part in line:
                if isinstance(part, Quote):
                    out += f"\u201c{part.text}\u201d [{number[part.chunk_id]}]"
                else:
                    out += re.sub(r"\{cite:(\d+)\}", lambda m: f"[{number[int(m.group(1))]}]", part)
            rendered.append(out)
        answer = "\n".join(rendered)
        spans: dict[int, list[tuple[int, int]]] = {}
        chunks = {i: state.index.chunks.chunk(i) for i in order}
        for quote in comp.quotes:
            chunk = chunks[quote.chunk_id]
            span = (quote.start - chunk.start, quote.end - chunk.start)
            if span not in spans.setdefault(quote.chunk_id, []):
                spans[quote.chunk_id].append(span)
        citations = []
        for chunk_id in order:
            chunk = chunks[chunk_id]
            own = tuple(spans.get(chunk_id, ()))
            first = own[0] if own else (None, None)
            citations.append(Citation(len(citations) + 1, chunk.doc_id, chunk.title, chunk.section, chunk.breadcrumb,
                                      chunk.text, 1.0, chunk.start, chunk.end, first[0], first[1], own,
                                      page=chunk.page))
        for hit in ranked:
            if len(citations) >= max(k, len(order)):
                break
            if hit.chunk.chunk_id not in number:
                c = hit.chunk
                citations.append(Citation(len(citations) + 1, c.doc_id, c.title, c.section, c.breadcrumb, c.text,
                                          round(hit.score, 6), c.start, c.end, page=c.page))
        facts = tuple(Fact(f.subject, f.attribute, f.value, f.low, f.high, f.unit, f.period, f.scope,
                           number.get(f.chunk_id, 0), f.doc_id, f.start, f.end)
                      for f in comp.facts if f.chunk_id in number)
        confidence = self.settings.calibration.composed_confidence(comp.how, outcome.confidence)
        return Reply(text, query, answer, False, confidence, wanted, tuple(citations), mode, kind="composed",
                     confidence_label=self.settings.confidence_label(confidence), subject=comp.subject, facts=facts,
                     notes=tuple(comp.notes))

    def prepare(self, question: str, history: list[str] | None = None) -> tuple[Resolved, str, Query]:
        """Everything before retrieval: resolve a follow-up, find the answer type, tokenize and
        embed. Returns ``(Resolved, answer_type, Query)``; evaluation tools reuse it."""
        with self._current() as state:
            return self._prepare(question, history or [], state)

    def _prepare(self, question: str, history: list[str], state: _State) -> tuple[Resolved, str, Query]:
        # "…, just the headline names pls", "…, list": how the answer is wanted is typed, not searched
        resolved = resolve(without_request(question), history if self.settings.resolve_followups else [], state.subjects)
        wanted = answer_type(question) if self.settings.answer_typing else "text"
        if wanted == "text" and resolved.previous and resolved.asks_the_same and self.settings.answer_typing:
            wanted = answer_type(resolved.previous)  # "And for senior level?" asks what the last turn asked
            if wanted == "acronym":
                wanted = "text"  # "and DVC?" after "what does SME stand for?" names no acronym question of its own
            if wanted == "place" and is_region(_CONTINUATION_WORDS_RE.sub("", question).strip(" ?.!")):
                # "and new jersey?" after "which state pays most": the place is given, its figure is asked
                asks_pay = "salary" in attributes_asked(resolved.previous) or _PAYS_RE.search(resolved.previous)
                wanted = "money" if asks_pay else "text"
        tokens = tokenize(resolved.query) + (acronym_variants(question) if wanted == "acronym" else [])
        tokens = _range_ends(tokens, lambda token: state.retrievers.bm25.idf(token) > 0)
        # "how long is the program" is answered by "Program length: …"
        expansion = form_label_words(resolved.query) if wanted == "years" else ()
        if wanted == "list":  # "what do i need to qualify": the requirements, searched and read as such
            tokens += [t for t in form_label_words(resolved.query) if t not in tokens]
        own = set(tokenize(question))
        carried = tuple(t for t in dict.fromkeys(tokenize(" ".join(resolved.carried))) if t not in own)
        return resolved, wanted, Query(resolved.query, tokens, self.embedder.encode([resolved.query])[0], expansion,
                                       carried)

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


# "there" as a place ("how much do they make there?"), not "is there", "are there any", "isn't there"
# the words a follow-up leads with before what it names: "and", "what about", "how about in"
_CONTINUATION_WORDS_RE = re.compile(r"^\W*(?:(?:and|so|ok|okay|what|how|about|for|in|the|state|of)\b\W*)*", re.I)
_PAYS_RE = re.compile(r"\b(?:pays?|paid|earn|earns|make|makes|wages?|salar(?:y|ies))\b", re.I)
_THERE_RE = re.compile(r"(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!n't )(?<!n’t )\bthere\b"
                       r"(?!\s*(?:'s|’s|'re|is|are|was|were|any|a|an)\b)", re.I)
# a tier named by its place in the ladder is a level: "the top tier needs how many yrs" asks about seniors
# ("the highest tier" asks which one is highest: a ranking, left as it is)
_TIER_RE = re.compile(r"\b(top|upper|senior|bottom|first|entry|starting|middle|mid)[- ](?:(manager|mgr|engineer|eng|pay|salary)\s+)?tier\b"
                      r"(?!\s+(?!(?:needs|pays|earns|makes|gets|requires|has|is)\b)(?:[a-z]+s|company|firm|city|university"
                      r"|school|employer|market|state|program)\b)", re.I)  # not "top-tier companies"
_TIER_LEVELS = {"top": "senior level", "upper": "senior level", "senior": "senior level", "bottom": "entry level",
                "first": "entry level", "entry": "entry level", "starting": "entry level", "middle": "mid level",
                "mid": "mid level"}
# "per hr", "an hr", "/hr": an hour of pay ("hr" alone may be human resources: "hr manager salary")
_PER_HOUR_RE = re.compile(r"(?<=\bper )hr\b|(?<=\ban )hr\b|(?<=/)hr\b|(?<=\ba )hr\b", re.I)
# an aside that rules something out: "(not the senior one)", ", not the director"
_NEGATED_ASIDE_RE = re.compile(r"\(\s*not\b[^()]{1,60}\)|,\s*not (?:the |an? )?[\w-]+(?: [\w-]+){0,3}?(?= *[?.!]*$)"
                               # "what does a pastry chef do besides baking", "…, apart from pay?": what is set aside
                               r"|,?\s*\b(?:besides|apart from|aside from|other than|except(?: for)?)\s+(?:the\s+)?[\w-]+"
                               r"(?:\s+[\w-]+)?(?=\s*[?.!]*$)", re.I)


# "the requirements section", "the mlops requirements list", "the ai python engineer page": a named part
_SIDE_RE = re.compile(r"((?:[\w/+'-]+\s+){1,4}?)(section|list|part|page|chapter)s?\b", re.I)
_COMPARING_RE = re.compile(r"\b(?:vs\.?|versus|compared?|comparison|same|differs?|different|difference|each side"
                           r"|vice versa|which one|or not|have that|doesn'?t|don'?t|and|both)\b|[-–—?:]", re.I)
_SIDE_FILLER = frozenset("the a an of in its their and or vs versus what does do did is are on from that this".split())


def _named_sides(text: str, state: _State, doc_rank: dict[str, int]) -> list[tuple[tuple[str, str, str | None], str]]:
    """The parts a question names, in its order, as ((label, doc_id, heading), a pattern of the words
    naming it); heading None for a whole page. A section is named by words of its heading (besides its
    page's title words): "key skills" names "Key Skills and Qualifications"; a page by its title ("ai/ml
    sw engineer page"). ``doc_rank``: where each page's first passage stands in the retrieved ones."""
    titles = {d.doc_id: d.title for d in state.index.manifest.documents}
    named_pages = state.reader.named_pages(tokenize(text))
    sides: dict[tuple[str, str, str | None], str] = {}
    for match in _SIDE_RE.finditer(text):
        words = match.group(1).split()
        # the longest run of words before "section" / "page" that names something ("the mlops requirements list")
        for k in range(len(words), 0, -1):
            kept = [w.strip(":,;") for w in words[-k:] if w.lower().strip(":,;") not in _SIDE_FILLER]
            asked = frozenset(tokenize(" ".join(kept)))
            if match.group(2).lower() == "page":
                side = _page_named(asked, state, titles)
            else:
                side = _section_named(asked, state, titles, named_pages, doc_rank)
            if side is not None:
                sides.setdefault(side, r"\s+".join(map(re.escape, [*words[-k:], match.group(2)])) + r"s?\b")
                break
    return list(sides.items())


def _page_named(asked: frozenset[str], state: _State, titles: dict[str, str]) -> tuple[str, str, None] | None:
    pages = state.reader.named_pages(list(asked))
    if len(pages) != 1:
        return None
    doc_id = next(iter(pages))
    return titles[doc_id], doc_id, None


def _section_named(asked: frozenset[str], state: _State, titles: dict[str, str], named_pages: set[str],
                   doc_rank: dict[str, int]) -> tuple[str, str, str] | None:
    """The heading the words name, fewest other words first; among pages with such a heading, one
    the question names, else the one retrieved first. Labelled "Page › Heading" when other pages
    have that heading too; None when nothing tells the pages apart."""
    found = []
    for (doc_id, heading), tokens in state.section_tokens.items():
        rest = asked - frozenset(tokenize(titles[doc_id]))
        if rest and rest <= tokens:
            found.append((doc_id not in named_pages, len(tokens - rest), doc_rank.get(doc_id, len(doc_rank)),
                          doc_id, heading))
    if not found:
        return None
    found.sort(key=lambda f: f[:3])
    best = found[0]
    if len(found) > 1 and found[1][:3] == best[:3] and found[1][3] != best[3]:
        return None  # the same heading on two pages, neither named nor retrieved
    doc_id, heading = best[3], best[4]
    shared = sum(1 for (other, h) in state.section_tokens if h == heading and other != doc_id)
    return (f"{titles[doc_id]} › {heading}" if shared else heading), doc_id, heading


# "which of the role pages bring up ethics", "fairness in ai - which job page mentions it"
_MENTION_VERBS = r"(?:mentions?|brings? up|talks? about|discuss(?:es)?|refers? to|covers?|says? anything about)"
_MENTIONS_RE = re.compile(rf"\bwhich\s+(?:of\s+the\s+)?(?:[\w/-]+\s+){{0,2}}?(?:pages?|roles?|jobs?|profiles?|documents?|docs)"
                          rf"\s+{_MENTION_VERBS}\s+(?P<topic>[^?]+)"
                          rf"|^(?P<topic2>[^?–—:-]+?)\s*[-–—:]\s*which\s+(?:[\w/-]+\s+){{0,2}}?(?:pages?|roles?|jobs?|profiles?)"
                          rf"\s+{_MENTION_VERBS}\s+(?:it|this|that|them)\b", re.I)
_SENTENCE_RE = re.compile(r"[^.!?\n]+[.!?]?")

# the answer types whose answers are figures, and the pattern that finds such a figure in a span
_FIGURE_KINDS = {"money": "money", "cost": "money", "years": "years", "hours": "hours", "percent": "percent",
                 "count": "count"}


# a second source's own answer counts when it could be an answer, or covers the question at least this much:
# 0.2, and half the answer's own coverage (set on the development sets' "sources differ" questions)
MIN_SOURCE_COVERAGE, SOURCE_COVERAGE_SHARE = 0.2, 0.5
# a unit naming tools is about what the question says they are for when it shares this many of its other words
TOOL_PURPOSE_WORDS = 2
_TOOL_TOKENS = frozenset(tokenize("tool tools framework frameworks platform platforms technology technologies "
                                  "software library libraries stack list listed name named mention mentioned"))
# words that say which figure is compared, not which side: "pay", "hourly", "median", "rate"
_FIGURE_WORDS = frozenset(tokenize("pay salary salaries wage wages hourly annual yearly median average mean typical "
                                   "rate rates earn earns make makes top bottom range scale per hour year day daily "
                                   "week weekly month monthly base"))


def _rare_title_words(doc_id: str, table) -> frozenset[str]:
    """The words of a page's title that few titles use: at most half of them, or two ("harbor", not "guide"
    or "salary" in a larger collection)."""
    titles = table.title_words
    return frozenset(w for w in titles.get(doc_id, frozenset()) if table.title_word_pages(w) <= max(2, len(titles) // 2))


# a number, not a year ("in 2024"); a sum or a counted amount that looks like one stays ("$2000", "2000 hours")
_NUMBER_RE = re.compile(r"(?<=[$€£])\s?\d[\d,]*(?:\.\d+)?|(?<![\w.$€£])(?!(?:19|20)\d\d\b(?!\s*(?:hours?|hrs?|days?|weeks?"
                        r"|months?|credits?)))\d[\d,]*(?:\.\d+)?")


def _figures(text: str, kind: str) -> list[str]:
    """The numbers of a span that gives a figure of that kind ("$410" -> "410"; "4 to 8 months" -> "4",
    "8"), years left out; none when it gives no such figure."""
    if not UNIT_TYPE_PATTERNS[kind].search(text):
        return []
    return [m.group(0).strip().replace(",", "") for m in _NUMBER_RE.finditer(text)]


def _tidy(text: str) -> str:
    """A question with a phrase taken out: no double spaces, no space before its question mark."""
    return re.sub(r"\s+([?.!,])", r"\1", " ".join(text.split())).strip()


def _other_occupation(doc_id: str, query_tokens: list[str], state: _State) -> str:
    """When the question names an occupation some pages are about ("medical assistants") and the
    answer's page is about another one (a truck driver's benefits), why that is no answer; else ""."""
    asked = frozenset(query_tokens)
    found = sorted(entry for token in asked for entry in state.occupations_by_token.get(token, ()) if entry[4] <= asked)
    named = {doc: name for _, _, doc, name, _ in found}  # in page order; a page's last matching name
    if not named or doc_id in named or not state.occupations.get(doc_id):
        return ""
    if any(_same_trade(tokens, asked) for _, tokens in state.occupations[doc_id]):
        return ""  # "HVAC/R Technician" for "hvac techs", "Plumber" for "pipefitters (plumbing trade)": the same trade
    named_tokens = [entry[4] for entry in found]
    if any(words <= tokens for words in named_tokens for _, tokens in state.occupations[doc_id]):
        return ""  # "locksmith" asked of a guild page about "Lakeshore Locksmiths": the name asked, and more
    return (f"The closest passage is about {state.occupations[doc_id][0][0]}, "
            f"not {next(iter(named.values()))}.")


# role words that name someone who assists or stands in for the role they go with ("Assistant Patrol
# Director", "Physical Therapist Assistants and Aides"): another role than the one they qualify; before
# the role only for roles that lead others ("Assistant Professor" and "Associate Engineer" are ranks)
_ASSISTING_TOKENS = frozenset(tokenize("assistant aide deputy vice helper"))
_LEADING_TOKENS = frozenset(tokenize("director principal manager superintendent chief head supervisor president "
                                     "commissioner administrator"))


def _assisting_role(answer: str, query_tokens: list[str]) -> str:
    """When the answer's row or label names the asked role with a word that makes it the role's
    assistant or deputy, which the question doesn't say ("physical therapist salary" answered by
    "Physical Therapist Assistants and Aides … $52,980"), why that is no answer; else ""."""
    labelled = LABEL_RE.match(answer)
    label = answer.split("\t", 1)[0] if "\t" in answer else labelled.group(1) if labelled else ""
    if not label or not is_role_phrase(label):
        return ""
    name = role_phrase(label) or label
    tokens, asked = tokenize(name), set(query_tokens)
    named = set(tokens)
    rest = named - _ASSISTING_TOKENS
    if not (named - asked) & _ASSISTING_TOKENS or not rest or not rest <= asked:
        return ""
    first = next(i for i, t in enumerate(tokens) if t in _ASSISTING_TOKENS)
    after_role = any(t in asked for t in tokens[:first])  # "Physical Therapist Assistants"
    before_leader = first + 1 < len(tokens) and tokens[-1] in _LEADING_TOKENS  # "Assistant Patrol Director"
    if not (after_role or before_leader):
        return ""
    return f"The closest passage is about {name}, not the role asked about."


def _same_trade(occupation: frozenset[str], asked: frozenset[str]) -> bool:
    """Does the question share a word of the occupation's name ("hvac" of "HVAC Technician", "legal"
    of "Legal Assistants", "plumbing" of "Plumber"), also shortened ("vet" of "Veterinary Technician")?
    A role noun written out in full ("technician", "driver") doesn't count unless it is all the name has."""
    own = {t for t in occupation if not is_role_phrase(t)} or set(occupation)
    # both words three letters or more: "ai" of "AI Python Engineer" is no trade that "ai/ml" shares
    return any(len(a) >= 3 and len(o) >= 3 and (o.startswith(a[:5]) or a.startswith(o[:5])) for o in own for a in asked)


def _own_organisations(index: CorpusIndex) -> dict[str, tuple[str, ...]]:
    """Per page, the organisations it names at least twice, and their short names, whose words no
    other page uses together: the employer of a job posting, the school of a program page ("Desert
    Bloom Day Spa & Wellness", "Desert Bloom"); not "Critical" (of "Critical Care Transport")."""
    text: dict[str, list[str]] = {}
    for chunk in index.chunks:
        text.setdefault(chunk.doc_id, []).append(chunk.text)
    names = {doc: organisation_names("\n".join(parts)) for doc, parts in text.items()}
    if not any(names.values()):
        return {}
    words = {doc: frozenset(re.findall(r"[a-z0-9'-]+", "\n".join(parts).lower())) for doc, parts in text.items()}

    def own(doc: str, name: str) -> bool:
        tokens = frozenset(re.findall(r"[a-z0-9'-]+", name.lower()))
        return bool(tokens) and not any(tokens <= other for page, other in words.items() if page != doc)
    return {doc: tuple(n for n in found if own(doc, n)) for doc, found in names.items() if found}


def _page_chunks(store, chunk) -> list:
    """The chunks of ``chunk``'s page around it (a page's chunks have consecutive ids), at most
    ``MAX_PAGE_CHUNKS``: what is gathered from "the section" or "the page" a question names."""
    first = last = chunk.chunk_id
    while first > 0 and store.chunk(first - 1).doc_id == chunk.doc_id and last - first < MAX_PAGE_CHUNKS:
        first -= 1
    while last + 1 < len(store) and store.chunk(last + 1).doc_id == chunk.doc_id and last - first < MAX_PAGE_CHUNKS:
        last += 1
    return [store.chunk(i) for i in range(first, last + 1)]


# kinds of thing a mention names in a list ("Python, Java, and R"), and the question that asks for every
# mention of a kind, with the words that say which ("programming", "ml")
_NAMED_KINDS = r"languages?|frameworks?|tools?|platforms?|librar(?:y|ies)|clouds?"
_NAMED_KINDS_RE = re.compile(_NAMED_KINDS, re.I)
_ASKED_KIND_RE = re.compile(rf"(?P<modifiers>(?:[\w/+-]+\s+){{0,2}}?)\b(?P<head>{_NAMED_KINDS}|degrees?|industr(?:y|ies)"
                            r"|sectors?|certifications?|certs?|licen[cs]es?|credentials?)\b", re.I)
# … across the documents: "every", "all", "anywhere", "across the roles", "mentioned", "named"
_EVERY_MENTION_RE = re.compile(r"\b(?:every|all|anywhere|across|throughout|mentioned|mentions|named|names)\b", re.I)
_KIND_FILLER = frozenset(tokenize("every all each list the any other which what"))
_LIST_RUN_MAX = 12  # the items a lead-in line ending in a colon brings, at most
_EVERY_WORDS = frozenset(tokenize("every all anywhere across throughout mentioned mentions named names guide page pages "
                                  "document documents give gives say says role roles job jobs position positions title "
                                  "titles career careers occupation occupations"))


def _answer_list_of_kind(selection, chunk, head: set[str], state: _State) -> tuple | None:
    """The reader's answer when it is a list of two or more items that its lead-in line or its heading
    says are of the asked kind ("Sectors with particularly high demand … include:" over "Fintech and
    banking", "E-commerce", "Healthcare"), as a gathered mention: (chunk, start, end, text)."""
    units = state.reader.units(chunk.chunk_id)
    items = [u for u in units if u.kind == "item" and selection.start <= u.start and u.end <= selection.end]
    if len(items) < 2:
        return None
    before = [u for u in units if u.end <= items[0].start]
    lead = before[-1].text if before and before[-1].text.rstrip().endswith(":") else ""
    if not head & set(tokenize(f"{lead} {chunk.section[-1] if chunk.section else ''}")):
        return None
    return chunk, selection.start, selection.end, chunk.text[selection.start - chunk.start: selection.end - chunk.start]
# names in a list: "Python, Java, and R", "(Python, Java, C++)", "AWS, GCP, or Azure"
_NAME_LIST_RE = re.compile(r"\b[A-Z][\w+#.-]*(?:,\s+[A-Z][\w+#.-]*)+,?\s+(?:and|or)\s+[A-Z][\w+#.-]*"
                           r"|\([A-Z][\w+#.-]*(?:,\s*[A-Z][\w+#.-]*)+\)")
# "anywhere", "across the roles", "mlops page + role pages": every page, not only the one named
_EVERY_PAGE_RE = re.compile(r"\b(?:anywhere|across|throughout|whole|all (?:the )?(?:pages|roles)|role pages|these roles"
                            r"|the roles|every (?:page|role))\b", re.I)
_STEPS_RE = re.compile(r"\bsteps?\b|\bstages?\b", re.I)
# "the step above mlops team lead", "what comes after senior mlops engineer", "the role before director of mlops"
_ADJACENT_RE = re.compile(r"\b(?P<dir>above|after|beyond|following|past|before|below|under|preceding|prior to)\s+"
                          r"(?:an?\s+|the\s+|being\s+(?:an?\s+)?)?"
                          r"(?!(?:that|this|it|there|them|those|these|one)\b)(?P<what>[A-Za-z][\w/ -]{2,60}?)"  # "below that": the last turn's
                          # "… under director on that list — average pay?": the list named, then what is asked of the step
                          r"(?:\s+(?:on|in|of)\s+(?:the|that|this|their)\s+(?:[\w-]+\s+)?(?:list|ladder|path|progression))?"
                          r"(?:\s*[—–]\s*.*|\s+-\s+.*|\s*,\s*(?:and\s+)?(?:what|how|whats)\b.*)?\s*\??\s*$", re.I)
# "the rung just below that", "next step up from there", "one level higher": next to what the last turn named
_ADJACENT_REF_RE = re.compile(
    r"\b(?:rung|step|level|role|job|position|title|tier|one)\s+(?:just\s+|right\s+|directly\s+|immediately\s+)?"
    r"(?:above|after|up from|(?P<down>below|under|before|down from))\s+(?:that|it|this|there|them|those|these)\b"
    r"|\bnext\s+(?:rung|step|level|role|job|position|tier|title)\b(?:\s+(?:up|(?P<down2>down)))?"
    r"|\b(?:one|a)\s+(?:step|rung|level|tier)\s+(?:up|higher|(?P<down3>down|lower))\b", re.I)
# a word for a place in a sequence before "after" / "before": "the rung right after junior involve" names
# the Junior item by one word of its label, and the words after it are the question's own
_SEQUENCE_WORD_RE = re.compile(r"\b(?:rungs?|steps?|stages?|levels?|roles?|positions?|titles?|phases?|tiers?|jobs?"
                               r"|comes?|came|next)\b", re.I)


def _named_item(units: list[Unit], named: frozenset[str], partly: bool) -> int | None:
    """The labelled item the question names: the one whose label says exactly its words; or, ``partly``,
    the one sharing most of them with fewest other words, when no other ties with it."""
    labels = [frozenset(tokenize(LABEL_RE.match(u.text).group(1))) for u in units]
    exact = next((i for i, label in enumerate(labels) if label == named), None)
    if exact is not None or not partly:
        return exact
    scores = [(len(named & label), -len(label - named)) for label in labels]
    best = max(scores, default=(0, 0))
    return scores.index(best) if best[0] and scores.count(best) == 1 else None


_BARE_ITEM_WORDS = 4  # a list item this short says nothing on its own ("Go", "Kafka")
_LATER_WORDS = frozenset({"above", "after", "beyond", "following", "past"})
# one place asked for ("best city", "top state"), not a list ("the top 5 cities")
_BEST_PLACE_RE = re.compile(r"\b(?:best|top|#\s?1|number one)\s+(?:[a-z-]+\s+){0,2}?(?:city|state|metro|metro area|place"
                            r"|location|region|country|town)\b(?!\s*s\b)", re.I)
_RANKING_HEADING_RE = re.compile(r"\b(?:best|top|rank(?:ed|ing|s)?)\b", re.I)
_FIRST_ROW_RE = re.compile(r"^(?:#?1[.)]?\t|#?1[.)]\s|#1\s)")
# "which job comes first", "first rung on the mlops career ladder", "the last step in the progression"
_FIRST_STEP_RE = re.compile(r"\b(?:which|what)\s+(?:job|role|position|step|title|rung)\s+(?:comes\s+|is\s+)?(?P<end>first|last)\b"
                            r"|\b(?P<end2>first|last|final) (?:step|job|role|rung|position|stage|title) (?:on|in|of) the "
                            r"(?:[\w-]+\s+){0,3}(?:ladder|path|progression)\b", re.I)
# "career progression part - what's the first rung …": the end of a path the question names anywhere
_END_STEP_RE = re.compile(r"\b(?P<end>first|last|final|bottom|lowest|top|highest) (?:step|rung|stage)\b(?P<end2>)", re.I)
_FIRST_END_WORDS = frozenset({"first", "bottom", "lowest"})  # "the bottom rung on the ladder" is its first step
_PATH_WORDS_RE = re.compile(r"\b(?:ladder|path|progression)\b", re.I)
_ORDERED_HEADING_RE = re.compile(r"progression|path|ladder|steps|stages|levels", re.I)


# a name a yes/no question asks about: "C++", "C#", "k8s", or a capitalised word past the first
_ASKED_NAME_RE = re.compile(r"\b\w[\w.]*[+#]+|\b[A-Za-z]+\d\w*|(?<=\s)[A-Z][\w.-]+")


def _names_what_is_asked(question: str, answer: str, page_words: frozenset[str]) -> bool:
    """The reader's answer names what a yes/no question asks about ("is C++ in the langs list" and
    "Programming languages (Python, Java, C++)"): it settles the question as it stands. Words of the
    page's own name ("AI" of "AI Python Engineer") say which page, not what is asked."""
    names = [name for name in _ASKED_NAME_RE.findall(question) if not set(tokenize(name)) <= page_words]
    return any(re.search(rf"(?<![\w+#]){re.escape(name)}(?![\w+#])", answer, re.I) for name in names)


def _names_group(item: Unit, siblings: list[Unit], question: str) -> bool:
    """The question names one group of a list by its label ("specific skills" of "Specific Skills:
    Expertise in … can command higher salaries:" over its bullets) and no other item's label: it asks
    for that group's items, not for the names of the groups."""
    def label_words(unit: Unit) -> set[str]:
        match = LABEL_RE.match(unit.text)
        return set(tokenize(match.group(1))) if match else set()

    asked = set(tokenize(question))
    return bool(label_words(item) & asked) and not any(
        label_words(other) & asked for other in siblings if other.unit_id != item.unit_id)


def _step_number(chunk, unit) -> int | None:
    """The number a list item is marked with ("3." of "3. Complete your clinical hours") or that
    it gives itself ("Step 3: Finish your clinical rotations"), or None."""
    if unit.kind != "item":
        return None
    lead = chunk.text[max(0, unit.start - chunk.start - 6): unit.start - chunk.start]
    found = re.search(r"(?:^|\n|\s)(\d{1,2})[.)]\s$", lead) or _STEP_LABEL_RE.match(unit.text)
    return int(found.group(1)) if found else None


_STEP_LABEL_RE = re.compile(r"(?:step|stage|phase)\s+(\d{1,2})\s*[:.–—-]\s", re.I)


@dataclass(frozen=True)
class Diagnosis:
    """A reply and what decided it (``Assistant.diagnose``)."""

    reply: Reply
    features: dict | None = None  # the reader's signals for its best answer (calibration.py)
    reader_answer: str | None = None  # the reader's best answer, even when the reply abstains or composes
    how: str = ""  # how a composed reply was put together ("compare", "lookup", …), or "scope"


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
    if len(text) > MAX_QUESTION_CHARS:  # NFKC can expand a character (one ligature became 18 here)
        raise InvalidQuestionError(
            f"question is {len(text):,} characters long once its characters are normalised; the limit is "
            f"{MAX_QUESTION_CHARS:,}. Please shorten it.")
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
