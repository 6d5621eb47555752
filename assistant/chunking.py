"""``Document`` -> retrievable ``Chunk``s and finer answer ``Unit``s.

Chunks follow structure: consecutive blocks of one section, packed up to ``max_words``;
a list item always travels with its sub-items and is never cut. Units are what an answer
can be: a whole list item (label included, so a figure keeps its subject) or one sentence.

Both have hard size bounds whatever the punctuation, because users' files are not always
prose: a unit is at most ``MAX_UNIT_CHARS`` (an over-long sentence or item is cut at line
breaks, then between words), and a block longer than ``max_words`` is split between its
units into several chunks. Well-formed pages never reach either bound.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .config import MAX_ANSWER_CHARS
from .text import split_sentences
from .types import Block, Chunk, Document, Unit

MAX_UNIT_CHARS = MAX_ANSWER_CHARS  # a unit is a possible answer: never longer than an answer may be


@dataclass(frozen=True)
class ChunkedCorpus:
    chunks: list[Chunk]
    units: list[Unit]


def chunk_documents(documents: list[Document], max_words: int = 120, min_words: int = 40) -> ChunkedCorpus:
    """Chunk every document; chunk and unit ids are positions in the returned lists."""
    if min_words < 1 or max_words < min_words:
        raise ValueError(f"need 1 <= min_words <= max_words, got min_words={min_words}, max_words={max_words}")
    chunks: list[Chunk] = []
    units: list[Unit] = []
    for doc in documents:
        spans_of: dict[Block, list[tuple[int, int, str]]] = {}
        pieces = _bounded_blocks(doc, max_words, spans_of)
        for group in _chunk_block_groups(pieces, max_words, min_words):
            chunk = Chunk(
                chunk_id=len(chunks), doc_id=doc.doc_id, title=doc.title, section=group[0].section,
                text=doc.text[group[0].line_start: group[-1].end],
                start=group[0].line_start, end=group[-1].end, page=group[0].page,
            )
            chunks.append(chunk)
            chunk_units: list[Unit] = []
            for block in group:
                block_first = None
                for start, end, kind in spans_of[block]:
                    unit = Unit(len(units), chunk.chunk_id, kind, doc.text[start:end], start, end,
                                block.list_id, block.level)
                    if block.kind == "item" and block_first is not None:
                        unit = replace(unit, context=block_first)  # the rest of a cut item: its label leads
                    else:
                        unit = replace(unit, context=_context_of(unit, chunk_units))
                    if block_first is None:
                        block_first = unit.unit_id
                    chunk_units.append(unit)
                    units.append(unit)
    return ChunkedCorpus(chunks, units)


def _words(block: Block) -> int:
    return len(block.text.split())


def _bounded_blocks(doc: Document, max_words: int, spans_of: dict) -> list[Block]:
    """The document's content blocks, each with its (bounded) unit spans in ``spans_of``; a block
    longer than ``max_words`` is cut between units into pieces that fit a chunk."""
    out: list[Block] = []
    for block in doc.blocks:
        if block.kind == "heading":
            out.append(block)
            continue
        spans = _unit_spans(doc, block)
        if _words(block) <= max_words:
            spans_of[block] = spans
            out.append(block)
            continue
        group: list[tuple[int, int, str]] = []
        words = 0
        for span in spans + [None]:
            size = len(doc.text[span[0]:span[1]].split()) if span else 0
            if group and (span is None or words + size > max_words):
                start, end = group[0][0], group[-1][1]
                first = start == spans[0][0]  # the first piece keeps the list marker before it
                piece = replace(block, text=doc.text[start:end], start=start, end=end,
                                line_start=block.line_start if first else start)
                spans_of[piece] = group
                out.append(piece)
                group, words = [], 0
            if span:
                group.append(span)
                words += size
    return out


def _sections(blocks: list[Block]) -> list[list[Block]]:
    """Runs of consecutive content blocks that share one section path."""
    runs: list[list[Block]] = []
    for block in blocks:
        if block.kind == "heading":
            continue
        if runs and runs[-1][-1].section == block.section:
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


def _packs(blocks: list[Block], max_words: int) -> list[list[Block]]:
    """Indivisible groups: an item with its sub-items, or a paragraph.

    An item group longer than ``max_words`` is split between its sub-items (never inside
    one). A single paragraph or item longer than that stays whole as its own chunk: the
    career pages have none, and its sentences are separate answer units anyway.
    """
    packs: list[list[Block]] = []
    for block in blocks:
        nested = packs and block.kind == "item" and packs[-1][0].kind == "item" \
            and block.level > packs[-1][0].level and block.list_id != packs[-1][0].list_id
        if nested and sum(map(_words, packs[-1])) + _words(block) <= max_words:
            packs[-1].append(block)
        else:
            packs.append([block])
    return packs


def _chunk_block_groups(blocks: list[Block], max_words: int, min_words: int) -> list[list[Block]]:
    groups: list[list[Block]] = []
    for section_blocks in _sections(blocks):
        section_groups: list[list[Block]] = []
        for pack in _packs(section_blocks, max_words):
            size = sum(map(_words, pack))
            if section_groups and sum(map(_words, section_groups[-1])) + size <= max_words:
                section_groups[-1].extend(pack)
            else:
                section_groups.append(list(pack))
        # A short tail joins its neighbour when the pair stays within 1.5x the budget.
        if len(section_groups) > 1 and sum(map(_words, section_groups[-1])) < min_words \
                and sum(map(_words, section_groups[-2] + section_groups[-1])) <= max_words * 1.5:
            section_groups[-2].extend(section_groups.pop())
        groups.extend(section_groups)
    return groups


_PIPE_RE = re.compile(r"\s+\|\s+")


def _unit_spans(doc: Document, block: Block) -> list[tuple[int, int, str]]:
    """A whole item, or the sentences of a paragraph; anything over ``MAX_UNIT_CHARS`` is cut
    (an item first into its sentences, its first piece staying the item). A stat line of
    "Label: value | Label: value" segments gives one unit per segment, each keeping its label
    (segments without a label of their own stay one unit: a bare "$16.38" would say nothing)."""
    segments = _PIPE_RE.split(block.text)
    if len(segments) >= 2 and all(0 < len(s.split()) <= 8 and ":" in s for s in segments):
        out, pos = [], 0
        for segment in segments:
            at = block.text.index(segment, pos)
            out.append((block.start + at, block.start + at + len(segment), "item"))
            pos = at + len(segment)
        return out
    if block.kind == "item":
        if block.end - block.start <= MAX_UNIT_CHARS:
            return [(block.start, block.end, "item")]
        pieces = [span for s, e in split_sentences(block.text, offset=block.start)
                  for span in _bounded(doc.text, s, e)]
        return [(s, e, "item" if n == 0 else "sentence") for n, (s, e) in enumerate(pieces)]
    return [(s, e, "sentence") for start, end in _joined_short(split_sentences(block.text, offset=block.start), doc.text)
            for s, e in _bounded(doc.text, start, end)]


def _joined_short(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """A one- or two-word sentence ("Yes.", "Often.", "It depends.") says nothing alone: it joins
    the sentence after it, so the answer to "Do technicians work weekends?" reads "Often. Heating …"."""
    out: list[tuple[int, int]] = []
    carry = None
    for start, end in spans:
        if carry is not None:
            start, carry = carry, None
        if len(text[start:end].split()) <= 2 and (start, end) != spans[-1]:
            carry = start
            continue
        out.append((start, end))
    return out


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` as spans of at most ``MAX_UNIT_CHARS``: whole lines packed together,
    a line still too long packed word by word (a word longer than the bound is cut)."""
    if end - start <= MAX_UNIT_CHARS:
        return [(start, end)]
    pieces = [(m.start() + start, m.end() + start) for m in re.finditer(r"[^\n]*\S[^\n]*", text[start:end])]
    if len(pieces) == 1:
        pieces = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
        pieces = [(a + i, min(b, a + i + MAX_UNIT_CHARS)) for a, b in pieces for i in range(0, b - a, MAX_UNIT_CHARS)]
    out: list[tuple[int, int]] = []
    for a, b in pieces:
        line = text[a:b].strip()
        a = a + (len(text[a:b]) - len(text[a:b].lstrip()))
        b = a + len(line)
        if b - a > MAX_UNIT_CHARS:
            out.extend(_bounded(text, a, b))
        elif out and b - out[-1][0] <= MAX_UNIT_CHARS:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


_ANAPHORIC_START_RE = re.compile(r"^(?:their|they|this|these|it|its|such|those)\b", re.IGNORECASE)


def _context_of(unit: Unit, before: list[Unit]) -> int:
    """The unit that says what this one is about: a nested item's parent item, or the previous
    sentence for one that opens with a pronoun ("Their primary objective is …")."""
    if unit.kind == "item" and unit.level > 0:
        for prior in reversed(before):
            if prior.kind == "item" and prior.level == unit.level - 1:
                return prior.unit_id
            if prior.kind != "item":
                break
    if unit.kind == "sentence" and before and before[-1].kind == "sentence" \
            and _ANAPHORIC_START_RE.match(unit.text):
        return before[-1].unit_id
    return -1
