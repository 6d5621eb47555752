"""Composed answers built from the fact table: comparisons, rankings, lists and disagreements, each
figure a verbatim quote with its citation and anything computed labelled as such."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace

from .facts import TRADE_WORKER_STEMS, FactRecord, is_role_word
from .facttable import FactTable, _question_tokens, conjuncts, subject_of
from .intent import LEVEL_CLASSES, _BY_BOTTOM_RE, _BY_WIDTH_RE, _comparative_only
from .text import ranks, tokenize


MAX_COMPOSED_CHARS = 700


FIGURE_FAMILIES = {  # an attribute a question asks about -> the fact attributes that answer it
    "salary": ("salary",), "hourly pay": ("hourly pay",), "experience": ("experience",),
    "market size": ("market size", "market growth"), "market growth": ("market growth",),
    "job growth": ("job growth",), "jobs": ("jobs",), "openings": ("openings",), "training time": ("training time",),
}
_LEVEL_QUALIFIERS = ("entry level", "mid level", "senior")
STANDARD_QUALIFIERS = ("", "range", "median", "average", "entry level", "mid level", "senior", "top 10%", "bottom 10%",
                       "25th percentile", "75th percentile", "new jobs")
_ASKED_QUALIFIER = (("median", r"\bmedian\b"), ("average", r"\baverage\b|\bmean\b|\bavg\b|\btypical\b"),
                    ("top 10%", r"\btop 10|\b90th|\bhighest[- ]paid 10"), ("bottom 10%", r"\bbottom 10|\b10th|\blowest[- ]paid 10"),
                    ("25th percentile", r"\b25th\b|\b(?:bottom|lowest|least|worst)(?:[- ]paid)? 25\s?(?:%|percent)"),
                    ("75th percentile", r"\b75th\b|\b(?:top|highest|best)(?:[- ]paid)? 25\s?(?:%|percent)"),
                    ("entry level", r"\bentry\b|\bjunior\b|\bstarting\b|\bbeginn|\bnew grad"),
                    ("senior", r"\bsenior\b|\bexperienced\b|\blate[- ]career\b"), ("mid level", r"\bmid\b|\bmid-"),
                    ("new jobs", r"\bnew jobs\b|\bjobs? (?:added|created)\b|\bemployment change\b"))


@dataclass
class Quote:
    """One quoted span: the sentence or line of a unit that holds a fact, or a passage's best span."""

    subject: str
    chunk_id: int
    start: int  # document offsets of the quoted text
    end: int
    text: str
    fact: FactRecord | None = None


@dataclass
class Composition:
    """A composed answer before citations are numbered. ``lines`` mix plain text and quotes; a
    quote is rendered in quotation marks with its citation number after it."""

    lines: list[list]
    notes: list[str] = field(default_factory=list)
    subject: str | None = None
    facts: list[FactRecord] = field(default_factory=list)
    how: str = ""  # "compare", "superlative", "enumerate", "collection", "lookup", "disagreement", "places", "pages"

    @property
    def quotes(self) -> list[Quote]:
        return [part for line in self.lines for part in line if isinstance(part, Quote)]


def asked_qualifier(question: str) -> str:
    return next((name for name, pattern in _ASKED_QUALIFIER if re.search(pattern, question, re.I)), "")


def quote_of(fact: FactRecord, unit_text: str, unit_start: int, chunk_id: int) -> Quote:
    """The sentence or line of a fact's unit that holds its value (a stat card's two lines together)."""
    rel = fact.start - unit_start
    lines = [m for m in re.finditer(r"[^\n]+", unit_text)]
    if len(lines) == 2 and any(re.match(r"^\s*[$€£\d]", m.group(0)) for m in lines):
        start, end = 0, len(unit_text)  # "$59,880" / "Median salary"
    else:
        line = next((m for m in lines if m.start() <= rel < m.end()), None)
        lo, hi = (line.start(), line.end()) if line else (0, len(unit_text))
        piece = unit_text[lo:hi]
        cuts = [0] + [m.end() for m in re.finditer(r"[.!?](?=\s+[A-Z$€£0-9])\s+", piece)]
        start = lo + max(c for c in cuts if lo + c <= rel)
        later = [lo + c for c in cuts if lo + c > rel]
        end = later[0] if later else hi
    text = unit_text[start:end]
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    return Quote(fact.subject, fact.chunk_id, unit_start + start + lead, unit_start + start + lead + len(text), text, fact)


# where a sentence goes on to another statement: "…($54,370 a year) in May 2023, and the field is projected …"
_CLAUSE_END_RE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+|\s+[—–]\s+")
_AFTERTHOUGHT_RE = re.compile(r",\s+with\s+")  # "…, with about 3,700 openings a year": another figure's clause
LONG_QUOTE = 100  # characters; shorter quotes stay whole


def clause_of(quote: Quote) -> Quote:
    """A long quote cut to the clause that holds its figure (a verbatim part of it): "Surveyors held
    about 51,100 jobs in 2023, and federal projections call for employment to grow 2% …, with about
    3,700 openings a year" quotes the growth as "federal projections call for employment to grow 2% …"."""
    if quote.fact is None or len(quote.text) <= LONG_QUOTE:
        return quote
    first, after = quote.fact.start - quote.start, quote.fact.end - quote.start
    if first < 0 or after > len(quote.text):
        return quote
    ends = [m.start() for regex in (_CLAUSE_END_RE, _AFTERTHOUGHT_RE) for m in regex.finditer(quote.text)
            if m.start() >= after]
    # the start is cut only where the part before states a figure of its own ("Surveyors held about 51,100 jobs
    # in 2023, and …"), not at a series comma ("Electricians, plumbers, and pipefitters … earned")
    starts = [m.end() for m in _CLAUSE_END_RE.finditer(quote.text)
              if m.end() <= first and re.search(r"\d", quote.text[:m.start()])]
    lo, hi = (starts[-1] if starts else 0), (min(ends) if ends else len(quote.text))
    text = quote.text[lo:hi].rstrip(" ,;")
    if len(text) < 20 or (lo, hi) == (0, len(quote.text)):
        return quote
    return replace(quote, text=text, start=quote.start + lo, end=quote.start + lo + len(text))


def ranked_by(question: str) -> str:
    """"width", "bottom" or "" (the default end) for a superlative question."""
    if _BY_WIDTH_RE.search(question):
        return "width"
    return "bottom" if _BY_BOTTOM_RE.search(question) else ""


def _key(fact: FactRecord, direction: str, measure: str = "") -> float:
    if measure == "width":
        return (fact.high if fact.high is not None else fact.low) - fact.low
    if measure == "bottom":
        return fact.low
    if direction == "max":
        top = fact.high if fact.high is not None else fact.low
        # "X+" ("$250,000+", "7+ years") beats a range ending at X
        return top * (1.0001 if re.search(r"\d\+", fact.value) else 1.0)
    return fact.low


def compose_figures(intent: str, question: str, table: FactTable, subjects: list[str], attribute: str,
                    direction: str, about_places: bool, quote) -> Composition | None:
    """Compare, rank or list figures of ``attribute`` for ``subjects`` (all subjects with such
    figures when none is named). ``quote(fact) -> Quote`` turns a fact into its quoted sentence."""
    families = FIGURE_FAMILIES.get(attribute, (attribute,))
    qualifier = asked_qualifier(question)
    if qualifier in _LEVEL_QUALIFIERS and len({subject_of(s).level for s in subjects}) >= 2:
        qualifier = ""  # "entry, mid, senior": the levels are the subjects compared, not a figure of each one
    having = [s for s in table.subjects if any(f.attribute in families for f in table.facts_for(s, None))]
    if not subjects:
        having = _restricted(question, table, having)  # "which engineer title", "cheapest mlops manager level"
    if intent == "enumerate":
        pool = subjects or having
        facts = [f for s in pool for f in table.facts_for(s, None)
                 if f.attribute in families and (f.qualifier in STANDARD_QUALIFIERS or about_places)]
        if qualifier:
            facts = [f for f in facts if f.qualifier == qualifier] or facts
        return _listing(facts, quote, f"{attribute} figures") if facts else None
    if intent == "compare" and len(subjects) < 2:
        return None  # a comparison needs both sides named
    if intent == "superlative" and len(subjects) == 1:
        return None  # "the top bracket for seasoned MLOps managers" asks about one subject: a lookup
    pool = subjects if len(subjects) >= 2 else having
    if intent == "superlative" and len(subjects) == 2 and not qualifier and attribute in ("salary", "hourly pay") \
            and _comparative_only(question):
        intent = "compare"  # "who earns more, a carpenter or a pharmacy technician": each one's figure, side by side
    if intent == "superlative":
        by_subject = {}
        for name in pool:
            facts = [f for f in table.facts_for(name, None) if f.attribute in families[:1]
                     and f.qualifier in STANDARD_QUALIFIERS and f.low is not None]
            if qualifier:
                facts = [f for f in facts if f.qualifier == qualifier] or facts
            elif len(subjects) >= 2:
                # "who earns more, a carpenter or a pharmacy technician": each one's headline
                # figures, not its top decile against the other's median
                facts = [f for f in facts if f.qualifier in (*_HEADLINE, "range")] or facts
            if facts:
                by_subject[name] = facts
        comp = _ranking(by_subject, direction, quote, attribute, ranked_by(question)) if len(by_subject) >= 2 else None
        return comp if comp is not None and comp.facts else None
    chosen = []
    for name in pool:
        fact = _representative(table, name, families, qualifier)
        if fact is None and intent == "compare":
            # "Truck Drivers" of a ranking page gives no growth rate; another page on the occupation does
            fact = next((f for other in table.subjects if other != name
                         and (same_occupation(other, name)
                              or other not in pool and work_and_worker(name, other) and table.same_page(name, other))
                         and subject_of(other).level == subject_of(name).level
                         for f in [_representative(table, other, families, qualifier)] if f is not None), None)
        if fact is not None:
            chosen.append(fact)
    if intent == "compare" and len(chosen) >= 2:
        return _comparison(chosen, quote)
    return None


def _representative(table: FactTable, name: str, families: tuple[str, ...], qualifier: str) -> FactRecord | None:
    return next((f for a in families for f in [table.representative(name, a, qualifier)] if f is not None), None)


def _restricted(question: str, table: FactTable, subjects: list[str]) -> list[str]:
    """Subjects narrowed by role words the question uses without naming one subject: "highest paid
    engineer title" ranks the engineer titles; "cheapest mlops manager level" the MLOps manager levels."""
    asked = set(_question_tokens(question))
    heads = {h for s in subjects for h in head_stems(s)} & asked
    if not heads:
        return subjects
    vocabulary = {t for s in subjects for t in table.subjects[s].tokens}
    wanted = (asked & vocabulary) - set(LEVEL_CLASSES)
    with_head = [s for s in subjects if heads & head_stems(s)]
    narrowed = [s for s in with_head if wanted <= table.subjects[s].tokens | head_stems(s)]
    # "which machine pays operators the most": the operators, even when no operator subject has every word asked
    return narrowed or with_head


def _comparison(facts: list[FactRecord], quote) -> Composition:
    lines, quotes = [], []
    for fact in facts:
        q = quote(fact)
        quotes.append(q)
        lines.append([f"{fact.subject}: ", q])
    comp = Composition(lines, subject=" vs ".join(f.subject for f in facts), facts=list(facts), how="compare")
    a, b = facts[0], facts[1]
    if len(facts) == 2 and a.unit == b.unit and a.low is not None and b.low is not None:
        higher, lower = (a, b) if (a.midpoint or 0) >= (b.midpoint or 0) else (b, a)
        if higher.midpoint != lower.midpoint:
            comp.lines.append([_difference(higher, lower, quotes[facts.index(higher)], quotes[facts.index(lower)])])
    return comp


def _possessive(name: str) -> str:
    """"Senior MLOps Engineer's", "DevOps Managers'", "Director of MLOps's" (a name, not a plural)."""
    last = name.split()[-1] if name.split() else name
    plural = (last.endswith("s") and not last.endswith("ss") and last[1:] == last[1:].lower()
              and " of " not in f" {name.lower()} ")  # "Director of Sales's": the name's head is singular
    return f"{name}'" if plural else f"{name}'s"


def _difference(higher: FactRecord, lower: FactRecord, qh: Quote, ql: Quote) -> str:
    def fmt(x: float) -> str:
        if higher.unit in ("USD", "EUR", "GBP"):
            symbol = {"USD": "$", "EUR": "€", "GBP": "£"}[higher.unit]
            return f"{symbol}{x / 1e9:,.2f} billion" if x >= 1e8 else f"{symbol}{x:,.0f}" if x >= 100 else f"{symbol}{x:,.2f}"
        return f"{x:g} {higher.unit}" if higher.unit != "%" else f"{x:g} points"
    low_gap = higher.low - lower.low
    sources = " and ".join(f"{{cite:{c}}}" for c in dict.fromkeys((qh.chunk_id, ql.chunk_id)))
    if higher.high is not None and lower.high is not None and (higher.high != higher.low or lower.high != lower.low):
        high_gap = higher.high - lower.high
        if low_gap < 0 or high_gap < 0:  # neither is above the other at both ends
            inside, around = (higher, lower) if higher.high == higher.low else (lower, higher)
            if inside.high == inside.low and around.low <= inside.low <= around.high:
                return (f"Computed from {sources}: {_possessive(inside.subject)} figure lies within {_possessive(around.subject)} range, "
                        f"so neither is higher throughout.")
            return (f"Computed from {sources}: the ranges overlap; {_possessive(higher.subject)} is {fmt(abs(low_gap))} "
                    f"{'higher' if low_gap >= 0 else 'lower'} at the low end and {fmt(abs(high_gap))} "
                    f"{'higher' if high_gap >= 0 else 'lower'} at the high end.")
        detail = f"{fmt(low_gap)} at the low end and {fmt(high_gap)} at the high end"
    else:
        detail = fmt((higher.midpoint or 0) - (lower.midpoint or 0))
    if higher.year and lower.year and higher.year != lower.year:  # a 2028 forecast and a 2033 one: say so
        return (f"Computed from {sources}: {_possessive(higher.subject)} figure ({higher.year}) is higher than "
                f"{_possessive(lower.subject)} ({lower.year}) by {detail}; the two are for different years.")
    return f"Computed from {sources}: {_possessive(higher.subject)} figure is higher by {detail}."


def _ranking(by_subject: dict[str, list[FactRecord]], direction: str, quote, attribute: str,
             measure: str = "") -> Composition:
    """The subject whose figure is highest (lowest) first, quoted; then every other subject's figures."""
    if measure == "width":  # a single figure has no width to rank
        by_subject = {name: ranged for name, facts in by_subject.items()
                      if (ranged := [f for f in facts if f.high is not None and f.high > f.low])}
    best = {name: (max if direction == "max" else min)(facts, key=lambda f: _key(f, direction, measure))
            for name, facts in by_subject.items()}
    order = sorted(best, key=lambda name: _key(best[name], direction, measure), reverse=direction == "max")
    winner = best[order[0]]
    word = "Highest" if direction == "max" else "Lowest"
    if attribute == "experience":
        word = "Most" if direction == "max" else "Least"
    if measure == "width":
        word = "Widest range" if direction == "max" else "Narrowest range"
    lines = [[f"{word}: {winner.subject} — ", quote(winner)]]
    others = []
    for name in order[1:]:
        values = ", ".join(dict.fromkeys(f.value for f in by_subject[name]))
        chunks = dict.fromkeys(f.chunk_id for f in by_subject[name])
        others.append(f"{name} {values} " + " ".join(f"{{cite:{c}}}" for c in chunks))
    basis = {"width": "the width of each range (top minus bottom)", "bottom": "the bottom of each figure"}.get(
        measure, "the top of each figure" if direction == "max" else "the bottom of each figure")
    lines.append([f"Compared by {basis} (computed from the cited figures) with: {'; '.join(others)}."])
    facts = [winner] + [f for name in order[1:] for f in by_subject[name]]
    return Composition(lines, subject=winner.subject, facts=facts, how="superlative")


def _listing(facts: list[FactRecord], quote, what: str) -> Composition:
    seen_quotes: dict[tuple[int, int], Quote] = {}
    lines = []
    for fact in facts:
        q = quote(fact)
        if (q.start, q.end) in seen_quotes:
            continue
        seen_quotes[(q.start, q.end)] = q
        lines.append([f"{fact.subject}: ", q])
    comp = Composition(lines, facts=list(facts), how="enumerate")
    if _length(comp) > MAX_COMPOSED_CHARS:  # too long to quote whole: name each figure and cite it
        comp.lines = [[f"{f.subject}: {f.value} {{cite:{f.chunk_id}}}"] for f in facts]
    return comp


def _length(comp: Composition) -> int:
    return sum(len(part) if isinstance(part, str) else len(part.text) + 6 for line in comp.lines for part in line)


def compose_disagreement(facts: list[FactRecord], quote, titles: dict[str, str]) -> Composition:
    """The same figure from several sources: each with its source and year, newest first, each
    quote cut after the clause that holds its figure so that the sources fit side by side."""
    ordered = sorted(facts, key=lambda f: (-(f.year or 0), f.fact_id))
    lines = [["The sources give different figures (newest first):"]]
    for fact in ordered:
        year = f" ({fact.year})" if fact.year else ""
        lines.append([f"{titles.get(fact.doc_id, fact.doc_id)}{year}: ", clause_of(quote(fact))])
    return Composition(lines, notes=["The sources differ; each figure is shown with its source and the year it states."],
                       subject=ordered[0].subject, facts=ordered, how="disagreement")


@functools.lru_cache(maxsize=65536)
def head_stems(subject: str) -> frozenset[str]:
    """The stems of a subject's role nouns; for a title that joins occupations but names no role noun
    we know, the last word of each ("Tree Trimmers and Pruners" -> trimmer, pruner)."""
    roles = frozenset(t for word in re.findall(r"[A-Za-z][A-Za-z/-]*", subject) if is_role_word(word)
                      for t in tokenize(word))
    parts = conjuncts(subject)
    if roles or len(parts) < 2:
        return roles  # "DevOps market" names no one who works
    return frozenset(t for part in parts for t in tokenize(part)[-1:])


def work_and_worker(work: str, worker: str) -> bool:
    """"Phlebotomy Technician" and "Phlebotomists": the work one title names and the worker another
    names share their first seven letters. So do "Pharmacy Technician" and "Pharmacists", who are
    not one occupation: callers also require the worker's figures to be quoted on the work's own page."""
    heads = {w.lower()[:7] for w in re.findall(r"[A-Za-z]{8,}", worker) if is_role_word(w)}
    return bool(heads) and any(w.lower()[:7] in heads for w in re.findall(r"[A-Za-z]{8,}", work) if not is_role_word(w))


def same_occupation(one: str, other: str) -> bool:
    """Two subjects named by the same role nouns ("HVAC Technician", "HVAC/R Technician"), or one
    of the occupations a title lists ("Plumber" of "Plumbers, Pipefitters, and Steamfitters"); a
    "Lead Technician" is not an "MLOps Team Lead", nor an "HVAC Technician"."""
    a, b = head_stems(one), head_stems(other)
    if not a or not b:
        return False
    if ranks(one) and ranks(other) and ranks(one) != ranks(other):
        return False  # the First Assistant Engineer is no Third Assistant Engineer
    da, db = _distinctive(one), _distinctive(other)
    if da and db and not da & db:
        return False  # "Veterinary Technician" is not a "Pharmacy Technician", nor "Aircraft … Technicians"
    if a == b:
        return True
    if da and db and a | b <= TRADE_WORKER_STEMS and (da <= db and len(conjuncts(other)) > 1
                                                       or db <= da and len(conjuncts(one)) > 1):
        # "Elevator Mechanic" and "Elevator and Escalator Installers and Repairers": one trade, which the
        # joined title names among others; not "Automotive Service Technicians" and "Automotive Body Repairers"
        return True
    small, large, title = (a, b, other) if len(a) < len(b) else (b, a, one)
    return small < large and bool(re.search(r",|\band\b|&", title))


def one_occupation(one: str, other: str) -> bool:
    """Two pages' occupations are one: the same workers, or the work one names and the worker the
    other does ("Phlebotomy Technician", "Phlebotomists"), or a role noun shared with nothing that
    sets either apart from the other ("head brewer", "brewer")."""
    if same_occupation(one, other) or work_and_worker(one, other) or work_and_worker(other, one):
        return True
    apart_one, apart_other = _distinctive(one), _distinctive(other)
    return bool(head_stems(one) & head_stems(other)) and not (apart_one and apart_other and not apart_one & apart_other)


@functools.lru_cache(maxsize=65536)
def _distinctive(subject: str) -> frozenset[str]:
    """What sets a subject's occupation apart from others with its role noun, as 5-letter stems:
    "veter" of "Veterinary Technician", "hvac" of "HVAC/R Technician"; levels left out."""
    heads = head_stems(subject)
    return frozenset(t[:5] for t in tokenize(subject) if t not in heads and t not in LEVEL_CLASSES and t[0].isalpha())


def peer_facts(table: FactTable, fact: FactRecord, qualifier: str) -> list[FactRecord]:
    """The same attribute and statistic of the same occupation, in every document; asked for no
    statistic, a page's headline figures (unlabelled, median or average) are peers of each other."""
    level = subject_of(fact.subject).level
    wanted = {qualifier or fact.qualifier}
    if not qualifier and fact.qualifier in _HEADLINE:
        wanted = set(_HEADLINE)  # nothing asked for: a page's unlabelled headline figure and another's median
    if not qualifier and fact.attribute in _SPAN_ATTRIBUTES and fact.qualifier in (*_HEADLINE, "range"):
        wanted = {*_HEADLINE, "range"}  # "4 to 8 months" and "16 weeks" both say how long training takes
    out = {}
    for other in table.facts:
        if other.attribute != fact.attribute or other.qualifier not in wanted:
            continue
        if not same_occupation(other.subject, fact.subject) or subject_of(other.subject).level != level:
            continue
        kept = out.get(other.doc_id)
        if kept is None or (kept.qualifier != fact.qualifier and other.qualifier == fact.qualifier):
            out[other.doc_id] = other  # a document's first such figure stands for it (its own statistic first)
    if qualifier in ("median", "average"):
        # a page that gives one unlabelled figure and no statistic ("Carpenter Hourly Pay (2022): $25.23")
        # states its headline figure: a source for the median too
        unlabelled: dict[str, list[FactRecord]] = {}
        for other in table.facts:
            if (other.attribute == fact.attribute and other.qualifier == "" and other.doc_id not in out
                    and same_occupation(other.subject, fact.subject) and subject_of(other.subject).level == level):
                unlabelled.setdefault(other.doc_id, []).append(other)
        out.update({doc: rows[0] for doc, rows in unlabelled.items() if len({r.value for r in rows}) == 1})
    return list(out.values())


# "just the names", "the headline names pls", "give me the section headings", "titles only"
_NAMES_ONLY_RE = re.compile(r"\b(?:just|only) (?:the )?(?:\w+ )?(?:names|titles|headings|headlines)\b"
                            r"|\b(?:names|titles|headings|headlines) only\b"
                            r"|\b(?:the )?(?:names|titles|headings|headlines) of\b"
                            r"|\b(?:section|headline)\s+(?:names|headings|titles)\b"
                            # "the headings under …", "technical skills categories in the requirements"
                            r"|\b(?:sub-?headings|headings|headers|categories|subcategories)\s+(?:under|in|within|for|of)\b"
                            r"|\b(?:give me|show me|list)\s+(?:the\s+)?(?:\w+\s+)?(?:names|headings|headlines|titles)\W*$", re.I)
# "…, list", "… - the full list pls", "… as a list": how the answer is wanted, at the end of the question
_LIST_REQUEST_RE = re.compile(r"[,:;\-–—]\s*(?:(?:give me|show me)\s+)?(?:(?:the|a)\s+)?(?:(?:full|whole|complete|entire)\s+)?"
                              r"list(?:\s+(?:them|it|pls|please|plz))?\W*$|\s+as a list\W*$", re.I)


def without_request(question: str) -> str:
    """The question without how it wants the answer ("give me the section headings", ", list",
    "the full list pls"), which is no part of what it is about; or as it was."""
    if _NAMES_ONLY_RE.search(question):
        stripped = re.sub(r"\s*\b(?:give me|show me|list|tell me)(?:\s+the)?\W*$", "", _NAMES_ONLY_RE.sub(" ", question))
    elif _LIST_REQUEST_RE.search(question):
        stripped = _LIST_REQUEST_RE.sub("", question)
    else:
        return question
    return re.sub(r"\s+", " ", stripped).strip(" -–—,;:") or question


def names_only(question: str) -> bool:
    """Does the question ask only for the names of a list's items ("just the headline names pls")?"""
    return bool(_NAMES_ONLY_RE.search(question))


_HOURLY_RE = re.compile(r"\bhourly\b|[$€£]\s?\d[\d.,]*\s*(?:/\s*h(?:ou)?r|(?:per|an|a)\s+hour)\b", re.I)
# Attributes whose range ("4 to 8 months", "3-5 years") is how a page states its one figure, not a statistic.
_SPAN_ATTRIBUTES = ("training time", "experience")
_HEADLINE = ("", "median", "average")  # the figure a page gives for an occupation when no statistic is asked for
