"""JSON-lines files (question sets, batches), read with errors that name the file and line."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterator


def iter_jsonl(path: str | Path, what: str) -> Iterator[tuple[int, dict | None, str | None]]:
    """``(line number, object, None)`` for every good non-blank line and ``(line number, None,
    reason)`` for a bad one (not UTF-8, not JSON, not an object), so a batch can go on past it.

    Raises:
        ValueError: the file is missing or can't be read at all.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{what} {path} does not exist")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ValueError(f"{what} {path} could not be read ({exc.strerror or exc})") from exc
    for n, line_bytes in enumerate(raw.splitlines(), start=1):
        try:
            line = line_bytes.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield n, None, f"not UTF-8 (byte {exc.start})"
            continue
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield n, None, f"not valid JSON ({exc.msg})"
            continue
        if not isinstance(row, dict):
            yield n, None, f"expected a JSON object, got {type(row).__name__}"
            continue
        yield n, row, None


def read_jsonl(path: str | Path, what: str) -> list[tuple[int, dict]]:
    """``(line number, object)`` for every non-blank line of a file that must be all good.

    Raises:
        ValueError: the file is missing or not readable, or a line is not UTF-8 or not a JSON object.
    """
    rows = []
    for n, row, error in iter_jsonl(path, what):
        if error:
            raise ValueError(f"{path}:{n}: {error}")
        rows.append((n, row))
    return rows


def dumps_line(data) -> str:
    """One JSON line for output; lone surrogates (which UTF-8 can't encode) become U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", json.dumps(data, ensure_ascii=False))


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
