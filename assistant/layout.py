"""Plain-text career pages saved from other sites: lines -> structural pieces.

A page saved from a browser or a scraper is one line per element, often with no blank lines:
navigation and cookie text, a title, tab labels, stat cards ("$59,880" then "Median salary"),
key-value lines ("Entry Level: $68,900"), pipe-separated stats, tables flattened to tabs,
FAQ questions each followed by its answer, lists without markers. These rules turn such lines
into headings, paragraphs and items that keep a value with what it measures. They are generic:
nothing is keyed to one site. ``parsing.py`` calls them for every block that isn't wrapped prose.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .text import tokenize

# A whole line that is only a figure: "$59,880", "2%", "469,900", "2.9/5", "4 to 5 years",
# "$61,550 per year", "6% (Faster than average)", "$81.1 billion".
_NUMBER = r"\d[\d,]*(?:\.\d+)?"
_VALUE_RE = re.compile(
    rf"^(?:[$€£]\s?{_NUMBER}(?:\s?(?:k|K|m|M|million|billion|bn))?\+?"
    rf"(?:\s?(?:-|–|to)\s?[$€£]?\s?{_NUMBER}(?:\s?(?:k|K|million|billion))?\+?)?"
    rf"|{_NUMBER}\s?(?:%|percent)"
    rf"|{_NUMBER}(?:\s?/\s?\d+)?"
    rf"|{_NUMBER}\+?\s?(?:(?:-|–|to)\s?{_NUMBER}\s?)?(?:years?|yrs?|months?|weeks?|hours?|days?)"
    rf")(?:\s+(?:per|a|an|/)\s*(?:year|yr|hour|hr|month|week|day))?(?:\s*\([^()]{{1,40}}\))?$",
    re.IGNORECASE)
_FIGURE_RE = re.compile(rf"[$€£]\s?{_NUMBER}|{_NUMBER}\s?%|\b\d{{1,3}}(?:,\d{{3}})+(?![\d,])")  # "462,000Total jobs" too
_KEY_VALUE_RE = re.compile(r"^(?P<key>[^:\t|]{2,60}?)(?::\s+|\t+)(?P<value>\S.*)$")
# a label and its value joined by dot leaders ("Rekey, per cylinder ........ $31"): the leader says so,
# however long the label ("Evening differential (hours worked after 6:00 p.m.) ....... $1.70 / hour")
_DOT_KEY_VALUE_RE = re.compile(r"^(?P<key>[^\t|]{2,120}?)\s*(?:\.[ ]?){5,}\s*(?P<value>\S.*)$")
_QUESTION_RE = re.compile(r"\?\s*$")

# "3 days ago", "an hour ago", "5+ years ago", "2 hrs ago": a Q&A or forum post's age
_AGO = r"(?:\d+\+?|an?) (?:min|mins|minutes?|hr|hrs|hours?|days?|weeks?|wk|mo|months?|yr|years?) ago"
# Lines that are site furniture, never content. Whole-line, case-insensitive.
_CHROME_RE = re.compile(
    r"^(?:(?:https?://|www\.)\S+"
    r"|skip to (?:main )?content|main menu|menu|search|close|home|sign ?in|sign ?up|log ?in|log ?out|register"
    r"|subscribe|subscribe now|share|share (?:this|on)\b.*|share:?|tweet|email|print|printer[- ]friendly(?: version)?"
    r"|back to top|top of page|return to top|go to top|jump to(?: section)?:?|table of contents|contents|on this page"
    r"|in this (?:article|guide|post|page|issue|section):?"
    # a byline with its date or reading time: "By Marcus Delaney, Program Director | Updated February 11, 2025 | 9 min read"
    r"|by [A-Z][^|]{0,100}(?:\|[^|]{0,60}){0,4}?\|\s*(?:\d+ min(?:ute)? read|(?:updated|published|posted|reviewed)\b[^|]{0,40})"
    r"|was this (?:page|article|information) helpful\??|is this (?:page|article) helpful\??|yes|no"
    r"|read more|learn more|see more|see all|view all|show more|load more|next|previous|more|less"
    r"|related (?:articles?|careers?|posts?|jobs?|guides?|content|reading|occupations?)|you may also (?:like|be interested in):?"
    r"|advertisement|sponsored|ad|cookie settings|accept(?: all)?(?: cookies)?|reject(?: all)?|manage (?:cookies|preferences)"
    r"|privacy policy|terms of (?:use|service)|cookie policy|accessibility|sitemap|contact us|about us|careers at .*"
    r"|follow us(?: on .*)?|facebook|twitter|linkedin|instagram|youtube|pinterest|x|save|copy link|bookmark"
    r"|change location|go|print this page|email this page|download(?: pdf)?|listen|[0-9]+ min read"
    r"|here is how you know|an official website of .*"
    # a job board's card badges and tag overflow: "Easily apply", "Urgently hiring", "+2", a lone "·"
    r"|easily apply|apply now|quick apply|1-click apply|urgently hiring|hiring multiple candidates|responsive employer"
    r"|just posted|new!?|\+\d{1,2}|[·•]|your email(?: address)?"
    # a Q&A thread's datelines: "Asked April 3, 2024", "Answered 2 days ago", "Posted 6 days ago"
    r"|(?:asked|answered|posted|replied|edited|active)(?: on| by \S+(?: on)?)? (?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    rf"[a-z]*\.? \d{{1,2}}, \d{{4}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|{_AGO}"
    r"|yesterday|today))[.!:]?$",
    re.IGNORECASE)
_CHROME_SENTENCE_RE = re.compile(
    r"\bcookies?\b.*\b(?:accept|consent|privacy|experience|use)\b|\b(?:accept|use)\b.*\bcookies?\b"
    r"|©|\bcopyright\b|\ball rights reserved\b|\bsign up for (?:our|the) newsletter\b|\bsubscribe to (?:our|the)\b"
    r"|\bjoin (?:our|the) (?:mailing list|newsletter)\b|\benter your email\b|\bby subscribing\b|\bunsubscribe at any time\b"
    r"|\bdoes not discriminate on the basis of\b",
    re.IGNORECASE)
_BREADCRUMB_RE = re.compile(r"^(?:[^>›»/|]{1,40}\s*[>›»]\s*){2,}[^>›»]{0,60}$")
# "Blog / Careers in Healthcare / A Day in the Life": a slash breadcrumb needs spaces round its slashes
# ("AI/ML" is a name, not a path)
_SLASH_BREADCRUMB_RE = re.compile(r"^(?:[^/|]{1,40}?\s/\s){2,}[^/|]{1,80}$")
# Words of site navigation: a run of short lines made of these is a menu.
_NAV_WORDS = frozenset(
    """home menu search jobs job careers career salaries salary companies company degrees degree schools
    programs admissions about contact blog resources employers employer sign log in up out register account
    login signup find post resume reviews guide guides explore tools test quiz help support faq faqs news
    events apply request info call us campuses campus financial aid students publications subjects data
    releases economic pricing demo products solutions shop store donate give visit tuition aid student life
    browse compare toolkit training upload español english""".split())
_CHROME_WORDS = frozenset("print share email save copy link facebook twitter linkedin".split())
_SEPARATORS = frozenset("more".split())  # a card boundary: "More" between label/value cards
# a salary site's switch between pay periods: "Yearly   Hourly", "Annual | Hourly"; not a table's
# tab-separated header row ("Hourly\tAnnual"), whose columns are figures
_PERIOD = r"(?:yearly|hourly|monthly|weekly|annual|annually|per year|per hour)"
# what a salary widget's value is: "Average base salary · 214 salaries reported", "Median total pay"
_STATISTIC_LINE_RE = re.compile(r"^(?:average|median|mean|typical|estimated|base)\b[^.!?]{0,80}$", re.I)
_CAPTION_COUNT_RE = re.compile(r"\b\d[\d,]*\s+(?:salaries|reviews|ratings|reports|responses|jobs)\s+(?:reported|submitted|posted)\b"
                               r"|\bupdated\s+(?:on\s+)?[A-Z]?[a-z]+\.?\s+\d", re.I)
_PERIOD_LINE_RE = re.compile(r"^(?:per|an?|/)\s?(?:year|yr|hour|hr|month|week|day)$|^(?:hourly|yearly|annually)$", re.I)
_PERIOD_SWITCH_RE = re.compile(rf"{_PERIOD}(?:(?: {{2,}}| ?[|·•] ?| ){_PERIOD})+$", re.I)


@dataclass
class Piece:
    """A classified line or group of lines. ``kind``: "heading" | "paragraph" | "item"."""

    kind: str
    text: str
    question: bool = False  # a heading phrased as a question (FAQ, "What does a plumber do?")
    table: bool = False  # a table's header row: the heading its rows sit under


def is_chrome(line: str) -> bool:
    text = line.strip().lstrip("↑▲^⇧ ")  # "↑ Back to top"
    if not text:
        return False
    return bool(_CHROME_RE.match(text) or _LINK_LINE_RE.match(text) or is_site_notice(text) or is_menu_line(text))


# a link or a collapsed panel's switch, drawn with an arrow after its words: "See all 51 ›", "Show all
# facts ▾", "What affects pay? More ›"; an accordion's own heading ("Benefits ▾") names no link word
_LINK_ARROWS = "›»▾▸→"
_LINK_LINE_RE = re.compile(
    rf"^(?=(?:\S+\s+){{0,6}}\S+$)(?:(?:see|show|view|read|explore|browse|expand|load|more)\b[^{_LINK_ARROWS}]*"
    rf"|[^{_LINK_ARROWS}]*\bmore\s*)[{_LINK_ARROWS}]$", re.IGNORECASE)  # a FAQ's "Do divers earn more offshore? ▾" heads its answer
# the same link at the end of a table row or card line: "Exercise physiologists   Median $56,690   More ›"
TRAILING_LINK_RE = re.compile(rf"(?<!\s)\s{{2,}}(?:(?:read|see|learn|view) )?(?:more|details)\s*[{_LINK_ARROWS}]\s*$",
                              re.IGNORECASE)


# a heading over links to other pages: "Related salaries", "Similar jobs", "See also", "People also search"
_RELATED_HEADING_RE = re.compile(
    r"^(?:(?:related|similar|other|popular)\s+(?:[\w-]+\s+)?(?:salaries|salary|jobs?|careers?|occupations?|articles?|searches"
    r"|links|posts?|guides?|pages?|roles?|positions?|professions?|resources|reading|stories|profiles?|descriptions?|titles?)"
    r"|see also|people also (?:search(?:ed)?(?: for)?|viewed|ask)|you (?:may|might) also like):?$", re.IGNORECASE)
_LINK_TITLE_WORDS = 10  # a link's title this many words or fewer ("Winemaker Salary in Oregon")
_LINK_RUN = 2  # this many link titles in a row under such a heading are a list of links


def related_links(lines: list[str]) -> set[int]:
    """Line numbers of a "related pages" block in plain text: a heading like "Related salaries" and
    the run of short titles under it, each a link to another page ("Winemaker Salary in Oregon").
    Quoted, such a title reads as an answer about a place the page gives nothing for. A title with a
    figure beside it ("Boilermakers" / "$66,490 median") is content: the run ends at the first line of
    site chrome or content, and when content follows its last title (which may head it) all of it stays."""
    def link_title(line: str) -> bool:
        text = line.strip()
        return (0 < len(text.split()) <= _LINK_TITLE_WORDS and not re.search(r"\d|[$€£%\t]|\s{3}", text)
                and not text.endswith((".", ":", ";", ",")) and not text.startswith(("•", "-", "*", "–", "·"))
                and not is_chrome(text))

    drop: set[int] = set()
    for i, line in enumerate(lines):
        if not _RELATED_HEADING_RE.match(line.strip()):
            continue
        before = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].strip()), "")
        if link_title(before):
            continue  # one tab of a row of tabs ("Pay" / "Job Outlook" / "Similar Occupations" / "More Info")
        run, end = [], i + 1
        while end < len(lines) and not lines[end].strip():
            end += 1
        # one title a line, no blank line between them (a blank line ends the block: a tab bar's
        # "Similar Occupations" / "More Info" is followed by the page's own title after one)
        while end < len(lines) and link_title(lines[end]) and not _RELATED_HEADING_RE.match(lines[end].strip()):
            run.append(end)
            end += 1
        following = next((lines[k].strip() for k in range(end, len(lines)) if lines[k].strip()), "")
        if run and not is_chrome(following) and (re.search(r"\d|[$€£%]", following) or following.endswith(".")):
            continue  # the last title may head what follows ("About this data" over "Wages: …"): all stays
        if len(run) >= _LINK_RUN:
            drop.update([i, *run])
    return drop


def is_menu_line(text: str) -> bool:
    """A menu written on one line: three or more short links apart by wide spaces, tabs, bars or
    dots ("Programs · Admissions · Tuition & Aid · Apply"), two of them navigation or sharing words;
    or a salary site's "Yearly   Hourly" switch."""
    if _PERIOD_SWITCH_RE.match(text.strip().strip("[]").strip()):
        return True  # "Yearly   Hourly", "[ Per hour | Per year ]"
    cells = [c for c in re.split(r"\s{2,}|\t|\s[|·•]\s", text.strip()) if c.strip()]
    # "214 salaries reported · Updated June 9, 2025": a caption's facts, not links
    if (len(cells) >= 3 and all(len(c.split()) <= 4 for c in cells) and not _FIGURE_RE.search(text)
            and not _CAPTION_COUNT_RE.search(text)):
        words = {w.lower().strip("/") for c in cells for w in c.split()}
        return len(words & _NAV_WORDS) >= 2 or len(words & _CHROME_WORDS) >= 2
    return False


def is_site_notice(text: str) -> bool:
    """A breadcrumb, or a cookie, copyright, newsletter or non-discrimination notice: site chrome in
    any format (a saved HTML page's links are gone already, so its single words are not checked)."""
    text = text.strip()
    return bool(_BREADCRUMB_RE.match(text) or _SLASH_BREADCRUMB_RE.match(text)
                or len(text) < 400 and _CHROME_SENTENCE_RE.search(text))


_MONEY_OR_SHARE_RE = re.compile(rf"[$€£]\s?{_NUMBER}|{_NUMBER}\s?%")


def is_label_row(cells: list[str]) -> bool:
    """A table's first row that names its columns though a label holds a number ("Level |
    Experience | Hourly range | Annual at 2,080 hours"): three or more cells, none of them a value,
    an amount of money or a share."""
    return len(cells) >= 3 and all(c.strip() and not is_value(c) and not _MONEY_OR_SHARE_RE.search(c) for c in cells)


def is_value(line: str) -> bool:
    """The whole line is a figure (a stat card's value)."""
    return bool(_VALUE_RE.match(line.strip()))


# "© 2025 Riverbend Technical College (example) · Privacy", "&copy; 2024 WorkRank Media. Rankings …",
# "Copyright 2023-2024 CareerPilot": the capitalised words after the mark and its years.
# The word "Copyright" needs a year after it ("Linking and Copyright Info" names no one); the
# name's words are one space apart (two spaces part a menu's links).
_YEARS = r"(?:19|20)\d\d(?:[ \t]*[-–][ \t]*(?:19|20)\d\d)?[,.]?[ \t]*"
_PUBLISHER_RE = re.compile(
    rf"(?:(?:©|&copy;|&#169;)[ \t]*(?:{_YEARS})?|\b(?i:copyright)[ \t]+{_YEARS})"
    r"(?:[bB]y )?(?P<name>[A-Z][\w&'-]*(?: (?:of )?[A-Z&][\w&'-]*){0,5})")
_COMPANY_SUFFIX_RE = re.compile(r"(?:[ \t,]+(?:inc|llc|ltd|corp|co|gmbh|plc))+$", re.IGNORECASE)


# a word for a kind of organisation, and an organisation's name: capitalised words (with "&", "of",
# "and") holding such a word
_ORGANISATION_KINDS = ("Spa", "School", "College", "Academy", "Institute", "University", "Care", "Services", "Company",
                       "Hospital", "Clinic", "Center", "Centre", "Wellness", "Group", "Airlines", "Airline", "Solar",
                       "Energy", "Systems", "Partners")
_ORGANISATION_RE = re.compile(
    r"\b(?:[A-Z][\w'-]+ (?:(?:&|of|and|the) )?){1,5}(?:" + "|".join(_ORGANISATION_KINDS) + r")\b"
    r"(?: (?:(?:&|of|and) )?[A-Z][\w'-]+){0,3}")
# capitalised words that start a sentence or name no one in particular: "At", "Our", "Health Care", "Community College"
_NOT_A_NAME = frozenset("""at our the in from with for about by to of and a an this your their its my we you
    health medical community technical national american state city county public general regional united first
    central career careers training day family student students fire public safety""".split()) | frozenset(
    kind.lower() for kind in _ORGANISATION_KINDS)


def organisation_names(text: str) -> list[str]:
    """Organisations a page names at least twice ("Desert Bloom Day Spa & Wellness", "Willowmere School
    of Massage"), and each said short: the words before its kind ("Desert Bloom", "Willowmere").
    An employer's or a school's own page: a question names the page by them ("shift times at desert
    bloom"), as by its publisher; they say which page, not what a passage holds."""
    counts: dict[str, int] = {}
    for match in _ORGANISATION_RE.finditer(text):
        words = match.group(0).split()
        while words and words[0].lower() in ("at", "our", "the", "in", "from", "with", "for", "about", "by", "to"):
            words = words[1:]  # "At Desert Bloom Day Spa": the sentence's word, not the name's
        name = " ".join(words)
        counts[name] = counts.get(name, 0) + 1
    out = []
    for name, count in counts.items():
        words = name.split()
        own = [w for w in words if w.lower() not in _NOT_A_NAME and w not in ("&",)]
        if count < 2 or len(words) < 3 or not own:
            continue  # said once, or only general words ("Health Care Services")
        out.append(name)
        kind = next(i for i, w in enumerate(words) if w in _ORGANISATION_KINDS)
        short = [w for w in words[:kind][:2] if w.lower() not in _NOT_A_NAME]
        if short:
            out.append(" ".join(short))
    return list(dict.fromkeys(out + details_names(text)))


# a posting's details table names its employer once ("Employer | Great Miami Heart & Vascular
# Institute"): the name says which page a question is about
_EMPLOYER_FIELDS = frozenset("""employer company organisation organization hiring-organisation
    hiring-organization agency institution firm winery brewery hospital laboratory practice business""".split())
_DETAILS_FIELD_RE = re.compile(r"^(?P<label>[A-Z][A-Za-z .-]{1,24}?)\.?:?[ \t]*\t(?P<value>[^\t\n]+)$", re.MULTILINE)


def details_names(text: str) -> list[str]:
    """The employer's name from a details table's row ("Employer<TAB>Great Miami Heart & Vascular
    Institute (example)" gives "Great Miami Heart & Vascular Institute" and "Great Miami"), though
    the page says it once."""
    out = []
    for match in _DETAILS_FIELD_RE.finditer(text):
        label = "-".join(match["label"].lower().replace(".", " ").split())
        value = re.split(r"\s*[(,;]|\s+[–—-]\s+", match["value"].strip())[0].strip()
        if label in _EMPLOYER_FIELDS:
            words = value.split()
            if len(words) >= 2 and all(w[:1].isupper() or w in ("&", "of", "and", "the") for w in words):
                out.append(value)
                short = [w for w in words[:2] if w.lower() not in _NOT_A_NAME and w != "&"]
                if len(short) == 2:
                    out.append(" ".join(short))
    return out


def publisher_name(text: str) -> str:
    """Who published a saved page, from its copyright line ("Riverbend Technical College"), or "".

    Questions name a page by its publisher ("tuition at riverbend", "according to workrank"): the
    name says which page, not what a passage on it must contain."""
    for match in _PUBLISHER_RE.finditer(text):
        name = _COMPANY_SUFFIX_RE.sub("", match.group("name")).strip()
        if name and name[0].isupper() and name.split()[0].lower() not in ("all", "the", "this", "and"):
            return name
    return ""


def has_figure(line: str) -> bool:
    return bool(_FIGURE_RE.search(line))


def is_key_value(line: str) -> bool:
    """ "Label: value" or "Label<TAB>value" with a short label."""
    if _DOT_KEY_VALUE_RE.match(line.strip()):
        return True
    match = _KEY_VALUE_RE.match(line.strip())
    return bool(match) and len(match["key"].split()) <= 8 and not match["key"].rstrip().endswith((".", "?"))


_QUESTION_HEADING_RE = re.compile(r"^(?:how to|how (?:much|many|long|do|does|can)|what (?:is|are|does|do)|why|when|where"
                                  r"|who|which|should|is|are|can|do|does)\b[^.!:]{0,80}$", re.I)


# A label and its figure written with no space between them, as pages flattened from card or table
# markup read: "Entry Level$37,690", "Legal Services72%", "2031 (Projected)393,700",
# "California$56,800$69,000$81,000", or the figure first: "14%Much Faster Than Average".
_GLUED_FIGURE = rf"[+−–-]?[$€£]?{_NUMBER}%?(?:[$€£]{_NUMBER})*"
_GLUED_RE = re.compile(rf"^(?:(?P<key>[A-Z0-9][^\t:|$€£%]{{0,60}}?[A-Za-z)])(?P<value>{_GLUED_FIGURE})"
                       rf"|(?P<first>[+−–-]?[$€£]?{_NUMBER}%)(?P<after>[A-Z][^\t:|$€£%\d]{{1,60}}))$")


def is_glued_value(line: str) -> bool:
    """A short label and a figure glued together: one key-value item, not a heading or prose."""
    match = _GLUED_RE.match(line.strip())
    if not match:
        return False
    key, value = (match["key"], match["value"]) if match["key"] else (match["after"], match["first"])
    figure_like = bool(re.search(r"[$€£%,]", value)) or len(re.sub(r"\D", "", value)) >= 4
    return figure_like and len(key.split()) <= 8 and key.rstrip()[-1:] not in ".!?" and bool(re.search(r"[A-Za-z]", key))


def is_question(line: str) -> bool:
    """A question, or a heading phrased as one without its mark ("How to become a plumber")."""
    text = line.strip()
    if _QUESTION_RE.search(text):
        return len(text.split()) <= 25
    return bool(_QUESTION_HEADING_RE.match(text)) and len(text.split()) <= 12 and not has_figure(text)


def looks_like_heading(line: str) -> bool:
    """Short, capitalised, not ending like a sentence, not a figure or a key-value line."""
    text = line.strip()
    words = text.split()
    return (
        0 < len(words) <= 12 and len(text) <= 100
        and text[-1] not in ".:;,!?" and (text[0].isupper() or text[0].isdigit())
        and not is_value(text) and not has_figure(text) and not is_key_value(text) and "\t" not in text
        and not _DATELINE_RE.match(text)
    )


# "Updated February 9, 2026", "Last reviewed: March 2025", "Reviewed by …": who wrote the page and when, not a section
_DATELINE_RE = re.compile(r"^(?:last\s+)?(?:updated|reviewed|revised|published|posted|modified)\b:?\s+(?:on\s+)?"
                          r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?(?:19|20)\d\d"
                          r"|\d{1,2}/\d{1,2}/\d{2,4})$"
                          r"|^(?:written|reviewed|edited|fact-checked|medically reviewed)\s+by\s", re.I)  # and bylines


def _is_label(line: str) -> bool:
    """A stat card's label: a few words, no figure ("Median salary", "Projected growth", "Top 10%")."""
    text = line.strip()
    return (0 < len(text.split()) <= 6 and not is_value(text) and text[-1:] not in ".:;?!"
            and not re.search(r"[$€£]\s?\d", text) and "\t" not in text)


FIELD_LABEL_WORDS = 4


def is_field_label(line: str) -> bool:
    """A details box's label: a short capitalised label with no figure ("Closing Date", "Job Type")."""
    return _is_label(line) and len(line.split()) <= FIELD_LABEL_WORDS and line.strip()[:1].isupper()


def is_stat_card(first: str, second: str, after: str | None = None) -> bool:
    """Two short elements that are one stat card: a value and its label ("$52,370" / "Median pay"),
    or a label and its value when the value isn't itself the next card's ("Median pay" / "$52,370"
    / "Projected growth" leaves "$52,370" to the first label)."""
    if is_value(first) and _is_label(second):
        return True
    return _is_label(first) and is_value(second) and (after is None or not _is_label(after) or is_value(after))


def is_wrapped_prose(lines: list[str]) -> bool:
    """Lines of one block that are a paragraph hard-wrapped at a width (Markdown, e-mail text),
    not one element per line: most continuation lines start in lower case."""
    if len(lines) < 2:
        return False
    continuing = sum(1 for line in lines[1:] if line[:1].islower() or line[:1] in "([\"'“")
    return continuing >= max(1, len(lines[1:]) / 2)


_CAPITALS_HEADING_RE = re.compile(r"^[A-Z][A-Z0-9&/,()'’ -]{2,60}$")


def leads_wrapped_prose(line: str) -> bool:
    """A heading printed right over its paragraph: a short line in capitals ("CAREER OUTLOOK") or a
    question ("Is financial aid available?")."""
    line = line.strip()
    return bool(_CAPITALS_HEADING_RE.match(line) and len(line.split()) <= 8
                or is_question(line) and len(line.split()) <= 15)


def line_pieces(lines: list[str], after_heading: bool = False) -> list[Piece | None]:
    """Classify the lines of a block that is one element per line. ``None`` marks a card
    boundary (a dropped "More"): stat cards don't pair across it. ``after_heading``: the block
    comes right under a heading ("Responsibilities"), so a run of short lines opening it is that
    heading's list, not a heading of its own and its items."""
    marked: list[str | None] = []
    for line in lines:
        if line.strip().lower().rstrip(":.…") in _SEPARATORS:
            marked.append(None)
        elif not is_chrome(line):
            marked.append(line.strip())
    out: list[Piece | None] = []
    segment: list[str] = []
    for line in marked + [None]:
        if line is None:
            card = _card_pieces(segment)
            out.extend(card if card is not None else _segment_pieces(segment, after_heading and not out))
            out.append(None)
            segment = []
        else:
            segment.append(line)
    while out and out[-1] is None:
        out.pop()
    return out


# a result card's pay line: "$29.25 - $35.60 an hour", "From $38.55 an hour", "Estimated $47.8K - $58.2K a year ⓘ"
_CARD_PAY_RE = re.compile(r"^(?:(?:from|up to|starting at|estimated)\s+)?(?P<value>[$€£].*?)(?:\s+[ⓘ*†])?$", re.I)
_CARD_TAG_WORDS = 8  # a card's company, rating, place, pay and tags are short lines; its snippet is sentences
# a label over a sum ("Pay" / "$29 - $46 an hour", "Tuition" / "$14,500"): a details box's pair, not a card's pay line
_PAY_LABEL_RE = re.compile(r"\b(?:pay|salary|wages?|compensation|rate|hourly|earnings|tuition|costs?|fees?|price)\b", re.I)


def _card_pieces(lines: list[str]) -> list[Piece] | None:
    """A job board's result card, one line per field with no blank lines: a title, then short lines
    (company, rating, place, pay, job type, shift tags) with a pay line among the first few, and at
    most a few snippet sentences. The title heads the card; its tags are items, never headings
    of their own ("Monday to Friday" over the snippet), and read together as one item."""
    if len(lines) < 5 or not looks_like_heading(lines[0]):
        return None
    pay = [i for i, line in enumerate(lines) if (m := _CARD_PAY_RE.match(line)) and is_value(m.group("value"))]
    # one pay line, not under a label of its own ("Pay" / "$29 - $46 an hour" is a details box's pair)
    if len(pay) != 1 or not 2 <= pay[0] <= 6 or _PAY_LABEL_RE.search(lines[pay[0] - 1]):
        return None
    sentences = [line for line in lines[1:] if len(line.split()) > _CARD_TAG_WORDS]
    if not 1 <= len(sentences) <= 3 or any(is_question(line) or "\t" in line for line in lines):
        return None
    pieces = [Piece("heading", lines[0])]
    for line in lines[1:]:
        if line in sentences:
            pieces.append(Piece("paragraph", line))
        elif pieces[-1].kind == "item":
            pieces[-1].text += "\n" + line  # the card's fields stay together: company, place, pay, job type
        else:
            pieces.append(Piece("item", line))
    return pieces


def _segment_pieces(lines: list[str], after_heading: bool = False) -> list[Piece]:
    pieces: list[Piece] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        after = lines[i + 2] if i + 2 < len(lines) else None
        if (is_value(line) and nxt is not None and _is_label(nxt) and not is_value(nxt)  # "$59,880" / "Median salary"
                or _is_label(line) and nxt is not None and is_value(nxt)  # "Time to qualify" / "4 to 5 years"
                and (i == 0 or after is None or not _is_label(after) or is_value(after) or _label_first_run(lines, i))):
            captions = _card_captions(lines, i)
            pieces.append(Piece("item", "\n".join([line, nxt, *captions])))
            i = len(lines) if captions else i + 2
            continue
        if is_glued_value(line) and nxt is not None and _glued_label_pairs(lines, i) >= 2:
            pieces.append(Piece("item", f"{line}\n{nxt}"))  # "Entry Level$37,690" / "10th percentile"
            i += 2
            continue
        if is_value(line) and pieces and pieces[-1].kind == "item" and is_key_value(pieces[-1].text.split("\n")[0]):
            pieces[-1].text += "\n" + line  # "2023 Median Pay  $61,550 per year" / "$29.59 per hour"
            i += 1
            continue
        if _PERIOD_LINE_RE.match(line) and pieces and is_value(pieces[-1].text.split("\n")[-1]):
            pieces[-1].text += "\n" + line  # "$26.38" / "per hour": the value's own unit, set on a line of its own
            i += 1
            continue
        last = pieces[-1].text.split("\n")[-1] if pieces and pieces[-1].kind == "item" else ""
        if (_STATISTIC_LINE_RE.match(line) and "\t" not in line and not has_figure(line) and last
                and (is_value(last) or _PERIOD_LINE_RE.match(last))):
            pieces[-1].text += "\n" + line  # "$26.38" / "per hour" / "Average base salary · 214 salaries reported"
            i += 1
            continue
        if is_question(line):
            pieces.append(Piece("heading", line, question=True))
        elif _is_table_header(line, lines[i + 1] if i + 1 < len(lines) else None, lines[i - 1] if i else None):
            pieces.append(Piece("heading", line, table=True))  # its cells name the columns of the rows below it
        elif is_key_value(line) or is_value(line) or is_glued_value(line) or "\t" in line and has_figure(line):
            pieces.append(Piece("item", line))
        elif "\t" in line:
            pieces.append(Piece("heading" if not has_figure(line) and _next_is_row(lines, i) else "item", line))
        elif looks_like_heading(line):
            pieces.append(Piece("heading", line))
        else:
            pieces.append(Piece("paragraph", line))
        i += 1
    return _label_lead_items(_intro_lists(_headings_and_items(pieces, after_heading)))


_LIST_LINE_WORDS = 30  # a line longer than this after an intro is prose, not a list item


def _intro_lists(pieces: list[Piece]) -> list[Piece]:
    """Lines right after an intro that ends with a colon ("Typical duties include:", "… do the
    following:") are the items of the list it introduces, as long as they don't end like a sentence:
    without markers they would otherwise read as headings or one-line paragraphs, cutting the intro
    off from its list."""
    out = list(pieces)
    for i, piece in enumerate(out):
        if piece.kind == "item" or piece.question or piece.table or not piece.text.endswith(":"):
            continue
        for k in range(i + 1, len(out)):
            nxt = out[k]
            if nxt.question or nxt.table or nxt.text.endswith(":"):
                break
            if nxt.kind != "item":
                text = nxt.text.strip()
                if text[-1:] in ".!?;" or len(text.split()) > _LIST_LINE_WORDS or "\n" in text:
                    break
                out[k] = Piece("item", text)
    return out


# "Dexterity. Workers handle small parts …": a short label, a full stop, then the sentence about it.
_LABEL_LEAD_RE = re.compile(r"^[A-Z][\w'/-]*(?: [\w'/&-]+){0,3}\. [A-Z]")
_LABEL_LEAD_RUN = 3  # this many such paragraphs in a row are a list (qualities, duties), not prose


def _label_lead(text: str) -> bool:
    """Does the paragraph open with a label ("Physical strength. …"), a noun phrase with no verb or
    function word, rather than a short sentence ("The work is hard. …")?"""
    if not _LABEL_LEAD_RE.match(text):
        return False
    label = text.split(". ", 1)[0].lower().replace("-", " ").split()
    return not any(word in _NOT_IN_LABELS for word in label)


_NOT_IN_LABELS = frozenset("""the a an this that these those it its they we you i he she is are was were be been
    has have had do does did can will may must should would could not no very so""".split())


def _label_lead_items(pieces: list[Piece]) -> list[Piece]:
    """A run of paragraphs that each open with a short label and a full stop ("Dexterity. …",
    "Mechanical skills. …", "Physical strength. …") is a list of labelled items: a question about
    the qualities gets the run, not whichever one paragraph reads most like the question."""
    out = list(pieces)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and out[j].kind == "paragraph" and _label_lead(out[j].text):
            j += 1
        if j - i >= _LABEL_LEAD_RUN:
            for k in range(i, j):
                out[k] = Piece("item", out[k].text)
        i = max(j, i + 1)
    return out


def _glued_label_pairs(lines: list[str], i: int) -> int:
    """How many (glued label-figure, caption) pairs alternate from ``i`` on, counting the pairs
    just before it too: "Entry Level$37,690" / "10th percentile" / "Median$56,230" / "50th
    percentile" is a run of captioned cards; a single glued line before a heading is not."""
    def pair_at(k: int) -> bool:
        return (0 <= k and k + 1 < len(lines) and is_glued_value(lines[k]) and _is_label(lines[k + 1])
                and not is_glued_value(lines[k + 1]))
    count, k = 0, i
    while pair_at(k):
        count, k = count + 1, k + 2
    k = i - 2
    while pair_at(k):
        count, k = count + 1, k - 2
    return count


# a stat card's caption under its value: a change, a period, a source ("▲ 3.6% vs. May 2022",
# "2023–2033 · Much faster than average", "Source: federal wage survey, May 2023")
_CAPTION_RE = re.compile(r"^(?:[▲▼↑↓+−~≈(]|source\b|based on\b|data\b|as of\b|updated\b|\d)", re.IGNORECASE)
_CAPTION_LINES = 2
_CAPTION_PROSE_WORDS = 10  # a caption sentence under a run of cards, longer than any card's label
_CAPTION_WORDS = 14


def _card_captions(lines: list[str], i: int) -> list[str]:
    """The lines under a block's one stat card (its label and value at ``i`` open the block), when
    they are captions: they stay with the value they qualify, not become headings or items of
    their own."""
    rest = lines[i + 2:]
    if i != 0 or not 1 <= len(rest) <= _CAPTION_LINES:
        return []
    if any(is_value(line) or is_question(line) or len(line.split()) > _CAPTION_WORDS or not _CAPTION_RE.search(line)
           for line in rest):
        return []
    return rest


def _label_first_run(lines: list[str], i: int) -> bool:
    """label, value, label, value … from ``i`` to the end of the segment, or to a line that is neither
    (a caption sentence, "Based on 1,284 self-reported salaries …", or a question, "Is this useful?"),
    two pairs at least. A run that ends on a short line is read the other way round (value, label …):
    that line is the last value's label."""
    k = i
    while k + 1 < len(lines) and _is_label(lines[k]) and not is_value(lines[k]) and is_value(lines[k + 1]):
        k += 2
    pairs = (k - i) // 2
    if k == len(lines):
        return pairs >= 1
    tail = lines[k]
    # the line after the run is a sentence or a question, not the label a last value-first pair would want
    prose = tail.rstrip().endswith((".", "?")) or len(tail.split()) >= _CAPTION_PROSE_WORDS
    return pairs >= 2 and prose and not is_value(tail)


def _is_table_header(line: str, nxt: str | None, prev: str | None = None) -> bool:
    """A tab-separated line of labels ("Location  Pay Period  Low (10%)  Median  High (90%)") above a
    row with as many cells, or one more (a row label under an empty corner cell that copying
    dropped), and not under a row like it (a header opens its table): its labels may carry a
    percent, but its cells are no figures, or only percentile columns over money ("10%  25%
    Median  75%  90%")."""
    if nxt is None or "\t" not in line or "\t" not in nxt:
        return False
    cells = [c.strip() for c in line.split("\t")]
    if prev is not None and len(prev.split("\t")) == len(cells) > 1:
        return False  # a row in the middle of a table ("On-the-job Training  Long-term …" of a facts box)
    if len(nxt.split("\t")) - len(cells) not in (0, 1):
        return False
    if is_percentile_header(cells) and re.search(r"[$€£]\s?\d", nxt):
        return True
    if any(_DURATION_RE.search(c) for c in cells):
        return False  # "Length  18 weeks, one semester": a row of a facts box, not column names
    return not any(is_value(c) and not re.fullmatch(r"(?:19|20)\d\d", c) or re.search(r"[$€£]\s?\d", c) for c in cells)


_DURATION_RE = re.compile(r"\b\d+(?:\.\d+)?\s*(?:weeks?|months?|years?|hours?|days?|semesters?)\b", re.I)
# A column of a pay distribution: "10%", "90th", "25th percentile", "Median", "Mean".
# "50% (Median)": a percentile that names its statistic too
_PERCENTILE_CELL_RE = re.compile(r"\d{1,2}(?:%|th|st|nd|rd)(?:\s*percentile)?(?:\s*\((?:median|mean|average)\))?"
                                 r"|median|mean|average", re.I)


def is_percentile_header(cells: list[str]) -> bool:
    """Cells that name the percentiles of a distribution (an empty corner cell aside), two of
    them percentages: the header of a "10% / 25% / Median / 75% / 90%" pay table."""
    cells = [c.strip() for c in cells if c.strip()]
    while cells and not _PERCENTILE_CELL_RE.fullmatch(cells[0]) and not cells[0][0].isdigit():
        cells = cells[1:]  # corner cells naming the row labels ("Wage", "Location  Pay Period") head no percentile
    return (len(cells) >= 3 and all(_PERCENTILE_CELL_RE.fullmatch(c) for c in cells)
            and sum(c[0].isdigit() for c in cells) >= 2)


def _next_is_row(lines: list[str], i: int) -> bool:
    return i + 1 < len(lines) and "\t" in lines[i + 1]


def _headings_and_items(pieces: list[Piece], after_heading: bool = False) -> list[Piece]:
    """In a run of heading-like lines, the first is a heading and the rest are the items of a list,
    except that the last one heads the paragraph right after it ("Top traits", "Realistic",
    "Investigative", "Plumber education", <paragraph>). A run that opens a block right under a
    heading is all items: the heading above already heads them."""
    out = list(pieces)
    i = 0
    while i < len(out):
        if out[i].kind != "heading" or out[i].question or out[i].table:
            i += 1
            continue
        j = i
        while j + 1 < len(out) and out[j + 1].kind == "heading" and not out[j + 1].question and not out[j + 1].table:
            j += 1
        if j > i:
            followed_by_prose = j + 1 < len(out) and out[j + 1].kind == "paragraph"
            last = j - 1 if followed_by_prose else j
            first = i if after_heading and i == 0 else i + 1
            for k in range(first, last + 1):
                out[k] = Piece("item", out[k].text)
        i = j + 1
    return out


def nav_run(texts: list[str], start: int) -> int:
    """Length of a menu starting at ``start``: three or more short lines, mostly navigation words
    or words that recur as the page's tab labels."""
    n = start
    while n < len(texts) and 0 < len(texts[n].split()) <= 4 and not has_figure(texts[n]) \
            and not texts[n].endswith((".", "?", ":")):
        n += 1
    if n - start < 3:
        return 0
    words = [w.lower().strip("&/") for t in texts[start:n] for w in t.split()]
    return n - start if sum(w in _NAV_WORDS for w in words) >= max(2, len(words) // 3) else 0


# Words every career page uses: they say little about which page this is.
_GENERIC_WORDS = frozenset(
    """salary salaries pay average median base annual hourly wage wages job jobs career careers outlook guide
    overview summary education level levels program programs profile occupation occupations data united states
    national how much make earn work become requirements skills duties description template""".split())


_GENERIC_STEMS = frozenset(tokenize(" ".join(_GENERIC_WORDS)))
_NAV_STEMS = frozenset(tokenize(" ".join(_NAV_WORDS)))


def title_score(candidate: str, body_counts: Counter) -> float:
    """How much a candidate title is what the page is about: its distinctive words recur in the body."""
    words = [w for w in tokenize(candidate) if w[0].isalpha() and len(w) > 2]
    if not words:
        return 0.0
    score = 0.0
    for w in words:
        weight = 0.1 if w in _NAV_STEMS else 0.4 if w in _GENERIC_STEMS else 1.0
        score += weight * math.log1p(body_counts[w])
    return score / math.sqrt(len(words))


def word_counts(text: str) -> Counter:
    """Stemmed word counts (the project's tokenizer), for ``title_score``."""
    return Counter(tokenize(text))


# ---------------------------------------------------------------- a forum thread copied as text

_THREAD_DATELINE_RE = re.compile(
    rf"^(?:(?:posted by )?u/\S+(?: · \S.*)?|· ?{_AGO}(?: · .*)?|{_AGO}|[0-9]+[hdwmy] ago)$", re.I)
_THREAD_LEVEL_RE = re.compile(r"^level \d{1,2}$", re.I)
_VOTE_WORDS = frozenset("upvote downvote vote reply share report save award give hide follow".split())
_THREAD_LINE_RE = re.compile(
    r"^(?:\d[\d,.]*k? comments?|sort by:? .*|continue this thread\W*|\d+ more repl(?:y|ies)\W*|view (?:more|all) comments?"
    r"|\[deleted\]|\[removed\]|op|mod|pinned|i am a bot\b.*|about community|community rules|created \w+ \d{1,2}, \d{4}"
    r"|[\d.]+k? members(?:\s+[\d.]+k? online)?|moderators?:? .*|[rc]/\w+|join|joined)$", re.I)
_VOTE_COUNT_RE = re.compile(r"^\d[\d,.]*k?$", re.I)
_FLAIR_WORDS = 8


# A message board's thread (XenForo, phpBB, vBulletin) copied as text: "Thread starter name · Start date …",
# each post's dateline with its number ("Mar 9, 2025 #2"), the poster's rank ("Well-known member") and
# counters ("Joined: Jun 2016", "Messages: 1,988"), "Last edited: …", "Click to expand..."
_BOARD_STARTER_RE = re.compile(r"^(?:thread starter\b|discussion in\b.*\bstarted by\b)", re.I)
_BOARD_DATELINE_RE = re.compile(r"^(?:[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}|\d{1,2}/\d{1,2}/\d{2,4})"
                                r"(?:,? (?:at )?\d{1,2}:\d{2}\s*(?:[AP]M)?)?\s+#\d+$")
_BOARD_RANK_RE = re.compile(r"^(?:(?:new|active|well-known|established|senior|junior|registered|full|veteran|elite"
                            r"|platinum|gold|silver|bronze)\s+)?member$|^(?:moderator|administrator|staff member)$", re.I)
# (a counter's value is a count or a date: "Points: 1) pay is low" is a post's own line)
_BOARD_LINE_RE = re.compile(r"^(?:(?:joined|messages|posts|reaction score|points|likes|trophies):\s*"
                            r"(?:[\d,.]+k?|(?:[A-Z][a-z]{2,8}\.? )?(?:\d{1,2}, )?\d{4})"
                            r"|last edited(?: by [^:]+)?:.*(?:\d{4}|ago|[AP]M)|click to expand\.*|(?:reply|quote|like|report)"
                            r"(?:\s+(?:reply|quote|like|report))*)$", re.I)


def _is_board(stripped: list[str]) -> bool:
    """Does the page read as a message board's thread: a "Thread starter" line and a numbered
    dateline, or two numbered datelines?"""
    datelines = sum(1 for s in stripped if _BOARD_DATELINE_RE.match(s))
    return datelines >= (1 if any(_BOARD_STARTER_RE.match(s) for s in stripped) else 2)


def _board_furniture(stripped: list[str]) -> set[int]:
    """The lines of a message board's thread that are the board's: ranks, counters and buttons."""
    # the "Thread starter" line stays (it names the OP) but not as a title (``thread_title``), and so does
    # each post's dateline: it dates the post and parts it from the next
    drop = {i for i, s in enumerate(stripped) if _BOARD_LINE_RE.match(s)}
    # the poster's name stays: a later post by "the OP" is known by it
    return drop | {i for i, s in enumerate(stripped) if _BOARD_RANK_RE.match(s)}


def board_datelines(lines: list[str]) -> frozenset[int]:
    """The lines of a message board's thread that date its posts ("Mar 9, 2025 #2"): each heads its post."""
    stripped = [line.strip() for line in lines]
    if not _is_board(stripped):
        return frozenset()
    return frozenset(i for i, s in enumerate(stripped) if _BOARD_DATELINE_RE.match(s))


def _is_post_line(line: str) -> bool:
    """"Posted by u/name · 3 days ago" (or "u/name · MOD · …"): the line that opens a post."""
    return line.lower().startswith(("posted by", "u/"))


def _vote_line(line: str) -> bool:
    words = line.lower().split()
    return len(words) >= 2 and all(w in _VOTE_WORDS for w in words) or line.lower() in ("upvote", "downvote")


def thread_furniture(lines: list[str]) -> set[int]:
    """The lines of a forum thread copied from a browser that are the forum's, not the posters':
    "Posted by u/name · 3 days ago", "level 2", user names, "· 3 days ago", flair ("Lead FA · 14 yrs"),
    vote counts and "Reply  Share  Report  Save", "87 comments", "Continue this thread", "[deleted]",
    a bot's signature, the community sidebar. Empty unless the page reads as a thread (three or more
    datelines or vote bars, or two with a "Posted by u/…" line), so that no other page loses a line."""
    stripped = [line.strip() for line in lines]
    if _is_board(stripped):
        return _board_furniture(stripped)
    datelines = [i for i, s in enumerate(stripped) if _THREAD_DATELINE_RE.match(s)]
    votes = [i for i, s in enumerate(stripped) if _vote_line(s)]
    posted = any(_is_post_line(stripped[i]) for i in datelines)
    if len(datelines) + len(votes) < (2 if posted else 3):
        return set()
    drop = set(datelines) | set(votes)
    drop |= {i for i, s in enumerate(stripped) if _THREAD_LEVEL_RE.match(s) or _THREAD_LINE_RE.match(s)}
    drop |= {i - 1 for i in votes if i and _VOTE_COUNT_RE.match(stripped[i - 1])}  # a score above its vote bar
    for i in datelines:
        j = i - 1  # the poster's name (and "OP") above a bare dateline
        while j >= 0 and stripped[j] and (j in drop and _THREAD_LINE_RE.match(stripped[j])):
            j -= 1
        if stripped[i].startswith("·") and j >= 0 and stripped[j] and " " not in stripped[j] and len(stripped[j]) <= 40:
            drop.add(j)
        nxt = i + 1  # flair under a dateline: a short label, not a sentence, with the body below it
        if nxt + 1 < len(stripped) and stripped[nxt] and stripped[nxt + 1] and nxt + 1 not in drop \
                and len(stripped[nxt].split()) <= _FLAIR_WORDS and not re.search(r"[.!?:]$", stripped[nxt]) \
                and not has_figure(stripped[nxt]) and (not _is_post_line(stripped[i])
                                                      or _title_over_body(stripped, nxt + 1)):
            drop.add(nxt)  # over a post, only when a title still follows it ("Pay & Contracts" over the title)
    return drop


def _title_over_body(stripped: list[str], at: int) -> bool:
    """A post's title at ``at``: a line of at most 25 words that is no sentence, with text below it."""
    return (at + 1 < len(stripped) and bool(stripped[at + 1]) and len(stripped[at].split()) <= 25
            and not stripped[at].endswith("."))


def thread_title(lines: list[str], furniture: set[int]) -> str | None:
    """A thread's title: the first line of the poster's own after the first "Posted by" line; on a
    message board, the line above "Thread starter …"."""
    board = _is_board([line.strip() for line in lines])
    starter = next((i for i, line in enumerate(lines) if _BOARD_STARTER_RE.match(line.strip())), None) if board else None
    if starter is not None:
        return next((lines[i].strip() for i in range(starter - 1, max(-1, starter - 6), -1)
                     if lines[i].strip() and i not in furniture), None)
    posted = next((i for i in sorted(furniture) if _is_post_line(lines[i].strip())), None)
    if posted is None:
        return None
    return next((lines[i].strip() for i in range(posted + 1, min(posted + 6, len(lines)))
                 if lines[i].strip() and i not in furniture), None)
