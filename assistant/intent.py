"""What a question asks, before any document is read: its intent (lookup, compare, superlative,
enumerate, collection), the figure family it is about, and the words that shape a ranking."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .places import is_region, is_state_or_province

_ATTRIBUTE_PATTERNS = (  # (family, pattern); the first family that matches wins
    ("hourly pay", r"\bhourly\b|\b(?:per|an|a|by the)\s+(?:hour|hr)\b|/\s?(?:hour|hr)\b"),
    ("training time", r"\bhow long\b.*\b(?:programs?|schools?|courses?|degrees?|take|takes|training|apprenticeships?"
                      r"|certificates?|certifications?|academy|academies|bootcamps?|classes|intern|internships?|externships?"
                      r"|residency|residencies)\b(?!\s+(?:manager|director|developer|instructor|coordinator|administrator"
                      r"|specialist|analyst|officer|lead|engineer)s?\b)|\bhow (?:quick|quickly|fast)\b.*\b(?:train|qualify|certified)\b"
                      r"|\b(?:quicker|faster|longer|shorter) to (?:train|qualify|finish|complete)\b|\b(?:program|training) length\b"
                      # "how many years to become an elevator mechanic": the path, not the experience a job asks
                      r"|\bhow many (?:years|yrs|months)\b(?!\s+(?:of|experience|exp)\b)[^?]*?\bto (?:become|qualify|train)\b"
                      r"(?!\W+(?:an?\W+)?(?:senior|sr|junior|jr|mid|lead|principal|head|chief|director)\b)"
                      # "how many years is the apprenticeship": the length of a program, not experience
                      r"|\bhow many (?:years|yrs|months|weeks)\b(?!\s+(?:of|experience|exp)\b)[^?]*?\b(?:programs?|apprenticeships?"
                      r"|internships?|externships?|courses?|certificates?|academy|residency)\b(?!\s+(?:manager|director"
                      r"|developer|instructor|coordinator|administrator|specialist|analyst|officer|lead|engineer)s?\b)"),
    # not a kind of experience ("data engineering experience", "hands-on experience"): that is no figure
    ("experience", r"(?<!ing )(?<!hands-on )(?<!practical )\bexperience\b|\bexp\b|\bhow many (?:years|yrs)\b|\b(?:years|yrs) of\b"
                   r"|\b(?:more|fewer|less|most|least)\s+(?:years|yrs)\b|\bhow long\b(?!.*\b(?:program|school|course|degree"
                   r"|take to|training|apprenticeship|certificate|certification|academy|academies|bootcamp|classes"
                   r"|intern(?:ships?)?\b|externships?\b|residenc(?:y|ies)\b))"),
    ("market size", r"\bmarkets?\b.*\b(?:sizes?|values?|worth|big|bigger|biggest|large|larger|largest|reach|billion"
                    r"|figures?|numbers?|projected|projection)\b"
                    r"|\b(?:sizes?|values?|worth|big|bigger|biggest|large|larger|largest|projections?|forecasts?)\b.*\bmarkets?\b"
                    # "devops market now vs 2028": the market at a time is its size (its growth names itself)
                    r"|^(?!.*\bjobs?\s+markets?\b)(?!.*\b(?:salar\w*|pay\w*|earn\w*|wages?|income)\b)"
                    r"(?=.*\bmarkets?\b)(?!.*\b(?:grow|grows|growth|growing|cagr|rate)\b).*\b(?:now|today|(?:19|20)\d\d)\b"),
    ("market growth", r"\bcagr\b"),
    ("openings", r"\bopenings?\b"),
    ("jobs", r"\b(?:how many|number of|total|projected)\s+(?:\w+\s+){0,2}jobs\b|\bjobs\s+(?:are there|in the us|total)"
             # "how many truck drivers are there in the us": a head count of the occupation
             r"|\bhow many\s+(?:[\w-]+\s+){0,3}?[\w-]+s\s+(?:are there|are employed|work in (?:the )?(?:us|u\.s\.|united states))\b"
             r"|\bemployment\b(?!\s+(?:change|growth))|\bemployed\b"
             # "how many ppl work as tree trimmers", "how many people hold these jobs"
             r"|\bhow many (?:people|ppl|persons|workers|folks)\s+(?:\w+\s+)?(?:work|hold|held|do (?:this|that|it))\b"),
    ("job growth", r"\bgrowth\b|\bgrow(?:ing|s)?\b|\boutlook\b|\bprojected\b(?!\s+size)"),
    ("salary", r"\bpa(?:y|id|ys|ying)\b|\bpay(?:check|cheque|slip|packet)s?\b|\bearn|\bhow much\b.*\bmakes?\b|\bmakes?\s*\??$"
               r"|\bwhat (?:do|does|did|can|could|would|will)\b.*\bmake\b(?!\s+(?:it|a|an|the|them|sure|up)\b)"
               r"|\bmakes?\s+(?:the\s+)?(?:most|least|more|less)\b|\btops? out\b|\bsalar|\bcompensation\b|\bcomp\b(?!\.?\s*sci)|\bincome\b|\bwages?\b|\bmoney\b"
               r"|\bcheapest\b|\bexpensive\b|\brich|\braises?\b(?!\s+(?:issues?|concerns?|questions?|awareness|funds|capital))"
               # "how much can they get", "how much do they take home": pay, not time off or things done
               r"|\bhow much (?:more |less |extra )?(?:money )?(?:can|do|does|could|would|will|might)\s+(?:(?!(?:it|take|takes|cost|costs|to)\b)\w+\s+){0,4}?"
               r"(?:get|take home|bring home"
               r"|pull in)\b(?!\s+(?:off|done|out|through|into|in|to|from|for)\b)|\btakes?[- ]home\b"
               # a pay range's ends in plain words: "director floor vs senior floor", "who starts higher"
               r"|(?<!shop )(?<!factory )(?<!production )(?<!sales )(?<!glass )\b(?:floor|ceiling)s?\b"
               r"(?!\s+(?:plans?|space|staff|teams?|crews?|installers?|installation|coverings?|nurses?|managers?|supervisors?"
               r"|workers?|techs?|technicians?|layers?|tiles?|tiling|sanders?)\b)"
               r"|\bstarts?\s+(?:out\s+)?(?:higher|lower|more|less|highest|lowest)\b"
               # "compare the bands", "team lead avg vs devops median": a pay band, a bare average or median
               r"|(?<!level )(?<!tier )(?<!marching )(?<!jazz )(?<!concert )(?<!school )\b(?:pay |salary |wage )?bands?\b"
               r"(?!\s+(?:of|for)\s+(?:experience|exp|years|yrs)\b)(?!\s+(?:directors?|teachers?|instructors?|members?|leaders?)\b)"
               r"|\b(?:median|avg|average)\b(?!(?:\s+[\w-]+)?\s+(?:age|hours?|class|number|size|score|time|length|days?|weeks?"
               r"|months?|years?|yrs|experience|duration|training|programs?|shifts?|cost|costs|tuition|gpa|rating|commute"
               r"|overtime|workweek|caseload|load|patients?|students?|clients?)\b)"),
)
# years someone has, stated: "with 3-7 yrs experience", "having 5+ years", "w/ 4 yrs" ("years" is the first number)
YEARS_HELD_RE = re.compile(r"(?:(?:\b(?:with|have|having|has|had|got|after|at)|\bw/)\s*"
                           r"(?:(?:about|around|over|nearly|roughly|approx\.?|approximately|like)\s+|~\s*)?"
                           # "3 to 7 years in", "5 yrs into the job": years someone is into a career
                           # (into a career, not a span of time: "pay rise over 5 years in seattle" is no such thing)
                           r"|(?<![\d.])(?<!\bover )(?<!\bwithin )(?<!\bnext )(?<!\bfor )(?<!\bin )"
                           r"(?=\d{1,2}(?:\.\d)?(?:\s*(?:[-–]|to)\s*\d{1,2})?\s*\+?\s*(?:years?|yrs?)\s+(?:in|into)"
                           r"(?:\s+(?:the|this|my|a)\s+(?:job|field|role|career|industry|work))?\s*(?:[,—–-]|$)))"
                           r"(?P<years>\d{1,2}(?:\.\d)?)(?:\s*(?:[-–]|to)\s*\d{1,2})?\s*\+?\s*(?:years?|yrs?)\b", re.I)
_COMPARE_RE = re.compile(
    r"\bcompar|\bvs\.?\b|\bversus\b|\bdifference\b|\bdiffer\b|\bdiff\b|\bcontrast\b|\bstack(?:s)? up\b|\bmeasure up\b"
    r"|\b(?:more|less|higher|lower|bigger|smaller|better|worse)\b.*\bthan\b|\bhow much (?:more|less)\b"
    r"|\bor\b.*\bwhich\b|\bwhich\b.*\bor\b|\bmore or less\b|\bsame\b|\bagainst\b|\bby how much\b|\bwhich is (?:more|bigger)"
    r"|(?<!\bon a )(?<!\bthe )\bbeats?\b|\bexceeds?\b"
    r"|\b(?:lands?|falls?|sits?|fits?)\s+(?:inside|within)\s+(?:the\s+)?(?:[\w-]+\s+){0,5}?(?:band|range|bracket|tier)s?\b"
    r"|\bline up (?:against|with)\b|\bhow do (?:they|the two|both|these|those)\s+line up\b"
    r"|\bgap\b|\bhow far (?:behind|ahead)\b|\bfar apart\b|\bbehind\b|\bahead of\b|\bout-?earns?\b|\bout-?paid\b"
    r"|\bhow (?:big|much|large) (?:of )?an? (?:pay )?(?:raise|bump|jump|rise|increase)\b", re.I)  # from one level to the next
_SUPERLATIVE_RE = re.compile(  # "at least 4 hours", "at most two weeks" state a bound, not a superlative
    r"\b(?P<max>(?<!\bat )most|highest|best(?![- ]practices?\b)[- ]?(?:paid|paying)?|(?<!\bon )top(?![- ]?10)|biggest|largest|greatest|max(?:imum)?|richest"
    r"|more|bigger|higher|widest|broadest)\b|\b(?P<min>(?<!\bat )least|lowest|worst[- ]?paid|smallest|fewest|min(?:imum)?|cheapest"
    r"|narrowest|tightest)\b", re.I)
# a superlative asked at both ends: "best and worst paying county", "top and bottom paying parts of the
# uk", "which pays the most and which the least", "lowest and highest apprentice percentage"
_TOP_END = r"(?:most|highest|best|top|biggest|largest|greatest)"
_BOTTOM_END = r"(?:least|lowest|worst|bottom|smallest|fewest)"
_BOTH_ENDS_RE = re.compile(rf"\b{_TOP_END}\b(?:\s+[\w-]+){{0,3}}?\s+(?:and|vs\.?|versus|or|&|/)\s+(?:which\s+|the\s+)*"
                           rf"{_BOTTOM_END}\b|\b{_BOTTOM_END}\b(?:\s+[\w-]+){{0,3}}?\s+(?:and|vs\.?|versus|or|&|/)\s+"
                           rf"(?:which\s+|the\s+)*{_TOP_END}\b", re.I)


def asks_both_ends(question: str) -> bool:
    """A superlative asked at both ends ("best and worst paying county for winemakers"): the top
    and the bottom are both the answer."""
    return bool(_BOTH_ENDS_RE.search(question))


# what a superlative ranks a range by: its bottom ("highest pay floor", "best starting pay"), or its
# width ("widest salary range"); by default the top for "highest" and the bottom for "lowest"
_BY_BOTTOM_RE = re.compile(r"\b(?:floors?|starting|start(?:s|ing)? at|low(?:er)? end|bottom|minimums?|base)\b", re.I)
_BY_WIDTH_RE = re.compile(r"\b(?:widest|broadest|narrowest|tightest|spread)\b|\b(?:biggest|largest|smallest)\s+(?:salary\s+|pay\s+)?"
                          r"(?:range|spread|band)\b"
                          # "the biggest gap between the bottom and top of its range"
                          r"|\b(?:biggest|largest|smallest|widest)\s+(?:gap|difference|distance)\s+between\s+(?:the\s+)?"
                          r"(?:bottom|low|lowest|floor|top|high)", re.I)
_ENUMERATE_RE = re.compile(
    r"\ball\b|\bevery\b|\bboth\b|\beach\b(?!\s+(?:year|month|week|day))|\blist\b|\benumerate\b"
    r"|\bthe (?:two|three|four)\b|\bby level\b|\bsummar|\bwhich roles\b|\bwhat roles\b"
    r"|\bbreak(?:down| down)\b|\boverview of (?:the )?(?:salar|pay)", re.I)
_COLLECTION_RE = re.compile(  # the wh-word is close to the collection noun: "what certifications do the pages cover" is no such question
    r"\b(?:what|which|wat|wht)\s+(?:[\w-]+\s+){0,2}?(?:documents?|docs|files|pages|sources|roles|careers?|jobs|profiles"
    r"|occupations|topics|positions|professions|job titles|knowledge base|collection)\b.*\b(?:have|covered|cover"
    r"|included|include|available|know|in your|in ur|in the docs|tell me about|(?:can|could) i ask (?:you |u )?about|info|information|there|here|hold|got"
    # "which other jobs get their own short page at the end of the guide"
    r"|(?:get|gets|have|has)\s+(?:their|its|a|an)?\s*(?:own\s+)?(?:short\s+|separate\s+)?(?:pages?|sections?|profiles?))\b"
    r"|\bwhat (?:can|could|should) i ask\b|\bwhat do you (?:cover|know about|have)\b|\blist (?:your|the|all)? ?(?:sources|documents|pages|roles)\b"
    r"|^\s*roles covered\b|^\s*(?:your )?sources\b|\bwhat(?:'s| is) in your\b"
    r"|\bdo (?:you|u) (?:have|cover|know)\s+(?:\w+\s+){0,2}?(?:other|more|any)\s+(?:roles|pages|documents|docs|jobs"
    r"|careers|occupations|topics)\b"
    r"|^\W*(?:your\s+)?(?:knowledge base|kb|corpus)(?:\s+contents?)?\b|\btable of contents\b"
    r"|\bcontents of (?:the|your) (?:docs|documents|library|knowledge base)\b"
    # "r there pages on other ai jobs in here", "are there any other roles covered"
    r"|\b(?:are|r|is)\s+there\s+(?:any\s+)?(?:pages|documents|docs|files|profiles)\s+(?:on|about|for)\s+(?:other|more|any)\b"
    r"|\b(?:are|r)\s+there\s+(?:any\s+)?(?:other|more)\s+(?:pages|documents|docs|roles|careers|occupations)"
    r"(?:\s+(?:covered|here|in here|in (?:the|your) (?:docs|documents|guide))\b|\W*$)"
    # "how many job pages have u got" ("how many jobs are there" counts jobs, not pages)
    r"|\bhow many\s+(?:[\w-]+\s+){0,2}?(?:documents?|docs|files|pages|sources|profiles)\s+(?:(?:do|have|did)\s+)?(?:you|u|ya)\b"
    # "how many other job pages are tacked on at the end"
    r"|\bhow many\s+(?:other|more|extra|separate)\s+(?:[\w-]+\s+)?(?:pages|documents|docs|profiles)\b"
    r"(?!\s+(?:do|does|will|would|should)\s+(?:i|you|u|we)\s+need\b|\s+(?:are\s+)?required\b)"
    # "what pages are you pulling your answers from", "which sources do you use"
    r"|\b(?:what|which)\s+(?:[\w-]+\s+){0,2}?(?:documents?|docs|files|pages|sources|websites?|sites)\b.*"
    r"\b(?:from|use|using|based on|rely on|drawing on|read|reading|loaded|uploaded|indexed|search\w*)\b", re.I)
# what a question sets aside: "leaving out the mlops titles, which …", "besides ecommerce and healthcare, which sector …"
_SET_ASIDE_LEAD = (r"\b(?:leaving out|leave out|excluding|exclude|except(?: for)?|other than|besides|apart from"
                   r"|aside from|not counting|ignoring)\s+(?:the\s+|all\s+)?")
EXCLUDED_RE = re.compile(_SET_ASIDE_LEAD + r"([\w/ -]+?)(?=\s*(?:,|\?|$|\b(?:which|what|who)\b))", re.I)
# a level a question negates: "mlops engineer (non-senior)", "not the senior one"
_NEGATED_LEVEL_RE = re.compile(r"\b(?:non[- ]?|not (?:the |a |an )?)(senior|sr|snr|junior|jr|jnr|entry|mid|lead(?!\s+to\b)|principal)\b",
                               re.I)
_LEVEL_SHORTHAND = {"sr": "senior", "snr": "senior", "jr": "junior", "jnr": "junior"}  # "(mid, not sr)"
# what follows "besides" / "other than": one word, or single words joined by "and" / "or" / commas
_SET_ASIDE_RE = re.compile(_SET_ASIDE_LEAD + r"([\w/-]+(?:(?:\s*,\s*[\w/-]+)*,?\s+(?:and|or|&)\s+[\w/-]+)?)", re.I)
# the words that only say what kind of thing a set-aside phrase names ("leaving out the mlops titles")
SET_ASIDE_KIND_WORDS = frozenset("title titles role roles job jobs position positions level levels one ones kind".split())


def negated_levels(question: str) -> tuple[str, ...]:
    """The levels a question negates, lower case: "mlops engineer (non-senior)" -> senior."""
    return tuple(dict.fromkeys(_LEVEL_SHORTHAND.get(m.group(1).lower(), m.group(1).lower())
                               for m in _NEGATED_LEVEL_RE.finditer(question)))


def excluded_words(question: str) -> tuple[str, ...]:
    """The words of what a question sets aside, lower case: an answer that names them is not what is
    asked ("besides ecommerce and healthcare, which sector" -> ecommerce, healthcare; "non-senior")."""
    words = list(negated_levels(question))
    for match in _SET_ASIDE_RE.finditer(question):
        words.extend(w for w in re.findall(r"[\w/-]+", match.group(1)) if w.lower() not in ("and", "or"))
    return tuple(dict.fromkeys(w.lower() for w in words if w.lower() not in SET_ASIDE_KIND_WORDS))


_PLACE_WORDS = re.compile(r"\b(?:states?|cit(?:y|ies)|metros?|metropolitan|regions?|areas?(?!\s+of\b)|countr(?:y|ies)|(?<!-)count(?:y|ies)|provinces?|industr(?:y|ies)"
                          r"|sectors?|employers?|companies|company|settings?|where)\b", re.I)
# "which part of minnesota", "areas of the state": places within a place
_PART_OF_RE = re.compile(r"\b(?:areas?|parts?|corners?)\s+of\s+(?:the\s+)?([a-z]+(?:\s+[a-z]+)?)", re.I)


def _part_of_a_place(question: str) -> bool:
    match = _PART_OF_RE.search(question)
    if not match:
        return False
    words = match.group(1).lower().split()
    return words[0] in ("state", "country", "us", "nation") or any(
        is_state_or_province(" ".join(words[:n])) or is_region(" ".join(words[:n])) for n in (1, 2))  # "parts of the uk"


_JOINED_RE = re.compile(r"\band\b|\+|&|\bplus\b|\bas well as\b", re.I)  # two things asked together
# Figure families that are one kind of thing asked ("hourly pay" is pay; "projected jobs" is jobs).
_KIND_OF = {"salary": "pay", "hourly pay": "pay", "jobs": "jobs", "openings": "jobs", "job growth": "jobs",
            "market size": "market", "market growth": "market", "experience": "time", "training time": "time"}
_ONE_RE = re.compile(r"\bones?\b", re.I)  # "the senior one", "the mlops ones": a noun said before
_FOLLOW_REFERENCE_RE = re.compile(r"\b(?:those|them|these|they|it|that one|this one|that|both|either|of them)\b", re.I)

LEVEL_CLASSES = {  # stems of level words and the class they belong to
    "entri": "entry", "junior": "entry", "beginn": "entry", "start": "entry", "newcom": "entry",
    "mid": "mid", "intermedi": "mid", "middl": "mid",
    "senior": "senior", "experienc": "senior", "veteran": "senior", "season": "senior",
    "apprentic": "entry", "journeyman": "mid", "master": "senior",
}


@dataclass(frozen=True)
class Analysis:
    """What a question asks, before any document is read."""

    intent: str  # "lookup" | "compare" | "superlative" | "enumerate" | "collection"
    attribute: str | None  # family of the figure asked about, if any ("salary", "experience", …)
    direction: str = ""  # "max" | "min" for a superlative
    about_places: bool = False  # "which state / city / industry …": a breakdown, not roles


_SPAN_WORDS_RE = re.compile(r"\b(?:from\s+)?(?:the\s+)?(?:lowest|low|bottom|least|highest|high|top|most)\s+to\s+(?:the\s+)?"
                            r"(?:highest|high|top|most|lowest|low|bottom|least)\b", re.I)


# "skills that'll get me a bigger paycheck", "which certifications boost pay": the things are asked, pay only says which
_PAYING_THINGS = r"(?:skills?|certifications?|certs?|specialt(?:y|ies)|qualifications?)"
_RAISES_PAY = r"(?:'ll\s+|will\s+|can\s+)?(?:gets?|boosts?|bumps?|raises?|increases?|pays?|commands?|earns?|leads?\s+to)\b"
THINGS_THAT_PAY_RE = re.compile(  # a linking word is needed unless "which/what" opens: "certification pay for …" asks pay
    rf"^\W*(?:(?:which|what)\s+(?:(?:all|every|the)\s+)?(?:[\w-]+\s+)?{_PAYING_THINGS}\s+(?:that\s+|which\s+)?"
    rf"|(?:(?:list|name)\s+(?:(?:all|every|the)\s+)?)?(?:[\w-]+\s+)?{_PAYING_THINGS}\s+(?:that|which|to)\s*){_RAISES_PAY}", re.I)


def attributes_asked(question: str) -> list[str]:
    """Every figure family the question names, in the order of ``_ATTRIBUTE_PATTERNS``."""
    return [family for family, pattern in _ATTRIBUTE_PATTERNS if re.search(pattern, question, re.I)]


def _ranked_attribute(question: str, superlative: re.Match) -> str | None:
    """When a superlative question names two figures ("lowest-paying level and the experience it
    needs"), the one the superlative word is attached to is what ranks: the family named within a
    few words of it."""
    asked = attributes_asked(question)
    if len(asked) < 2:
        return None
    near = question[max(0, superlative.start() - 25): superlative.end() + 25]
    return next((family for family in asked if re.search(dict(_ATTRIBUTE_PATTERNS)[family], near, re.I)), None)


def analyse(question: str) -> Analysis:
    """The intent and attribute of a question (its own words; follow-ups are resolved by the caller)."""
    question = _SPAN_WORDS_RE.sub(" ", question)  # "the pay range, lowest to highest" asks for a range, not a winner
    attribute = next((family for family, pattern in _ATTRIBUTE_PATTERNS if re.search(pattern, question, re.I)), None)
    if THINGS_THAT_PAY_RE.search(question):
        attribute = None  # "skills that get you paid more": skills, not a figure
    if attribute == "experience" and YEARS_HELD_RE.search(question) and "salary" in attributes_asked(question):
        attribute = "salary"  # "what does a hygienist with 3-7 yrs experience earn": the years are who, pay is what
    if _COLLECTION_RE.search(question) and not re.search(r"\b(?:pay\w*|paid|salar\w*|earn\w*|skills?|tools?)\b", question, re.I):
        return Analysis("collection", None)
    places = bool(_PLACE_WORDS.search(question)) or _part_of_a_place(question)
    superlative = _SUPERLATIVE_RE.search(question)
    if superlative and not re.search(r"\bthan\b", question, re.I):
        direction = "max" if superlative.group("max") else "min"
        attribute = _ranked_attribute(question, superlative) or attribute
        if attribute is None and _BY_WIDTH_RE.search(question) and re.search(r"\brange\b", question, re.I):
            attribute = "salary"  # "which tier has the biggest gap between the bottom and top of its range"
        if superlative.group("max") in ("more", "bigger", "higher") and not re.search(r"\bwhich\b|\bwho\b", question, re.I):
            pass
        else:
            return Analysis("superlative", attribute, direction, places)
    if _COMPARE_RE.search(question):
        return Analysis("compare", attribute, about_places=places)
    if _ENUMERATE_RE.search(question):
        return Analysis("enumerate", attribute, about_places=places)
    return Analysis("lookup", attribute, about_places=places)


def _comparative_only(question: str) -> bool:
    """"Who earns more, X or Y": the question's only ranking words are comparatives ("more",
    "higher", "bigger"), not superlatives ("most", "top", "lowest")."""
    found = [m.group(0).lower() for m in _SUPERLATIVE_RE.finditer(question)]
    return bool(found) and all(word in ("more", "bigger", "higher") for word in found)
