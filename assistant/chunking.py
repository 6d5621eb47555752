"""``Document`` -> retrievable ``Chunk``s and finer answer ``Unit``s.

Chunks follow structure: consecutive blocks of one section, packed up to ``max_words``;
a list item always travels with its sub-items and is never cut. Units are what an answer
can be: a whole list item (label included, so a figure keeps its subject) or one sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .text import split_sentences
from .types import Block, Chunk, Document, Unit


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
        for group in _chunk_block_groups(doc, max_words, min_words):
            chunk = Chunk(
                chunk_id=len(chunks), doc_id=doc.doc_id, title=doc.title, section=group[0].section,
                text=doc.text[group[0].line_start: group[-1].end],
                start=group[0].line_start, end=group[-1].end, page=group[0].page,
            )
            chunks.append(chunk)
            chunk_units: list[Unit] = []
            for block in group:
                for start, end, kind in _unit_spans(doc, block):
                    unit = Unit(len(units), chunk.chunk_id, kind, doc.text[start:end], start, end,
                                block.list_id, block.level)
                    unit = replace(unit, context=_context_of(unit, chunk_units))
                    chunk_units.append(unit)
                    units.append(unit)
    return ChunkedCorpus(chunks, units)


def _words(block: Block) -> int:
    return len(block.text.split())


def _sections(doc: Document) -> list[list[Block]]:
    """Runs of consecutive content blocks that share one section path."""
    runs: list[list[Block]] = []
    for block in doc.blocks:
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


def _chunk_block_groups(doc: Document, max_words: int, min_words: int) -> list[list[Block]]:
    groups: list[list[Block]] = []
    for section_blocks in _sections(doc):
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


def _unit_spans(doc: Document, block: Block) -> list[tuple[int, int, str]]:
    if block.kind == "item":
        return [(block.start, block.end, "item")]
    return [(s, e, "sentence") for s, e in split_sentences(block.text, offset=block.start)]


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
