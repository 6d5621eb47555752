"""JSON-lines files (question sets, batches), read with errors that name the file and line."""
from __future__ import annotations

import json
from pathlib import Path


def read_jsonl(path: str | Path, what: str) -> list[tuple[int, dict]]:
    """``(line number, object)`` for every non-blank line.

    Raises:
        ValueError: the file is missing or not UTF-8, or a line is not a JSON object.
    """
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"{what} {path} does not exist")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise ValueError(f"{what} {path} is not UTF-8 (byte {exc.start})") from exc
    except OSError as exc:
        raise ValueError(f"{what} {path} could not be read ({exc.strerror or exc})") from exc
    rows = []
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path}:{n}: not valid JSON ({exc.msg})") from exc
        if not isinstance(row, dict):
            raise ValueError(f"{path}:{n}: expected a JSON object, got {type(row).__name__}")
        rows.append((n, row))
    return rows
