"""Plain dataclasses that cross stage boundaries: files -> Document -> Chunk/Unit -> Hit -> Reply."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

BREADCRUMB_SEPARATOR = " › "


@dataclass(frozen=True)
class Block:
    """One structural element of a document: a heading, a paragraph or a list item.

    ``start``/``end`` index ``Document.text`` and ``text`` is exactly that slice, so
    every answer built from blocks can be located in the document.
    """

    kind: str  # "heading" | "paragraph" | "item"
    text: str
    section: tuple[str, ...]  # section path inside the document (title not included)
    start: int
    end: int
    line_start: int  # where the block's line begins (before any indent or list marker)
    level: int = 0  # list nesting depth, 0 for top-level items
    marker: str = ""  # the list marker as written ("1.", "•", "-")
    list_id: int = -1  # items of one list share an id; -1 for non-items
    page: int | None = None  # page of a paged source (PDF) the block starts on; None otherwise


@dataclass(frozen=True)
class Document:
    """A parsed document: its clean text and the blocks that tile it."""

    doc_id: str
    title: str
    source: str  # corpus file the document came from (relative path)
    text: str
    blocks: tuple[Block, ...]
    aliases: tuple[str, ...] = ()  # short names the text defines for the title ("MLOps")
    publisher: str = ""  # from the page's copyright line ("Riverbend Technical College")


@dataclass(frozen=True)
class Chunk:
    """A retrievable passage: consecutive blocks of one section, never more."""

    chunk_id: int
    doc_id: str
    title: str
    section: tuple[str, ...]
    text: str  # == document.text[start:end]
    start: int
    end: int
    page: int | None = None  # page of a paged source (PDF) where the chunk starts; None otherwise

    @property
    def breadcrumb(self) -> str:
        return BREADCRUMB_SEPARATOR.join((self.title, *self.section))


@dataclass(frozen=True)
class Unit:
    """The smallest answer: one sentence of a paragraph or one whole list item."""

    unit_id: int
    chunk_id: int
    kind: str  # "sentence" | "item"
    text: str  # == document.text[start:end]
    start: int  # offsets into the document text
    end: int
    list_id: int = -1
    level: int = 0
    context: int = -1  # unit_id of the unit that gives this one its subject (parent item, or the
    #                    sentence before one that opens with "Their"/"This"); -1 when none


@dataclass(frozen=True)
class Hit:
    """A chunk returned by a retriever, with the scores that ranked it."""

    chunk: Chunk
    score: float
    bm25_score: float | None = None
    dense_score: float | None = None


@dataclass(frozen=True)
class Citation:
    """A numbered source passage. ``spans`` are the quoted parts (offsets into ``text``), the
    answer's first; ``answer_start``/``answer_end`` repeat the first span for older callers."""

    n: int
    doc_id: str
    title: str
    section: tuple[str, ...]  # section path inside the document, e.g. ("Education and Career Path",)
    breadcrumb: str  # title and section path, e.g. "AI Python Engineer › Education and Career Path"
    text: str
    score: float
    start: int  # passage offsets inside its document's text
    end: int
    answer_start: int | None = None
    answer_end: int | None = None
    spans: tuple[tuple[int, int], ...] = ()
    page: int | None = None  # page of a paged document (PDF) where the passage starts


@dataclass(frozen=True)
class Fact:
    """One figure quoted from the documents: what it measures, its value as written and parsed,
    and where it is. ``citation`` is the number of the ``Citation`` that holds it."""

    subject: str  # who or what it is about: "Senior-Level MLOps Manager", "MLOps market"
    attribute: str  # "salary range", "average salary", "median salary", "experience", "market size", ...
    value: str  # verbatim from the document: "$200,000 - $250,000+ per year"
    low: float | None  # parsed bounds (equal for a single figure; high None for an open "X+")
    high: float | None
    unit: str  # "USD", "EUR", "GBP", "years", "%" …
    period: str  # "year", "hour", "" …
    scope: str  # what the document says the figure covers: "US Market, 2024", or ""
    citation: int
    doc_id: str
    start: int  # document offsets of the quoted span
    end: int


REPLY_KINDS = ("answer", "composed", "abstain", "help")
CONFIDENCE_LABELS = ("high", "medium", "low")


@dataclass(frozen=True)
class Reply:
    """What ``Assistant.ask`` returns: an extractive answer, a composed multi-fact answer, an
    abstention or a help message, with numbered sources.

    ``answer`` is always the full text a user reads (None for an abstention). ``kind``:
    "answer" quotes one span; "composed" joins several quoted spans (``facts``) with short
    connecting text, and anything computed is said so in ``notes``; "abstain" means the documents
    don't hold the answer (``notes`` may say what they do cover); "help" answers small talk.
    """

    question: str
    query: str  # the question after follow-up resolution and spelling correction: what was searched
    answer: str | None
    abstained: bool
    confidence: float
    answer_type: str
    citations: tuple[Citation, ...] = field(default_factory=tuple)
    mode: str = "hybrid"
    kind: str = "answer"
    confidence_label: str = "low"  # "high" | "medium" | "low": how the UI presents it
    subject: str | None = None  # what the answer is about, e.g. "Mid-Level MLOps Manager"
    facts: tuple[Fact, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        """JSON-ready dict; the key names are a stable interface for scripts."""
        data = asdict(self)
        data["citations"] = [asdict(c) for c in self.citations]
        data["facts"] = [asdict(f) for f in self.facts]
        return data
