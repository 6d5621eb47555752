"""Small file helpers shared by the corpus reader and the index: checksums and durable writes."""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

_BLOCK = 1 << 20


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MB blocks so a large file is never held in memory.

    Raises:
        OSError: the file can't be read.
    """
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def write_json_durably(path: Path, data) -> None:
    """Write JSON and fsync it: a build is only published once its files are on disk."""
    with Path(path).open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False)
        handle.flush()
        os.fsync(handle.fileno())
