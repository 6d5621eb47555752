"""Deciding how to answer a question that needs more than one fact: a comparison, a highest or
lowest, a list, the collection itself, the documents' scope, or sources that disagree.

``MultiFact.decide`` takes the question's analysis (``intent.py``), the subjects the fact table
finds in it (``facttable.py``) and the reader's own answer, and returns a composed answer
(``compose.py``), a scope abstention, or nothing, to let the reader's answer stand. Every figure
shown is a verbatim quote; anything computed (a maximum, a difference) says so and names the
citations it comes from.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .compose import (
    Composition, FIGURE_FAMILIES, MAX_COMPOSED_CHARS, Quote, STANDARD_QUALIFIERS, _HOURLY_RE, _key,
    _representative, _restricted, asked_qualifier, compose_disagreement, compose_figures, head_stems, peer_facts,
    names_only, quote_of, ranked_by, same_occupation)
from .facts import (EXPERIENCE_BAND_LABEL_RE, LEVEL_WORDS, NUMBER_WORDS, ROLE_NOUNS, FactRecord, is_generic_role, is_role_phrase,
                    is_role_word, is_trade_worker_noun)
from .facttable import FactTable, _level_of, _question_tokens, subject_of
from .intent import (asks_both_ends, _part_of_a_place, 
    EXCLUDED_RE as _EXCLUDED_RE, SET_ASIDE_KIND_WORDS, Analysis, _comparative_only, LEVEL_CLASSES, _ATTRIBUTE_PATTERNS, _FOLLOW_REFERENCE_RE, _JOINED_RE, _KIND_OF, _ONE_RE, _PLACE_WORDS,
    YEARS_HELD_RE, _SPAN_WORDS_RE, analyse, attributes_asked)
from .layout import has_figure
from .places import WHOLE_COUNTRY, is_region, is_state_or_province, named_region, regions_named_anywhere, us_state_codes
from .reader import LABEL_RE, SUM_RE, asks_whole_list, is_yes_no
from .text import ranks, tokenize


@dataclass
class Outcome:
    """What multi-fact handling decided: a composed answer, or an abstention with a scope note."""

    kind: str  # "composed" | "scope"
    composition: Composition | None = None
    note: str = ""
    confidence: float = 0.0


# years of experience a question says someone has: "with 5 years", "7+ yrs of experience", "after 10 years"
_ASKS_YEARS_RE = re.compile(r"\bhow (?:many|long)\b", re.I)
# "which mlops manager tier does that fit?": the level the years a question gives fall in
_WHICH_TIER_RE = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,3}?(?:tier|level|band|bracket|rung)\b", re.I)
_LEVEL_WORDS_RE = re.compile(r"\b(?:entry|junior|mid|middle|senior|level|lead|principal)\b|-", re.I)
# a comparison of sources rather than subjects: "the handbook vs salaryscout", "do the two pages agree?"
_NAMES_SOURCES_RE = re.compile(r"\b(?:sources?|pages?|sites?|websites?|guides?|blogs?|handbooks?|articles?|reports?"
                               r"|surveys?|(?:dis)?agree|disagreement)\b", re.I)
# "why do the 2 sources give different numbers", "i keep seeing two different %s": figures that differ
# "do the sources agree", "do the two AT pages give the same median", "growth rate, both sources": each
# source's figure asked for, side by side
_FIGURES_DIFFER_RE = re.compile(r"\b(?:different|differing|conflicting|inconsistent|contradictory)\s+(?:numbers?|figures?|%s"
                                r"|percentages?|rates?|amounts?|answers?|stats?)\b"
                                r"|\b(?:sources?|pages?|sites?|documents?)\s+(?:differ|disagree|agree|match|conflict)"
                                r"|\b(?:both|each|all the|the two|the 2)\s+(?:of the\s+)?(?:[\w-]+\s+)?(?:sources|pages|sites|documents)\b"
                                r"|\b(?:both|each)\s+(?:source|page|site|document)\b|\b(?:give|say|report)s?\s+the same\b", re.I)


def _at_both_ends(question: str, direction: str, make):
    """``make(direction)`` (an ``Outcome`` or a ``Composition``), or, when the question asks for both
    ends ("best and worst paying county"), the top and the bottom in one: each source's top rows then
    its bottom rows, or the winner, the last, and the rest they were compared with."""
    if not asks_both_ends(question):
        return make(direction)
    top, bottom = make("max"), make("min")
    if top is None or bottom is None:
        return top or bottom
    one, other = (top, bottom) if isinstance(top, Composition) else (top.composition, bottom.composition)
    if one.how == "places":
        lines = one.lines + other.lines
    else:
        lines = [one.lines[0], other.lines[0], *one.lines[1:]]
    merged = Composition(lines, list(dict.fromkeys(one.notes + other.notes)), one.subject,
                         list(dict.fromkeys(one.facts + other.facts)), one.how)
    return merged if isinstance(top, Composition) else Outcome(top.kind, merged, confidence=top.confidence)


def asks_each_source(question: str) -> bool:
    """"do the sources agree", "seen different numbers", "both pages": each source's figure is asked for."""
    return bool(_FIGURES_DIFFER_RE.search(question))


_NOW_RE = re.compile(r"\b(?:now|today|currently|current)\b", re.I)
_YEAR_IN_QUESTION_RE = re.compile(r"\b(?:19|20)\d\d\b")  # "optician median pay, 2024 vs 2023": one figure, two sources' years
# two modifiers sharing one head noun: "the devops or mlops market" (group 3) names the devops market too
_ELIDED_HEAD_RE = re.compile(r"\b([\w/-]+)\s+((?:vs\.?|versus|or|and|\+|&)\s+(?:the\s+)?[\w/-]+)\s+(markets?|managers?|engineers?)\b",
                             re.I)
# "which engineer title", "what role": the question picks among a kind of subject
_WHICH_OF_RE = re.compile(r"\b(?:which|what)\s+(?:[\w/-]+\s+){0,3}?(?:titles?|roles?|jobs?|positions?|levels?|tiers?|ones?)\b", re.I)
_ROW_LINE_RE = re.compile(r"[$€£]?\d")  # a line of a list of figures ("Boston, MA — $38.20 an hour")
_YEARS_LABEL_RE = re.compile(r"\d\s*\+?\s*(?:or more\s+)?(?:years?|yrs?)\b", re.I)
# a figure a question gives ("43.2%", "$137,700"), and a question asking what it is or whose it is
_FIGURE_IN_QUESTION_RE = re.compile(r"[$€£]\s?\d[\d,]*(?:\.\d+)?(?![\d,.]*[kKmM]\b)|\b\d+(?:\.\d+)?\s?%")
_ASKS_WHAT_RE = re.compile(r"\bwhat(?:'s| is| does)? (?:that|this|it)\b|\bwhose\b|\bwhich (?:role|job|market|figure|subject)"
                           r"\b[^?]*\b(?:is|has|earns?|makes?|pays?)\b|\b(?:refers? to|stands? for)\b", re.I)
# the words that only say what kind of subject a set-aside phrase names ("leaving out the mlops titles")
_KIND_TOKENS = frozenset(tokenize(" ".join(SET_ASIDE_KIND_WORDS)))


def _parse_sum(text: str) -> float | None:
    """"$140k" -> 140000, "125k" -> 125000, "$150,000" -> 150000; a range or a non-dollar sum -> None."""
    match = re.fullmatch(r"\$?\s?(\d[\d,]*(?:\.\d+)?)\s?([kKmM]?)", text.strip())
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    return value * {"k": 1e3, "m": 1e6}.get(match.group(2).lower(), 1.0)


_IN_PLACE_RE = re.compile(r"\b(?:in|within|across|from|outside)\s+(?:the\s+)?(?P<place>[\w'.-]+)", re.I)
_YEAR_ASKED_RE = re.compile(r"\b(19[5-9]\d|20[0-9]\d)\b")
# the year a figure is asked for ("salary in 2024", "2024 median pay", "… pay 2024?"), and words asking how it changed
_FIGURE_OF_YEAR_RE = re.compile(r"\b(?:in|for|as of|during)\s+(?:19|20)\d\d\b|^\W*(?:19|20)\d\d\b|\b(?:19|20)\d\d\W*$", re.I)
_CHANGE_RE = re.compile(r"\b(?:since|from|between|vs\.?|versus|compared?|grow\w*|grew|rise|rose|risen|chang\w*"
                        r"|increas\w*|decreas\w*|up|down)\b", re.I)
_SUM_RE = re.compile(r"[$€£]\s?\d")
# "which tier begins at 200k", "what role tops out at $250,000": a subject asked for by a sum its pay has
# (the verb right before the sum: "what's the starting salary? i was offered $120,000" names no range's end)
_WHOSE_SUM_RE = re.compile(r"\b(?:which|what|who)\b[^?]*\b(?:(?P<start>begins?|starts?|opens?|bottoms? out)"
                           r"|(?P<top>tops? out|maxes out|caps? out|ends?|goes up))\s+(?:at|to)\s+(?=[$€£]?\s?\d)", re.I)
_LEVEL_TOKENS = frozenset(tokenize(" ".join(LEVEL_WORDS)))  # "master", "apprentice", "senior", …
_GENERIC_ROLE_TOKENS = frozenset(tokenize("""manager engineer technician specialist assistant worker lead director analyst
    consultant operator officer administrator coordinator supervisor developer scientist installer repairer mechanic"""))
# a line that states a figure: a sum, a share, or a number of jobs, workers or openings
_FIGURE_LINE_RE = re.compile(r"[$€£]\s?\d|\d\s?%|\d\s+percent\b|\b\d[\d,]*\s+(?:jobs|workers|openings|positions)\b", re.I)
# "how much does google pay …", "what would acme offer": who pays
_EMPLOYER_PAYS_RE = re.compile(r"\b(?:does|do|did|would|will|can)\s+(?P<who>[A-Za-z][\w&'-]+)\s+(?:pay|offer|give)\b", re.I)
_NOT_EMPLOYERS = frozenset("""it they he she you i we one this that these those the a an employers companies company
    firms most many some all anyone someone people""".split())


class MultiFact:
    """Multi-fact answers over one index: its fact table, chunk store and vocabulary."""

    def __init__(self, table: FactTable, chunk_store, known):
        self.table = table
        self._chunks = chunk_store
        self._hourly_docs: set[str] | None = None
        self._figure_year_set: frozenset[int] | None = None
        self._doc_vocabulary: dict[str, frozenset[str]] = {}
        self._known = known  # token -> bool: does the corpus use this word?
        # words that name an occupation: its subjects' and the other names pages give them ("rt", "linemen")
        self._subject_words = frozenset().union(*(s.tokens for s in table.subjects.values())) | table.alias_words

    def quote(self, fact: FactRecord) -> Quote:
        return quote_of(fact, self._unit_text(fact), fact.unit_start, fact.chunk_id)

    def _unit_text(self, fact: FactRecord) -> str:
        """The sentence or list item a fact was read from."""
        chunk = self._chunks.chunk(fact.chunk_id)
        return chunk.text[fact.unit_start - chunk.start: fact.unit_end - chunk.start]

    def decide(self, question: str, history: list[str], resolved_query: str, answer_span=None) -> Outcome | None:
        """A composed answer or a scope abstention for ``question``, or None to let the reader answer.

        ``answer_span`` is the reader's answer (chunk_id, start, end) if it has one: a figure it
        quotes that other sources give differently becomes a disagreement answer.
        """
        analysis = analyse(question)
        if analysis.intent == "collection":
            return Outcome("composed", self._collection(), confidence=0.9)
        reverse = self._figure_named(question)
        if reverse is not None:
            return reverse  # "43.2% - what's that the growth rate of?"
        attribute = analysis.attribute if analysis.attribute in FIGURE_FAMILIES else None
        if attribute is None and resolved_query != question:  # "what about a junior mlops engineer?" after a pay question
            carried = analyse(resolved_query).attribute
            attribute = carried if carried in FIGURE_FAMILIES else None
        if attribute is None and history and _WHICH_FIGURE_RE.search(question):
            # "what about plain ml managers, what range does it give there?" after a pay question: that figure
            attribute = _earlier_attribute(history)
        if attribute is None and history and asked_qualifier(question) in _STATISTICS:
            # "and the bottom 10?" after "rt pay percentiles": the figure the conversation was about
            attribute = _earlier_attribute(history)
        subjects = self.table.mentioned(resolved_query if resolved_query != question else question,
                                        attribute if attribute in ("salary", "experience") else None)
        if len(subjects) == 1 and analysis.intent in ("compare", "superlative"):
            # the other side of a comparison named in fewer words than the first
            filtered = attribute if attribute in ("salary", "experience") else None
            qualifier = next((w for w in subjects[0].split() if not is_role_word(w) and w.lower() not in LEVEL_PLAIN), "")
            readings = [
                # "devops vs mlops market": the head noun said once stands for both ("devops market vs mlops market")
                lambda: self.table.mentioned(_ELIDED_HEAD_RE.sub(r"\1 \3 \2 \3", question), filtered),
                # "mlops engineer or team lead": the first side's qualifier said once stands for both
                lambda: self.table.mentioned(re.sub(
                    rf"\b(or|vs\.?|versus|and)\s+((?:an?|the)\s+)?(?!{re.escape(qualifier)}\b)",
                    lambda m: f"{m[1]} {m[2] or ''}{qualifier} ", question, count=1, flags=re.I), filtered) if qualifier else [],
                # "team lead vs mlops engineer": the qualifier said on one side stands for the other side too
                # (not for a superlative over a list, "senior mlops engineer, team lead, director": it names three)
                lambda: (self.table.mentioned(_with_qualifier(question, qualifier, self.table.subjects), filtered)
                         if qualifier and (analysis.intent == "compare" or question.count(",") <= 1) else []),
                # "who earns more, a land surveyor or a pastry chef": the pastry chef's page gives its pay under
                # another name ("chefs and head cooks"); both sides are named, so both are compared
                lambda: self.table.mentioned(resolved_query) if filtered and _comparative_only(question) else [],
            ]
            subjects = next((both for reading in readings if len(both := reading()) == 2 and subjects[0] in both),
                            subjects)
        elif len(subjects) == 1 and analysis.intent == "enumerate":
            # "every devops + mlops market figure": the head noun said once stands for both
            both = self.table.mentioned(_ELIDED_HEAD_RE.sub(r"\1 \3 \2 \3", question))
            subjects = both if len(both) == 2 and subjects[0] in both else subjects
        if history and not subjects and _ONE_RE.search(question):
            subjects = self._ones(question, history)  # "and the mlops one?" after "the DevOps market size"
        if history and (_FOLLOW_REFERENCE_RE.search(question) or len(subjects) < 2) and analysis.intent != "lookup":
            # "and mid-level?" names a level; the last turn naming a subject says whose ("entry level mlops mgr pay?")
            earlier, named_turn = [], ""
            for turn in history:
                own = self.table.mentioned(turn)
                earlier += own or (self.table.mentioned(f"{turn} {named_turn}") if named_turn else [])
                named_turn = turn if own else named_turn
            subjects = list(dict.fromkeys(earlier + subjects))
        if attribute is None and history and analysis.intent in ("compare", "superlative", "enumerate"):
            attribute = _earlier_attribute(history)
        intent = analysis.intent
        if intent == "lookup" and attribute and len(subjects) >= 2:
            intent = "enumerate"  # "salaries for devops mgr, ML mgr and ML eng mgr"
        if intent == "enumerate" and attribute and len(subjects) == 1 and _FIGURES_DIFFER_RE.search(question):
            intent = "lookup"  # "glazier job growth? the two sources give different numbers": one figure, its sources
        analysis = Analysis(intent, analysis.attribute, analysis.direction, analysis.about_places)
        if (analysis.intent == "superlative" and attribute in ("salary", "hourly pay") and not analysis.about_places
                and _ranks_other_things(question)):
            rows = _at_both_ends(question, analysis.direction, lambda way: self._top_rows(question, way))
            if rows is not None:
                return rows  # "which machine pays operators the most": the top row of the table that ranks machines
        scope_attribute = attribute
        if scope_attribute is None and history and resolved_query != question:
            # "and in london?" after a pay question: the place is out of scope for the figure asked before
            earlier = analyse(history[-1]).attribute
            scope_attribute = earlier if earlier in FIGURE_FAMILIES else None
        scope = self._out_of_scope(question, scope_attribute, subjects, history[-1] if history else "", answer_span)
        if scope:
            return Outcome("scope", note=scope)
        by_experience = self._level_by_experience(question)
        if by_experience is not None:
            attribute = "salary"  # "what does an mlops manager with 5 years make": the level 5 years is in
            subjects = [s for s in subjects if subject_of(s).level and s != by_experience[0].subject]
            if analysis.intent == "lookup" and not subjects:
                checked = self._budget_check(question, by_experience[0].subject, by_experience)
                return checked or self._experience_and_pay(*by_experience)  # "4 yrs exp, asking 210k: over the band?"
            subjects.append(by_experience[0].subject)
        whose_sum = _WHOSE_SUM_RE.search(question)
        if analysis.intent == "lookup" and whose_sum and not subjects:
            having = self._subject_with_sum(question, whose_sum)
            if having is not None:
                return having  # "which manager tier begins at 200k a year": the range that starts there
        if analysis.intent == "superlative" and analysis.about_places and attribute:
            places = _at_both_ends(question, analysis.direction, lambda way: self._top_places(question, attribute, way))
            if places is not None:
                return places  # "which state pays plumbers most": the top row of each source's breakdown
        if analysis.intent in ("superlative", "enumerate") and (_ranks_other_things(question)
                                                                 or self._options_are_not_subjects(question)):
            return None  # "which skills / cities / industries pay most": a list in the text, not our subjects
        excluded = _EXCLUDED_RE.search(question)
        if excluded and attribute and analysis.intent in ("superlative", "enumerate"):
            # "leaving out the mlops titles, which manager role earns best?": rank the rest
            left_out = set(tokenize(excluded.group(1))) - _KIND_TOKENS
            rest = question[:excluded.start()] + " " + question[excluded.end():]
            families = FIGURE_FAMILIES.get(attribute, (attribute,))
            having = [s for s in self.table.subjects if any(f.attribute in families for f in self.table.facts_for(s, None))]
            pool = [s for s in _restricted(rest, self.table, having) if not (left_out and left_out <= self.table.subjects[s].tokens)]
            if left_out and 2 <= len(pool) < len(having):
                subjects = pool
        if analysis.intent == "superlative" and len(subjects) == 1 and _WHICH_OF_RE.search(question):
            subjects = []  # "which engineer title has the widest range": a kind of subject to rank, not one subject
        if attribute and len(subjects) <= 1 and analysis.intent in ("superlative", "enumerate"):
            # "in the career progression list, which …", "the salaries along the MLOps engineer career ladder"
            section = self._in_named_section(question, attribute)
            if section and (not subjects or subjects[0] in section):
                # "which engineer title on the … ladder" picks among that kind; "the MLOps engineer career ladder" names it
                subjects = _restricted(question, self.table, section) if _WHICH_OF_RE.search(question) else section
        if (analysis.intent == "superlative" and len(subjects) == 1 and attribute in ("salary", "hourly pay")
                and not any(analyse(text).about_places for text in (resolved_query, *history[-1:]))
                and not _WHICH_OF_RE.search(question) and asked_qualifier(question) in ("", "top 10%", "bottom 10%")):
            end = self._distribution_end(subjects[0], attribute, analysis.direction)
            if end is not None:
                return end  # "how much do the highest paid phlebotomists make": the top of their pay
        if analysis.intent == "enumerate" and attribute:
            every = self._each_figures(question, subjects)
            if every is not None:
                return every  # "mlops manager tiers: pay and years of experience for each one"
        if not subjects and attribute and analysis.intent in ("superlative", "enumerate"):
            named = self._pages_named(question)
            if named:  # "the pay premiums hollis ridge ski patrollers can earn": that page's subjects, not the guide's
                families = FIGURE_FAMILIES.get(attribute, (attribute,))
                having = [s for s in self.table.subjects
                          if any(f.attribute in families for f in self.table.facts_for(s, None))]
                on_pages = [s for s in having if self.table.docs_of(s) & named]
                if len(on_pages) < 2:
                    attribute = None  # nothing of that page's to rank or list: the reader's answer stands
                elif len(on_pages) < len(having):
                    subjects = _restricted(question, self.table, on_pages)
        if attribute and analysis.intent in ("compare", "superlative", "enumerate"):
            if analysis.about_places and analysis.intent == "superlative":
                return None  # "which state pays most" is a ranked list in the text: the reader quotes it
            def figures(way: str) -> Composition | None:
                return compose_figures(analysis.intent, question, self.table, subjects, attribute, way,
                                       analysis.about_places, self.quote)
            comp = (_at_both_ends(question, analysis.direction, figures) if analysis.intent == "superlative"
                    else figures(analysis.direction))
            if comp is not None and analysis.intent == "superlative":
                self._add_other_figure(comp, question, attribute)
            if comp is not None:
                return Outcome("composed", comp, confidence=0.85 if subjects or analysis.intent != "compare" else 0.6)
        if len(subjects) == 1 and (attribute in (None, "salary")):
            checked = self._budget_check(question, subjects[0])
            if checked is not None:
                return checked  # "is a $140k budget enough for a mid-level mlops manager?"
        if (_ASKS_WHY_RE.search(question) or is_yes_no(question)) and not _FIGURES_DIFFER_RE.search(question):
            # "why is demand growing" asks for reasons, and "do union carpenters make more than
            # non-union?" for the sentence that settles it: not for every source's headline figure ("do the
            # two pages give the same median?" asks for those, below)
            return None
        if analysis.intent == "lookup" and len(subjects) == 1:
            both = self._figures_of(subjects[0], question)
            if both is not None:
                return both  # "what do they earn and how many years?": one subject, two figures
        if (attribute and len(subjects) == 1 and (analysis.intent == "compare" and (
                _NAMES_SOURCES_RE.search(question) or self._years_of_sources(question, subjects[0], attribute))
                or analysis.intent == "lookup" and _FIGURES_DIFFER_RE.search(question))):
            # "surveyor median pay - the guide vs salaryscout, do they agree?": one subject and the sources
            # that give its figure, side by side; the words naming the sources are no part of the figure
            asked = f"{subjects[0]} {asked_qualifier(question)} {attribute}"
            looked_up = self._lookup(asked, subjects, attribute, None, asked)
            if looked_up is not None:
                return looked_up
        if attribute and analysis.intent == "lookup":
            looked_up = self._lookup(question, subjects, attribute, answer_span, resolved_query,
                                     history[-1] if history else "")
            if looked_up is not None:
                return looked_up
        if attribute and answer_span is not None:
            return self._disagreement(answer_span, question)
        return None

    def _level_by_experience(self, question: str) -> tuple[FactRecord, float] | None:
        """The level whose stated experience holds the years a pay question gives ("an mlops manager
        with 5 years", "someone with 7+ yrs"): (its experience fact, the years), or None. Only levels
        of the role the question names; a boundary year goes to the level that starts there."""
        match = YEARS_HELD_RE.search(question)
        asks = "salary" in attributes_asked(question) or _WHICH_TIER_RE.search(question) or SUM_RE.search(question)
        if not match or _ASKS_YEARS_RE.search(question) or not asks:
            return None
        years = float(match.group("years"))
        asked = set(tokenize(question))
        fits = []
        for fact in self.table.facts:
            role = set(tokenize(_LEVEL_WORDS_RE.sub(" ", fact.subject)))
            if fact.attribute != "experience" or not subject_of(fact.subject).level or fact.low is None:
                continue
            if not role or not role <= asked:
                continue
            open_ended = fact.high is None or "+" in fact.value  # "7+ years"
            if fact.low <= years < (float("inf") if open_ended else fact.high):
                fits.append(fact)
        return (fits[0], years) if len(fits) == 1 else None

    def _subject_with_sum(self, question: str, asked: re.Match) -> Outcome | None:
        """The one subject whose yearly pay range starts (or tops out) at exactly the sum the question
        gives ("which tier begins at 200k"): its figure quoted and cited, the match labelled as
        computed; None when no subject's range, or more than one's, has that end. An open-ended top
        ("$250,000+") is no top."""
        match = SUM_RE.match(question, asked.end())
        amount = _parse_sum(match.group(0)) if match else None
        if not amount:
            return None
        end = "low" if asked.group("start") else "high"
        found = {}
        for fact in self.table.facts:
            if fact.attribute != "salary" or fact.unit != "USD" or fact.period not in ("year", "") or fact.low is None:
                continue
            if end == "high" and (fact.high is None or "+" in fact.value):
                continue
            if getattr(fact, end) == amount:
                found.setdefault(fact.subject, fact)
        if len(found) != 1:
            return None
        (subject, fact), = found.items()
        where = "bottom" if end == "low" else "top"
        lines = [[f"{subject}: ", self.quote(fact)]]
        notes = [f"Matched by the sum asked (computed): ${amount:,.0f} is the {where} of the range quoted above."]
        return Outcome("composed", Composition(lines, notes=notes, subject=subject, facts=[fact], how="lookup"),
                       confidence=0.75)

    def _experience_and_pay(self, experience: FactRecord, years: float) -> Outcome | None:
        """The matched level's experience and its pay, each quoted and cited; the match is labelled."""
        pay = next((self.table.representative(experience.subject, a) for a in FIGURE_FAMILIES["salary"]
                    if self.table.representative(experience.subject, a)), None)
        if pay is None:
            return None
        lines = [[f"{experience.subject}, experience: ", self.quote(experience)],
                 [f"{experience.subject}, salary: ", self.quote(pay)]]
        notes = [f"Matched by experience (computed): {years:g} years falls within the {experience.value} quoted above."]
        return Outcome("composed", Composition(lines, notes=notes, subject=experience.subject, facts=[experience, pay],
                                               how="lookup"), confidence=0.75)

    def _in_named_section(self, question: str, attribute: str) -> list[str]:
        """Subjects with figures under a section heading of two or more words that the question names
        ("the career progression list"), or [] when no such heading narrows the set."""
        asked = set(tokenize(question))
        families = FIGURE_FAMILIES.get(attribute, (attribute,))
        having = [f for f in self.table.facts if f.attribute in families]
        named = []
        for fact in having:
            headings = self._chunks.chunk(fact.chunk_id).section
            if any(len(words := set(tokenize(h))) >= 2 and words <= asked for h in headings):
                named.append(fact.subject)
        named = list(dict.fromkeys(named))
        return named if 2 <= len(named) < len({f.subject for f in having}) else []

    def _each_figures(self, question: str, subjects: list[str]) -> Outcome | None:
        """Two kinds of figure listed for each subject ("pay and years of experience for each tier"):
        one line per subject with both quoted, for the subjects named or else those the question's
        role words narrow to; None unless two kinds are asked and every subject has both."""
        kinds = []
        for family in attributes_asked(question):
            if family in FIGURE_FAMILIES and _KIND_OF.get(family, family) not in {_KIND_OF.get(k, k) for k in kinds}:
                kinds.append(family)
        if len(kinds) != 2:
            return None
        patterns = dict(_ATTRIBUTE_PATTERNS)
        kinds.sort(key=lambda k: re.search(patterns[k], question, re.I).start())  # in the order the question asks
        pool = subjects
        if not pool:
            having = [s for s in self.table.subjects
                      if all(self.table.facts_for(s, FIGURE_FAMILIES[k][0]) for k in kinds)]
            pool = _restricted(question, self.table, having)
            if len(pool) == len(having) and not head_stems(" ".join(pool)) & set(_question_tokens(question)):
                return None  # nothing in the question says whose figures
        lines, facts = [], []
        for name in pool:
            found = [_representative(self.table, name, FIGURE_FAMILIES[k], "") for k in kinds]
            if any(f is None for f in found):
                return None
            line = [f"{name}: "]
            for n, fact in enumerate(found):
                line += ([" · "] if n else []) + [self.quote(fact)]
            lines.append(line)
            facts += found
        if len(lines) < 2:
            return None
        return Outcome("composed", Composition(lines, facts=facts, how="enumerate"), confidence=0.8)

    def _figure_named(self, question: str) -> Outcome | None:
        """A question that gives a figure and asks what it is ("43.2% - what's that the growth rate
        of?", "whose average salary is $137,700?"): the fact the documents give with that value,
        quoted with its subject; None unless exactly one subject has it."""
        if not _ASKS_WHAT_RE.search(question):
            return None
        for figure in _FIGURE_IN_QUESTION_RE.findall(question):
            figure = figure.replace(" ", "")
            found = [f for f in self.table.facts if figure in f.value.replace(" ", "")
                     and not re.search(r"\d" + re.escape(figure) + r"|" + re.escape(figure) + r"\d",
                                       f.value.replace(" ", ""))]
            if found and len({f.subject for f in found}) == 1:
                fact = found[0]
                return Outcome("composed", Composition([[f"{fact.subject}: ", self.quote(fact)]], subject=fact.subject,
                                                       facts=[fact], how="lookup"), confidence=0.8)
        return None

    def _budget_check(self, question: str, subject: str,
                      by_experience: tuple[FactRecord, float] | None = None) -> Outcome | None:
        """A sum the question proposes for a subject's pay ("we budgeted 125k for an entry level mlops
        manager"): the subject's yearly figure quoted, and where the sum falls against it, labelled
        as computed. ``by_experience``: the level was found from the years the question gives, so
        its experience figure is quoted first."""
        match = SUM_RE.search(question)
        amount = _parse_sum(match.group(0)) if match else None
        fact = self.table.representative(subject, "salary") if amount else None
        if fact is None or fact.unit != "USD" or fact.low is None or fact.period not in ("year", ""):
            return None
        high = fact.high if fact.high is not None else fact.low
        if amount < fact.low:
            verdict = f"${amount:,.0f} is ${fact.low - amount:,.0f} below the bottom of this figure"
        elif amount > high and "+" not in fact.value:
            verdict = f"${amount:,.0f} is ${amount - high:,.0f} above the top of this figure"
        else:
            verdict = f"${amount:,.0f} is within this figure"
        lines = [[f"{subject}: ", self.quote(fact)], [f"Computed from the cited figure: {verdict}."]]
        facts, notes = [fact], []
        if by_experience is not None:
            experience, years = by_experience
            lines.insert(0, [f"{subject}, experience: ", self.quote(experience)])
            facts.insert(0, experience)
            notes.append(f"Matched by experience (computed): {years:g} years falls within the {experience.value} quoted above.")
        return Outcome("composed", Composition(lines, notes=notes, subject=subject, facts=facts, how="lookup"),
                       confidence=0.8)

    def _figures_of(self, subject: str, question: str) -> Outcome | None:
        """Two or more figures asked of one subject ("what does a senior MLOps manager earn, and how
        many years does it take?"): each quoted and cited, or None unless every one is in the table."""
        if not _JOINED_RE.search(question):
            return None
        facts, kinds = [], set()
        for family in attributes_asked(question):
            if family not in FIGURE_FAMILIES or _KIND_OF.get(family, family) in kinds:
                continue  # "hourly pay" also matches "pay": one kind of figure, asked once
            kinds.add(_KIND_OF.get(family, family))
            fact = next((self.table.representative(subject, a) for a in FIGURE_FAMILIES[family]
                         if self.table.representative(subject, a)), None)
            if fact is None:
                return None
            facts.append((family, fact))
        if len(facts) < 2:
            return None
        lines = [[f"{subject}, {family}: ", self.quote(fact)] for family, fact in facts]
        return Outcome("composed", Composition(lines, subject=subject, facts=[f for _, f in facts], how="lookup"),
                       confidence=0.75)

    def _add_other_figure(self, comp: Composition, question: str, ranked: str) -> None:
        """"Which level needs the most experience, and what does it pay?": after the winner, its
        figure for the other thing asked, quoted and cited."""
        winner = comp.subject
        for family in attributes_asked(question):
            if family == ranked or family not in FIGURE_FAMILIES:
                continue
            fact = next((self.table.representative(winner, a) for a in FIGURE_FAMILIES[family]
                         if self.table.representative(winner, a)), None)
            if fact is not None:
                comp.lines.insert(1, [f"{winner}, {family}: ", self.quote(fact)])
                comp.facts.insert(1, fact)
                return

    def _ones(self, question: str, history: list[str]) -> list[str]:
        """Subjects named with "one" standing for the earlier turn's noun: "the mlops one" after a
        question about "the DevOps market" is "the mlops market"."""
        earlier = self.table.mentioned(history[-1])
        nouns = dict.fromkeys(name.split()[-1] for name in earlier)
        for noun in nouns:
            named = self.table.mentioned(_ONE_RE.sub(lambda m: noun + ("s" if m.group(0).lower() == "ones" else ""),
                                                     question))
            named = [s for s in named if s not in earlier]
            if named:
                return named
        return []

    def _lookup(self, question: str, subjects: list[str], attribute: str, answer_span,
                resolved_query: str = "", previous: str = "") -> Outcome | None:
        """A figure the question asks for by subject and statistic ("journeyman plumber salary",
        "median pay dental hygienist"): quoted from the fact table when the reader's answer
        doesn't already hold it; from several sources that differ, each with its source."""
        if len(subjects) != 1:
            return None
        qualifier = asked_qualifier(question) or asked_qualifier(resolved_query)  # "… hourly wage? (median plumber)"
        families = FIGURE_FAMILIES.get(attribute, (attribute,))
        row = self._breakdown_row(question, subjects[0], families[0])
        if row is None and previous and not asked_qualifier(question) and len(question.split()) <= 4:
            # "and hourly?" after "… with less than a year experience": the row the conversation is about
            row = self._breakdown_row(previous, subjects[0], families[0])
        if row is not None:
            same_rows = self._same_row_elsewhere(row)
            quoted = answer_span is not None and any(
                f.chunk_id == answer_span[0] and answer_span[1] <= f.start and f.end <= answer_span[2] for f in [row, *same_rows])
            if same_rows and (quoted or not self._reader_names_row(answer_span, row)):
                # "upholsterer pay in north carolina": the state's figure on each page that gives it (unless the
                # reader's answer is another passage on that place: "mri tech salary in california")
                return Outcome("composed", compose_disagreement([row, *same_rows], self.quote, self.table.doc_titles),
                               confidence=0.8)
        if row is not None and self._reader_names_row(answer_span, row):
            row = None  # "mri tech salary in california": a sentence on California's MRI techs beats the state's row
        if row is not None:  # "dental hygienists in government jobs": that row of a breakdown
            return Outcome("composed", Composition([[self.quote(row)]], subject=row.subject, facts=[row], how="row"),
                           confidence=0.7)
        heads, level = head_stems(subjects[0]), subject_of(subjects[0]).level
        same = {s for s in self.table.subjects if s == subjects[0] or (
            not level and head_stems(s) & heads and not subject_of(s).level and len(head_stems(s)) > 0
            and ranks(s) == ranks(subjects[0]))}  # the First Assistant Engineer is no Second Assistant Engineer
        facts = [f for f in self.table.facts if f.subject in same and f.attribute in families[:1]
                 and f.qualifier in STANDARD_QUALIFIERS]
        if qualifier:
            facts = [f for f in facts if f.qualifier == qualifier]
        if not facts and qualifier in ("entry level", "senior"):
            band = self._level_band(same, families[0], qualifier)
            if band is not None:  # "entry level optician salary": the "Less than 1 year" row of pay by experience
                return Outcome("composed", Composition([[self.quote(band)]], subject=band.subject, facts=[band],
                                                       how="lookup"), confidence=0.75)
        if not facts:
            return None
        if answer_span is not None:
            chunk_id, start, end = answer_span
            if any(f.chunk_id == chunk_id and start <= f.start and f.end <= end and self._covers(question, f)
                   for f in facts):
                return self._disagreement(answer_span, question)  # the reader quoted one of them
        covering = [f for f in facts if self._covers(question, f)]
        if not covering:
            return None  # the question is about something more specific than these figures
        preferred = self.table.representative(subjects[0], families[0], qualifier)
        fact = preferred if preferred in covering else covering[0]
        peers = self._relevant_peers(question, fact, qualifier)
        if len({p.doc_id for p in peers}) >= 2 and len({(p.low, p.high) for p in peers}) >= 2:
            return Outcome("composed", compose_disagreement(peers, self.quote, self.table.doc_titles), confidence=0.8)
        quote = self.quote(fact)
        return Outcome("composed", Composition([[quote]], subject=fact.subject, facts=[fact], how="lookup"),
                       confidence=0.75)

    def _years_of_sources(self, question: str, subject: str, attribute: str) -> bool:
        """"optician median pay, 2024 vs 2023": two years the question names are years of figures the
        subject's sources give (not a projection's span: "job growth 2022 to 2032 vs average"); or
        "now" against one such year ("devops market now vs 2028")."""
        asked = {int(y) for y in _YEAR_IN_QUESTION_RE.findall(question)}
        families = FIGURE_FAMILIES.get(attribute, (attribute,))
        given = {f.year for f in self.table.facts_for(subject, None) if f.attribute in families}
        return len(asked & given) >= (1 if _NOW_RE.search(question) else 2)

    def _level_band(self, subjects: set[str], attribute: str, level: str) -> FactRecord | None:
        """The first (entry level) or last (senior) row of a subject's pay by years of experience,
        when the page gives no figure named by the level itself; one source's bands only."""
        bands = [f for subject in sorted(subjects) for f in self.table.facts_for(subject, None) if f.attribute == attribute
                 and f.low is not None and EXPERIENCE_BAND_LABEL_RE.match(f.qualifier)]
        if len({f.doc_id for f in bands}) != 1 or len(bands) < 3:
            return None

        def start(fact: FactRecord) -> float:
            match = EXPERIENCE_BAND_LABEL_RE.match(fact.qualifier)
            below, above, years = match.group(1), match.group(2), float(match.group(3))
            # "less than 1 year" starts below "1 to 4 years"; "more than 20 years" above "10 to 20 years"
            return years - 0.5 if below else years + 0.5 if above else years

        ordered = sorted(bands, key=start)
        return ordered[0] if level == "entry level" else ordered[-1]

    def _breakdown_row(self, question: str, subject: str, attribute: str) -> FactRecord | None:
        """The row of a breakdown (by state, employer, setting) whose label the question names."""
        said = set(_question_tokens(question)) - self.subjects_tokens(subject)
        best, best_overlap = None, 0.0
        for fact in self.table.facts:
            if fact.attribute != attribute or fact.qualifier in STANDARD_QUALIFIERS:
                continue
            if not (head_stems(fact.subject) & head_stems(subject)):
                continue
            label = set(tokenize(fact.qualifier)) - _ORDINAL_SUFFIXES
            if is_state_or_province(fact.qualifier) and label <= set(tokenize(self.table.doc_titles.get(fact.doc_id, ""))):
                continue  # "Minnesota" on "Audiologist Salary in Minnesota" is the whole page's place, not a row of it
            # every token counts, numbers too ("10th" is not "90th"), but not an ordinal's "th"
            asked = said - (_QUESTION_FILLER - label)  # "year" asks for pay, but names the "Less than 1 year" row
            if not (label & asked) - _QUESTION_FILLER:
                continue  # "… make a year" names no "First year" row: a row is named by more than pay words
            overlap = len(label & asked) / len(label) if label else 0.0
            if overlap > best_overlap:
                best, best_overlap = fact, overlap
        return best if best_overlap > 0.5 else None  # "new jobs" doesn't name the "New York" row

    def _same_row_elsewhere(self, row: FactRecord) -> list[FactRecord]:
        """The same row of a breakdown ("North Carolina") for the same occupation on other pages, one per
        page (its first), when any of their figures differs from this one's; else none."""
        label = set(tokenize(row.qualifier)) - _ORDINAL_SUFFIXES
        found: dict[str, FactRecord] = {}
        for fact in self.table.facts:
            if (fact.doc_id != row.doc_id and fact.doc_id not in found and fact.attribute == row.attribute
                    and set(tokenize(fact.qualifier)) - _ORDINAL_SUFFIXES == label
                    and same_occupation(fact.subject, row.subject) and subject_of(fact.subject).level == subject_of(row.subject).level):
                found[fact.doc_id] = fact
        return list(found.values()) if any((f.low, f.high) != (row.low, row.high) for f in found.values()) else []

    def _reader_names_row(self, answer_span, row: FactRecord) -> bool:
        """The reader's own answer is another passage that names the row's label and gives a figure."""
        if answer_span is None:
            return False
        chunk_id, start, end = answer_span
        if chunk_id == row.chunk_id and start <= row.start < end:
            return False
        chunk = self._chunks.chunk(chunk_id)
        text = chunk.text[start - chunk.start: end - chunk.start]
        label = set(tokenize(row.qualifier)) - _ORDINAL_SUFFIXES
        return bool(label) and label <= set(tokenize(text)) and bool(re.search(r"[$€£]\s?\d|\d\s?%", text))

    def subjects_tokens(self, subject: str) -> set[str]:
        return set(self.table.subjects[subject].tokens) if subject in self.table.subjects else set()

    def _top_places(self, question: str, attribute: str, direction: str) -> Outcome | None:
        """"Which state pays plumbers most": the top row of each source's breakdown, per source."""
        families = FIGURE_FAMILIES.get(attribute, (attribute,))
        # the role nouns the question says, or says by the work ("massage therapy") or the trade ("elevator techs")
        asked = (set(_question_tokens(question)) | self._trade_heads(question)
                 | {t for subject in self.table.mentioned(question) for t in head_stems(subject)})
        # a source that ranks places by hourly pay answers "which city pays best" as well as one by yearly pay
        attributes = (families[0], "hourly pay") if families[0] == "salary" else (families[0],)
        rows = [f for f in self.table.facts if f.attribute in attributes and f.qualifier not in STANDARD_QUALIFIERS
                and head_stems(f.subject) & asked and f.low is not None
                and not _YEARS_LABEL_RE.search(f.qualifier)]  # "10 or more years" is an experience band, no place
        kinds = {_PLACE_KINDS[t] for t in tokenize(" ".join(_PLACE_WORDS.findall(question))) if t in _PLACE_KINDS}
        if not kinds and _part_of_a_place(question):
            kinds = {"region", "citi"}  # "top and bottom paying parts of the uk": a breakdown by region or city
        if not kinds and re.search(r"\bwhere\b", question, re.I):
            kinds = {"state", "citi", "region", "countri"}  # "where …": a breakdown by place, not by level or employer
        if kinds:  # "which state": rows of a breakdown by state, not by industry or city
            rows = [f for f in rows if self._breakdown_kinds(f) & kinds]
        by_doc: dict[str, list[FactRecord]] = {}
        for fact in rows:
            by_doc.setdefault(fact.doc_id, []).append(fact)
        for doc, facts in by_doc.items():  # one kind of figure per source: yearly where it gives both
            by_doc[doc] = [f for f in facts if f.attribute == attributes[0]] or facts
        count = _top_count(question)  # "top 3 highest paying states": three rows of each source's list
        best = [fact for facts in by_doc.values()
                for fact in sorted(facts, key=lambda f: f.low, reverse=direction == "max")[:count]]
        places = {fact.fact_id: fact.qualifier for fact in best}
        said = (self._said_top_states(asked, families[0], direction, set(by_doc))
                if (not kinds or "state" in kinds) and count == 1 else [])
        if said:
            for fact, place in said:
                best.append(fact)  # "Washington was the top-paying state in our survey, with a median of $89,640"
                places[fact.fact_id] = place
        if not best:
            return None
        order = {doc: i for i, doc in enumerate(sorted({f.doc_id for f in best},
                                                       key=lambda d: -max(f.year or 0 for f in best if f.doc_id == d)))}
        best.sort(key=lambda f: order[f.doc_id])  # newest source first, each source's rows in rank order
        how = "computed from its own list, or as the source states it" if said else "computed from its own list"
        which = f"{'Highest' if direction == 'max' else 'Lowest'}{f' {count}' if count > 1 else ''}"
        lines = [[f"{which} in each source ({how}):"]]
        for fact in best:
            title = self.table.doc_titles.get(fact.doc_id, fact.doc_id)
            year = f" ({fact.year})" if fact.year and str(fact.year) not in title else ""  # not "… (2025) (2025)"
            lines.append([f"{title}{year} — {places[fact.fact_id]}: ", self.quote(fact)])
        return Outcome("composed", Composition(lines, subject=best[0].subject, facts=best, how="places"), confidence=0.7)

    def _said_top_states(self, asked: set[str], attribute: str, direction: str, skip: set[str]):
        """(fact, state) for each page, not in ``skip``, that states in a sentence which state pays its
        occupation most (least): a figure of ``attribute`` in a sentence naming the state as top-paying."""
        said = _TOP_STATE_RE if direction == "max" else _BOTTOM_STATE_RE
        found: dict[str, tuple[FactRecord, str]] = {}
        for fact in self.table.facts:
            if (fact.doc_id in skip or fact.doc_id in found or fact.attribute != attribute
                    or not head_stems(fact.subject) & asked):
                continue
            unit = self._unit_text(fact)
            stated = said.search(unit)
            place = named_region(unit, stated.start()) if stated else ""
            if place:
                found[fact.doc_id] = (fact, place)
        return list(found.values())

    def _top_rows(self, question: str, direction: str) -> Outcome | None:
        """"Which machine pays operators the most", "best paid imaging specialty": the rows of a pay
        table whose headings name what is ranked (a "Machine" or "Specialty" column), ranked by their
        figures; the winner quoted, the others listed, the ranking labelled as computed."""
        asked = set(_question_tokens(question)) - _QUESTION_FILLER - _ASKED_WORDS
        pages = {doc: tokens & asked for doc, tokens in self.table._page_tokens.items()}
        kinds = {t for t in asked if not is_role_word(t) and not attributes_asked(t) and t not in LEVEL_CLASSES}
        tables: dict[tuple, dict[str, list[FactRecord]]] = {}
        for fact in self.table.facts:
            if fact.attribute not in ("salary", "hourly pay") or fact.low is None:
                continue
            if not head_stems(fact.subject) & asked and not pages.get(fact.doc_id):
                continue  # a table about another occupation
            section = self._chunks.chunk(fact.chunk_id).section
            if not (kinds - self.table._page_tokens.get(fact.doc_id, frozenset())) & set(tokenize(" ".join(section))):
                continue  # the headings must name what is ranked, not only the page ("… at tri-county earthworks")
            # a row is named by its label, or by its subject when the label is a role ("MRI technologist  $87,390")
            label = fact.qualifier if fact.qualifier not in STANDARD_QUALIFIERS else fact.subject
            row_text = self.quote(fact).text
            if label and row_text.startswith(label) and (label == fact.qualifier or "\t" in row_text):
                tables.setdefault((fact.doc_id, section), {}).setdefault(label, []).append(fact)
        if len(tables) > 1:  # "… at tri-county earthworks": the table of the page whose text uses most of the question
            used = {doc: len(asked & self._doc_tokens(doc)) for doc, _ in tables}
            most = max(used.values())
            tables = {key: rows for key, rows in tables.items() if used[key[0]] == most}
        if len(tables) != 1:
            return None  # no table ranks what was asked, or the question is too loose to say which one
        doc_id, _ = next(iter(tables))
        rows = {(doc_id, label): facts for label, facts in next(iter(tables.values())).items()}
        if len(rows) < 2:
            return None
        measure = ranked_by(question)
        best = {key: (max if direction == "max" else min)(facts, key=lambda f: _key(f, direction, measure))
                for key, facts in rows.items()}
        order = sorted(best, key=lambda key: _key(best[key], direction, measure), reverse=direction == "max")
        winner = best[order[0]]
        others = "; ".join(f"{label} {', '.join(dict.fromkeys(f.value for f in rows[(doc, label)]))}"
                           for doc, label in order[1:])
        lines = [[f"{'Highest' if direction == 'max' else 'Lowest'}: {order[0][1]} — ", self.quote(winner)],
                 [f"Compared (computed from the cited table) with: {others} {{cite:{winner.chunk_id}}}."]]
        facts = [winner] + [f for key in order[1:] for f in rows[key]]
        return Outcome("composed", Composition(lines, subject=order[0][1], facts=facts, how="rows"), confidence=0.7)

    def _docs_about(self, subject: str) -> set[str]:
        """The pages a subject's figures are on, and every page whose title shares a word of its name
        that is no generic role noun ("Paralegal" and "Paralegals and Legal Assistants")."""
        own = {t for t in tokenize(subject) if t[0].isalpha()} - _GENERIC_ROLE_TOKENS
        return set(self.table.docs_of(subject)) | {doc for doc, page in self.table._page_tokens.items() if own & page}

    def _doc_tokens(self, doc_id: str) -> frozenset[str]:
        """Every token a page's text uses."""
        self._read_corpus()
        return self._doc_vocabulary.get(doc_id, frozenset())

    def _read_corpus(self) -> None:
        """One pass over the chunks, the first time a question needs it: every page's tokens, and the
        years some line gives a figure for."""
        if self._figure_year_set is not None:
            return
        words: dict[str, set[str]] = {}
        years: set[int] = set()
        for chunk in self._chunks:
            words.setdefault(chunk.doc_id, set()).update(tokenize(chunk.text))
            for line in chunk.text.split("\n"):
                if _FIGURE_LINE_RE.search(line):
                    years.update(int(y) for y in _YEAR_ASKED_RE.findall(line))
        for doc, title in self.table.doc_titles.items():  # "Winemaker Salary in California" names its place
            words.setdefault(doc, set()).update(tokenize(title))
        self._doc_vocabulary = {doc: frozenset(tokens) for doc, tokens in words.items()}
        self._figure_year_set = frozenset(years)

    def _breakdown_kinds(self, fact: FactRecord) -> set[str]:
        """What a breakdown row is a row of ("state", "city", "industry"), from its section headings
        and the line that leads into its list ("Top-paying cities for glaziers, from job board reports:")."""
        chunk = self._chunks.chunk(fact.chunk_id)
        before = chunk.text[: max(0, fact.unit_start - chunk.start)].split("\n")[:-1]  # the lines above this row
        while (before and (not before[-1].strip() or _ROW_LINE_RE.search(before[-1]))
               and not before[-1].rstrip().endswith(":")):
            before.pop()  # the rows of the same list above this one, and the blank line under its lead-in
        lead = before[-1] if before and before[-1].rstrip().endswith(":") else ""
        return {_PLACE_KINDS[t] for t in tokenize(" ".join(chunk.section) + " " + lead) if t in _PLACE_KINDS}

    def compare_pages(self, pages: list[str], best_span) -> Outcome | None:
        """Two or more pages compared on something that isn't a figure (tools, duties, education):
        the best span of each page, quoted. ``best_span(doc_id) -> (chunk_id, start, end, text) | None``."""
        titles = [self.table.doc_titles.get(d, d) for d in pages]
        if len({frozenset(tokenize(t)) for t in titles}) < 2:
            return None  # two pages about the same thing are not a comparison of two things
        lines = []
        for doc_id in pages:
            found = best_span(doc_id)
            if found is None:
                return None
            chunk_id, start, end, text = found
            title = self.table.doc_titles.get(doc_id, doc_id)
            lines.append([f"{title}: ", Quote(title, chunk_id, start, end, text)])
        return Outcome("composed", Composition(lines, subject=" vs ".join(self.table.doc_titles.get(d, d) for d in pages),
                                               how="pages"), confidence=0.7)

    def pages_mentioning(self, spans, topic: str) -> Outcome:
        """The pages that say a topic's words, each with the sentence that says them: ``spans`` are
        (chunk_id, start, end, text, doc_id)."""
        lines = [[f"Pages that mention {topic}:"], *self._under_titles(spans)]
        return Outcome("composed", Composition(lines, subject=topic, how="mentions"), confidence=0.8)

    def sources_differ(self, spans, confidence: float) -> Outcome:
        """Each page's own best answer, when their figures differ: ``spans`` are (chunk_id, start, end,
        text, doc_id), the reader's answer first."""
        lines = [["The sources give different figures:"], *self._under_titles(spans)]
        return Outcome("composed", Composition(lines, notes=["The sources differ; each figure is shown with its source."],
                                               subject=self.table.doc_titles.get(spans[0][4], ""), how="sources"),
                       confidence=confidence)

    def compare_sides(self, sides: list[tuple[str, tuple | None]]) -> Outcome | None:
        """Named parts of the documents (sections or pages) side by side: each part's best span,
        quoted under its name. ``sides`` are (name, (chunk_id, start, end, text) or None)."""
        if any(found is None for _, found in sides):
            return None
        lines = [[f"{name}: ", Quote(name, chunk_id, start, end, text)] for name, (chunk_id, start, end, text) in sides]
        return Outcome("composed", Composition(lines, subject=" vs ".join(name for name, _ in sides), how="sides"),
                       confidence=0.7)

    def quoted_items(self, items) -> Outcome:
        """Labelled items side by side, each quoted whole and cited: ``items`` are (chunk_id, unit)."""
        lines = []
        for chunk_id, unit in items:
            label, rest = unit.text.split(":", 1)
            start = unit.start + len(label) + 1 + (len(rest) - len(rest.lstrip()))
            lines.append([f"{label}: ", Quote(label, chunk_id, start, unit.end, rest.strip())])
        return Outcome("composed", Composition(lines, subject=" vs ".join(line[0][:-2] for line in lines),
                                               how="items"), confidence=0.7)

    def sequence(self, lead: str, chunk_id: int, unit, how: str = "sequence") -> Outcome:
        """One item of an ordered list, found from its place in it: ``lead`` says which ("After X: ",
        "Ranked first (…): ")."""
        return Outcome("composed", Composition([[lead, Quote(unit.text, chunk_id, unit.start, unit.end, unit.text)]],
                                               how=how), confidence=0.7)

    def item_with_lead(self, chunk_id: int, lead, item, confidence: float) -> Outcome:
        """A list item quoted after the line that leads its list ("… can command higher salaries:" … "Go")."""
        return Outcome("composed", Composition([[Quote(lead.text, chunk_id, lead.start, lead.end, lead.text), " … ",
                                                 Quote(item.text, chunk_id, item.start, item.end, item.text)]],
                                               how="item lead"), confidence=confidence)

    def gathered(self, spans, confidence: float) -> Outcome:
        """Quoted spans from several sections, each under its section's name: ``spans`` are
        ``(chunk, start, end, text)`` with document offsets."""
        lines = []
        for chunk, start, end, text in spans:
            where = chunk.section[-1] if chunk.section else chunk.title
            lines.append([f"{where}: ", Quote(where, chunk.chunk_id, start, end, text)])
        return Outcome("composed", Composition(lines, how="gathered"), confidence=confidence)

    def numbered(self, steps, confidence: float) -> Outcome:
        """A page's numbered steps, each quoted and cited in order: ``steps`` are (chunk, unit)."""
        lines = [[f"{len(steps)} steps:"]]
        for n, (chunk, unit) in enumerate(steps, start=1):
            lines.append([f"{n}. ", Quote(unit.text, chunk.chunk_id, unit.start, unit.end, unit.text)])
        return Outcome("composed", Composition(lines, how="steps"), confidence=confidence)

    def list_labels(self, items, question: str, confidence: float, answer_chars: int) -> Outcome | None:
        """Each item's label ("Data Management" of "Data Management: Ensuring effective …"), quoted
        and cited, when the question asks for the whole list ("list all …") or for names only,
        most items have a label, and the whole list is longer than an answer may be."""
        if not (names_only(question) or asks_whole_list(question)):
            return None  # "which skills pay more" asks for the item that says so, not for the list
        # a label that reads as a name: capitalised, no sentence in it ("Data Management", not "Note. See …")
        # a group's own item ("Automation and CI/CD:" over its bullets) is all label
        labels = [(unit, match.group(1)) for unit in items
                  for match in [LABEL_RE.match(unit.text) or _GROUP_LABEL_RE.match(unit.text)]
                  if match and match.group(1)[:1].isupper() and not re.search(r"[.!?]", match.group(1))]
        if names_only(question) and len(labels) < 0.8 * len(items) and all(_A_NAME_RE.fullmatch(u.text) for u in items):
            labels = [(unit, unit.text) for unit in items]  # the items are names themselves ("Soft Skills")
        if len(items) < 3 or len(labels) < 0.8 * len(items):
            return None
        whole = sum(len(unit.text) + 3 for unit in items)
        if whole <= MAX_COMPOSED_CHARS and answer_chars >= whole - 3 * len(items) and not names_only(question):
            return None  # the reader's answer already quotes the whole list
        lines = [[f"{len(labels)} items, by name:" if len(labels) == len(items)
                  else f"{len(labels)} of the list's {len(items)} items, by name:"]]
        for unit, label in labels:
            lines.append(["• ", Quote(label, unit.chunk_id, unit.start, unit.start + len(label), label)])
        return Outcome("composed", Composition(lines, how="labels"), confidence=confidence)

    def _collection(self) -> Composition:
        titles = self.table.doc_titles
        first_chunk: dict[str, int] = {}
        for chunk in self._chunks:
            first_chunk.setdefault(chunk.doc_id, chunk.chunk_id)
        lines = [[f"The documents cover {len(titles)} page{'s' if len(titles) != 1 else ''}:"]]
        for doc_id, title in titles.items():
            lines.append([f"- {title} {{cite:{first_chunk[doc_id]}}}" if doc_id in first_chunk else f"- {title}"])
        return Composition(lines, subject="the documents", how="collection")

    def _out_of_scope(self, question: str, attribute: str | None, subjects: list[str], previous: str = "",
                      answer_span=None) -> str:
        """Why the documents can't answer a figure question, or "": a place or a year they don't
        cover, or a role they give no such figure for."""
        if attribute not in ("salary", "hourly pay", "experience", "jobs", "openings", "job growth"):
            for match in _IN_PLACE_RE.finditer(question):  # "is there demand for plumbers in canada?"
                place = match.group("place").strip("'.-")
                stems = [w for w in tokenize(place) if w[0].isalpha()]
                # a country, state or continent (ISO 3166 names), not "in short" or "in interviews"
                if stems and is_region(place) and not self._known(stems[0]):
                    return f"The documents say nothing about {place}."
            return ""
        asked_years = [int(year) for year in _YEAR_ASKED_RE.findall(question)]
        for year in asked_years:
            if year not in self.table.years and year not in self._figure_years():
                return self._scope_note(attribute, f"no figures for {year}")
        families = FIGURE_FAMILIES.get(attribute, (attribute,))
        given = [f for s in subjects for f in self.table.facts_for(s, None) if f.attribute in families]
        given_years = {f.year for f in given}
        if (len(asked_years) == 1 and attribute in ("salary", "hourly pay") and given and None not in given_years
                and asked_years[0] not in given_years and _FIGURE_OF_YEAR_RE.search(question)
                and not _CHANGE_RE.search(question)):
            # "idaho hydrologist median salary in 2024": the pages give their pay for 2026 and say of 2024 only
            # that pay has grown since; a 2024 figure is another one than theirs ("… rise from 2024 to 2026" asks that)
            years = ", ".join(map(str, sorted(given_years)))
            return (f"The documents give {' and '.join(subjects)} {attribute} figures for {years} only, "
                    f"none for {asked_years[0]}.")
        if attribute == "hourly pay" and subjects:
            yearly = [s for s in subjects if self.table.facts_for(s, "salary") and not self.table.facts_for(s, "hourly pay")
                      and not self._docs_with_hourly_pay() & self.table.docs_of(s)]
            if len(yearly) == len(subjects):  # "hourly rate for a mid-level mlops manager": only yearly ranges given
                return (f"The documents give no hourly rate for {' or '.join(yearly)}, only yearly salary figures "
                        f"(ask for the salary to see them).")
        places = [m.group("place") for m in _IN_PLACE_RE.finditer(question)
                  if m.group("place").lower().strip("'.-") not in _NOT_PLACES]
        # "… salary boston ma": a city, and maybe its state's code, after the figure's word
        tail = re.search(r"\b(?:salar(?:y|ies)|pay|wages?|earnings|income)\s+(?:in\s+)?([A-Za-z][\w'.-]{2,})"
                         r"(?:,?\s+(?P<state>[A-Za-z]{2})\.?)?\W*$", question, re.I)
        if tail and tail.group("state") and tail.group("state").lower() not in us_state_codes():
            tail = None  # "salary per yr": a word after it, not a city and its state's postal code
        # "what does the spa pay LMTs": a plural acronym names workers, not a place ("salary UK" does)
        if (tail and tail.group(1).lower() not in _NOT_PLACES and tail.group(1).lower().strip(".") not in WHOLE_COUNTRY
                and not re.fullmatch(r"[A-Z]{2,}s", tail.group(1))):  # "… wage usa" asks what the pages give
            places.append(tail.group(1))  # a keyword query: "director of mlops salary australia"
        # an employer the documents never name: "how much does google pay mlops managers"
        for match in _EMPLOYER_PAYS_RE.finditer(question):
            who = match.group("who")
            stems = [w for w in tokenize(who) if w[0].isalpha()]
            if who.lower() not in _NOT_EMPLOYERS and stems and not self._known(stems[0]):
                return self._scope_note(attribute, f"nothing on {who}")
        places += list(regions_named_anywhere(question))  # "mlops manager pay india lpa"
        # the pages about what is asked: "dietitian salary texas" needs a dietitian page that names Texas
        # (a locksmith page's table of Texas fees says nothing of dietitians)
        subject_docs = set().union(*(self._docs_about(s) for s in subjects)) if subjects else set()
        for place in places:
            stems = [w for w in tokenize(place) if w[0].isalpha()]
            if stems and not all(self._known(t) for t in stems):  # "new jersey": "new" alone is known
                return self._scope_note(attribute, f"nothing on {place.strip(' ?.!')}")
            if (stems and subject_docs and is_region(place)
                    and not any(set(stems) <= self._doc_tokens(doc) for doc in subject_docs)):
                return self._scope_note(attribute, f"nothing on {place.strip(' ?.!')} for {subjects[0]}")
        if not subjects and (attribute != "experience" or _HOW_MANY_YEARS_RE.search(question)):
            if previous and _THAT_ONE_RE.search(question):
                # "how many years for that one?" after "what does a director of mlops make": the subject the
                # last turn named, when the documents give it no such figure
                families = FIGURE_FAMILIES.get(attribute, (attribute,))
                earlier = self.table.mentioned(previous)
                if earlier and not any(f.attribute in families for s in earlier for f in self.table.facts_for(s, None)):
                    return self._scope_note(attribute, f"no {attribute} figure for {earlier[0]}")
            # "starting pay for a pastry cook": an hourly rate is a figure for pay too
            kinds = (attribute, "hourly pay") if attribute == "salary" else (attribute,)
            for phrases in _role_mentions(question):
                if len(phrases) == 1 and self._like_a_page_word(phrases[0]):
                    continue  # "truckers" may be the "Truck Drivers" of a page: not surely another role
                if self._trade_with_figures(phrases[-1], kinds):
                    continue  # "elevator techs" are the "Elevator … Installers and Repairers" of a page
                if self._answer_about(answer_span, phrases[-1], attribute):
                    continue  # the reader's answer is on a page or under a heading that names the role
                if not any(self._page_with_figures(p, kind) or self.table.mentioned(p, kind)
                           or self._level_figure(p, kind) for p in phrases for kind in kinds):
                    return self._scope_note(attribute, f"no {attribute} figure for {phrases[-1]}")
        return ""

    def _answer_about(self, answer_span, role: str, attribute: str) -> bool:
        """Is the reader's answer a figure of the asked kind (a sum for pay) about the role, every
        word of it said by the answer itself or its page's title and headings ("Apprentices … earn
        $17.50 to $21.25" on a funeral director page), or some said there and the rest, none of them a
        level, by the page's title or the role its figures are about ("Apprentice rates" on a schedule
        of ironworkers' pay)? The fact table reads only the figures it can tie to a subject, so its
        silence is no proof there."""
        if answer_span is None:
            return False
        chunk_id, start, end = answer_span
        chunk = self._chunks.chunk(chunk_id)
        answer = chunk.text[start - chunk.start: end - chunk.start]
        words = {t for t in tokenize(role) if t[0].isalpha()}
        figure = _SUM_RE.search(answer) if attribute in ("salary", "hourly pay") else has_figure(answer)
        near = set(tokenize(f"{chunk.breadcrumb} {answer}"))
        page = self.table.title_words.get(chunk.doc_id, frozenset()) | self._page_role_words(chunk.doc_id)
        missing = words - near
        return bool(words) and bool(figure) and (not missing or bool(words & near) and missing <= page
                                                  and not missing & _LEVEL_TOKENS)

    def _page_role_words(self, doc_id: str) -> frozenset[str]:
        """The words of the roles, named without a level, that a page gives figures for ("Ironworker")."""
        return frozenset(t for subject in self.table.subjects if doc_id in self.table.docs_of(subject)
                         and not subject_of(subject).level for t in tokenize(subject) if t[0].isalpha())

    def _options_are_not_subjects(self, question: str) -> bool:
        """ "which boosts pay most: typescript, kafka or go?": the options the question lists are
        none of the subjects the figures are about, so ranking those subjects would not answer it."""
        options = _OPTIONS_RE.search(question)
        return bool(options) and not self.table.mentioned(options.group(1))

    def _figure_years(self) -> frozenset[int]:
        """Years the documents give a figure for: those named in a line that states a sum, a share or a
        count. A page's revision date ("Revised 07/2019") names a year but gives no 2019 figure."""
        self._read_corpus()
        return self._figure_year_set

    def _docs_with_hourly_pay(self) -> set[str]:
        """Documents that state any pay by the hour ("$26.34 per hour", "$18 an hour", "Hourly wage"),
        worked out once."""
        if self._hourly_docs is None:
            self._hourly_docs = {chunk.doc_id for chunk in self._chunks if _HOURLY_RE.search(chunk.text)}
        return self._hourly_docs

    def _level_figure(self, phrase: str, attribute: str) -> bool:
        """"entry level paralegal": does the paralegal page give a figure for that level (a card
        "Entry Level $37,690" whose subject is the page and whose qualifier is the level)?"""
        level = _level_of(frozenset(tokenize(phrase)))
        role = " ".join(w for w in phrase.split() if w.lower() not in LEVEL_PLAIN and w.lower() != "level")
        if not level or not role:
            return False
        families = FIGURE_FAMILIES.get(attribute, (attribute,))
        asked = frozenset(t for t in tokenize(role) if t[0].isalpha())
        pages = {doc_id for doc_id, page in self.table._page_tokens.items() if asked and asked <= page}
        return any(f.doc_id in pages and f.attribute in families and _level_of(frozenset(tokenize(f.qualifier))) == level
                   for f in self.table.facts)

    def _under_titles(self, spans) -> list[list]:
        """Each span quoted after its page's title: (chunk_id, start, end, text, doc_id)."""
        return [[f"{title}: ", Quote(title, chunk_id, start, end, text)]
                for chunk_id, start, end, text, doc_id in spans for title in [self.table.doc_titles.get(doc_id, doc_id)]]

    def _pages_named(self, question: str) -> set[str]:
        """The pages a question names by a word of their title that few titles share ("ski patrollers",
        "hollis ridge"), figure and filler words aside: a ranking or list of figures stays on them."""
        titles = self.table.title_words
        role_nouns = {t for name in self.table.subjects for t in head_stems(name)}  # "technician" names no one page
        asked = set(_question_tokens(question)) - _QUESTION_FILLER - _ASKED_WORDS - _KIND_TOKENS - role_nouns
        few = {token for token in asked if 0 < self.table.title_word_pages(token) and
               self.table.title_word_pages(token) * 2 <= len(titles)}
        return {doc for doc, words in titles.items() if words & few}

    def _like_a_page_word(self, word: str) -> bool:
        """Does a word start like a word of a page's title or alias ("truckers" / "Truck Drivers",
        "veterinarian" / "Veterinary Technician")? Then it may name that page's occupation."""
        stems = [t for t in tokenize(word) if t[0].isalpha()]
        prefix = stems[0][:SHARED_PREFIX] if stems else ""
        return len(prefix) == SHARED_PREFIX and any(t.startswith(prefix) for page in self.table._page_tokens.values()
                                                     for t in page)

    def _trade_subjects(self, role: str) -> list[str]:
        """The subjects a role said with a trade worker noun ("elevator techs", "turbine mechanic")
        names by its other words, the trade. A level ("junior …") makes it a different role."""
        words = re.findall(r"[A-Za-z][A-Za-z/-]*", role.lower())
        if len(words) < 2 or not is_trade_worker_noun(words[-1]) or set(words) & LEVEL_PLAIN:
            return []
        trade = {t for t in tokenize(" ".join(words[:-1])) if t[0].isalpha()}
        return [name for name, subject in self.table.subjects.items() if trade and trade <= subject.tokens]

    def _trade_with_figures(self, role: str, kinds: tuple[str, ...]) -> bool:
        """Does a role said with a trade worker noun name the trade of a subject with such figures?"""
        families = {family for kind in kinds for family in FIGURE_FAMILIES.get(kind, (kind,))}
        return any(f.attribute in families
                   for name in self._trade_subjects(role) for f in self.table.facts_for(name, None))

    def _trade_heads(self, question: str) -> set[str]:
        """The role nouns of the subjects the question names by trade ("elevator techs": installer,
        repairer), so their breakdowns count as the ones asked about."""
        return {t for phrases in _role_mentions(question) for name in self._trade_subjects(phrases[-1])
                for t in head_stems(name)}

    def _page_with_figures(self, role: str, attribute: str) -> bool:
        """Does a page that ``role`` names (its title or an alias, "MLOps managers") give such figures?"""
        asked = frozenset(t for t in tokenize(role) if t[0].isalpha())
        families = FIGURE_FAMILIES.get(attribute, (attribute,))
        for doc_id, page in self.table._page_tokens.items():
            if asked and asked <= page and any(f.doc_id == doc_id and f.attribute in families for f in self.table.facts):
                return True
        return False

    def _scope_note(self, attribute: str, reason: str) -> str:
        families = FIGURE_FAMILIES.get(attribute, (attribute,))
        facts = [f for f in self.table.facts if f.attribute in families and f.qualifier in STANDARD_QUALIFIERS]
        if not facts:
            return f"The documents don't give {attribute} figures ({reason})."
        scopes = list(dict.fromkeys(f.scope for f in facts if f.scope))
        years = sorted({f.year for f in facts if f.year})
        if scopes and {f.doc_id for f in facts if f.scope} == {f.doc_id for f in facts}:
            # every page states its scope; one page's "US Market, 2024" is not another page's
            where = "for " + "; ".join(scopes[:3])
        elif years:
            where = "for " + (", ".join(map(str, years)) if len(years) <= 4 else f"{years[0]}–{years[-1]}")
        else:
            where = "as stated in the pages"
        # each page's first subject before a second subject of any page: the occupations, not one page's levels
        first_of_page: dict[str, str] = {}
        for fact in facts:
            first_of_page.setdefault(fact.doc_id, fact.subject)
        subjects = list(dict.fromkeys([*first_of_page.values(), *(f.subject for f in facts)]))
        shown = ", ".join(subjects[:4]) + (" and others" if len(subjects) > 4 else "")
        return f"The documents give {attribute} figures {where} only ({reason}). They cover: {shown}."

    def _covers(self, question: str, fact: FactRecord, whole_passage: bool = False,
                named: frozenset[str] = frozenset()) -> bool:
        """Does the figure's context (its unit, headings and page title) use every specific word of
        the question? "lead hvac technician pay", "plumber jobs in 2033" and "salary in texas" ask
        for something a general median doesn't answer. ``whole_passage``: the unit's whole passage
        counts (another source's figure for what the quoted one answers: "how long to get a cdl"), and
        the words in ``named`` need not (the occupation, named one way on the quoted figure's page and
        another on this one: "heavy equipment operator" / "Construction Equipment Operators")."""
        chunk = self._chunks.chunk(fact.chunk_id)
        unit = chunk.text if whole_passage else self._unit_text(fact)
        context = set(tokenize(f"{chunk.breadcrumb} {unit}"))
        context |= set(tokenize(fact.subject)) | set(tokenize(fact.qualifier))
        context |= self.table._page_tokens.get(fact.doc_id, frozenset())  # "… at riverbend": the page's publisher
        question = _PERCENTILE_WORDS_RE.sub(" ", _SPAN_WORDS_RE.sub(" ", question))  # "the bottom 10" is the statistic
        asked_tokens = set(_question_tokens(question))
        # "first year apprentice pay": a level the figure's context never names is not what it gives
        if {LEVEL_CLASSES[t] for t in asked_tokens if t in LEVEL_CLASSES} - {LEVEL_CLASSES[t] for t in context
                                                                             if t in LEVEL_CLASSES}:
            return False
        specific = asked_tokens - _QUESTION_FILLER - set(LEVEL_CLASSES) - _ASKED_WORDS
        missing = specific - named - context
        # "fire academy" is covered by "firefighters": a question word that begins a compound in the context
        return all(len(word) >= 4 and any(c.startswith(word) and len(c) > len(word) + 2 for c in context) for word in missing)

    def _distribution_end(self, subject: str, attribute: str, direction: str) -> Outcome | None:
        """"The highest (lowest) paid <role>": the top (bottom) 10% figure the documents give for one
        role, quoted; None when they give none."""
        end = "bottom 10%" if direction == "min" else "top 10%"
        fact = self.table.representative(subject, attribute, end)
        if fact is None or fact.qualifier != end:
            return None
        return Outcome("composed", Composition([[self.quote(fact)]], subject=fact.subject, facts=[fact], how="lookup"),
                       confidence=0.75)

    def _relevant_peers(self, question: str, fact: FactRecord, qualifier: str) -> list[FactRecord]:
        """Every source's figure for what ``fact`` gives, each about what was asked ("mri tech salary in
        california"), the words that name the occupation aside (its subject, its page's title and aliases)."""
        # the page's words that name an occupation count; its publisher's ("… at millbrook") name that source only
        page = self.table._page_tokens.get(fact.doc_id, frozenset()) & self._subject_words
        named = frozenset(tokenize(fact.subject)) | page
        peers = [p for p in peer_facts(self.table, fact, qualifier) if self._covers(question, p, whole_passage=True,
                                                                                named=named)]
        if not regions_named_anywhere(question) and not _narrower_place(self._clause(fact)):
            # a national figure's peers are national: "demand in our four-state region is projected to grow
            # 9.2%" is another measure than "employment … is projected to grow 4.8 percent"
            peers = [p for p in peers if not _narrower_place(self._clause(p))]
        return peers

    def _clause(self, fact: FactRecord) -> str:
        """The clause of its sentence a figure is in: "the national median … at $47,260 a year in May 2023"
        of "…, and the Michigan mean at $45,930"."""
        text = self._unit_text(fact)
        at = fact.start - fact.unit_start
        bounds = [0, *(m.end() for m in _CLAUSE_BREAK_RE.finditer(text) if m.end() <= at)]
        end = next((m.start() for m in _CLAUSE_BREAK_RE.finditer(text) if m.start() >= at), len(text))
        return text[bounds[-1]:end]

    def _disagreement(self, answer_span, question: str) -> Outcome | None:
        chunk_id, start, end = answer_span
        quoted = [f for f in self.table.facts if f.chunk_id == chunk_id and start <= f.start and f.end <= end]
        if not quoted:
            return None
        asked = attributes_asked(question)  # "$87,530 a year, or $42.08 an hour": the hourly one, when asked
        fact = next((f for family in asked for f in quoted if f.attribute == family), None)
        kinds = {_KIND_OF.get(family, family) for family in asked if family in FIGURE_FAMILIES}
        if fact is None and kinds and not any(_KIND_OF.get(f.attribute, f.attribute) in kinds for f in quoted):
            return None  # "how many park ranger jobs": the answer's pay figures are not what was asked
        fact = fact or quoted[0]
        if not self._covers(question, fact) or _ASKS_DIFFERENCE_RE.search(question):
            return None  # "how much more do certified techs make" wants the sentence giving the difference
        peers = self._relevant_peers(question, fact, asked_qualifier(question))
        values = {(p.low, p.high) for p in peers}
        if len({p.doc_id for p in peers}) < 2 or len(values) < 2:
            return None
        return Outcome("composed", compose_disagreement(peers, self.quote, self.table.doc_titles), confidence=0.8)


# Stems of the kinds of breakdown a question can ask about, and the kind each stands for.
_PLACE_KINDS = {t: kind for kind, words in (("state", "state states"), ("citi", "city cities metro metros metropolitan"),
                                            ("industri", "industry industries sector sectors setting settings"
                                                         " workplace workplaces"),
                                            ("region", "region regions area areas county counties province provinces"), ("countri", "country countries"))
                for t in tokenize(words)}
# Words after "in / across / from" or after a pay word that name no place: what the figures are
# ("salary ranges", "pay levels") or the documents themselves ("in the doc", "across the pages").
_NOT_PLACES = frozenset("""given mentioned listed shown stated quoted offered range ranges figure figures data levels
    level bands band brackets bracket info information details numbers number growth progression
    doc docs document documents documentation guide guides page pages text texts file files
    article articles corpus source sources collection list lists table tables section sections report reports
    material materials dataset database it them floor floors ceiling ceilings cap tier tiers scale grade grades
    spread premium premiums bump raise raises increase gap difference
    whole entire all any every each overall total general""".split())
_ORDINAL_SUFFIXES = frozenset({"th", "st", "nd", "rd"})
_ASKS_DIFFERENCE_RE = re.compile(r"\bhow much (?:more|less|extra)\b|\bdifference\b|\bpremium\b", re.I)
# a question that points back at the role the last turn named
_THAT_ONE_RE = re.compile(r"\b(?:that|this|the same)\s+(?:one|role|job|title|position|level|tier)\b|\b(?:them|they|those)\b", re.I)
# a list item that is a short name, not a sentence: "Infrastructure and Automation", "ML-Specific Tasks"
_A_NAME_RE = re.compile(r"[A-Z][\w/&'-]*(?:[ ,]+[\w/&'-]+){0,6}")


# "in our four-state region", "in the tri-county area", "across the metro": a place narrower than the country
_LOCAL_AREA_RE = re.compile(r"\b(?:our|the)\s+(?:[\w-]+\s+){0,2}(?:region|area(?!\s+of\b)|county|counties|metro|district)\b", re.I)


_CLAUSE_BREAK_RE = re.compile(r"[;,]\s+(?:and|but|while|whereas)\s+|;\s+")
_NATIONAL_RE = re.compile(r"\bnational(?:ly)?\b|\bnationwide\b|\bacross the (?:country|u\.?s\.?|united states)\b", re.I)


def _with_qualifier(question: str, qualifier: str, names) -> str:
    """The question with the qualifier put before each subject name it says without it: "team lead"
    -> "MLOps team lead" when "MLOps Team Lead" is a subject (names of two words or more, so that
    "engineer" alone is not read as one)."""
    for name in names:
        words = name.split()
        if qualifier.lower() not in (w.lower() for w in words):
            continue
        rest = " ".join(w for w in words if w.lower() != qualifier.lower())
        if len(rest.split()) >= 2:
            question = re.sub(rf"(?<!{re.escape(qualifier)} )\b{re.escape(rest)}\b", f"{qualifier} {rest}", question, flags=re.I)
    return question


def _narrower_place(text: str) -> bool:
    """Does a figure's clause say it is about a state, a city or a region, not the whole country?"""
    return not _NATIONAL_RE.search(text) and bool(_LOCAL_AREA_RE.search(text) or regions_named_anywhere(text))


# a follow-up asking for "the figure" without naming which: "what range does it give", "what number for them"
_WHICH_FIGURE_RE = re.compile(r"\b(?:what|which|the|same)\s+(?:range|figure|number|amount|band)s?\b(?!\s+of\b)", re.I)


def _earlier_attribute(history: list[str]) -> str | None:
    """The figure the conversation was last about: the newest earlier turn's that names one."""
    return next((a for a in (analyse(turn).attribute for turn in reversed(history)) if a in FIGURE_FAMILIES), None)


def _top_count(question: str) -> int:
    """How many places a question asks for ("top 3 highest paying states", "five best cities"), else 1;
    "top 10%" is a statistic, not a count."""
    match = _TOP_COUNT_RE.search(question)
    if not match:
        return 1
    word = (match.group("n") or match.group("n2")).lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


_TOP_COUNT_RE = re.compile(r"(?<!of the )(?<!among the )\b(?:top|best|highest|lowest|bottom|worst)\s+(?P<n>[2-9]|10|two|three|four|five|six|seven"
                           r"|eight|nine|ten)\b(?!\s*(?:%|percent|th\b|percentile))"
                           r"|\b(?P<n2>[2-9]|two|three|four|five)\s+(?:best|highest|top|lowest)\b", re.I)
# a sentence naming the state that pays an occupation most (least)
_TOP_STATE_RE = re.compile(r"\b(?:top|highest|best)[- ]pa(?:ying|id)\s+state\b|\bstate\b[^.]{0,30}\b(?:highest|top|best) "
                           r"(?:pay|wages?|salar(?:y|ies))\b", re.I)
_BOTTOM_STATE_RE = re.compile(r"\b(?:lowest|worst|bottom)[- ]pa(?:ying|id)\s+state\b|\bstate\b[^.]{0,30}\blowest "
                              r"(?:pay|wages?|salar(?:y|ies))\b", re.I)
_PERCENTILE_WORDS_RE = re.compile(r"\b(?:top|bottom|highest|lowest|best|worst)(?:[- ]paid)?\s+\d{1,2}(?!\d)\s*(?:%|percent\b|th\b)?"
                                  r"|\b\d{1,2}(?:st|nd|rd|th)(?:\s+percentile)?\b", re.I)
_STATISTICS = ("median", "average", "top 10%", "bottom 10%", "25th percentile", "75th percentile")
_HOW_MANY_YEARS_RE = re.compile(r"\bhow (?:many (?:years|yrs)|much experience|long)\b", re.I)
_ASKS_WHY_RE = re.compile(r"^\W*(?:and\W+)?(?:why|how come)\b|\bwhat(?:'s| is)? (?:driving|behind|causing)\b", re.I)
_ASKED_WORDS = frozenset(tokenize("range growth projected projection outlook rate number jobs openings employment "
                                  "employed hourly top bottom percent percentage total figure figures us u.s national "
                                  "united states america nationwide statistics stats data latest current high low "
                                  "go reach whats thats sources source agree disagree differ say says according "
                                  "long take takes end ends floor ceiling train training program programs school course "
                                  "length duration lasts hr hrs yr yrs year yearly annual annually give gives different "
                                  "1 2 3 size sizes now today"))
# (and the words naming where a user read it: "per the pay section", "on the page", "in the guide")
_QUESTION_FILLER = frozenset(tokenize("salary pay paid earn wage wages income median average typical per hour year "
                                      "annual hourly how much make job jobs section sections page pages guide range ranges "
                                      "plain regular ordinary"))  # "plain ml managers": the role itself, no kind of it
_OTHER_THINGS_RE = re.compile(
    r"\b(?:which|what|all|every|list|name)\s+(?:\w+\s+){0,3}?(?:skills?|cities|city|states?|industr(?:y|ies)|sectors?|compan(?:y|ies)|factors?"
    r"|tools?|languages?|technolog(?:y|ies)|certifications?|degrees?|countr(?:y|ies)|regions?|employers?|places?"
    r"|areas?|locations?|specialt(?:y|ies)|settings?|types?|kinds?|hubs?|metros?|counties|towns?"
    r"|premiums?|differentials?|bonus(?:es)?|benefits?|allowances?|stipends?|incentives?)\b", re.I)


# Options a question lists after a colon or dash: "…: typescript, elasticsearch, kafka or go?"
_OPTIONS_RE = re.compile(r"[:–—-]\s*((?:[^,:?]+,\s*)+[^,:?]+?,?\s+(?:or|and)\s+[^,:?]+?)\s*\??\s*$")


def _ranks_other_things(question: str) -> bool:
    """"Which cities / skills pay most", "which machine pays operators the most": what is ranked is
    no role or level (a list or table row in the text), so ranking the fact table's subjects won't answer."""
    if _OTHER_THINGS_RE.search(question):
        return True
    which = _WHICH_PHRASE_RE.search(question) or _BEST_PAID_PHRASE_RE.search(question)
    if not which:
        return False
    # "… & what it pays": a pronoun points back at what is ranked; it names nothing else
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w-]*", which.group(1)) if w.lower() not in _PRONOUNS]
    if not words:
        return False
    return not any(is_role_word(w) or w in _SUBJECT_KIND_WORDS or w in _FIGURE_WORDS or _PLACE_WORDS.fullmatch(w)
                   or attributes_asked(w) for w in words)


_PRONOUNS = frozenset("it its they them their this that these those he she you u i we".split())
# the words a "which / what" question picks among, up to its verb ("which machine" pays …)
_WHICH_PHRASE_RE = re.compile(r"\b(?:which|what)\s+((?:(?!(?:pays?|earns?|makes?|is|are|has|have|gets?|needs?|requires?|asks?"
                              r"|tops?|offers?|do|does|did|can|would|will|should|one|ones|of|kind|type|sort)\b)[\w-]+\s+){1,4}?)"
                              r"(?:pays?|earns?|makes?|is|are|has|have|gets?|needs?|requires?|asks?|tops?|offers?|do|does|did|can|would)\b",
                              re.I)
# "best paid imaging specialty for rad techs": the words a superlative pay adjective qualifies, up to a preposition
_BEST_PAID_PHRASE_RE = re.compile(r"\b(?:best|highest|top|lowest|worst)[- ](?:paid|paying)\s+(?!(?:and|or|who|who's|is|are|one|ones)\b)"
                                  r"((?:(?!(?:for|in|of|at|among|on|according|and|or)\b)[\w-]+\s*){1,3})", re.I)
_SUBJECT_KIND_WORDS = frozenset("""role roles title titles job jobs position positions level levels tier tiers career careers
    occupation occupations profession professions trade trades specialization manager managers engineer engineers
    person people worker workers employee employees market markets mlops devops rung rungs step steps stage stages
    grade grades band bands bracket brackets""".split())
# "which forecast is bigger": a word for the figure itself, not for other things to rank
_FIGURE_WORDS = frozenset("""forecast forecasts projection projections estimate estimates figure figures number numbers
    amount amounts value values""".split())


_GROUP_LABEL_RE = re.compile(r"^([^:\n]{2,60}):\s*$")
SHARED_PREFIX = 5  # letters a role noun shares with a page's word to be taken for that page's occupation


def _role_mentions(question: str) -> list[list[str]]:
    """For each role noun a question uses with words before it, the phrases ending in it, shortest
    first: ["data engineer"], ["Python Engineer", "AI Python Engineer"]. A level word ("junior")
    stays in the phrase, so "junior MLOps engineer" is not taken for "MLOps engineer"."""
    found = []
    words = re.findall(r"[A-Za-z][A-Za-z/+'-]*", question)
    for i, word in enumerate(words):
        after = words[i + 1].lower() if i + 1 < len(words) else ""
        # "sleep tech", "vet tech": a role noun shortened; not "tech skills", "tech hubs", "big tech"
        before = words[i - 1].lower() if i else ""
        short = (word.lower() in _SHORT_ROLE_NOUNS and (not after or after in _STOPWORDS_PLAIN)
                 and before not in _NOT_A_TRADE)
        if not (is_role_phrase(word) or short) or i == 0:
            continue
        phrases = []
        for start in range(i - 1, max(-1, i - 4), -1):
            lead = words[start].lower()
            if lead in _STOPWORDS_PLAIN or not (words[start][:1].isupper() or lead in LEVEL_PLAIN or
                                                 re.search(r"[A-Z/]", words[start][1:]) or len(phrases) < 1):
                break
            phrases.append(" ".join(words[start: i + 1]))
        has_level = [p for p in phrases if set(p.lower().split()) & LEVEL_PLAIN]
        if has_level:
            found.append(has_level[:1])
        elif phrases:
            # the bare noun too: "paralegal" names the paralegal pages (a bare "tech" names none)
            found.append(([] if short else [word]) + phrases)
        elif (word.lower().rstrip("s") in ROLE_NOUNS or word.lower() in ROLE_NOUNS) and not is_generic_role(word):
            found.append([word])  # "how much do surgeons make": a role of its own, named alone
    return found


_SHORT_ROLE_NOUNS = frozenset("tech techs".split())
_NOT_A_TRADE = frozenset("big small large top high low the in".split())  # "big tech" is an industry
_STOPWORDS_PLAIN = frozenset("""a an the of for to in on at by and or is are do does did what how which who much many
    make earn pay paid salary salaries get gets""".split())
LEVEL_PLAIN = frozenset("entry entry-level junior mid mid-level senior senior-level lead principal apprentice journeyman".split())
