"""The one tokenizer and sentence splitter shared by indexing, querying and answer scoring.

Tokens keep what people ask about: "ci/cd", "c++", "$120,000", "43.2%", "3-7", "7+".
Words are lower-cased and Snowball-stemmed so "salaries" meets "salary".
"""
from __future__ import annotations

import functools
import re
import unicodedata

import snowballstemmer

# Order matters: the first alternative that matches at a position wins.
_TOKEN_RE = re.compile(
    r"""
    \$\d+(?:,\d{3})*(?:\.\d+)?\+?                              # money: $120,000  $13.2  $250,000+
  | \d+(?:\.\d+)?%                                         # percentages: 43.2%
  | \d{1,2}:\d\d(?!\d)                                       # times of day: 5:15
  | \d+(?:[.,]\d+)*(?:\s?[-–]\s?\d+(?:[.,]\d+)*)?\+?          # numbers, ranges, open ranges: 2024  3-7  7+
  | [^\W\d_](?:[^\W_]|[+#](?![^\W_])|[/&.](?=[^\W_]))*[+#]*   # words: ci/cd  c++  c#  ph.d  ai/ml  node.js
    """,
    re.VERBOSE,
)

# Function words and question scaffolding; they carry no topic.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers him his how i if in into is
    it its itself just me more most my no nor not now of off on once only or other our
    out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your yours i'm it's what's there's
    tell know like please get much many ever really kind sort make makes
    become becomes becoming need needs needed want wants someone anyone people person thing things level
    main mention mentioned mean means come comes look looks list listed one ones first kind kinds get
    getting keep tell good well still e.g i.e etc s t d ll re ve th nd rd going gonna
    anything something everything nothing anyone everyone anybody somebody
    dont doesnt didnt isnt arent wasnt werent cant couldnt wouldnt shouldnt wont havent hasnt hadnt youre theyre
    youve theyve weve ive youd theyd thats theres heres
    u ur r ppl ya pls plz thx im abt bc cuz tho btw idk w lvl wanna gotta
    whats wats wat wht hows whos wheres whens ok okay b4""".split()  # chat shorthand
)

# Career vocabulary people use for words the documents spell differently. Applied on both
# sides (documents and questions share this tokenizer), like a search engine's synonym file.
SYNONYMS = {
    "pay": "salary", "paid": "salary", "earn": "salary", "earning": "salary", "earnings": "salary",
    "compensation": "salary", "income": "salary", "wage": "salary", "wages": "salary",
    "paycheck": "salary", "paychecks": "salary", "paycheque": "salary", "paycheques": "salary", "payslip": "salary", "payslips": "salary",
    "newcomer": "entry", "beginner": "entry", "starter": "entry", "fresher": "entry", "starting": "entry",
    "novice": "entry", "newbie": "entry", "rookie": "entry", "trainee": "entry",
    "seasoned": "senior", "veteran": "senior",
    "phd": "ph.d", "doctorate": "ph.d", "maths": "mathematics", "math": "mathematics",
    "k8s": "kubernetes", "duties": "responsibilities", "duty": "responsibilities",
    "avg": "average", "tech": "technician", "techs": "technician", "technologist": "technician", "technologists": "technician",
    "vet": "veterinary", "rad": "radiologic", "xray": "ray", "ladder": "progression", "daily": "day", "everyday": "day", "qualification": "requirements", "qualifications": "requirements", "quals": "requirements", "qualify": "requirements",
    "percentile": "percent", "percentiles": "percent",
    "cert": "certification", "certs": "certification",
    "mgr": "manager", "mgrs": "manager", "mngr": "manager", "engr": "engineer", "sw": "software",
    "plane": "aircraft", "planes": "aircraft", "airplane": "aircraft", "airplanes": "aircraft",
    "yr": "year", "yrs": "year", "hrs": "hour", "req": "requirements", "reqs": "requirements", "exp": "experience",
    "infra": "infrastructure", "golang": "go", "ballpark": "estimate", "worst": "lowest",
    "smaller": "small", "enterprise": "company", "enterprises": "company", "equipment": "tools",
    # chat shorthand for a content word ("ml eng manager avg comp", "big corps", "yrs xp", "e2e")
    "comp": "salary", "sal": "salary", "corp": "company", "corps": "company", "mgmt": "management",
    "mgt": "management", "xp": "experience", "yoe": "experience", "e2e": "end", "sr": "senior", "snr": "senior",
    "jr": "junior", "jnr": "junior", "eng": "engineer", "engg": "engineer", "dept": "department",
    "org": "organization", "orgs": "organization", "biz": "business", "uni": "university", "grad": "graduate",
    "grads": "graduate", "info": "information", "lang": "language", "langs": "language", "diff": "difference",
    "pct": "percent", "hrly": "hourly", "asst": "assistant", "assts": "assistant", "wk": "week", "wks": "week", "dev": "developer", "devs": "developer",
    "admin": "administration", "prog": "program", "approx": "approximately", "ppl": "people", "ppls": "people",
    "sector": "industry", "sectors": "industry", "rung": "level", "rungs": "level",
    # everyday words for what the documents call challenges and failures
    "problem": "challenge", "problems": "challenge", "headache": "challenge", "headaches": "challenge",
    "hurdle": "challenge", "hurdles": "challenge", "obstacle": "challenge", "obstacles": "challenge",
    "difficulty": "challenge", "difficulties": "challenge", "outage": "failure", "outages": "failure",
    "downtime": "failure", "fast": "quick", "faster": "quicker", "fastest": "quickest",
    # plain words for a statistic or a skill the documents name formally
    "midpoint": "median", "coding": "programming",
    "boss": "manager", "bosses": "manager", "mkt": "market", "mkts": "market", "lever": "factor", "levers": "factor",
    "intro": "overview", "introduction": "overview", "appetite": "demand",
    # plain words for what the documents say formally ("cloud bills", "forecasting", "data wrangling")
    "bill": "cost", "bills": "cost", "forecast": "predict", "forecasting": "predict", "forecasts": "predict",
    "wrangling": "manipulation", "wrangle": "manipulation",
    "payoff": "benefit", "payoffs": "benefit",
    # a class series' Roman numerals as the numbers people type ("dietitian 2" for "Dietitian II")
    "ii": "2", "iii": "3",
}

_stemmer = snowballstemmer.stemmer("english")


@functools.lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    """The word's stem, mapped to its synonym's: "pays" and "earns" meet "salary" as "pay" does.
    Only the words in ``_INFLECTED`` map by their stem: "seasonal" shares a stem with "seasoned"
    and "doctors" with "doctorate", and neither means what they do."""
    if word in _CANONICAL:
        return _CANONICAL[word]
    word = singular_man(word)  # "linemen", "journeymen", "tradesmen": one stem with the singular
    stem = _stemmer.stemWord(word)
    return _INFLECTED.get(stem, stem)


# Words ending in "men" that are no plural of a "-man" word.
_SINGULAR_MEN = frozenset("specimen abdomen regimen acumen albumen stamen bitumen cerumen lumen foramen rumen".split())


def singular_man(word: str) -> str:
    """A lower-case "-men" plural as its "-man" singular ("linemen" -> "lineman"); other words unchanged."""
    return word[:-3] + "man" if word.endswith("men") and len(word) > 5 and word not in _SINGULAR_MEN else word


def singular(word: str) -> str:
    """A noun without a plural "s" ("mechanics" -> "mechanic"; "business", "ops" unchanged). Not stemmed."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word
_CANONICAL = {word: _stemmer.stemWord(target) for word, target in SYNONYMS.items()}
_CANONICAL.update({_stemmer.stemWord(word): _stemmer.stemWord(target) for word, target in SYNONYMS.items()})
# Synonyms whose inflected forms mean the same ("pays", "paying", "earns", "earned", "techs").
_INFLECTED = {_stemmer.stemWord(word): _CANONICAL[word] for word in ("pay", "earn", "tech", "wage")}


def normalize(text: str) -> str:
    """NFKC-normalise, unify dashes and quotes, drop control characters."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_PUNCT_MAP)
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


_PUNCT_MAP = str.maketrans({"–": "-", "—": "-", "‑": "-", "−": "-", "’": "'", "‘": "'", "“": '"', "”": '"'})


# Phrases people use for a level the documents name in one word ("a brand-new mlops manager"), and
# everyday phrases for what career pages call otherwise ("people" alone is a stop word).
_PHRASES = {"brand new": "entry", "just starting out": "entry", "fresh out of school": "entry",
            "people skills": "soft skills", "hot skills": "high-demand skills", "halfway point": "median",
            "pain point": "challenge", "pain points": "challenges"}
_PHRASE_RE = re.compile(r"\bbrand[\s-]+new\b|\bjust starting out\b|\bfresh out of school\b|\bpeople[\s-]+skills\b"
                        r"|\bhot[\s-]+skills\b|\bhalfway[\s-]+point\b|\bpain[\s-]+points?\b")


def raw_tokens(text: str) -> list[str]:
    """Lower-cased surface tokens, before stop-word removal and stemming."""
    text = _PHRASE_RE.sub(lambda m: _PHRASES[re.sub(r"[\s-]+", " ", m.group(0))], normalize(text).lower())
    out = []
    for match in _TOKEN_RE.finditer(text):
        token = re.sub(r"\s+", "", match.group(0)).rstrip(".")
        if token:
            out.append(token)
    return out


_SHORT = 300  # texts up to this length (questions, headings, units) are tokenized once and remembered


# a class series' first grade ("Perfusionist I (board eligible)", "Level I and Level II"), which people
# type as "perfusionist 1"; not the pronoun ("Then I", "can I apply")
_GRADE_ONE_RE = re.compile(r"\b([A-Z][a-z]{3,}) I(?=[ \t]*(?:$|[()\[\],/;:.\t|–-]|and\b|or\b))", re.M)
_BEFORE_PRONOUN = frozenset("Then When Once What Where Here There Also Maybe Sometimes Today Because Since While Until".split())


def _grade_one(match: re.Match) -> str:
    return match.group(0) if match.group(1) in _BEFORE_PRONOUN else match.group(1) + " 1"


def tokenize(text: str) -> list[str]:
    """Index/query tokens: stop words dropped, words stemmed, compounds also split.

    "ci/cd" yields "ci/cd", "ci", "cd" so both the compound and its parts match;
    hyphenated words were already split by the token pattern ("mid-level" -> "mid", "level").
    A question's words and a passage's headings are tokenized many times per answer: short
    texts come from a cache (a fresh list each time, so callers may change it).
    """
    if len(text) <= _SHORT:
        return list(_tokenize_short(text))
    return _tokenize(text)


@functools.lru_cache(maxsize=32768)
def _tokenize_short(text: str) -> tuple[str, ...]:
    return tuple(_tokenize(text))


def _tokenize(text: str) -> list[str]:
    out: list[str] = []
    text = _ORDINAL_RE.sub(lambda m: _ORDINALS[m.group(1).lower()] + m.group(2), text)
    text = _GRADE_ONE_RE.sub(_grade_one, text)
    tokens = raw_tokens(_COMP_SCI_RE.sub("computer science", text))
    language_r = "r" in tokens and _LANGUAGE_R_RE.search(text) is not None
    for i, token in enumerate(tokens):
        if token in STOPWORDS and not (token == "r" and language_r):
            continue  # chat's "r u" is filler; a capital "R" next to its peers is the language
        if token == "go" and verb_go(tokens, i):
            continue  # "how high does it go", "go up to": the verb, not the Go language
        if token[0].isalpha():
            if "/" in token:
                out.append(token)
                out.extend(_stem(part) for part in token.split("/") if part and part not in STOPWORDS)
                continue
            out.append(_stem(token) if token.isalpha() else _CANONICAL.get(token, token))
        elif token.endswith("+") and token[:-1].isdigit():
            out.extend((token, token[:-1]))  # "10+ yrs" is 10 years or more: "10 years or more" says it too
        else:
            out.append(token)
    return out


# "first year" is the "1st Year" of a pay scale ("first" alone is a stop word)
_ORDINALS = {"first": "1st", "second": "2nd", "third": "3rd", "fourth": "4th", "fifth": "5th", "sixth": "6th"}
# "third year", "2nd period", "Third Assistant Engineer", "second shift": a rank, typed either way, is one token
# ("first" alone is a stop word)
_RANKED_ROLES = r"assistants?|asst|mates?|officers?|engineers?"  # a rank names one of these ("Third Assistant Engineer")
_ORDINAL_RE = re.compile(r"\b(first|second|third|fourth|fifth|sixth)([\s-]+(?:years?|yr|periods?|steps?|semesters?|terms?"
                         rf"|quarters?|levels?|{_RANKED_ROLES}|shifts?|grades?|tiers?|class)\b)", re.I)
_RANK_RE = re.compile(r"\b(?:(first|1st)|(second|2nd)|(third|3rd)|(fourth|4th)|(fifth|5th)|(sixth|6th))"
                      rf"(?=[\s-]+(?:{_RANKED_ROLES})\b)", re.I)


@functools.lru_cache(maxsize=65536)
def ranks(text: str) -> frozenset[int]:
    """The ranks a text names ("Third Assistant Engineer", "3rd asst" -> {3}): "first" is a stop word to
    search, but the First Assistant is not the Third Assistant. An ordinal names a rank only before a
    role ("First-Line Supervisors" names none)."""
    return frozenset(m.lastindex for m in _RANK_RE.finditer(text))
_COMP_SCI_RE = re.compile(r"\bcomp\.?\s*sci\b", re.I)  # "comp sci" is computer science, not compensation
_LANGUAGE_R_RE = re.compile(r"(?<![\w'’])R(?![\w'’])")  # "Python, Java, and R", "is R or python …"


# "does it go", "can't go", "go up", "go higher": the verb; "python vs go for ml", "switch to go": the language
_BEFORE_VERB_GO = frozenset("it does do did can could will would they you i we might should wanna dont cant wont didnt".split())
_AFTER_VERB_GO = frozenset("up higher beyond back down to into through".split())


def verb_go(tokens: list[str], i: int) -> bool:
    """Is "go" at ``i`` the verb ("does it go", "go up to")? Then it names nothing a passage must hold."""
    return (i > 0 and tokens[i - 1] in _BEFORE_VERB_GO) or (i + 1 < len(tokens) and tokens[i + 1] in _AFTER_VERB_GO)


# Abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs vs. al fig dr mr mrs ms prof inc ltd co corp jr sr st no approx ph.d u.s u.k".split()
)
# a footnote reference may follow the end ("… in May 2023.[^1] There were …", "… 2024.[3] The …")
_SENTENCE_END_RE = re.compile(r"[.!?][\"')\]]*(?:\[\^?\w{1,4}\])*\s+(?=[\"'(\[]?[A-Z0-9$])")


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` in ``text`` (shifted by ``offset``).

    A small rule-based splitter: a sentence ends at . ! ? followed by space and a capital
    or digit, unless the word before the period is a known abbreviation ("e.g.", "vs.", "Ph.D.").
    """
    spans = []
    start = 0
    for match in _SENTENCE_END_RE.finditer(text):
        end = match.start() + 1
        word_before = re.search(r"([\w.]+)$", text[start:end - 1] if text[end - 1] == "." else "")
        if text[match.start()] == "." and word_before and word_before.group(1).lower().rstrip(".") in _ABBREVIATIONS:
            continue
        if text[match.start()] == "." and word_before and re.fullmatch(r"[A-Z]", word_before.group(1)):
            continue  # an initial ("J. Smith")
        sentence_end = match.end() - len(match.group(0)) + len(match.group(0).rstrip())
        spans.append((start, sentence_end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return [(s + offset, e + offset) for s, e in spans if e > s]
