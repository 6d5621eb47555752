"""How a ``Reply`` looks in the browser: a short chat bubble that leads with the answer and compact
citation markers, an evidence-panel section with every cited passage and its spans highlighted,
and the plain text that copying the bubble (or a screen reader) gets.

Everything that comes from the documents or from the user is HTML-escaped, and the markup never
holds a blank line (which would end Gradio's HTML block and let Markdown in), so it reads exactly
as written. The browser side (``chat.js``) only moves between these pieces; it builds no text.
"""
from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass

from assistant.render import ABSTAIN_MESSAGE
from assistant.types import BREADCRUMB_SEPARATOR, Citation, Fact, Reply

APP_TITLE = "Career documents assistant"
CAVEAT = "May be incomplete: check the highlighted passage."
LOW_KICKER = "Closest passage — may not answer your question"
EMPTY_EVIDENCE = ('<div class="ev-panel"><p class="ev-empty">Ask a question: the passages each answer is quoted '
                  "from appear here, the quoted words highlighted.</p></div>")
_CURRENCY = {"USD": "$", "EUR": "€", "GBP": "£"}
_MARKER_RE = re.compile(r"\[(\d{1,3})\]")
_BULLET_RE = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")


@dataclass(frozen=True)
class Rendered:
    """One reply, ready for the page: ``bubble`` and ``evidence`` are HTML, ``text`` is plain."""

    bubble: str
    evidence: str
    text: str


def esc(text: str) -> str:
    """Text as literal HTML: escaped, line breaks kept as <br> (never a raw blank line)."""
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\n", "<br>")


def _attr(text: str) -> str:
    """Text for an attribute or a hidden element: escaped, newlines as entities (no raw newlines)."""
    return html.escape(text, quote=True).replace("\r\n", "\n").replace("\n", "&#10;")


# ------------------------------------------------------------------ pieces

def source_label(citation: Citation) -> str:
    """"Document › Section › Subsection" (and the page of a paged document), as plain text."""
    label = BREADCRUMB_SEPARATOR.join((citation.title, *citation.section))
    return f"{label}, page {citation.page}" if citation.page is not None else label


def spans_of(citation: Citation) -> list[tuple[int, int]]:
    """The quoted spans (passage offsets), overlaps merged, clipped to the passage."""
    raw = list(citation.spans)
    if not raw and citation.answer_start is not None and citation.answer_end is not None:
        raw = [(citation.answer_start, citation.answer_end)]
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(citation.text), e)) for s, e in raw):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def highlight(citation: Citation) -> str:
    """The passage as HTML with every quoted span in <mark>."""
    text, out, pos = citation.text, [], 0
    for start, end in spans_of(citation):
        out += [esc(text[pos:start]), f"<mark>{esc(text[start:end])}</mark>"]
        pos = end
    out.append(esc(text[pos:]))
    return "".join(out)


def cited(reply: Reply) -> list[Citation]:
    """The citations the answer rests on: those holding a quoted span or a fact, in number order."""
    numbers = {f.citation for f in reply.facts}
    numbers |= {c.n for c in reply.citations if spans_of(c)}
    return [c for c in reply.citations if c.n in numbers]


def marker(rid: int, citation: Citation) -> str:
    """A compact citation marker; it links to the passage in the evidence panel."""
    return (f'<a class="cite" href="#ev-{rid}-{citation.n}" title="{_attr(source_label(citation))}">'
            f"[{citation.n}]</a>")


def _with_markers(text: str, rid: int, by_n: dict[int, Citation], fallback: list[Citation]) -> str:
    """``text`` as HTML with its own "[n]" turned into markers; when it has none, the fallback
    citations' markers follow it."""
    parts, own, pos = [], False, 0
    for match in _MARKER_RE.finditer(text):
        n = int(match.group(1))
        if n in by_n:
            parts += [esc(text[pos:match.start()]), marker(rid, by_n[n])]
            pos, own = match.end(), True
    parts.append(esc(text[pos:]))
    body = "".join(parts)
    if not own and fallback:
        body += " " + " ".join(marker(rid, c) for c in fallback)
    return body


def source_lines(citations: list[Citation]) -> list[str]:
    """"Source: document › section" lines, numbered when there are several."""
    if len(citations) == 1:
        return [f"Source: {source_label(citations[0])}"]
    return [f"Source [{c.n}]: {source_label(c)}" for c in citations]


def _lines_html(text: str) -> str:
    """Plain lines as HTML: runs of bulleted lines become a list, other lines paragraphs."""
    out, items = [], []
    for line in [line for line in text.splitlines() if line.strip()]:
        if _BULLET_RE.match(line):
            items.append(f"<li>{esc(_BULLET_RE.sub('', line, count=1))}</li>")
            continue
        if items:
            out.append(f'<ul class="reply-list">{"".join(items)}</ul>')
            items = []
        out.append(f'<p class="reply-answer">{esc(line)}</p>')
    if items:
        out.append(f'<ul class="reply-list">{"".join(items)}</ul>')
    return "".join(out)


# ------------------------------------------------------------------ facts: table and range chart

def format_amount(value: float, unit: str) -> str:
    """A parsed figure back in words: "$160,000", "7 years", "37.4%"."""
    number = f"{value:,.0f}" if abs(value) >= 100 or value == int(value) else f"{value:,.1f}"
    if unit in _CURRENCY:
        return f"{_CURRENCY[unit]}{number}"
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


def facts_table(facts: tuple[Fact, ...], rid: int, by_n: dict[int, Citation]) -> str:
    """One row per fact: subject, value as written, its source marker. The attribute and scope
    become the caption when all facts share them, else columns."""
    attributes = list(dict.fromkeys(f.attribute for f in facts))
    scopes = list(dict.fromkeys(f.scope for f in facts))
    caption = []
    if len(attributes) == 1 and attributes[0]:
        caption.append(attributes[0][:1].upper() + attributes[0][1:])
    if len(scopes) == 1 and scopes[0]:
        caption.append(scopes[0])
    head = ["Subject"] + (["What"] if len(attributes) > 1 else []) + ["Value"] + \
        (["Scope"] if len(scopes) > 1 else []) + ["Source"]
    rows = []
    for f in facts:
        cells = [f'<th scope="row">{esc(f.subject)}</th>']
        if len(attributes) > 1:
            cells.append(f"<td>{esc(f.attribute)}</td>")
        cells.append(f"<td>{esc(f.value)}</td>")
        if len(scopes) > 1:
            cells.append(f"<td>{esc(f.scope)}</td>")
        cells.append(f"<td>{marker(rid, by_n[f.citation]) if f.citation in by_n else ''}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption_html = f"<caption>{esc(' · '.join(caption))}</caption>" if caption else ""
    head_html = "".join(f"<th>{h}</th>" for h in head)
    return f'<table class="facts">{caption_html}<thead><tr>{head_html}</tr></thead><tbody>{"".join(rows)}</tbody></table>'



def chartable(facts: tuple[Fact, ...]) -> list[Fact]:
    """Facts worth a range chart: figures of one unit and period for two or more subjects."""
    groups: dict[tuple[str, str], list[Fact]] = {}
    for f in facts:
        if f.low is not None and math.isfinite(f.low) and (f.high is None or math.isfinite(f.high)):
            groups.setdefault((f.unit, f.period), []).append(f)
    best = max(groups.values(), key=lambda g: len({f.subject for f in g}), default=[])
    return best if len({f.subject for f in best}) >= 2 else []


def _nice_step(span: float) -> float:
    """A round step (1, 2 or 5 × 10^n) that cuts ``span`` into about four parts."""
    raw = span / 4
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _open(fact) -> bool:
    """An open-ended figure ("$200,000 - $250,000+", "7+ years"): its bar runs to the edge."""
    return fact.high is None or fact.value.rstrip().endswith("+")


def axis(lows: list[float], highs: list[float], open_ended: bool) -> tuple[float, float]:
    """A shared axis with round ends around all the figures; room beyond the top for an
    open-ended figure ("$200,000+") to read as "and more"."""
    lo, hi = min(lows), max(highs)
    span = hi - lo or abs(hi) or 1.0
    step = _nice_step(span)
    start = math.floor(lo / step) * step
    if start == lo and lo != 0:
        start -= step  # a bar never starts on the edge
    if lo >= 0 > start:
        start = 0.0
    end = math.ceil(hi / step) * step
    if open_ended or end == hi:
        end += step
    return start, end


def range_chart(facts: tuple[Fact, ...]) -> str:
    """Horizontal bars from low to high on a shared axis, the figures written beside them; an
    open-ended figure runs to the edge. Empty when nothing is comparable."""
    rows = chartable(facts)
    if not rows:
        return ""
    highs = [f.high if f.high is not None else f.low for f in rows]
    start, end = axis([f.low for f in rows], highs, any(_open(f) for f in rows))
    width = end - start
    unit, period = rows[0].unit, rows[0].period
    bars = []
    for f in rows:
        left = (f.low - start) / width * 100
        right = 100.0 if _open(f) else (f.high - start) / width * 100
        size = min(max(right - left, 1.5), 100 - left)
        open_class = " rc-open" if _open(f) else ""
        bars.append(f'<div class="rc-row"><span class="rc-label">{esc(f.subject)}</span>'
                    f'<span class="rc-track"><span class="rc-bar{open_class}" '
                    f'style="left:{left:.2f}%;width:{size:.2f}%"></span></span>'
                    f'<span class="rc-value">{esc(f.value)}</span></div>')
    title = rows[0].attribute[:1].upper() + rows[0].attribute[1:] if rows[0].attribute else "Figures"
    per = f" per {period}" if period else ""
    ticks = (f'<div class="rc-row rc-axis"><span class="rc-label"></span><span class="rc-ticks">'
             f"<span>{esc(format_amount(start, unit))}</span><span>{esc(format_amount(end, unit))}</span></span>"
             '<span class="rc-value"></span></div>')
    return (f'<figure class="range-chart"><figcaption>{esc(title)} ({esc(unit)}{esc(per)})</figcaption>'
            f'{"".join(bars)}{ticks}</figure>')


# ------------------------------------------------------------------ the bubble and the panel

_COMPUTED_RE = re.compile(r"^Computed from \[|^Compared by the |.*\(computed from ")

def _answer_html(reply: Reply, rid: int, by_n: dict[int, Citation], sources: list[Citation]) -> tuple[str, str]:
    """The answer led by its subject ("Mid-Level MLOps Manager — Salary Range: …") with its
    markers; an answer of several lines (list items) becomes a list under the subject.
    Returns (html, plain text)."""
    subject = (reply.subject or "").strip()
    if subject and subject.casefold() in reply.answer.casefold():
        subject = ""  # the answer names it already
    lines = [line.strip() for line in reply.answer.splitlines() if line.strip()]
    if len(lines) < 2:
        answer_html = _with_markers(reply.answer.strip(), rid, by_n, sources)
        if subject:
            return (f'<p class="reply-answer"><strong class="reply-subject">{esc(subject)}</strong> — {answer_html}</p>',
                    f"{subject} — {reply.answer.strip()}")
        return f'<p class="reply-answer">{answer_html}</p>', reply.answer.strip()
    items = [_BULLET_RE.sub("", line, count=1) for line in lines]
    # a lead line that introduces the list ("7 items, by name:") stays above it, and a statement the
    # assistant computed ("Computed from [1]: …") goes under it, not among the quoted facts
    lead = items.pop(0) if items[0].endswith(":") and "“" not in items[0] else ""
    computed = [item for item in items if _COMPUTED_RE.match(item)]
    items = [item for item in items if item not in computed]
    markers = " ".join(marker(rid, c) for c in sources)
    head = f'<strong class="reply-subject">{esc(subject)}</strong> {markers}' if subject else markers
    if lead:
        head = f"{esc(lead)} {head}".strip()
    listed = "".join(f"<li>{_with_markers(item, rid, by_n, [])}</li>" for item in items)
    after = "".join(f'<p class="reply-computed">{_with_markers(item, rid, by_n, [])}</p>' for item in computed)
    plain = "\n".join(([f"{subject}:"] if subject else []) + ([lead] if lead else [])
                      + [f"• {item}" for item in items] + computed)
    return ((f'<p class="reply-answer">{head}</p>' if head else "") + f'<ul class="reply-list">{listed}</ul>' + after,
            plain)


def _bubble(classes: str, rid: int, body: str, text: str) -> str:
    """The bubble's markup; ``text`` rides along hidden, for copy and screen readers (chat.js)."""
    return (f'<div class="reply {classes} rid-{rid}">{body}'
            f'<span class="copy-text" hidden>{_attr(text)}</span></div>')


def _sources_html(citations: list[Citation]) -> str:
    if not citations:
        return ""
    return f'<p class="reply-sources">{"<br>".join(esc(line) for line in source_lines(citations))}</p>'


def _notes_html(notes) -> str:
    return "".join(f'<p class="reply-note">{esc(note)}</p>' for note in notes)


def _searched_html(reply: Reply) -> str:
    """What was searched, when it isn't what was typed (a typo corrected, a follow-up's subject added)."""
    if not reply.query or reply.query == reply.question:
        return ""
    return f'<p class="reply-searched">Searched as: {esc(reply.query)}</p>'


def render_reply(reply: Reply, rid: int, question: str, titles: list[str]) -> Rendered:
    """The bubble, the evidence section and the plain text of one reply, by its kind and
    confidence: high reads as an answer, medium says it may be incomplete, low is shown as the
    closest passage and never as an answer, an abstention says what the documents cover."""
    by_n = {c.n: c for c in reply.citations}
    sources = cited(reply)
    if reply.kind == "help":
        text = reply.answer or ""
        bubble = _bubble("reply-help", rid, _lines_html(text), text)
    elif reply.abstained or reply.kind == "abstain" or not reply.answer:
        covers = list(reply.notes) or ([f"The documents are about: {'; '.join(titles)}."] if titles else [])
        closest = " ".join(marker(rid, c) for c in reply.citations)
        body = f'<p class="reply-answer">{esc(ABSTAIN_MESSAGE)}</p>{_notes_html(covers)}'
        if closest:
            body += f'<p class="reply-closest">Closest passages, in the evidence panel: {closest}</p>'
        text = " ".join([ABSTAIN_MESSAGE, *covers])
        bubble = _bubble("reply-abstain", rid, body + _searched_html(reply), text)
    elif reply.confidence_label == "low":
        quote = _with_markers(reply.answer, rid, by_n, sources)
        body = (f'<p class="reply-kicker">{esc(LOW_KICKER)}</p><blockquote class="reply-quote">{quote}</blockquote>'
                f"{_notes_html(reply.notes)}{_sources_html(sources)}{_searched_html(reply)}")
        text = "\n".join([f"{LOW_KICKER}: “{reply.answer}”", *reply.notes, *source_lines(sources)])
        bubble = _bubble("reply-low", rid, body, text)
    else:
        body, lead_plain = _answer_html(reply, rid, by_n, sources)
        lines = [lead_plain]
        if reply.confidence_label == "medium":
            body += f'<p class="reply-caveat">{esc(CAVEAT)}</p>'
            lines.append(CAVEAT)
        if reply.facts:
            body += facts_table(reply.facts, rid, by_n) + range_chart(reply.facts)
        body += _notes_html(reply.notes) + _sources_html(sources) + _searched_html(reply)
        lines += [*reply.notes, *source_lines(sources)]
        text = "\n".join(lines)
        kind = "reply-composed" if reply.kind == "composed" else "reply-single"
        bubble = _bubble(f"{kind} reply-{reply.confidence_label}", rid, body, text)
    return Rendered(bubble, evidence_section(reply, rid, question), text)


def _passage(citation: Citation, rid: int, marked: bool) -> str:
    section = BREADCRUMB_SEPARATOR.join(citation.section)
    page = (f'<span class="ev-sep">, </span><span class="ev-page">page {citation.page}</span>'
            if citation.page is not None else "")
    where = (f'<span class="ev-n">[{citation.n}]</span> <span class="ev-doc">{esc(citation.title)}</span>'
             + (f'<span class="ev-sep"> › </span><span class="ev-sec">{esc(section)}</span>' if section else "")
             + page)
    text = highlight(citation) if marked else esc(citation.text)
    cls = "ev-passage is-cited" if marked else "ev-passage"
    return (f'<article class="{cls}" id="ev-{rid}-{citation.n}" tabindex="-1">'
            f'<p class="ev-where">{where}</p><p class="ev-text">{text}</p></article>')


def evidence_section(reply: Reply, rid: int, question: str) -> str:
    """The evidence for one reply: cited passages first, spans highlighted; the other passages
    retrieved after them, folded. An abstention lists its closest passages."""
    head = f'<p class="ev-for">Evidence for <q>{esc(question)}</q></p>'
    if reply.kind == "help":
        return head + '<p class="ev-empty">No passages: this was small talk.</p>'
    sources = cited(reply)
    numbers = {c.n for c in sources}
    others = [c for c in reply.citations if c.n not in numbers]
    if reply.abstained or reply.kind == "abstain" or not reply.answer:
        return (head + f'<h3 class="ev-group">Closest passages ({len(reply.citations)})</h3>'
                + "".join(_passage(c, rid, bool(spans_of(c))) for c in reply.citations))
    title = "Closest passage" if reply.confidence_label == "low" else (
        "Cited passage" if len(sources) == 1 else f"Cited passages ({len(sources)})")
    body = head + f'<h3 class="ev-group">{title}</h3>' + "".join(_passage(c, rid, True) for c in sources)
    if others:
        body += (f'<details class="ev-others"><summary>Other passages retrieved ({len(others)})</summary>'
                 + "".join(_passage(c, rid, False) for c in others) + "</details>")
    return body


def evidence_panel(sections: list[tuple[int, str]]) -> str:
    """The panel: one section per kept reply, the newest shown; chat.js shows another when one of
    its citation markers is selected."""
    if not sections:
        return EMPTY_EVIDENCE
    newest = sections[-1][0]
    parts = [f'<section class="ev-reply" id="ev-r{rid}"{"" if rid == newest else " hidden"}>{body}</section>'
             for rid, body in reversed(sections)]
    return f'<div class="ev-panel">{"".join(parts)}</div>'


def user_message(text: str) -> str:
    """The user's message exactly as typed: no Markdown, no HTML, no LaTeX."""
    return f'<div class="user-text">{esc(text)}</div>'


def header_html(titles: list[str]) -> str:
    """The page title (once) and what the assistant covers; titles escaped, so a title with
    Markdown, HTML or LaTeX in it reads exactly as written."""
    listed = ", ".join(esc(t) for t in titles)
    return (f'<header class="app-header"><h1 class="app-title">{APP_TITLE}</h1>'
            '<p class="app-intro">Ask about roles, skills and salaries. Answers are quoted from the documents; '
            "select a citation marker to see its passage. When the documents don't say, the assistant tells you. "
            f'<span class="app-docs">Documents: {listed}.</span></p></header>')


def chat_note(text: str) -> str:
    """A note from the app in the chat (a document was added): plain text, no citation, not a reply."""
    return f'<div class="chat-note"><p>{esc(text)}</p><span class="copy-text" hidden>{_attr(text)}</span></div>'


def upload_status(text: str, problem: bool = False) -> str:
    """The line beside the upload button: progress while a document is indexed, or why it was refused."""
    if not text:
        return ""
    if problem:
        return f'<p class="upload-problem" role="alert">{esc(text)}</p>'
    return f'<p class="upload-progress" role="status">{esc(text)}</p>'
