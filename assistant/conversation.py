"""Follow-up questions: carry the earlier role or topic into a question that lacks one.

Words of a question fall into three slots: the subject (a role or a named thing the documents
are about: "MLOps manager", "AI Python Engineer"), the level ("entry", "senior", "lead"),
and the topic (everything else: "salary range", "frameworks"). A follow-up keeps its own
words and borrows each slot it lacks from the previous turn, itself resolved the same way:
"And for senior level?" after "What is the salary range for a mid-level MLOps manager?"
searches "And for senior level? salary range MLOps manager".

A question with its own subject that doesn't open like a continuation ("and …", "what
about …") stands on its own and is not changed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import STOPWORDS, raw_tokens, split_sentences, tokenize, verb_go

LEVEL_WORDS = frozenset("entry junior mid senior principal regular newcomer beginner".split())
# A trade's levels count as a level only right before a role ("a master plumber", not "a master's degree").
TRADE_LEVELS = frozenset("apprentice apprentices journeyman journeymen journeyworker journeyworkers master".split())
# The statistic a figure is given as: a follow-up that names none keeps the earlier turn's ("what
# about the hourly wage?" after "the median plumber salary" asks for the median hourly wage).
STATISTIC_WORDS = frozenset("median average typical".split())
ROLE_NOUNS = frozenset(
    """manager managers engineer engineers consultant consultants specialist specialists director
    directors head heads lead leads team teams scientist scientists developer developers analyst analysts architect
    architects designer designers administrator administrators officer officers nurse nurses technician technicians
    tech techs""".split()
)
_CONTINUATION_RE = re.compile(r"^\s*(and|also|plus|then|what about|how about|what of|same for|ok(ay)?|so)\b", re.I)
_ANAPHORA_RE = re.compile(
    r"\b(they|them|their|theirs|it|its|this|that|these|those|he|she|his|her|one|ones)\b", re.I
)
# "make" is a stopword for search, but in "what does a journeyman plumber make" it is what is asked
_FILLER = (STOPWORDS - frozenset("make makes made".split())) | frozenset("level levels".split())
_MAX_ELLIPTIC_WORDS = 5


@dataclass(frozen=True)
class Resolved:
    """The text to search and whether earlier turns were used."""

    query: str
    followup: bool
    carried: tuple[str, ...] = ()
    previous: str | None = None  # the earlier turn it was resolved against (itself resolved)
    # it asks what that turn asked ("and for seniors?", "what about california?"), not a new thing of
    # its own ("what's the focus at that stage")
    asks_the_same: bool = False


# "what about california?", "and in texas?", "how about hospitals": a continuation that only names something
_ONLY_NAMES_A_THING_RE = re.compile(r"^\W*(?:and|what about|how about|same for)\s+(?:(?:in|for|at|the)\s+)*"
                            r"(?!(?:what|which|who|how|why|when|where|is|are|do|does|can)\b)[\w.,'&-]+(?:\s+[\w.,'&-]+){0,2}\W*$",
                            re.I)
# a part of the figure asked before, or which of its rows: "the top of the range for level 3", "the low end"
_FIGURE_PARTS = frozenset("""top bottom range ranges high higher highest low lower lowest upper end max maximum min minimum
    start starting ceiling floor cap level grade step tier band""".split())
# "which one of them …", "which of those …": a pick among what the last turn listed, asked the same way
_PICKS_FROM_RE = re.compile(r"\b(?:of (?:them|those|these)|which one)\b", re.I)
# What a figure question asks for: pay, growth, jobs. A follow-up naming none of these keeps the earlier turn's.
_ATTRIBUTE_STEMS = frozenset(tokenize("salary pay paying paid wage earn income compensation hourly annual growth "
                                      "grow outlook jobs openings employment employed experience"))


# words that ask for a kind of value (a year, a size, a length), not for another thing
_KIND_OF_VALUE = frozenset("""year years when date big large long old often soon back then before earlier now today
    currently from since after until starting effective
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split())  # "and from aug 2026?": another date of it


# A sentence that asks: it ends with "?" or opens with a question word ("what does a lead earn")
_ASKS_RE = re.compile(r"^\W*(?:what|what's|whats|which|who|whom|whose|how|why|when|where|is|are|do|does|did|can|could|"
                      r"should|will|would|has|have)\b", re.I)


# "what she does", "that middle tier", "to handle that": the question leans on the story before it, so the
# message is read whole ("it" mostly means the guide: "what does it say about …")
_POINTS_BACK_RE = re.compile(r"\b(?:she|he|her|his|hers|him|that|this|these|those|such)\b(?![-'])", re.I)


def buried_question(message: str) -> tuple[str, str]:
    """The question a longer chat message asks, and the statements before it: "My nephew starts his first
    MLOps job. He asked what that rung is about. How does the page describe the entry-level engineer?"
    asks the last sentence; the two before it are context, read as an earlier turn would be (their
    words count only where the question leans on them), so a story's words ("nephew") neither steer
    the search nor count as topics the documents lack. A message whose earlier sentences ask
    something too ("What does a senior earn? And a junior?", "How much does a welder make. Would be
    great to know!"), or whose question points back into the story ("which consultant type matches
    what she does?"), is left whole: ("", message)."""
    spans = split_sentences(message)
    if len(spans) < 2:
        return _after_a_dash(message)
    last_start = spans[-1][0]
    question = message[last_start:].strip()
    context = message[:last_start].strip()
    asks_before = any("?" in message[start:end] or _ASKS_RE.match(message[start:end]) for start, end in spans[:-1])
    if asks_before or not (question.endswith("?") or _ASKS_RE.match(question)) or _POINTS_BACK_RE.search(question):
        return "", message
    return context, question


# "I'm a bit nervous about it - what does the guide say holds organisations back?": a dash (or a
# semicolon) before the asking words parts a story from its question, as a sentence's end does
_CLAUSE_BREAK_RE = re.compile(r"\s[-–—]{1,2}\s|;\s")
STORY_WORDS = 6  # words before the dash that make a story, not a topic ("ai/ml swe page - which teams …")
# a story is the user's own ("I've built a few dashboards …"), not the topic ("mlops engineer vs team lead - who …")
_FIRST_PERSON_RE = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|id|my|me|we|we're|our|us)\b", re.I)


def _after_a_dash(message: str) -> tuple[str, str]:
    """``buried_question`` for one sentence: the question after its last dash, when the user's own
    story of at least ``STORY_WORDS`` words that asks nothing comes before it; else ("", message)."""
    breaks = list(_CLAUSE_BREAK_RE.finditer(message))
    if not breaks:
        return "", message
    cut = breaks[-1]
    context, question = message[:cut.start()].strip(), message[cut.end():].strip()
    if (len(context.split()) < STORY_WORDS or not _FIRST_PERSON_RE.search(context) or "?" in context or _ASKS_RE.match(context)
            or not _ASKS_RE.match(question) or _POINTS_BACK_RE.search(question)):
        return "", message
    return context, question


_YEAR_WORD_RE = re.compile(r"(?:19|20)\d\d")  # "what was it back in 2024": another value of the same thing


def _is_attribute(word: str) -> bool:
    return bool(set(tokenize(word)) & _ATTRIBUTE_STEMS)


def _content_words(text: str) -> list[str]:
    tokens = raw_tokens(text)
    return [t for i, t in enumerate(tokens) if t not in _FILLER and not (t == "go" and verb_go(tokens, i))]


def _ordinal_suffix(number: int) -> str:
    """"st", "nd", "rd" or "th" for the number: 21st, 22nd, 23rd, 11th, 75th."""
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _slots(words: list[str], subjects: frozenset[str]) -> dict[str, list[str]]:
    slots: dict[str, list[str]] = {"subject": [], "level": [], "statistic": [], "topic": []}
    for n, word in enumerate(words):
        after = words[n + 1] if n + 1 < len(words) else ""
        if word in LEVEL_WORDS or word in TRADE_LEVELS and (after in subjects or after in ROLE_NOUNS):
            slots["level"].append(word)
        elif word.isdigit() and any(w.startswith("percentile") for w in words[n + 1:n + 3]):
            # "75th percentile" (tokens "75", "percentile"; "21st" leaves "st") is a statistic too
            slots["statistic"].append(word + _ordinal_suffix(int(word)))
        elif word in STATISTIC_WORDS or word.startswith("percentile"):
            slots["statistic"].append(word)
        elif word in subjects or word in ROLE_NOUNS:
            slots["subject"].append(word)
        else:
            slots["topic"].append(word)
    return slots


def is_followup(question: str, subjects: frozenset[str]) -> bool:
    """A continuation opener; or, for a question naming no subject or name of its own, an
    anaphor ("they", "that level") or very few words."""
    if _CONTINUATION_RE.search(question):
        return True
    words = _content_words(question)
    if _slots(words, subjects)["subject"]:
        return False
    if any(w[:1].isupper() for w in question.split()[1:]):
        return False  # it names something of its own ("… of France")
    return bool(_ANAPHORA_RE.search(question)) or len(words) <= _MAX_ELLIPTIC_WORDS


def resolve(question: str, history: list[str], subjects: frozenset[str]) -> Resolved:
    """Resolve ``question`` against earlier user turns (oldest first)."""
    if not history or not is_followup(question, subjects):
        return Resolved(question, False)
    previous = resolve(history[-1], history[:-1], subjects).query
    own = _slots(_content_words(question), subjects)
    before = _slots(_content_words(previous), subjects)
    carried: list[str] = []
    for slot in ("level", "statistic", "subject", "topic"):
        if not own[slot]:
            carried.extend(w for w in before[slot] if w not in carried)
    if own["topic"] and _ONLY_NAMES_A_THING_RE.match(question) and not any(_is_attribute(w) for w in own["topic"]):
        # "what about california?" after "top paying states": a place (or a setting) in place of the
        # earlier one; what was asked about it (pay) carries over
        carried.extend(w for w in before["topic"] if _is_attribute(w) and w not in carried)
    if own["topic"] and all(w in _KIND_OF_VALUE or _YEAR_WORD_RE.fullmatch(w) for w in own["topic"]):
        # "by what year?" after "how big is the mlops market expected to get?": the same thing, another value of it
        carried.extend(w for w in before["topic"]
                       if w not in _KIND_OF_VALUE and not _YEAR_WORD_RE.fullmatch(w) and w not in carried)
    if not carried and _ANAPHORA_RE.search(question) and not own["subject"]:
        # "how many new jobs is that?" after "glazier job outlook 2022-32": "that" is the last turn's
        # thing, though the last turn named it in words that are no page's subject
        asked = set(tokenize(" ".join(own["topic"])))
        carried = [w for w in before["topic"] if not set(tokenize(w)) & asked]
    if not carried:  # "and a master plumber?": its own words suffice, but it asks what the last turn asked
        asks_the_same = bool(_CONTINUATION_RE.search(question)) and not own["topic"] and not own["statistic"]
        return Resolved(question, False, (), previous if asks_the_same else None, asks_the_same)
    asks_the_same = (not own["topic"] or bool(_ONLY_NAMES_A_THING_RE.match(question)) or bool(_PICKS_FROM_RE.search(question))
                     or all(_is_attribute(w) or w in _KIND_OF_VALUE or w in _FIGURE_PARTS or w.isdigit() for w in own["topic"]))
    return Resolved(f"{question.rstrip()} ({' '.join(carried)})", True, tuple(carried), previous, asks_the_same)


def subject_words(titles_and_aliases: list[str]) -> frozenset[str]:
    """Subject vocabulary: the words of document titles and their acronyms ("MLOps"). A title's
    words for what is asked about its subject ("… Salary in the United States", "First-year FA pay
    …") are no subject: "do they pay u during training?" still asks about the last turn's."""
    words = set()
    for name in titles_and_aliases:
        words.update(t for t in raw_tokens(name) if t not in STOPWORDS)
        words.update(t for token in raw_tokens(name) if "/" in token for t in token.split("/") if t)
    return frozenset(w for w in words if not _is_attribute(w) and w not in _KIND_OF_VALUE)
