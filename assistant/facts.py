"""The fact table: every figure in the documents, typed, with what it measures and where it is.

Built with the index from the answer units: a figure ("$200,000 - $250,000+ per year",
"around $140,000", "7+ years", "43.2%", "504,500") becomes a ``FactRecord`` with its subject
(a role or level: the unit's own label, else the nearest heading that names a role, else the
noun phrase it is about, else the page's occupation), its attribute (salary range, median
salary, hourly pay, experience, market size, growth rate, jobs, …), its value as written and
parsed, the scope and year the document states for it, and the offsets of the quoted unit.
Comparisons, superlatives, lists and disagreements between sources are answered from it.
Extraction is generic: labels, headings and phrasings, no strings of one page.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, replace

from .layout import is_glued_value, is_percentile_header
from .places import asked_regions, is_region, is_state_or_province
from .text import singular, singular_man, tokenize
from .types import Chunk, Unit

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_SCALE = r"(?:\s?(?:k|K|m|M|million|billion|bn)\b)?"
_MONEY = rf"[$€£]\s?{_NUM}{_SCALE}\+?"
_MONEY_RANGE_RE = re.compile(
    rf"(?:between\s+(?P<a1>{_MONEY})\s+and\s+(?P<b1>{_MONEY}))"
    rf"|(?:(?:from\s+)?(?P<a2>{_MONEY})\s*(?:-|–|—|to)\s*(?P<b2>(?:[$€£]\s?)?{_NUM}{_SCALE}\+?))"
    rf"|(?P<single>{_MONEY})", re.I)
NUMBER_WORDS = {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
_DURATION_NUM = r"(?:\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS) + ")"
# "7+ years", "3-6 years", "4 to 7 weeks", "three to six weeks", "10 months": how long something takes
_YEARS_RE = re.compile(rf"\b(?P<a>{_DURATION_NUM})\s*(?:(?:-|–|to)\s*(?P<b>{_DURATION_NUM})|(?P<plus>\+))?\s*"
                       r"(?P<unit>years?|yrs?|months?|weeks?)\b", re.I)


def _duration_number(text: str) -> float:
    return float(NUMBER_WORDS.get(text.lower(), text))
_PERCENT_RE = re.compile(rf"(?<![\d.,])(?<![12]\d\d\d[-–])(?P<v>{_NUM})\s?(?:%|percent\b)", re.I)  # not "2023-33 Percent"
_COUNT_RE = re.compile(r"(?<![$€£\d.,])(?P<v>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?k)(?![\d%,])(?!\s*(?:per|an?)\s+(?:year|hour))",
                       re.I)
_YEAR_RE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
_CURRENCY = {"$": "USD", "€": "EUR", "£": "GBP"}

LEVEL_WORDS = ("entry-level", "entry level", "entry", "junior", "mid-level", "mid level", "mid-career", "mid",
               "senior-level", "senior level", "senior", "lead", "principal", "staff", "apprentice", "journeyman",
               "master", "foreman", "intern", "trainee", "experienced", "starting", "beginner")
# Nouns that name a role; plurals are matched too. Suffixes -ist / -ian also count.
ROLE_NOUNS = frozenset(
    """manager engineer director lead head chief specialist consultant analyst developer scientist technician
    hygienist plumber paralegal therapist welder nurse electrician assistant architect administrator officer
    accountant pharmacist designer driver teacher instructor supervisor counselor programmer coordinator
    executive associate practitioner mechanic installer operator inspector estimator contractor worker
    pipefitter steamfitter brazer solderer cutter fabricator auditor actuary advisor adviser representative
    clerk aide technologist owner founder president carpenter roofer mason bricklayer glazier painter plasterer
    ironworker millwright machinist boilermaker lineman cook chef baker butcher cashier server bartender
    housekeeper janitor custodian farmer rancher gardener landscaper logger fisher miner trucker dispatcher
    courier pilot attendant paramedic dentist surgeon physician veterinarian dietitian nutritionist optometrist
    lawyer attorney judge paralegal writer editor reporter journalist photographer translator interpreter
    librarian tutor professor lecturer researcher surveyor planner appraiser broker agent banker teller
    underwriter bookkeeper recruiter steward guard firefighter officer detective sheriff soldier
    trimmer pruner repairer groundskeeper caregiver nanny assembler rigger laborer midwife sonographer
    groomer ranger forester waiter waitress barista sommelier chauffeur sailor deckhand educator
    archivist curator mediator bailiff trooper investigator adjuster realtor superintendent drafter
    cartographer videographer animator illustrator barber upholsterer tailor jeweler locksmith blacksmith
    diver trainer brewer brewmaster distiller winemaker vintner tuner sweep coach lifeguard zookeeper beekeeper
    gamekeeper shopkeeper innkeeper timekeeper doorman handyman fisherman
    farmhand dockworker longshoreman stevedore framer drywaller finisher glassworker tiler
    paperhanger insulator sandblaster steelworker metalworker woodworker
    molder polisher grinder engraver sculptor printmaker bookbinder typesetter dyer weaver knitter seamstress
    stenographer transcriptionist receptionist secretary typist notary arbitrator examiner assessor
    warden jailer deputy marshal constable medic doula phlebotomist
    choreographer dancer singer musician composer actor actress announcer broadcaster copywriter
    blogger novelist author poet storyteller dean
    merchandiser stocker purchaser trader lender
    controller comptroller treasurer statistician economist strategist
    roughneck roustabout driller blaster trapper grower harvester
    messenger postmaster mailman porter bellhop concierge valet usher
    captain navigator boatswain mariner seafarer fitter pipelayer""".split())
# Label words that name what a figure measures, not whom.
_ATTRIBUTE_WORDS = frozenset(
    """salary salaries pay range ranges average median mean experience wage wages growth jobs job openings
    education outlook credits length deadline total hourly annual yearly projected employment percent share
    rate cagr market size top bottom low high lowest highest typical base bonus overtime equivalent starting
    level levels figure figures estimate estimates percentile 10% 90% number change""".split())


@dataclass(frozen=True)
class FactRecord:
    """One figure of the fact table (stored as a JSON line per fact in the index)."""

    fact_id: int
    doc_id: str
    chunk_id: int
    unit_id: int
    subject: str  # as written: "Senior-Level MLOps Manager", "DevOps market", "Dental Hygienist"
    qualifier: str  # which statistic or level: "median", "average", "range", "top 10%", "entry level", ""
    attribute: str  # "salary", "hourly pay", "experience", "market size", "growth rate", "job growth", "jobs", …
    value: str  # the figure as written: "$200,000 - $250,000+"
    low: float | None
    high: float | None  # None for an open-ended "X+"
    unit: str  # "USD", "EUR", "GBP", "years", "months", "weeks", "%", "count"
    period: str  # "year", "hour", ""
    scope: str  # what the document says the figure covers: "US Market, 2024", or ""
    year: int | None  # the year the figure is for, where the document states one
    start: int  # document offsets of the value
    end: int
    unit_start: int  # document offsets of the quoted unit that holds it
    unit_end: int

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> "FactRecord":
        return cls(**data)

    @property
    def midpoint(self) -> float | None:
        if self.low is None:
            return None
        return (self.low + (self.high if self.high is not None else self.low)) / 2

    @property
    def top(self) -> float | None:
        """The highest figure it allows (an open "X+" counts as X)."""
        return self.high if self.high is not None else self.low


def extract_facts(chunks: list[Chunk], units: list[Unit], doc_titles: dict[str, str],
                  doc_years: dict[str, int | None]) -> list[FactRecord]:
    """Every figure in ``units`` (with their ``chunks``), typed. ``doc_titles`` gives each
    document's title (its occupation when nothing closer names the subject); ``doc_years`` the
    year a page says its figures are for, used when nothing closer states one."""
    facts: list[FactRecord] = []
    named_last: FactRecord | None = None  # the last figure whose subject its own words (or page) gave
    for unit in units:
        chunk = chunks[unit.chunk_id]
        context = units[unit.context].text if unit.context >= 0 else ""
        title = doc_titles.get(chunk.doc_id, chunk.title)  # doc_titles may hold occupations (see occupation())
        for value in _values(unit.text):
            fact = _fact(len(facts), unit, chunk, context, value, title, doc_years.get(chunk.doc_id))
            if fact is None:
                continue
            carried = _carried_subject(fact, named_last, unit, title)
            if carried is fact:
                named_last = fact  # a carried subject is not carried on again: one sentence deep
            facts.append(carried)
    return facts


# a sentence that goes on about the figures of the one before: "Employment is projected to grow …",
# "In North Carolina the median was …", "They earned …" (not "Our 2025 graduates …")
_CARRIES_ON_RE = re.compile(r"(?i:employment|jobs?|growth|wages|salaries|they|these|those|the (?:median|average|mean|number"
                            r"|job|jobs|employment|outlook|typical))\b|(?i:in) (?!Our\b)[A-Z][a-z]+")
# a figure of the page's own program or employer, not of the occupation named before it
_OWN_FIGURE_RE = re.compile(r"\b(?:our|we|graduates|apprentices|students|program|programme)\b", re.I)
# "…, while our climbers start at …": the clause before the figure turns to someone else
_CONTRAST_RE = re.compile(r"\b(?:while|whereas|but|compared with|compared to|unlike)\b", re.I)


def _carried_subject(fact: FactRecord, previous: FactRecord | None, unit: Unit, title: str) -> FactRecord:
    """"… the median pay of tree trimmers and pruners at $47,530 a year, and about 58,640 people held
    these jobs. Employment is projected to grow 5.1% …": a figure whose own words name no one, in the
    sentence that named someone (unless the clause turns to someone else: "while our climbers …") or
    in the one right after it when that one goes on about the figures, is about them, not about the
    page's title; the page's own program or employer ("our", "graduates") keeps the title."""
    fallback = role_phrase(title) or title
    fallback = fallback[:1].upper() + fallback[1:]
    if previous is None or fact.subject != fallback or previous.subject == fallback or previous.chunk_id != fact.chunk_id:
        return fact
    between = unit.text[max(0, previous.end - unit.start): fact.start - unit.start] if previous.unit_id == unit.unit_id else ""
    same = previous.unit_id == unit.unit_id and not _CONTRAST_RE.search(between) and not _OWN_FIGURE_RE.search(between)
    next_sentence = (previous.unit_id == unit.unit_id - 1 and unit.kind == "sentence" and _CARRIES_ON_RE.match(unit.text)
                     and not _OWN_FIGURE_RE.search(unit.text) and not is_role_phrase(unit.text))
    return replace(fact, subject=previous.subject) if same or next_sentence else fact


def page_year(text: str) -> int | None:
    """The year a page says its figures are for ("Wage figures are May 2023 estimates", "Data from
    2022", "Updated January 15, 2025"), the first such statement winning."""
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if re.search(r"\b(?:data|figures?|wages?|salar(?:y|ies)|estimates?|updated|as of|statistics|survey)\b",
                     sentence, re.I):
            years = _YEAR_RE.findall(sentence)
            if years:
                return int(years[0])
    return None


# ---------------------------------------------------------------- values

@dataclass(frozen=True)
class _Value:
    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    unit: str
    kind: str  # "money" | "years" | "percent" | "count"


def _values(text: str) -> list[_Value]:
    taken: list[tuple[int, int]] = []
    out: list[_Value] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in _MONEY_RANGE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        if m["single"]:
            low = _amount(m["single"])
            high = low  # "X+" is at least X: the value text keeps the "+"
            start, end = m.start("single"), m.end("single")
            currency = m["single"].strip()[0]
        else:
            a, b = (m["a1"], m["b1"]) if m["a1"] else (m["a2"], m["b2"])
            currency = a.strip()[0]
            if not b.strip()[0] in "$€£":
                b = currency + b.strip()
            low, high = _amount(a), _amount(b)  # "$200,000 - $250,000+": up to 250,000 and beyond
            if high is not None and high < low:  # "$13.2 billion in 2024 to …" mis-read; keep the first
                continue
            start, end = m.start(), m.end()
            if m["a2"]:
                start = m.start("a2")
        out.append(_Value(start, end, text[start:end], low, high, _CURRENCY[currency], "money"))
        taken.append((start, end))
    for m in _YEARS_RE.finditer(text):
        if free(m.start(), m.end()) and not re.match(r"(?:19|20)\d\d$", m["a"]):
            low = _duration_number(m["a"])
            high = _duration_number(m["b"]) if m["b"] else low  # "7+ years" is at least 7: the text keeps the "+"
            unit = {"y": "years", "m": "months", "w": "weeks"}[m["unit"][0].lower()]
            out.append(_Value(m.start(), m.end(), m.group(0), low, high, unit, "years"))
            taken.append((m.start(), m.end()))
    for m in _PERCENT_RE.finditer(text):
        if free(m.start(), m.end()):
            v = float(m["v"].replace(",", ""))
            out.append(_Value(m.start(), m.end(), m.group(0), v, v, "%", "percent"))
            taken.append((m.start(), m.end()))
    for m in _COUNT_RE.finditer(text):
        if free(m.start(), m.end()):
            raw = m["v"].lower()
            v = float(raw[:-1]) * 1000 if raw.endswith("k") else float(raw.replace(",", ""))
            out.append(_Value(m.start(), m.end(), m.group(0), v, v, "count", "count"))
            taken.append((m.start(), m.end()))
    return sorted(out, key=lambda v: v.start)


def _amount(text: str) -> float:
    text = text.strip().lstrip("$€£").strip().rstrip("+").strip()
    scale = 1.0
    for suffix, factor in (("billion", 1e9), ("bn", 1e9), ("million", 1e6), ("k", 1e3), ("m", 1e6)):
        if text.lower().endswith(suffix):
            text, scale = text[: -len(suffix)].strip(), factor
            break
    return float(text.replace(",", "")) * scale


# ---------------------------------------------------------------- what a value measures

_PAY_WORDS_RE = re.compile(r"\b(?:earn\w*|salar\w*|wages?|paid|pays?|income|an hour|per hour|a year|per year)\b", re.I)
_COST_HEADING_RE = re.compile(r"\b(?:costs?|tuition|fees?|expenses|price|prices)\b(?!\s+of\s+living)", re.I)
_DASH_LABEL_VERB_RE = re.compile(r"\b(?:our|we|do|does|did|can|earn|earns|make|makes|pays?|starts?)\b", re.I)
_DASH_CELL_RE = re.compile(r"\s+[—–]\s+(?=[$€£]?\d)")  # a spaced dash before a figure: a row's label and its value


def _fact(fact_id: int, unit: Unit, chunk: Chunk, context: str, value: _Value, title: str,
          page_year_: int | None) -> FactRecord | None:
    text = unit.text
    before = text[max(0, value.start - 60): value.start].lower()
    after = text[value.end: value.end + 40].lower()
    around = f"{before} {after}"
    # a stat card's next label ("Median hourly wage"), or the next "·" part of a line, is another figure's
    after_line = re.split(r"\s[·•|]\s", after.split("\n")[0])[0]
    label = _label(text)
    column = _column_header(text, value, chunk)
    heading = chunk.section[-1].lower() if chunk.section else ""
    cue = label.lower()  # the words that say what the figure measures
    if column:
        cue = f"{cue} {column}"  # a table cell: its column header says what it measures ("Annual job openings")
    period = ""
    if value.kind == "money":
        if re.match(r"\s*(?:(?:per|a|an|/|each)\s*(?:week|wk|month|mo|shift|day)\b|weekly|monthly|daily)", after):
            return None  # "$2,340 a week": pay for another period than the year or the hour
        if (re.search(r"overtime|bonus|tuition|\bcosts?\b|\bfees?\b|\bdues\b|\bprice|\bloan|\bdebt|\bspend|\bsave"
                     r"|\bextra\b|\bpremium|\bdeposit|\bscholarship|\bstipend|\ballowance|\breimburs|\bper diem", around)
                or re.match(r"\s*(?:a year\s+|per year\s+)?toward\b", after) or _is_difference(before, after)
                or re.search(r"(?<![\w+])\+\s?$", before)):
            return None  # a cost, a bonus, an addition ("+$2.00 for Advanced EMT") or a difference, not what someone earns
        if _COST_HEADING_RE.search(f"{_nearest_headings(chunk)} {cue}") and not _PAY_WORDS_RE.search(text):
            # a row of a "Costs for 2025–26" table ("Textbooks  $390"): what a program costs; but "Cost
            # Estimators earned a median of …" under a "Cost Estimator Salary" heading is pay
            return None
        if re.search(r"\bbillion|\bmillion|\bbn\b", value.text, re.I) or "market" in around:
            attribute = "market size"
        elif re.match(r"\s*(?:(?:per|an|a|/)\s*(?:year|yr)\b|annually)", after) and (value.low or 0) >= 1000:
            attribute, period = "salary", "year"  # "$28.02 per hour ($58,290 per year)"
        elif (re.search(r"^\s*(?:per|an|a|/)\s*(?:hour|hr)\b|hourly", after_line)
              or re.search(r"hourly|per hour", before.split("\n")[-1][-25:])
              or (value.low is not None and value.low < 500) or re.search(r"hourly", cue)):
            attribute, period = "hourly pay", "hour"  # nobody's yearly pay is under $500
        else:
            attribute, period = "salary", "year"
    elif value.kind == "years":
        near = before[-35:]  # "… without experience start in our paid Climber School: ten weeks": the school's length
        if re.search(r"\b(?:the|its|their|our)\s+(?:last|past|previous|prior)\s*$", before):
            return None  # "reports from the last 24 months": a look-back window, not how long anything takes
        if (re.search(r"\b(?:school|program|course|academy|apprenticeship)\b", near)
                and "experience" not in near + after[:25]):
            attribute = "training time"
        elif re.search(r"experience", around + " " + cue):
            attribute = "experience"
        elif re.search(r"program|school|degree|course|apprentice|train|study|takes|complete|finish|qualif|length|duration"
                       r"|\blasts?\b", around + " " + cue):
            attribute = "training time"
        else:
            return None
    elif value.kind == "percent":
        if re.match(r"\s*of\b", after):
            return None  # a share ("20% of the score", "72% of paralegals"), not a rate of growth
        if re.search(r"\bcagr\b|compound annual", around):
            attribute = "market growth"
        elif re.search(r"unemploy|\brse\b|standard error|\berror\b", around + " " + cue, re.I):
            return None  # an unemployment rate, or an estimate's relative standard error ("Employment RSE")
        elif re.search(r"grow|growth|projected|outlook|increase|\bemployment|faster|slower|\bchange\b", around + " " + cue):
            attribute = "job growth"
        else:
            return None
    else:  # count
        if _COUNTED_UNIT_RE.match(after) or (column and re.search(r"\bchange\b", column)):
            return None  # "6,400 hours of training", "1,200 students", a "Change, 2022-32" column: not a job count
        if re.search(r"opening|jobs?\s*/\s*year|jobs? (?:per|a|each) year", around + " " + cue):
            attribute = "openings"
        elif re.search(r"\bjobs?\b|employ|workers|positions|\bpeople (?:work|worked|held)\b", f"{around} {cue} {_header(chunk) if column else ''}"):
            # a count under a year column of a table about jobs ("2022" beside "Annual job openings")
            attribute = "jobs"
        else:
            return None
    row = _row_label(text) or _named_in_brackets(text, value)
    percentile = _percentile_column(column)
    if percentile:  # a cell of a pay distribution ("Annual" row, "90%" column): the column says which figure
        qualifier = percentile
    elif row:  # a row of a breakdown ("California", "Dental offices"): the row says whom the figure is for
        qualifier = row
    else:
        pieces = re.split(r"[,;:.]\s|\band\b|\bwhile\b|\bwhereas\b", before)
        clause = pieces[-1]  # "the highest 10 percent earned more than"
        if len(pieces) > 1 and re.fullmatch(r"\s*or(?: about| around| roughly)?\s*", clause):
            clause = pieces[-2] + clause  # "a median wage of $48,260 a year, or $23.20 an hour": the same median
        band = _EXPERIENCE_BAND_RE.search(clause) if value.kind == "money" else None
        # "those with 10 to 19 years reported $82,760": a row of a breakdown by experience, named by its band
        qualifier = band.group(0).strip() if band else _place_in_clause(text, value) or _qualifier(
            [column, clause, before[-30:], _label(text).lower(), heading, before[-60:-30], after[:25]], value.low != value.high)
        if qualifier in _LEVEL_QUALIFIERS and attribute in _NOT_BY_LEVEL:
            qualifier = ""  # "Typical Entry-Level Education" over a growth rate: the whole occupation grows
        card = _ranked_card_place(chunk, unit) if qualifier in ("", "average", "median") else ""
        if card:  # "3. Hawaii — score 83/100" over "Average salary — $98,650": Hawaii's average
            qualifier = card
        own = _label(text)
        if (not qualifier and own and not is_role_phrase(own) and not (set(tokenize(own)) & _ATTRIBUTE_STEMS)
                and not _WHOLE_RE.match(own) and not _CLAUSE_RE.search(own)):
            qualifier = own  # a labelled line: "California: $120,900"
    subject = _subject(text, label, chunk, context, title, attribute, _lead_of(text, value.start),
                       text[value.end: value.end + 80])
    place, rest = _leading_place(subject)
    if place and not row and not percentile and qualifier in ("", "average", "median", "range"):
        # "North Carolina upholsterers earned a median of …": the state's upholsterers, a row of a
        # breakdown by place like the one another page gives in a table, not a kind of upholsterer
        subject, qualifier = rest, place
    subject = subject[:1].upper() + subject[1:]  # "paralegal" and "Paralegal" are one subject
    # a column that names one year ("2032", "Projected Employment, 2033") says which year its figures are for
    column_years = _YEAR_RE.findall(column) if column else []
    column_year = int(column_years[0]) if len(column_years) == 1 else None
    year = column_year or _year_of(text, value, chunk, attribute in ("job growth", "market growth")) or page_year_
    if column_year and (re.search(r"\bproject", column) or _later_column(column_year, chunk, page_year_)):
        qualifier = qualifier or "projected"  # a projection, not today's count
    scope = _scope(chunk)
    offset = unit.start
    return FactRecord(fact_id, chunk.doc_id, chunk.chunk_id, unit.unit_id, subject, qualifier, attribute,
                      value.text.strip(), value.low, value.high, value.unit, period, scope, year,
                      offset + value.start, offset + value.end, unit.start, unit.end)


def _leading_place(subject: str) -> tuple[str, str]:
    """("North Carolina", "upholsterers") of "North Carolina upholsterers"; ("", subject) when the
    role phrase opens with no state or province, or nothing but the place would be left."""
    words = subject.split()
    for n in (3, 2, 1):
        if len(words) > n and is_state_or_province(" ".join(words[:n])):
            rest = " ".join(words[n:])
            # "New York City police officers", "Kansas City welders": the place goes on, no state before workers
            if is_role_phrase(rest) and (words[n][:1].islower() or is_role_word(words[n])):
                return " ".join(words[:n]), rest
    return "", subject


# Years of experience that name whom a pay figure is for: "less than 1 year", "with 10 to 19 years", "5+ years"
_EXPERIENCE_BAND_RE = re.compile(r"\b(?:(?:less than|under|over|more than|at least)\s+\d+|\d+\s*(?:-|–|to)\s*\d+|\d+\+?)"
                                 r"\s+(?:or more\s+)?(?:years?|yrs?)\b(?:\s+of\s+experience)?", re.I)
# A label that is a clause ("Demand is strong: employment is projected …") names no row of a breakdown.
_CLAUSE_RE = re.compile(r"\b(?:is|are|was|were|has|have|will)\b", re.I)
_COUNTED_UNIT_RE = re.compile(r"\s*(?:hours?|hrs?|days?|weeks?|months?|credits?|students?|graduates?|programs?|schools?"
                              r"|courses?|classes|members?|apprentices|reviews?|salaries|responses)\b", re.I)
_ATTRIBUTE_STEMS = frozenset(tokenize(" ".join(_ATTRIBUTE_WORDS)))
# A row for the whole country is the headline figure, not one row of a breakdown.
_WHOLE_RE = re.compile(r"^(?:the\s+)?(?:united states|u\.?s\.?a?\.?|us|usa|national(?:ly)?|nationwide|total|all\b.*|overall)$",
                       re.I)


def _is_difference(before: str, after: str) -> bool:
    """"$10,000 more than juniors", "an extra $5,000": a difference between two figures. A bound
    ("earned more than $105,150", "less than $38,110") is still the figure itself."""
    return bool(re.match(r"^\+?\s*(?:more|less|higher|lower|above|below)\b", after.strip())
                or re.search(r"\b(?:extra|additional|another)\s*$", before))


# A label of words, then two or more figures and nothing else, separated by single spaces.
_FIGURE_CELL_RE = re.compile(r"[$€£]?\d[\d,]*(?:\.\d+)?%?")
_SPACED_ROW_RE = re.compile(r"^([A-Za-z][A-Za-z .,'&()/-]{0,58}[A-Za-z.)])((?:\s+[$€£]?\d[\d,]*(?:\.\d+)?%?){2,})$")


# a qualifier that names a band of years of experience: "less than 1 year", "1 to 4 years", "20 years or
# more", "more than 20 years", "10+ years"; groups: below its number, above it, the number
EXPERIENCE_BAND_LABEL_RE = re.compile(r"(less than |under )?(more than |over |at least )?(\d+)\s*"
                                      r"(?:(?:-|–|to)\s*\d+\s*)?\+?\s*(?:or more\s+)?(?:years?|yrs?)\b", re.I)
_EXPERIENCE_ROW_RE = re.compile(r"(?:less than|under|over|more than)?\s*\d+\s*(?:(?:-|–|to)\s*\d+\s*)?\+?\s*(?:years?|yrs?)"
                                r"(?:\s+(?:of\s+)?experience)?", re.I)


# a line of a card: a short label, a dash or colon, its value ("Average salary — $98,650")
_CARD_LINE_RE = re.compile(r"^[^—–:\n]{2,40}\s[—–]\s\S[^\n]{0,60}$|^[^—–:\n]{2,40}:\s\S[^\n]{0,60}$")
# the title line of a card in a ranking: "3. Hawaii — score 83/100", "#2 Minnesota: …"
_RANKED_LINE_RE = re.compile(r"^\s*(?:#\s*)?\d{1,2}[.)]?\s+(?P<name>[A-Z][\w.' -]*?)\s*(?:[—–:-]|\(|$)")


def _ranked_card_place(chunk: Chunk, unit: Unit) -> str:
    """The place a ranked card is about, when the unit is a line of that card: the nearest line
    above it in the passage that opens with a rank and a state or country; "" when the nearest
    ranked line names no place, or none is near."""
    if not _CARD_LINE_RE.match(unit.text.strip()):
        return ""  # a sentence after a ranked list ("Nationally, the median salary is …") is no card's line
    lines = chunk.text[: max(0, unit.start - chunk.start)].split("\n")
    # the card's title may be the heading the passage sits under ("### 1. Connecticut")
    above = [line for line in lines[-10:] if line.strip()] or list(chunk.section[-1:])
    for line in reversed(above):
        ranked = _RANKED_LINE_RE.match(line)
        if ranked:
            place = ranked.group("name").strip()
            # "1. California: $103,270 (…)" is a row with its own figure, not a card's title
            return place if is_region(place) and not re.search(r"[$€£]\s?\d", line) else ""
        if not _CARD_LINE_RE.match(line.strip()):
            return ""  # prose between: the card (if any) ended above it
    return ""


def _nearest_headings(chunk: Chunk) -> str:
    """The section headings nearest a unit, lower case: a table's header row is the last of them and
    the heading over the table ("Tuition and fees (2025–26)") the one before."""
    return " ".join(chunk.section[-2:]).lower()


def _row_label(text: str) -> str:
    """The label cell of a table row flattened to tabs ("California\t39,300\t…", "3\tDental offices\t…"),
    when it names a part of a breakdown rather than a role, a statistic or the whole country."""
    text = _DOT_LEADER_RE.sub("\t", text)  # "Wholesale trade ........ $58,230" is a row of two cells
    dashed = _DASH_CELL_RE.split(text, maxsplit=1)
    if (len(dashed) == 2 and len(dashed[0].split()) <= 5 and "\n" not in dashed[0]
            and not _CLAUSE_RE.search(dashed[0]) and not _DASH_LABEL_VERB_RE.search(dashed[0])):
        text = dashed[0] + "\t" + dashed[1]  # "Stamford, CT — $29.46 per hour"; not "Our graduates do well — $52,000"
    cells = [c.strip() for c in text.split("\t")]
    spaced = _SPACED_ROW_RE.match(text.strip()) if len(cells) < 2 else None
    if spaced:  # a table flattened with single spaces: "District of Columbia 6,180 $45.12 $93,850"
        cells = [spaced.group(1), *spaced.group(2).split()]
    elif len(cells) < 2 and "\n" not in text.strip():  # columns aligned with spaces: "#1   Rhode Island      $74,830"
        aligned = re.split(r"\s{3,}", text.strip())
        cells = aligned if len(aligned) >= 2 and _FIGURE_CELL_RE.fullmatch(aligned[-1]) else cells
    if len(cells) < 2:
        return ""
    if re.fullmatch(r"#?\d+\.?", cells[0]) and len(cells) >= 3:
        cells = cells[1:]  # a rank column: "3<TAB>Dental offices<TAB>…"
    label = re.sub(r"^(?:#\s*)?\d{1,2}[.)]\s+(?=[A-Z])", "", cells[0])  # "6. Connecticut — $86,410 …": ranked
    if len(label) > 60:
        return ""
    if _EXPERIENCE_ROW_RE.fullmatch(label):
        return label  # "Less than 1 year", "1-4 years", "10+ years": a row of pay by experience
    if not re.match(r"^[A-Za-z]", label) or len(label) > 60 or _WHOLE_RE.match(label):
        return ""
    if is_role_phrase(label) or set(tokenize(label)) & _ATTRIBUTE_STEMS:
        return ""
    return label


def _later_column(year: int, chunk: Chunk, page_year_: int | None) -> bool:
    """Is a year column a projection? When the page says what year its data are for, a later year
    is; otherwise the later of two year columns in a table about projections or change is
    ("Location 2022 2032 Percent change"), and a row of past years (2018, 2020, 2022) is not."""
    if page_year_:
        return year > page_year_
    header = _header(chunk)
    return (any(int(y) < year for y in _YEAR_RE.findall(header))
            and bool(re.search(r"project|change|outlook|openings", header)))


def _header(chunk: Chunk) -> str:
    """The header row a table row sits under (its section), lower-cased."""
    return chunk.section[-1].lower() if chunk.section else ""


def _column_header(text: str, value: _Value, chunk: Chunk) -> str:
    """For a row of a table flattened to tabs, the header of the value's column ("Median" over
    "$60,970"), taken from the header row that heads the row's section."""
    if "\t" not in text or not chunk.section or "\t" not in chunk.section[-1]:
        return ""
    header = chunk.section[-1].split("\t")
    column = text[: value.start].count("\t")
    cells = text.split("\t")
    if len(cells) == len(header) + 1:  # the row's label sits under an empty corner cell the header lost
        column -= 1
    elif len(cells) != len(header):
        return ""
    return header[column].lower() if 0 <= column < len(header) else ""


# Role nouns too general to name an occupation alone ("Plumbers" does, "Technicians" doesn't).
_GENERIC_ROLES = frozenset("""technician assistant manager engineer specialist worker mechanic operator driver consultant
    analyst developer lead director officer clerk aide helper installer repairer associate representative""".split())


# Role nouns that say someone works a trade, not which one: the words before them name the trade
# ("elevator techs", "turbine mechanic").
TRADE_WORKER_NOUNS = frozenset(
    "tech technician worker mechanic installer repairer repairman operator pro servicer".split())
TRADE_WORKER_STEMS = frozenset(t for word in TRADE_WORKER_NOUNS for t in tokenize(word))


def is_trade_worker_noun(word: str) -> bool:
    """ "techs", "repairmen", "installer": a noun for someone working some trade."""
    return singular_man(singular(word.lower())) in TRADE_WORKER_NOUNS


def is_generic_role(word: str) -> bool:
    """A role noun too general to name an occupation alone ("engineers", "technician")."""
    return singular(word.lower()) in _GENERIC_ROLES


def occupation_names(occupation: str) -> list[str]:
    """Short names a question may use for a page's occupation: each role of "Paralegals and Legal
    Assistants", and the last two words of a longer one ("Truck Driver" of "CDL-A Truck Driver")."""
    names = []
    parts = re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+", occupation.strip())
    for part in parts:
        words = part.split()
        if not words or not is_role_phrase(part):
            continue
        if len(parts) > 1 and len(words) == 1 and is_generic_role(words[0]):
            continue  # "Technicians" of "… Mechanics and Technicians" names no occupation of its own
        names.append(part)
        if len(words) >= 3:
            names.append(" ".join(words[-2:]))
    return list(dict.fromkeys(names))


def occupation(title: str, text: str) -> str:
    """What a page is about, for figures nothing closer names: the role its title names, else the
    role phrase its text uses most ("dental hygienist" on a "Dental Hygiene, A.A.S." program page)."""
    phrase = role_phrase(title)
    if phrase:
        return phrase
    counts: dict[str, int] = {}
    alone: set[str] = set()  # role nouns said on their own somewhere ("the ironworkers", "more ironworkers")
    words = re.findall(r"[A-Za-z][\w/-]*", text)
    for i, word in enumerate(words):
        if is_role_word(word):
            before = words[i - 1].lower() if i > 0 else ""
            if before in _STOP or before in _ALONE_BEFORE:
                alone.add(singular(word.lower()))
            lead = before if before not in _STOP else ""
            lead = "" if singular(lead) == singular(word.lower()) else lead  # "Archivist (Archivist II)"
            key = f"{lead} {word.lower()}".strip()
            key = key[:-1] if key.endswith("s") else key
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return _title_plural(title, text) or _title_agent(title, text) or title
    best = max(counts, key=lambda k: (counts[k], len(k)))
    # used three times, or twice with a word of the title ("radiologic technologist" on "Radiologic Technology, A.A.S.")
    # or with its initials there ("flight attendant" on "First-year FA pay at a regional")
    title_words = re.findall(r"[A-Za-z]+", title)
    initials = "".join(w[0] for w in best.split()).upper()  # "FA" in "First-year FA pay" names flight attendants
    shares_title = bool(set(best.split()[:-1]) & {w.lower() for w in title_words}) \
        or len(initials) >= 2 and initials in title_words and initials.lower() not in _STOP
    if counts[best] >= 2 and shares_title:
        return best
    if counts[best] >= 3:  # a role the text names three times, unless the title's own words say whom, in the plural
        return _title_plural(title, text) or best
    heads: Counter[str] = Counter()
    for key, uses in counts.items():
        heads[key.split()[-1]] += uses
    head, uses = heads.most_common(1)[0]
    if uses >= 3 and not is_generic_role(head) and singular(head) in alone:
        # "Journeyman Ironworker", "PEMB ironworker", "more ironworkers": one role noun, said with different words
        # before it and on its own (not "Registered Nurse", "Licensed Practical Nurse", "Nurse Aide": three jobs)
        return _title_plural(title, text) or _title_agent(title, text) or head
    return _title_plural(title, text) or _title_agent(title, text) or title


_TITLE_PLURAL_USES = 3
_AGENT_PLURAL_RE = re.compile(r"\b([a-z]{3,}(?:ers|ors))\b")
_AGENT_STEM = 4  # letters an agent noun shares with the title's word for the work ("brew" of "brewers", "Brewing")
_NOT_AGENTS = frozenset("""career computer customer water order other number member user paper center letter power
    matter corner counter layer answer chapter filter meter winter summer factor sector error color colour labor labour
    major minor motor monitor container server browser printer transfer register cluster""".split())
# what a title names that is no occupation: a place of work or study ("Texas Hospitals", "Public Schools")
_INSTITUTIONS = frozenset("""hospital hospitals school schools college colleges university universities company companies
    clinic clinics center centers centre centres program programs course courses state states county counties city
    cities job jobs career careers""".split())


def _title_agent(title: str, text: str) -> str:
    """The people the page's title names by their work, when no list holds their noun: "brewers" on
    "Brewing & Fermentation Operations Certificate", "divers" on "DIVE CREW WAGE AND RATE SCHEDULE".
    The plural the text uses most (three times at least) whose first letters are a title word's."""
    words = {w.lower() for w in re.findall(r"[A-Za-z]{4,}", title)}
    stems = {w[:_AGENT_STEM] for w in words}
    # the title's word for the work, not the noun itself ("Careers" names no careerist); no everyday -er noun
    counts = Counter(m for m in _AGENT_PLURAL_RE.findall(text.lower())
                     if m[:_AGENT_STEM] in stems and m not in words and m[:-1] not in _NOT_AGENTS)
    if not counts:
        return ""
    noun, uses = counts.most_common(1)[0]
    return noun[:-1] if uses >= _TITLE_PLURAL_USES else ""


def _title_plural(title: str, text: str) -> str:
    """Words of the title that the text says, in the plural, again and again: the occupation of a
    page whose role noun no list holds ("Master Farrier Career Guide" and "master farriers shoe …").
    Two or three words, the longest such; a field ("dental hygiene") has no plural, and a place of
    work ("Texas Hospital Jobs") is no occupation."""
    words = re.findall(r"[A-Za-z][\w'-]*", title)
    lowered = text.lower()
    best = ""
    for n in (3, 2):
        for i in range(len(words) - n + 1):
            phrase = [w.lower() for w in words[i: i + n]]
            if any(w in _STOP or w in _ATTRIBUTE_WORDS for w in phrase) or phrase[-1] in _INSTITUTIONS:
                continue
            head = phrase[-1] if phrase[-1].endswith("s") else phrase[-1] + "s"
            plural = " ".join(phrase[:-1] + [head])
            if len(re.findall(rf"\b{re.escape(plural)}\b", lowered)) >= _TITLE_PLURAL_USES:
                last = words[i + n - 1] if phrase[-1].endswith("ss") else re.sub(r"[sS]$", "", words[i + n - 1])
                best = best or " ".join(words[i: i + n - 1] + [last])
        if best:
            return best
    return ""


def _label(text: str) -> str:
    """The label of "Label: …" / "Label<TAB>…" or of a stat card's second line."""
    match = re.match(r"^([^:\t\n]{2,60}?)(?::\s|\t)", _DOT_LEADER_RE.sub("\t", text))
    if match:
        return match.group(1).strip()
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    glued = _GLUED_LABEL_RE.match(lines[0]) if lines and is_glued_value(lines[0]) else None
    if glued:  # "San Jose, CA$82,360", "Entry Level$37,690" / "10th percentile": the words before the figure
        return glued.group(1).strip()
    if len(lines) == 2:  # "$59,880" / "Median salary" or "Time to qualify" / "4 to 5 years"
        return lines[1] if re.match(r"^[$€£\d]", lines[0]) else lines[0]
    return ""


_DOT_LEADER_RE = re.compile(r"\s*\.{4,}\s*")
_GLUED_LABEL_RE = re.compile(r"^([A-Za-z][^\t\n:$€£%]{0,60}?[A-Za-z)])[+−–-]?[$€£]?\d")

_QUALIFIERS = (
    ("median", r"\bmedian\b"), ("average", r"(?<!than )(?<!above )(?<!below )\baverage\b|\bmean\b|\bavg\b"),
    ("bottom 10%", r"\bbottom 10(?:%| percent)|\b10th percentile|\blow \(10%\)|\blowest[- ](?:paid )?10"),
    ("top 10%", r"\btop 10(?:%| percent)|\b90th|\bhigh \(90%\)|\bhighest[- ](?:paid )?10"),
    ("25th percentile", r"\b25th percentile|\b(?:bottom|(?:lowest|least|worst)(?:[- ]paid)?) 25(?:%| percent)"),
    ("75th percentile", r"\b75th percentile|\b(?:top|(?:highest|best)(?:[- ]paid)?) 25(?:%| percent)"),
    ("entry level", r"\bentry[- ]level\b|\bentry\b|\bstarting\b|\bjunior\b|\bbeginner"),
    ("senior", r"\bsenior\b|\bexperienced\b|\blate[- ]career"), ("mid level", r"\bmid[- ]?(?:level|career)\b|\bmid\b"),
    ("new jobs", r"\bnew (?:jobs|positions)\b|\bemployment change\b"),  # "about 7,900 new jobs": a change, not how many jobs there are
    ("range", r"\brange\b|\branging\b|\bbetween\b(?!\s+(?:19|20)\d\d\b)"),  # "grow 14.2% between 2022 and 2032" is no range
)


_LEVEL_QUALIFIERS = frozenset({"entry level", "senior", "mid level"})
# figures of a whole occupation or market, never of one level of it
_NOT_BY_LEVEL = frozenset({"job growth", "market growth", "market size", "jobs", "openings"})


def _named_in_brackets(text: str, value: _Value) -> str:
    """"… were in Alabama ($46,980), Mississippi ($47,520) …": a figure in brackets right after a
    name is that name's figure, a row of a breakdown written as a sentence."""
    if not re.match(r"\s*\)", text[value.end:]):
        return ""
    name = re.search(r"\b([A-Z][\w.'-]*(?:[ -](?:of |and )?[A-Z][\w.'-]*){0,3})\s*\(\s*$", text[: value.start])
    if not name or is_role_phrase(name.group(1)) or _WHOLE_RE.match(name.group(1)):
        return ""
    return name.group(1)


def _place_in_clause(text: str, value: _Value) -> str:
    """"The lowest state median was in Mississippi, at $32,470 a year": a figure its own sentence
    places in one state or country is that place's figure, not the page's median."""
    sentence = re.split(r"(?<=[.!?;])\s+|\n", text[: value.start])[-1]
    places = asked_regions(sentence)  # after "in", "across", "from": "Most reported …" names no place
    if not places:
        return ""
    named = re.search(re.escape(places[-1]), sentence, re.I)
    return named.group(0) if named else places[-1]


def _percentile_column(column: str) -> str:
    """The qualifier a pay-distribution column header names ("90%" is the top 10%), or ""."""
    if not column or not is_percentile_header([column, "10%", "90%"]):
        return ""
    number = re.match(r"\d+", column)
    if not number:
        return _qualifier([column], False)  # "median", "mean"
    n = number.group(0)
    ordinal = "th" if n.endswith(("11", "12", "13")) else {"1": "st", "2": "nd", "3": "rd"}.get(n[-1], "th")
    return {"10": "bottom 10%", "90": "top 10%", "50": "median"}.get(n, f"{n}{ordinal} percentile")


def _qualifier(places: list[str], is_range: bool) -> str:
    """The statistic or level a figure is, from the words nearest to it first."""
    for near in places:
        for name, pattern in _QUALIFIERS:
            if re.search(pattern, near):
                return name
    return "range" if is_range else ""


def is_role_phrase(text: str) -> bool:
    """Does the text name a role ("Senior MLOps Engineer", "DevOps Managers", "Dental Hygienist")?"""
    words = re.findall(r"[A-Za-z][A-Za-z/-]*", text.lower())
    return any(is_role_word(w) for w in words)


def is_role_word(word: str) -> bool:
    """A role noun ("manager", "technicians", "hygienist"), as the fact table and question analysis read one."""
    word = word.lower()
    base = word[:-1] if word.endswith("s") and word[:-1] in ROLE_NOUNS else word
    if singular_man(base) in ROLE_NOUNS:
        base = singular_man(base)  # "linemen"
    elif base.endswith(("worker", "workers")) and len(base.rstrip("s")) > 8:
        base = "worker"  # "lineworkers", "caseworker"
    single = word[:-1] if word.endswith("ists") or word.endswith("icians") else word  # "phlebotomists"
    return base in ROLE_NOUNS or (len(single) > 5 and single.endswith(("ist", "ician")) and not single.endswith("sist"))


_STOP = frozenset("""by for in per with to than vs versus how what which who is are do does did much many
    make makes earn become the a an and or your our my their when where why should can could
    that show shows showed say says said report reports reported find finds found""".split())


def role_phrase(text: str) -> str:
    """The role named in a heading or label, without the attribute words around it:
    "Dental hygienist pay by level" -> "Dental hygienist"; "Mid-Level MLOps Manager" unchanged. A table
    row's header is read cell by cell: "Tower (city, state)\tLevel\tLocality\tControllers" -> "Controllers"."""
    if "\t" in text:
        return next((phrase for cell in reversed(text.split("\t")) if (phrase := role_phrase(cell))), "")
    aside_left_out = _ASIDE_RE.sub(" ", text)
    if aside_left_out != text:
        phrase = role_phrase(aside_left_out)
        if phrase:
            return phrase  # "Processing Archivist (Archivist I)": the role, not the grade in brackets
    words = text.split()
    last = max((i for i, w in enumerate(words) if is_role_word(re.sub(r"[^\w/-]", "", w))), default=None)
    if last is None:
        return ""
    first = last
    while first > 0:
        w = re.sub(r"[^\w/-]", "", words[first - 1]).lower() or ("&" if words[first - 1] == "&" else "")
        if w in ("and", "or", "&") and first >= 2 and is_role_word(re.sub(r"[^\w/-]", "", words[first - 2])):
            first -= 2  # "Plumbers, Pipefitters, and Steamfitters"
            continue
        if (w in ("and", "&") and first >= 2 and words[first][:1].isupper() and words[first - 2][:1].isupper()
                and re.sub(r"[^\w/-]", "", words[first - 2]).lower() not in _ATTRIBUTE_WORDS | _STOP):
            first -= 2  # "Aircraft and Avionics Equipment Mechanics": two kinds sharing the role noun
            continue
        if not w or w == "&" or w in _ATTRIBUTE_WORDS or w in _STOP or w in _TIME_WORDS or not re.search(r"[a-z]", w):
            break  # "25-07" or "--" of "WAGE SHEET 25-07 -- PIANO TECHNICIAN SERIES" parts a label from the role
        first -= 1
    opened = next((i for i in range(first + 1, last + 1) if "(" in words[i] and ")" not in words[i]), None)
    if opened is not None:  # "GC IV (Lead, Laboratory)": a role named only inside brackets keeps them whole
        closing = next((i for i in range(last, min(len(words), last + 5)) if ")" in words[i]), None)
        if closing is not None:
            return " ".join(words[first: closing + 1]).strip(" :,-–?!.")
    while first < last and re.sub(r"[^\w]", "", words[first]).lower() in _STOP | {"of"}:
        first += 1  # "Years of Service Manager": the words before "of" were cut, so is "of"
    phrase = " ".join(words[first: last + 1]).strip(" :,-–?!.(")
    # "Director of MLOps": a role noun followed by "of X"
    tail = words[last + 1: last + 5]
    if len(tail) >= 2 and tail[0].lower() == "of" and tail[1][:1].isupper():
        named = [tail[1]]  # "Head of Special Collections": the capitalised words after "of"
        for word in tail[2:]:
            bare = re.sub(r"[^\w/-]", "", word).lower()
            if (not word[:1].isupper() or named[-1][-1:] in ",.;:" or bare in _ATTRIBUTE_WORDS or bare in _STOP
                    or bare in _PAGE_WORDS or re.fullmatch(r"[A-Z]{2}", word)):
                break  # not "Director of MLOps Salary Range", "Director of Engineering Careers", "… Boston MA"
            named.append(word)
        phrase += " of " + " ".join(named).strip(" :,.;")
    return phrase


# what a page or heading says about a role, after its name: "Director of Engineering Careers"
_PAGE_WORDS = frozenset("compensation careers career guide description profile overview outlook jobs".split())
# "First year ironworker": how long someone has worked is no part of the role's name
_TIME_WORDS = frozenset("year years yr yrs month months".split())
_ASIDE_RE = re.compile(r"\s*\([^()]*\)")


# "the median pay for phlebotomists at", "wages of dental hygienists were": the role a figure's clause is about
_ROLE_AFTER_FOR_RE = re.compile(r"\b(?:for|of)\s+(?!(?:these|those|such|this|that|our|their|its|all|the)\b)"
                                r"((?:[A-Za-z][\w/-]*\s+){0,4}[A-Za-z][\w/-]*)\s+(?:at|was|were|is|are|of|reached|stood)\s*$")


# "electrical power-line installers and repairers nationwide earned a median of": who the clause says earned it
_ROLE_EARNED_RE = re.compile(r"((?:[A-Za-z][\w/-]*\s+){0,4}[A-Za-z][\w/-]*)\s+(?:\w+ly\s+|nationwide\s+|overall\s+)?"
                             r"(?:earned|earn|earns|made|make|makes|were paid|are paid|took home|take home)\s+"
                             r"(?:a|an|the)?\s*(?:median|average|mean|typical)?[^.;$€£]{0,40}$", re.I)


_QUANTIFIERS = frozenset("most many all some these those the top about nearly half other such both every each".split())
# words before a role noun that leave it said on its own ("more ironworkers", "other ironworkers")
_ALONE_BEFORE = _QUANTIFIERS | {"more", "few", "fewer"}


def _drop_quantifiers(words: list[str]) -> list[str]:
    while words and words[0].lower() in _QUANTIFIERS:
        words = words[1:]
    return words


def _same_heads(one: str, other: str) -> bool:
    """Do two role phrases end in the same role noun ("Dental hygienists", "Entry-level dental hygienist")?"""
    return singular(one.split()[-1].lower()) == singular(other.split()[-1].lower())


# a relative clause about people between them and their verb: "Bakers, who make breads, cakes and pastries, earned"
# (not one about a place: "In Ohio, which pays above average, pastry chefs earned")
_RELATIVE_CLAUSE_RE = re.compile(r",\s+(?:who|whose)\b[^;.]*?,(?=\s+(?:earned|earn|earns|made|make|makes|held|hold|holds"
                                 r"|are|were|is|was|had|have|has|took|take|takes|received|get|gets|got)\b)")


def _lead_of(text: str, at: int) -> str:
    """The 80 characters before a figure, where its subject and verb are; a relative clause in the
    figure's sentence is left out, so the subject it separates from the verb stays near."""
    sentence = re.split(r"(?<=[.!?;])\s+|\n", text[:at])[-1]
    if _RELATIVE_CLAUSE_RE.search(sentence):
        return _RELATIVE_CLAUSE_RE.sub("", sentence)[-80:]
    return text[max(0, at - 80): at]


# "139,100 aircraft and avionics mechanic jobs": the workers a head count is of, named after it
_JOBS_OF_RE = re.compile(r"^\s+((?:[A-Za-z][\w/-]*,?\s+){1,6}?)(?:jobs|positions)\b")


def _subject(text: str, label: str, chunk: Chunk, context: str, title: str, attribute: str, before: str = "",
             after: str = "") -> str:
    if label and is_role_phrase(label) and len(label.split()) <= 7:
        return role_phrase(label) or label
    counted = _JOBS_OF_RE.match(after) if attribute == "jobs" else None
    words = _drop_quantifiers(counted.group(1).split()) if counted else []
    if words and not {"for", "of"} & {w.lower() for w in words} and is_role_phrase(" ".join(words)):
        return " ".join(words).rstrip(",")
    if attribute in ("market size", "market growth"):
        match = re.search(r"((?:[\w/-]+\s+){1,4})market\b", text)
        if match:
            words = match.group(1).split()
            while words and words[0].lower() in _STOP | {"of", "on", "at", "s"}:
                words.pop(0)
            kept = []
            for word in reversed(words):  # back to the first word that isn't part of the name
                if word.lower() in _STOP or word.endswith((",", ".", ";", ":")):
                    break
                kept.insert(0, word)
            if kept:
                return " ".join(kept) + " market"
    said = _ROLE_EARNED_RE.search(before)
    clause = role_phrase(said.group(1)) if said and is_role_phrase(said.group(1)) else ""
    clause = " ".join(_drop_quantifiers(clause.split()))  # "Most workers" names no one; "all plumbers" are plumbers
    if len(clause.split()) == 1 and is_generic_role(clause):
        clause = ""
    for heading in reversed(chunk.section):
        phrase = role_phrase(heading)
        if phrase:
            if clause and len(clause.split()) >= 2 and not _same_heads(clause, phrase):
                return clause  # "… power-line installers nationwide earned a median of $84,190" under "… lineman"
            return phrase
    if clause and not (len(clause.split()) == 1 and is_generic_role(clause)):
        return clause
    named = _ROLE_AFTER_FOR_RE.search(before)
    phrase = role_phrase(named.group(1)) if named and is_role_phrase(named.group(1)) else ""
    if phrase and not (len(phrase.split()) == 1 and is_generic_role(phrase)):
        own = role_phrase(title)
        head = singular(phrase.split()[-1].lower())
        if own and set(tokenize(phrase)) < set(tokenize(own)) and head in {singular(w.lower()) for w in own.split()}:
            # "… of tractor-trailer truck drivers was" on the "Heavy and Tractor-trailer Truck Drivers" page;
            # not "… for solar photovoltaic installers was" on a "Solar Photovoltaic Installation Technician" page
            return own
        return phrase  # "… put the median pay for phlebotomists at $41,390" on a program page
    if context:
        context_label = _label(context) or context
        if is_role_phrase(context_label) and len(context_label.split()) <= 7:
            return role_phrase(context_label) or context_label
    return role_phrase(title) or title


_PERIOD_END_RE = re.compile(r"(?:\b(?:19|20)\d\d\s*[-–]\s*|\b(?:19|20)\d\d\s+(?:to|through)\s+)$")


def _year_of(text: str, value: _Value, chunk: Chunk, projection: bool = False) -> int | None:
    """The year a figure is for: stated in its unit (nearest to the value), else in its headings.
    ``projection``: a growth figure's period ends when the projection does ("2024–2034: 11.8%" is 2024 data)."""
    following = re.match(r"\s*(?:in|by|for|of|\()\s*(?:may\s+)?(19[5-9]\d|20[0-4]\d)\b", text[value.end:], re.I)
    if following:  # "$81.1 billion by 2028", "$61,550 in May 2023"
        return int(following.group(1))
    # the end of a period ("2024–2034", "from 2023 to 2033") is when a projection ends, not the figures' year
    years = [(min(abs(m.start() - value.end), abs(m.end() - value.start)), int(m.group(1)))
             for m in _YEAR_RE.finditer(text) if not (value.start <= m.start() < value.end)
             and not (projection and _PERIOD_END_RE.search(text[max(0, m.start() - 12): m.start()]))]
    if years:
        return min(years)[1]
    for heading in reversed(chunk.section):
        found = _YEAR_RE.findall(heading)
        if found:
            return int(found[-1])
    return None


def _scope(chunk: Chunk) -> str:
    for heading in reversed(chunk.section):
        match = re.search(r"\(([^()]*(?:market|\b(?:19|20)\d\d\b|U\.?S\.?|national)[^()]*)\)", heading, re.I)
        if match:
            return match.group(1).strip()
    return ""


def subject_tokens(subject: str) -> frozenset[str]:
    return frozenset(tokenize(subject))
