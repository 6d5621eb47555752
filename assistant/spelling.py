"""Correct misspelled question words against the corpus's own vocabulary before retrieval.

A word is corrected only when the documents never use it, it is not a common English word, and
it has ONE clear nearest neighbour in the corpus vocabulary (or, for question scaffolding such as
"waht", among the most frequent English words). Everything else in the question is kept byte for
byte, so the caller can show what was searched ("searched as: ...") beside what was typed.

Libraries, chosen by measurement (2 shared cores, noisy):

- rapidfuzz does the matching: a scan in C of the vocabulary with the optimal-string-alignment
  distance (a swap of two letters, "waht" -> "what", costs 1). It needs no index: building is
  counting words and grouping them by length (0.4 s and 39 MB for a 300,000-word vocabulary).
  symspellpy's own lookup is faster per word (0.3 ms against ~8 ms at 100,000 candidates) but
  needs a delete index built in Python: 10 s and ~400 MB for 100,000 words, and 0.2 s for the
  shipped corpus plus the common English words, against 0.3 ms here (plus ~30 ms once per
  process to group the common English words by length).
- symspellpy is used for its bundled English frequency dictionary (frequency_dictionary_en_82_765,
  word counts from a web-scale corpus), read offline from the installed package. It tells a real
  English word the corpus simply doesn't use ("bread", "berlin") from a typo ("salery"), and a
  rare real word that is a likely slip ("manger", 0.7 M) from a common one ("bake", 3.8 M).
"""
from __future__ import annotations

import bisect
import functools
import heapq
import importlib.resources
import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import snowballstemmer
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from .text import STOPWORDS, SYNONYMS, raw_tokens

# Edit distance allowed by word length: none for 3 letters or fewer (too many neighbours: "hi",
# "uk", "ml"), 1 for 4-5 letters, 2 for 6 and more. Nor is a word corrected INTO a word of 3
# letters or fewer ("reqs" is no typo of "res"). On one-edit typos of the shipped corpus's
# words the speller restores 97% and mis-corrects 0.3%; on two-edit typos, 67% and 6%.
SHORTEST_WORD = 4
LONG_WORD = 6
# Among candidates at the nearest distance, one wins only when it is clearly the most frequent:
# 5x the next in the corpus when the corpus uses any of them (small counts are noisy), else 3x
# the next in English (counts from billions of words; "what" is 3.1x "want", the other reading
# of "waht"). Letting English also settle corpus ties ("yeras": years 4 / keras 1 in the corpus)
# raised mis-corrections of one-edit typos from 0.3% to 1.0%, so it doesn't.
CORPUS_TIE_RATIO = 5
ENGLISH_TIE_RATIO = 3
# A real English word is left alone unless ALL of these hold (measured over the 60,272 English
# words of 4+ letters rarer than RARE_ENGLISH: with them 37 change, among them manger -> manager,
# senor -> senior, carer -> career, mangers -> managers; without the one-omission rule, 512
# changed, such as vocation -> location, personas -> personal, demote -> remote):
# - it is rare: under 1 M in the English counts ("manger" 0.7 M, "senor" 0.35 M; while "bake"
#   3.8 M, "remotely" 3.4 M, "weekends" 9.9 M are kept as typed);
# - it has 5 letters or more (4-letter words have too many one-letter neighbours: hive / have);
# - it is a corpus word with one letter left out, and that corpus word is at least 50x more
#   common in English ("manager" is 120x "manger") and not the same stem (a plural is no typo).
RARE_ENGLISH = 1_000_000
REAL_WORD_LENGTH = 5
REAL_WORD_RATIO = 50
# The most frequent English words are candidates too, so question words get fixed ("waht").
COMMON_ENGLISH = 5_000
# Vocabularies larger than this keep only words seen at least twice as candidates (once-seen
# words of a large corpus are mostly typos and names); every word still counts as known.
LARGE_VOCABULARY = 50_000
# A question with more unknown words than this is not a typo'd question: the rest stay as typed
# (bounds the work per question; each lookup scans the vocabulary).
MAX_LOOKUPS = 20

# An abbreviation the pages never use is read as the name whose initials spell it ("heo"), from 2
# to 5 letters.
MIN_ACRONYM, MAX_ACRONYM = 2, 5
FAMILY_LETTERS = 4  # words that share this many letters past a shortening are one family of words
MIN_SHORTENING = 4  # "surg" for "surgical"; 3 letters start too many words ("rad" is a synonym instead)
# A clipped word ("vuln", "algos", "repos", "collab") that is in no English count at all stands for
# the corpus word it starts: at least 4 letters (a plural "s" aside), 3 or more short of the word.
MIN_CLIPPED_SHORT = 3
# Abbreviations everyone reads one way, whatever the pages' names spell ("ceo" is no "construction
# equipment operator"): never expanded.
COMMON_ACRONYMS = frozenset("""ceo cfo cto coo cio cmo cso cpo vp svp evp avp md gm hr pr it qa ui ux api faq diy
    usa us uk eu un uae nyc la sf dc tx ca ny ai ml ok id tv pc gps pdf cv asap fyi eta roi kpi
    mba phd bs ba ms ma gpa sat act ged""".split())

_DICTIONARY = "frequency_dictionary_en_82_765.txt"

# A word: letters only, not glued to digits or to a compound ("ci/cd", "node.js", "c++", "401k"),
# not the tail of a contraction ("don't"). A possessive "'s" may follow ("manger's").
_WORD_RE = re.compile(
    r"(?<![^\W_])(?<![/&.+#$%'’])[^\W\d_]+(?![^\W_])(?![/&+#]|[.'’][^\W_])"
    r"|(?<![^\W_])(?<![/&.+#$%'’])[^\W\d_]+(?=['’]s\b)"
)

_stem = snowballstemmer.stemmer("english").stemWord
MIN_BRITISH_LENGTH = 6  # "labour", "centre", "licence": shorter words ending so ("four", "hour") are no spellings
MIN_VARIANT_LENGTH = 7  # a name's word this long spelled one letter otherwise is the same name ("dietician")
# British spellings and their American forms, by word ending
_BRITISH_ENDINGS = tuple((re.compile(pattern), replacement) for pattern, replacement in (
    (r"isation(s?)$", r"ization\1"), (r"is(e|es|ed|ing)$", r"iz\1"), (r"ys(e|es|ed|ing)$", r"yz\1"),
    (r"our(s?)$", r"or\1"), (r"tre(s?)$", r"ter\1"), (r"ence(s?)$", r"ense\1"), (r"ogue(s?)$", r"og\1")))


@dataclass(frozen=True)
class Correction:
    """The question as it should be searched, and each (typed, corrected) word pair in order."""

    text: str
    changes: tuple[tuple[str, str], ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)


@functools.cache
def english_frequencies() -> dict[str, int]:
    """Word -> count from the English frequency dictionary bundled with symspellpy (read once)."""
    try:
        text = importlib.resources.files("symspellpy").joinpath(_DICTIONARY).read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise RuntimeError(f"the English word list {_DICTIONARY} of the symspellpy package is missing: {exc}") from exc
    fields = iter(text.split())
    return {word: int(count) for word, count in zip(fields, fields)}


def english_count(word: str) -> int:
    """How common a word is in English (0 when the dictionary doesn't know it)."""
    return english_frequencies().get(word.lower(), 0)


@functools.cache
def _common_english() -> dict[int, list[str]]:
    """The COMMON_ENGLISH most frequent English words, grouped by length."""
    counts = english_frequencies()
    return _by_length(w for w in heapq.nlargest(COMMON_ENGLISH, counts, key=counts.__getitem__) if len(w) >= SHORTEST_WORD)


def _by_length(words: Iterable[str]) -> dict[int, list[str]]:
    groups: dict[int, list[str]] = {}
    for word in words:
        groups.setdefault(len(word), []).append(word)
    return groups


def word_counts(texts: Iterable[str]) -> Counter:
    """How often each word occurs in ``texts``, as the tokenizer reads words; a compound ("ci/cd")
    also counts its parts. The index stores these counts, so a speller loads without re-reading text."""
    counts: Counter[str] = Counter()
    for text in texts:
        for token in raw_tokens(text):
            if token[0].isalpha():
                counts[token] += 1
                if not token.isalpha():
                    counts.update(part for part in re.findall(r"[^\W\d_]+", token) if part != token)
    return counts


class Speller:
    """Corrects question words against a corpus vocabulary (word -> count; case is folded).

    Measured on this machine (2 cores shared with other jobs, so noisy): over the shipped corpus
    (28 kB, 849 distinct words) ``from_texts`` takes ~18 ms, of which ~17 ms is ``raw_tokens``;
    ``Speller(vocabulary)`` ~0.3 ms and holds ~120 kB; ``correct`` ~0.3 ms for a question with
    three unknown words. The English dictionary is read once per process (~80 ms, ~10 MB).
    For a vocabulary the size of a 100,000-chunk corpus (synthesised: ~10 M tokens, 300,000
    distinct words, 200,000 of them seen once): ``Speller(vocabulary)`` 0.4-0.6 s, holds ~39 MB,
    keeps 100,000 candidates; ``correct`` ~8-13 ms per unknown word; ``from_texts`` would spend
    ~90-120 s in ``raw_tokens``, so count the words once when the index is built and pass them.
    """

    def __init__(self, vocabulary: Mapping[str, int], names: Iterable[str] = ()) -> None:
        counts: dict[str, int] = {}
        for word, count in vocabulary.items():
            if word and count > 0:
                counts[word.lower()] = counts.get(word.lower(), 0) + int(count)
        # The search's own vocabulary is known too: stop words (contractions typed without their
        # apostrophe among them: "dont" is no typo of "done"), and synonyms it maps ("math").
        self._known = frozenset(counts).union(STOPWORDS, SYNONYMS)
        if len(counts) > LARGE_VOCABULARY:
            counts = {word: count for word, count in counts.items() if count >= 2}
        self._counts = counts
        self._stem_set: frozenset[str] | None = None
        self._candidates = _by_length(word for word in counts if word[0].isalpha() and len(word) >= SHORTEST_WORD)
        self._sorted = sorted(counts)  # for the words a clipped word starts (a range, found by bisection)
        names = list(names)
        self._acronyms = acronyms_of(names)
        self._shortenings = shortenings_of(names)
        # the long words of the pages' names and their plurals: "dietitian(s)" for a typed "dieticians"
        name_words = {w.lower() for name in names for w in re.findall(r"[A-Za-z]{%d,}" % MIN_VARIANT_LENGTH, name)}
        self._name_words = frozenset(name_words | {w + "s" for w in name_words if not w.endswith("s")})

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Speller:
        """A speller over the words of ``texts``; a compound ("ci/cd") also counts its parts."""
        return cls(word_counts(texts))

    def __len__(self) -> int:
        """How many words corrections may lead to."""
        return len(self._counts)

    def correct(self, question: str) -> Correction:
        """The question with misspelled words replaced in place, and the (typed, corrected) pairs."""
        pieces: list[str] = []
        changes: list[tuple[str, str]] = []
        last = lookups = 0
        for match in _WORD_RE.finditer(question):
            word = match.group(0)
            expanded = self._expand(word)
            if expanded is not None:  # "heo" -> "heavy equipment operator", from the pages' own names
                pieces += [question[last:match.start()], expanded]
                changes.append((word, expanded))
                last = match.end()
                continue
            american = self._american(word) or self._name_variant(word) or self._unclipped(word)
            if american is not None:  # "specialisations" for the pages' "specialize", "dieticians" for "dietitians"
                pieces += [question[last:match.start()], american]
                changes.append((word, american))
                last = match.end()
                continue
            suspect = self._suspect(word)
            if suspect is None:
                continue
            if lookups == MAX_LOOKUPS:
                break
            lookups += 1
            fixed = self._fix(suspect)
            if fixed is None:
                continue
            fixed = fixed if word.islower() else fixed.capitalize()
            pieces += [question[last:match.start()], fixed]
            changes.append((word, fixed))
            last = match.end()
        if not changes:
            return Correction(question)
        pieces.append(question[last:])
        return Correction("".join(pieces), tuple(changes))

    def _expand(self, word: str) -> str | None:
        """The name an abbreviation stands for, when the documents never use the abbreviation, it is
        no common English word, and the initials of one name on their pages spell it; or the word a
        shortening starts (``shortenings_of``), when the shortening is the rarer of the two in English."""
        lower = word.lower()
        if len(word) > MIN_ACRONYM and word[:-1].isupper() and word.endswith("s") and word[:-1].lower() not in COMMON_ACRONYMS:
            # "ATs", "RNs": capitals and a plural "s" say an abbreviation was typed, whatever English word
            # the capitals spell ("at")
            name = self._acronyms.get(word[:-1].lower())
            if name is not None and lower not in self._known:
                return name if name.endswith("s") else name + "s"
        if not MIN_ACRONYM <= len(lower) <= MAX_ACRONYM or lower in self._known or lower in COMMON_ACRONYMS:
            return None
        english = english_frequencies()
        short = self._shortenings.get(lower)
        if short is not None and english.get(lower, 0) < english.get(short, 0):
            return short  # "surg": rarer in English than the word it starts, so a shortening of it
        if english.get(lower, 0) >= RARE_ENGLISH:
            return None
        return self._acronyms.get(lower)

    def _unclipped(self, word: str) -> str | None:
        """The corpus word a clipped word starts ("vuln" -> "vulnerability", "algos" -> "algorithms"),
        when the word is unknown to the corpus and absent from the English counts (no real word), it
        is at least 3 letters short of the word ("busines" is a typo, for the typo fixer), and the
        words it starts are one word or one family of them (``shortenings_of``), whose shortest is
        searched (the same stem as the rest of the family)."""
        lower = word.lower()
        if (not (word[1:].islower() and word[0].isalpha()) or lower in self._known or lower in COMMON_ACRONYMS
                or english_count(lower)):
            return None  # ALL CAPS or MixedCase is an acronym or a name typed on purpose
        plural = lower.endswith("s") and not lower.endswith("ss")
        clipped = lower[:-1] if plural else lower
        if len(clipped) < MIN_SHORTENING or english_count(clipped):
            return None  # "orchs" is the English "orch" with an "s", not a clipping
        start = bisect.bisect_left(self._sorted, clipped)
        end = bisect.bisect_left(self._sorted, clipped + "\uffff")
        words = [w for w in self._sorted[start:end] if len(w) > len(clipped) and w.isalpha()]
        if not words or not _one_family(clipped, words):
            return None
        shortest = min(words, key=lambda w: (len(w), w))
        if len(shortest) < len(clipped) + MIN_CLIPPED_SHORT:
            return None
        if plural and shortest + "s" in self._counts:
            shortest += "s"
        return shortest if word.islower() else shortest.capitalize()

    def _american(self, word: str) -> str | None:
        """The American spelling of a British one ("specialisation", "labour", "licence", "centre"),
        when the pages use the American word (by its stem) and not the British one."""
        lower = word.lower()
        if not word.islower() or len(lower) < MIN_BRITISH_LENGTH or lower in self._known:
            return None  # "four" is no British "for"
        stems = self._stems()
        if _stem(lower) in stems:
            return None
        for pattern, replacement in _BRITISH_ENDINGS:
            american = pattern.sub(replacement, lower)
            if american != lower and _stem(american) in stems:
                return american
        return None

    def _name_variant(self, word: str) -> str | None:
        """The one word of the pages' names (a title's, a heading's) a lower-case word unknown to the
        corpus is a variant spelling of: one letter different, the same first two ("dieticians" for
        "dietitians"). A real English word is no typo, but a page's name spelled another way still is."""
        lower = word.lower()
        if (not word.islower() or len(lower) < MIN_VARIANT_LENGTH or lower in self._known
                or english_frequencies().get(lower, 0) >= RARE_ENGLISH):
            return None  # "heading" is no "Heating" spelled otherwise
        near = [w for w in self._name_words
                if w[:2] == lower[:2] and abs(len(w) - len(lower)) <= 1 and OSA.distance(w, lower) == 1
                and _stem(w) != _stem(lower)]  # "requirement" is no other spelling of "requirements"
        return near[0] if len(near) == 1 else None

    def _stems(self) -> frozenset[str]:
        if self._stem_set is None:
            self._stem_set = frozenset(_stem(word) for word in self._counts)
        return self._stem_set

    def _suspect(self, word: str) -> str | None:
        """The word lower-cased if it may be a typo: unknown to the corpus and not common English."""
        if len(word) < SHORTEST_WORD or not (word.islower() or (word[0].isupper() and word[1:].islower())):
            return None  # short, or ALL CAPS / MixedCase: an acronym or a name typed on purpose
        lower = word.lower()
        if lower in self._known:
            return None
        frequency = english_frequencies().get(lower, 0)
        if frequency >= RARE_ENGLISH or (frequency and len(lower) < REAL_WORD_LENGTH):
            return None
        return lower

    def _fix(self, word: str) -> str | None:
        """The correction of a suspect lower-case word, or None."""
        english = english_frequencies()
        frequency = english.get(word, 0)
        if not frequency:
            return self._best_candidate(word, 1 if len(word) < LONG_WORD else 2, english_too=True)
        # A rare real word: only a corpus word with one letter left out, and far more common.
        best = self._best_candidate(word, 1, english_too=False)
        if (
            best is None
            or english.get(best, 0) < REAL_WORD_RATIO * frequency
            or [op.tag for op in Levenshtein.editops(best, word)] != ["delete"]
            or _stem(best) == _stem(word)
        ):
            return None
        return best

    def _best_candidate(self, word: str, max_distance: int, english_too: bool) -> str | None:
        """The one nearest word, or None when nothing is near enough or the nearest tie."""
        found: dict[str, int] = {}
        for groups in (self._candidates, _common_english()) if english_too else (self._candidates,):
            for length in range(len(word) - max_distance, len(word) + max_distance + 1):
                for choice, distance, _ in process.extract(
                    word, groups.get(length, ()), scorer=OSA.distance, score_cutoff=max_distance, limit=None
                ):
                    if distance and (distance == 1 or _plausible_double_slip(word, choice)):
                        found[choice] = min(distance, found.get(choice, distance))
        if not found:
            return None
        nearest = min(found.values())
        tied = [choice for choice, distance in found.items() if distance == nearest]
        if len(tied) == 1:
            return tied[0]
        # Corpus counts decide when the corpus uses any of the tied words, else English counts.
        counts, ratio = (self._counts, CORPUS_TIE_RATIO) if any(c in self._counts for c in tied) else (
            english_frequencies(), ENGLISH_TIE_RATIO)
        first, second = heapq.nlargest(2, tied, key=lambda c: counts.get(c, 0))
        return first if counts.get(first, 0) >= ratio * counts.get(second, 0) else None


def acronyms_of(names: Iterable[str]) -> dict[str, str]:
    """Initials -> the name they abbreviate, from the names the pages give themselves (titles,
    headings, occupations): each run of 2-5 capitalised or plain words ("Heavy Equipment Operator"
    -> "heo"). An abbreviation in the run gives all its letters ("AI Engineering" -> "aie", not "ae").
    Initials that two different names share, equally often, abbreviate neither."""
    counts: Counter[tuple[str, str]] = Counter()
    for name in names:
        words = re.findall(r"[^\W\d_]+", name)
        run: list[str] = []
        for word in [*words, ""]:
            if word and word.lower() not in STOPWORDS:
                run.append(word)
                continue
            for size in range(MIN_ACRONYM, MAX_ACRONYM + 1):
                for i in range(len(run) - size + 1):
                    phrase = run[i:i + size]
                    # an abbreviation gives all its letters, unless the whole name is in capitals ("HEAVY EQUIPMENT")
                    initials = "".join(w.lower() if len(w) > 1 and w.isupper() and len(w) <= 5 and not name.isupper()
                                       else w[0].lower() for w in phrase)
                    counts[initials, " ".join(phrase).lower()] += 1
            run = []
    best: dict[str, tuple[int, str, bool]] = {}
    for (initials, phrase), count in counts.items():
        held = best.get(initials)
        if held is None or count > held[0]:
            best[initials] = (count, phrase, held is not None and 2 * held[0] > count)
        elif 2 * count > held[0]:
            best[initials] = (held[0], held[1], True)  # a rival nearly as common: ambiguous
    return {initials: phrase for initials, (count, phrase, rivalled) in best.items() if not rivalled}


def shortenings_of(names: Iterable[str]) -> dict[str, str]:
    """A word's first letters -> the word, from the names the pages give themselves ("surg" ->
    "surgical" of "Surgical Technologist"): at least 4 letters, 2 or more short of the word, and
    the start of only one of the names' words, or of one family of them ("phleb": phlebotomy and
    phlebotomist share 4 more letters), which the shortest stands for."""
    found: dict[str, set[str]] = {}
    for word in {w.lower() for name in names for w in re.findall(r"[^\W\d_]+", name)}:
        for end in range(MIN_SHORTENING, len(word) - 1):
            found.setdefault(word[:end], set()).add(word)
    # words of one family ("phlebotomy", "phlebotomist") share much more than the shortening: the shortest stands for them
    return {prefix: min(words, key=len) for prefix, words in found.items() if _one_family(prefix, words)}


def _one_family(prefix: str, words) -> bool:
    """The words a start begins are one word, or one family of words: they share ``FAMILY_LETTERS`` more."""
    return len(words) == 1 or len(os.path.commonprefix(sorted(words))) >= len(prefix) + FAMILY_LETTERS


def _plausible_double_slip(word: str, choice: str) -> bool:
    """Two edits are a typo only when the first letter is right and the two words aren't a
    compound and its part ("sklearn" / "learn", "upskill" / "skill", "gitlab" / "gitlabci")."""
    return word[0] == choice[0] and word not in choice and choice not in word
