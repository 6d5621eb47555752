"""The fact table's subjects resolved against questions: which roles, levels, markets and pages a
question names (``FactTable.mentioned``), and the figures each subject has."""
from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, replace

from .facts import EXPERIENCE_BAND_LABEL_RE, FactRecord, is_role_phrase, is_role_word
from .intent import LEVEL_CLASSES
from .text import ranks, singular, tokenize


# a degree, not a trade level: "master's degree", "masters", "master of science"
_DEGREE_RE = re.compile(r"\bmaster(?:'s|s|’s)(?:\s+degrees?)?|\bmaster\s+(?:of|degree)\b", re.I)


@dataclass(frozen=True)
class Subject:
    """A subject the facts are about, as a set of stems to match questions against."""

    name: str
    tokens: frozenset[str]
    level: str  # "entry" | "mid" | "senior" | ""


def _level_of(tokens) -> str:
    found = {LEVEL_CLASSES[t] for t in tokens if t in LEVEL_CLASSES}
    return found.pop() if len(found) == 1 else ""


@functools.lru_cache(maxsize=65536)
def subject_of(name: str) -> Subject:
    tokens = frozenset(tokenize(name))
    return Subject(name, tokens, _level_of(tokens))


_ACRONYM = re.compile(r"[A-Z]{2,6}")


def _spelling_key(subject: str) -> str:
    """A subject's name without case or a plural on its last word ("Aircraft mechanics" -> "aircraft mechanic")."""
    return singular(subject.casefold())


class FactTable:
    """The index's facts, with subjects resolved against questions."""

    def __init__(self, facts: list[FactRecord], doc_titles: dict[str, str], aliases: dict[str, list[str]]):
        # "Wind Turbine Technician" (a title), "Wind turbine technician" and "Aircraft mechanics" (sentences)
        # are each one subject with "Aircraft Mechanic"
        spelled: dict[str, str] = {}
        self.facts = [f if spelled.setdefault(_spelling_key(f.subject), f.subject) == f.subject
                      else replace(f, subject=spelled[_spelling_key(f.subject)]) for f in facts]
        facts = self.facts
        self.doc_titles = doc_titles
        self._page_tokens = {doc: frozenset(tokenize(" ".join([title, *aliases.get(doc, [])])))
                             for doc, title in doc_titles.items()}
        # the other names a page gives its occupation ("x-ray technologist", "rad tech"), as token runs
        # an acronym the page defines for its title's words ("RT" of "Respiratory therapists (RTs)") names it too
        self._alias_cores = {doc: [core for alias in aliases.get(doc, []) if (is_role_phrase(alias) or _ACRONYM.fullmatch(alias))
                                   and (core := tuple(t for t in tokenize(alias) if len(t) > 1))] for doc in doc_titles}
        self._title_tokens = {doc: frozenset(tokenize(title)) for doc, title in doc_titles.items()}
        # how many pages' titles (and aliases) use each word, for "a word few titles share"
        self._title_word_pages = Counter(w for words in self._page_tokens.values() for w in words)
        self.subjects: dict[str, Subject] = {}
        self._docs_of: dict[str, set[str]] = {}
        self._facts_of: dict[str, list[FactRecord]] = {}
        for fact in facts:
            self.subjects.setdefault(fact.subject, subject_of(fact.subject))
            self._docs_of.setdefault(fact.subject, set()).add(fact.doc_id)
            self._facts_of.setdefault(fact.subject, []).append(fact)
        # Worked out once, not per question: each subject's attributes, and how many subjects share a head noun.
        self._attributes_of = {name: {f.attribute for f in rows} for name, rows in self._facts_of.items()}
        self._head_count: dict[str, int] = {}
        self._head_words: dict[str, Counter] = {}  # per head noun, how many of its subjects use each word
        for name in self.subjects:
            head = _head_stem(name) or (_core_tokens(name) or (name,))[-1]  # as _match reads a subject's head
            self._head_count[head] = self._head_count.get(head, 0) + 1
            self._head_words.setdefault(head, Counter()).update(set(_core_tokens(name)))
        self.years = frozenset(f.year for f in facts if f.year) | frozenset(
            int(y) for f in facts for y in re.findall(r"\b(?:19|20)\d\d\b", f"{f.value} {f.scope}"))
        # "truck driving", "medical assisting", "massage therapy": the work named for the worker ("Truck Drivers")
        self._workers = {}
        self._fields: dict[str, str] = {}
        subject_words = {w for name in self.subjects for w in re.findall(r"[a-z]+", name.lower())}
        for name in self.subjects:
            for word in re.findall(r"[a-z]+", name.lower()):
                word = word[:-1] if word.endswith("s") else word
                for suffix, cut in (("er", 2), ("or", 2), ("ant", 3)):
                    if word.endswith(suffix) and len(word) - cut >= 4:
                        self._workers.setdefault(word[:-cut] + "ing", word)
            words = re.findall(r"[a-z]+", name.lower())
            for before, word in zip(words, words[1:]):
                word = word[:-1] if word.endswith("s") else word
                if word.endswith("ist") and len(word) >= 8 and word[:-3] + "y" not in subject_words:
                    # "massage therapy" names the "Massage therapists": the field said with the word before the
                    # worker; not "economy" alone (economists), nor a title's own "Pharmacy" or "Phlebotomy"
                    self._fields.setdefault(f"{before} {word[:-3]}y", f"{before} {word}")

    def mentioned(self, text: str, attribute: str | None = None) -> list[str]:
        """Subjects the text names, in the order it names them.

        A subject's words other than its level ("MLOps Engineer" of "Senior MLOps Engineer") must
        appear as a phrase; a subject with a level needs that level somewhere in the text ("senior
        and mid-level MLOps managers" names both levels). Of subjects found at the same place, the
        one whose level the text gives right before the phrase wins over the one without a level.
        When nothing matches so, a subject's page words may be left out ("senior manager" on the
        MLOps manager page) as long as its head noun and level are there. The work may stand for
        the worker ("truck driving jobs" names "Truck Drivers").
        """
        text = re.sub(r"\b[A-Za-z]+ing\b", lambda m: self._workers.get(m.group(0).lower(), m.group(0)), text)
        text = re.sub(r"\b[A-Za-z]+ [A-Za-z]+y\b", lambda m: self._fields.get(m.group(0).lower(), m.group(0)), text)
        text = _DEGREE_RE.sub(" ", text)  # "a master's degree" is no "master" level
        asked = _question_tokens(text)
        levels = {LEVEL_CLASSES[t] for t in asked if t in LEVEL_CLASSES}
        asked_ranks = ranks(text)
        strict = self._match(asked, levels, attribute, strict=True, asked_ranks=asked_ranks)
        found = strict or self._match(asked, levels, attribute, strict=False, asked_ranks=asked_ranks)
        if not found:
            return []
        if strict:  # "team lead avg vs entry-level mgr band": a level and a head noun name the page's own level too
            found = found + self._levelled_heads(asked, levels, attribute, strict)
        found.sort(key=lambda m: m[0])
        if not strict:  # loosely named subjects are all kept: "devops or mlops" names both markets
            return list(dict.fromkeys(name for _, _, name in sorted(found)))
        # A levelled subject named with its level right before it somewhere ("… vs senior MLOps
        # engineer") is not also the same words said without a level ("MLOps engineer vs …").
        said_with_level = {name for start, _, name in found
                           if self.subjects[name].level and _level_before(asked, start, self.subjects[name].level)}
        found = [m for m in found if not (m[2] in said_with_level
                                          and not _level_before(asked, m[0], self.subjects[m[2]].level)
                                          and any(o[:2] == m[:2] and not self.subjects[o[2]].level for o in found))]
        found = [m for m in found if not self._level_taken(m, found, asked)]
        chosen: list[tuple[int, int, str]] = []
        for start, end, name in sorted(found, key=lambda m: (-(m[1] - m[0]), 0 if self.subjects[m[2]].level else 1)):
            clash = [c for c in chosen if c[0] <= start and end <= c[1] or start <= c[0] and c[1] <= end]
            if any(c[1] - c[0] > end - start for c in clash):
                continue  # "MLOps Engineer" inside "… Senior MLOps Engineer" already taken… by a longer phrase
            if clash and not self.subjects[name].level:
                continue  # same phrase: the levelled subject the text asked for is already taken
            chosen.append((start, end, name))
        chosen.sort(key=lambda c: (c[0], c[2]))
        return list(dict.fromkeys(name for _, _, name in chosen))

    def _match(self, asked: list[str], levels: set[str], attribute: str | None, strict: bool,
               asked_ranks: frozenset[int] = frozenset()):
        """(start, end, subject) for every place a subject is named. ``strict``: its words as a
        phrase, else all of them anywhere; failing both, its head noun with its page's words implied."""
        out = []
        loose = []
        for name, subject in self.subjects.items():
            if attribute and attribute not in self._attributes_of.get(name, ()):
                continue
            if subject.level and subject.level not in levels:
                continue
            if not ranks(name) <= asked_ranks:
                continue  # "third assistant" names no "First Assistant"
            core = list(_core_tokens(name))
            if not core:
                continue
            spans = [(i, i + len(core)) for i in range(len(asked) - len(core) + 1) if asked[i: i + len(core)] == core]
            if not spans and not subject.level:
                spans = self._alias_spans(name, core, asked)  # "x-ray tech" names the page's "Radiologic Technologist"
            if not spans:
                spans = _conjunct_spans(name, asked)  # "tree trimmers" names "Tree Trimmers and Pruners"
            if spans:
                out.extend((a, b, name) for a, b in spans if self._level_fits(subject, name, asked, a))
                continue
            if strict:
                continue
            if set(core) <= set(asked):
                first = min(asked.index(t) for t in core)
                loose.append((first, max(asked.index(t) for t in core) + 1, name))
                continue
            page = self._page_words(name)
            head = _head_stem(name) or core[-1]
            rest = [t for t in core if t not in page and t != head]
            unique = self._head_count.get(head, 0) == 1
            # "wind tech" for "Wind turbine technician": the head noun and a word only this name of that head has
            said = any(t in asked and self._head_words.get(head, {}).get(t) == 1 for t in set(core) - {head})
            if head in asked and set(rest) <= set(asked) and (subject.level or rest or unique or said):
                i = asked.index(head)
                if said and not (subject.level or rest or unique):  # named where its own word is ("wind techs")
                    i = min(asked.index(t) for t in set(core) - {head} if t in asked)
                loose.append((i, i + 1, name))
        return out if strict else (loose or out)

    def _level_taken(self, match, found, asked: list[str]) -> bool:
        """A levelled subject named where another level is said right before its phrase, while its
        own level word only ever comes right before another subject's phrase: "mid lvl mlops manager
        vs senior mlops engineer" names no senior MLOps manager ("mid vs senior mlops manager" does)."""
        start, _, name = match
        level = self.subjects[name].level
        if not level or _level_before(asked, start, level) or not _level_said_before(asked, start):
            return False
        own = [i for i, t in enumerate(asked) if LEVEL_CLASSES.get(t) == level]
        others = [m[0] for m in found if m[2] != name and m[0] != start]
        return all(any(_level_before(asked, o, level) and i < o for o in others) for i in own)

    def _levelled_heads(self, asked: list[str], levels: set[str], attribute: str | None, taken) -> list:
        """(start, end, subject) where a level is said right before a levelled subject's head noun
        outside the phrases already matched ("entry-level mgr" beside "mlops team lead"), when the
        subject's other words are its page's own."""
        out = []
        for name, subject in self.subjects.items():
            if not subject.level or subject.level not in levels:
                continue
            if attribute and attribute not in self._attributes_of.get(name, ()):
                continue
            core = _core_tokens(name)
            head = _head_stem(name) or (core[-1] if core else "")
            page = self._page_words(name)
            if not head or any(t not in page and t != head and t not in asked for t in core):
                continue
            out += [(i, i + 1, name) for i, token in enumerate(asked)
                    if token == head and _level_before(asked, i, subject.level)
                    and not any(a <= i < b for a, b, _ in taken)]
        at = Counter(start for start, _, _ in out)
        return [m for m in out if at[m[0]] == 1]  # two such subjects at one place: the words name neither surely

    def _alias_spans(self, name: str, core: list[str], asked: list[str]) -> list[tuple[int, int]]:
        """Where the question uses another name a page gives its occupation, for the subject the
        page's title names."""
        spans = []
        kept = [i for i, t in enumerate(asked) if len(t) > 1]  # "x-ray" and "xray" both leave "ray"
        words = [asked[i] for i in kept]
        for doc in self._docs_of.get(name, ()):
            if not set(core) <= self._title_tokens.get(doc, frozenset()):
                continue
            for alias in self._alias_cores.get(doc, ()):
                spans += [(kept[i], kept[i + len(alias) - 1] + 1) for i in range(len(words) - len(alias) + 1)
                          if tuple(words[i: i + len(alias)]) == alias
                          or (len(alias) == 1 and len(alias[0]) <= 4 and words[i] == alias[0] + "s")]  # "rts"
        return spans

    def _level_fits(self, subject: Subject, name: str, asked: list[str], start: int) -> bool:
        """A level said right before the phrase ("junior MLOps engineer") must be the subject's own
        level, or one its facts are qualified by ("senior DevOps managers"); else the question is
        about a different subject that merely shares words."""
        before = asked[start - 1] if start > 0 else ""
        if subject.level:
            return before not in _NO_LEVEL  # "regular MLOps engineer" is not the senior one
        if before not in LEVEL_CLASSES:
            return True
        level = LEVEL_CLASSES[before]
        qualifiers = {f.qualifier for f in self.facts_for(name, None)}
        # pay by years of experience has an entry (first) and a senior (last) row too
        bands = sum(1 for q in qualifiers if EXPERIENCE_BAND_LABEL_RE.match(q))
        return any(level in q for q in qualifiers) or (level in ("entry", "senior") and bands >= 3)

    @property
    def title_words(self) -> dict[str, frozenset[str]]:
        """Each page's title and alias words (tokens), by document."""
        return self._page_tokens

    def title_word_pages(self, word: str) -> int:
        """How many pages' titles or aliases use ``word`` (a token)."""
        return self._title_word_pages[word]

    def _page_words(self, name: str) -> frozenset[str]:
        """The title and alias words of the pages a subject's figures are on."""
        return frozenset().union(*(self._page_tokens.get(d, frozenset()) for d in self._docs_of.get(name, ())))

    def same_page(self, one: str, other: str) -> bool:
        """Do the two subjects' figures come from one page (a program page quoting the workers' pay)?"""
        return bool(self._docs_of.get(one, set()) & self._docs_of.get(other, set()))

    @property
    def alias_words(self) -> frozenset[str]:
        """The tokens of the other names pages give their occupations ("rt", "linemen", "lineworker")."""
        return frozenset(t for cores in self._alias_cores.values() for core in cores for t in core)

    def docs_of(self, subject: str) -> set[str]:
        return self._docs_of.get(subject, set())

    def facts_for(self, subject: str, attribute: str | None) -> list[FactRecord]:
        rows = self._facts_of.get(subject, [])
        return list(rows) if attribute is None else [f for f in rows if f.attribute == attribute]

    def representative(self, subject: str, attribute: str, qualifier: str = "") -> FactRecord | None:
        """The one figure that best stands for a subject's attribute: the asked statistic if there
        is one, else a median (what sources quote as typical pay), a range, an average, then the rest;
        never a breakdown row. Of one sentence's figures for different years ("from $13.2 billion in
        2024 to $81.1 billion by 2028"), the latest year's."""
        order = {"median": 0, "range": 1, "average": 2, "": 3, "entry level": 4, "mid level": 4, "senior": 4,
                 "75th percentile": 5, "25th percentile": 5, "top 10%": 6, "bottom 10%": 7}
        candidates = [f for f in self.facts_for(subject, attribute) if f.qualifier in order]
        if not candidates:
            return None
        if qualifier:
            asked = [f for f in candidates if f.qualifier == qualifier]
            candidates = asked or candidates
        best = min(candidates, key=lambda f: (order[f.qualifier], f.fact_id))
        # "grow from $13.2 billion in 2024 to $81.1 billion by 2028": of one sentence's figures, the latest year's
        same = [f for f in candidates if f.qualifier == best.qualifier and f.doc_id == best.doc_id
                and f.unit_start == best.unit_start and f.year is not None]
        return max(same, key=lambda f: (f.year, -f.fact_id)) if best.year is not None and len(same) > 1 else best


def _level_before(asked: list[str], start: int, level: str) -> bool:
    """Whether ``level`` is said right before position ``start``, across other level words
    ("senior and mid-level MLOps managers" gives both levels to the phrase; the tokens hold no
    stopwords)."""
    i = start - 1
    while i >= 0 and (asked[i] in LEVEL_CLASSES or asked[i] in _LEVEL_FILLER):
        if LEVEL_CLASSES.get(asked[i]) == level:
            return True
        i -= 1
    return False


_LEVEL_FILLER = frozenset({"tier", "band", "grade"})  # "mid tier manager": the level's own noun ("lvl" is a stopword)


def _level_said_before(asked: list[str], start: int) -> bool:
    """Whether any level is said right before position ``start``."""
    i = start - 1
    while i >= 0 and asked[i] in _LEVEL_FILLER:
        i -= 1
    return i >= 0 and asked[i] in LEVEL_CLASSES


def _conjunct_spans(name: str, asked: list[str]) -> list[tuple[int, int]]:
    """Where the question names one of the occupations a title joins ("Tree Trimmers and Pruners"),
    said whole or without its first modifier; a one-word part ("Pruners", "Heating") is too loose a
    name on its own."""
    parts = conjuncts(name)
    if len(parts) < 2:
        return []
    spans = []
    cores = {_core_tokens(part) for part in parts} | set(_joined_names(name))
    # said without its first modifier: "power line installers" names "Electrical Power-Line Installers"
    # (a name of four words or more: "research scientists" is too loose a name for three)
    cores |= {core[1:] for core in cores if len(core) >= 4}
    for core in cores:
        if len(core) >= 2:
            spans += [(i, i + len(core)) for i in range(len(asked) - len(core) + 1)
                      if tuple(asked[i: i + len(core)]) == core]
    return spans


@functools.lru_cache(maxsize=4096)
def _joined_names(name: str) -> tuple[tuple[str, ...], ...]:
    """The occupations a title joins on both sides of its role nouns: "Elevator and Escalator
    Installers and Repairers" names elevator installers, elevator repairers, escalator installers
    and escalator repairers (each modifier with each role noun)."""
    parts = [re.findall(r"[A-Za-z][A-Za-z/-]*", part) for part in conjuncts(name)]
    heads = [words[-1] for words in parts if words and is_role_word(words[-1])]
    modifiers = [" ".join(words[:-1] if is_role_word(words[-1]) else words) for words in parts if words]
    return tuple(_core_tokens(f"{modifier} {head}") for modifier in modifiers if modifier for head in heads)


def conjuncts(name: str) -> list[str]:
    """The occupations a title joins: "Tree Trimmers and Pruners" -> "Tree Trimmers ", " Pruners"."""
    return re.split(r",|&|\band\b", name)


@functools.lru_cache(maxsize=65536)
def _core_tokens(name: str) -> tuple[str, ...]:
    """A subject's words without its level words ("Senior MLOps Engineer" -> mlop, engin)."""
    return tuple(t for t in tokenize(name) if t not in LEVEL_CLASSES)




@functools.lru_cache(maxsize=65536)
def _head_stem(name: str) -> str:
    """The stem of a subject's role noun: "Director of MLOps" -> "director", "MLOps Team Lead" -> "lead"."""
    for word in reversed(re.findall(r"[A-Za-z][A-Za-z/-]*", name)):
        if is_role_word(word):
            stems = tokenize(word)
            return stems[-1] if stems else ""
    return ""


def _question_tokens(text: str) -> list[str]:
    tokens = tokenize(text)
    out = []
    for t in tokens:  # "ml" stands for "machine learning", "mgr" for "manager"
        out.extend({"ml": ["machin", "learn"], "mgr": ["manag"], "mgrs": ["manag"], "eng": ["engin"],
                    "dir": ["director"]}.get(t, [t]))
    return out


_NO_LEVEL = frozenset(tokenize("regular plain standard ordinary normal basic"))
