"""Plain text laid out with spaces: a PDF converted by a layout-keeping tool.

The text parser reads one thing per line. Two columns printed side by side ("PROGRAM AT A GLANCE"
beside "QUESTIONS? TALK TO AN ADVISOR") mix their lines, and a PDF's running header and "Page 2 of 3"
footer land between sections. ``relayout`` mends the lines before parsing, so the rest of the parser
sees the layout it knows. (Reading an aligned table's gaps as a saved page's tabs was measured too: it
fixed no development question and made one unanswerable question answered, so aligned tables stay
lines, which the line rules read already.)
"""
from __future__ import annotations

import re
from collections import Counter

from .formats.model import spell_ligatures
from .layout import has_figure

_GAP_RE = re.compile(r"(?<=\S) {2,}(?=\S)")  # a column gap: two or more spaces between text
_PAGE_FOOTER_RE = re.compile(r"(?:^|(?<=\S)\s{2,}|·\s*)page \d{1,3}(?: of \d{1,3})?$", re.I)
_KEY_VALUE_CELL_RE = re.compile(r"^[^:]{2,40}:\s+\S")  # "Length: 2 semesters (32 weeks)"
_MIN_ROWS = 3  # two columns side by side take this many lines at least (two lines could be anything)


def relayout(lines: list[str]) -> list[str]:
    """The lines with ligatures spelt out, running headers and page footers blanked, and two
    side-by-side columns of "Label: value" lines read one after the other."""
    lines = _drop_running_lines([spell_ligatures(line) for line in lines])
    cells = [_cells(line) for line in lines]
    out: list[str] = []
    i = 0
    while i < len(lines):
        end = i
        while end < len(lines) and cells[end] is not None and len(cells[end]) >= 2:
            end += 1
        if end == i:
            out.append(lines[i])
            i += 1
            continue
        block = lines[i:end]
        if len(block) >= _MIN_ROWS - 1 and end < len(lines) and _is_single_cell_tail(lines[end]) \
                and _two_columns(block + [lines[end]]):
            block, end = block + [lines[end]], end + 1  # a left column's last line may stand alone
        if len(block) >= _MIN_ROWS and _aligned(block) and _two_columns(block):
            out.extend(_read_two_columns(block))
        else:
            out.extend(block)  # the run as it is: each line is looked at once
        i = end
    return out


def _cells(line: str) -> list[str] | None:
    """A line's cells apart by column gaps, or None when it is blank (or already tab-separated)."""
    text = line.strip()
    if not text or "\t" in text:
        return None
    return _GAP_RE.split(text)


def _is_single_cell_tail(line: str) -> bool:
    cells = _cells(line)
    return cells is not None and len(cells) == 1 and bool(_KEY_VALUE_CELL_RE.match(cells[0]))


def _aligned(block: list[str]) -> bool:
    """Columns line up: the last cell starts at the same place on at least half of the lines, or, for
    a column of figures (right-aligned), ends there. Justified prose ends every line at one place
    too, but its last "cell" is a word, not a figure."""
    rows = [line.rstrip() for line in block if len(_cells(line) or []) >= 2]
    if len(rows) < 2:
        return False
    starts = Counter(len(row) - len(_cells(row)[-1]) for row in rows)
    ends = Counter(len(row) for row in rows if has_figure(_cells(row)[-1]))
    best = max(starts.most_common(1)[0][1], ends.most_common(1)[0][1] if ends else 0)
    return best * 2 >= len(rows)


def _two_columns(block: list[str]) -> bool:
    """Two columns of a fact box printed side by side: two cells a line at most, and most cells below
    the first line "Label: value" lines."""
    rows = [_cells(line) or [] for line in block]
    if any(len(r) > 2 for r in rows):
        return False
    cells = [c for r in rows[1:] for c in r]
    return len(cells) >= 4 and sum(bool(_KEY_VALUE_CELL_RE.match(c)) for c in cells) * 3 >= len(cells) * 2


def _read_two_columns(block: list[str]) -> list[str]:
    """The left column's lines, a blank line, then the right column's; a line with one cell belongs to
    the column it starts in."""
    right_start = min(len(line) - len(line.lstrip()) + line.strip().find(_cells(line)[1])
                      for line in block if len(_cells(line)) == 2)
    left, right = [], []
    for line in block:
        cells = _cells(line)
        if len(cells) == 2:
            left.append(cells[0])
            right.append(cells[1])
        elif len(line) - len(line.lstrip()) >= right_start - 2:
            right.append(cells[0])
        else:
            left.append(cells[0])
    return left + [""] + right


def _drop_running_lines(lines: list[str]) -> list[str]:
    """Blank a PDF's page footers ("… Rev. 03/2025   Page 1 of 3") and its running header."""
    running = set(running_lines(lines))
    return ["" if line in running else line.replace("\f", "") for line in lines]


def running_lines(lines: list[str]) -> list[str]:
    """The page footers and running headers of a PDF converted to text, each time they occur: a
    footer ends in "Page N (of M)"; a running header is a line laid out in columns that recurs word
    for word on two or more pages (pages part at form feeds or footers). The publisher's name is
    often only there ("Cobalt Ridge Technical College · Program Sheet · Page 2 of 3")."""
    page, pages_of = 0, {}
    footers = []
    for line in lines:
        text = line.replace("\f", "").strip()
        if "\f" in line:
            page += 1
        if _PAGE_FOOTER_RE.search(text):
            footers.append(line)
            page += 1
            continue
        if text and _GAP_RE.search(text) and len(text.split()) <= 16:
            pages_of.setdefault(re.sub(r"\s+", " ", text), set()).add(page)
    repeated = {key for key, pages in pages_of.items() if len(pages) > 1}
    return footers + [line for line in lines if re.sub(r"\s+", " ", line.replace("\f", "").strip()) in repeated]
