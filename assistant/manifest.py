"""The index manifest: what a build holds and how it was made, as a typed, checksummed record.

``manifest.json`` is the one file that says whether a build can be trusted: the corpus it was
built from, the build settings, the model, counts, engines, versions and every file's checksum.
It carries a checksum of its own content, so a hand edit is caught, and it is validated field by
field on load, so a damaged manifest is an ``IndexMismatchError`` (and a rebuild), never a crash.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from .errors import IndexMismatchError

FORMAT_VERSION = 4


@dataclass(frozen=True)
class DocumentEntry:
    """One indexed document, as the UI and the reader need it without opening the chunks."""

    doc_id: str
    title: str
    source: str
    aliases: tuple[str, ...] = ()
    publisher: str = ""
    occupation: str = ""  # what the page is about (facts.occupation): "Truck Drivers"


@dataclass(frozen=True)
class FileDigest:
    bytes: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    """Everything ``manifest.json`` records; ``to_json`` / ``from_json`` are the only (de)serialisers."""

    built_at: str
    corpus: dict[str, str]  # relative path -> sha256 of every candidate file
    skipped: dict[str, str]  # relative path -> why it was not indexed
    settings: dict  # Settings.build_fingerprint() (or a dataset's own fingerprint)
    model_name: str
    model_dim: int
    documents: tuple[DocumentEntry, ...]
    chunk_count: int
    unit_count: int
    dense_index: str  # "flat" | "hnsw-sq8(M=…)"
    lexical_index: str  # "rank-bm25" | "bm25s"
    versions: dict[str, str | None]
    files: dict[str, FileDigest]
    build_seconds: float | None = None
    format: int = FORMAT_VERSION

    @property
    def document_count(self) -> int:
        return len(self.documents)

    def to_json(self) -> dict:
        data = asdict(self)
        data["documents"] = [{**d, "aliases": list(d["aliases"])} for d in data["documents"]]
        data["checksum"] = content_checksum(data)
        return data

    @classmethod
    def from_json(cls, data, where: str = "manifest") -> "Manifest":
        """Validate and type a parsed ``manifest.json``.

        Raises:
            IndexMismatchError: unknown format, a missing or mistyped field, or a checksum that
                doesn't match the content (the file was edited after the build).
        """
        if not isinstance(data, dict):
            raise IndexMismatchError(f"{where} is not a JSON object")
        if data.get("format") != FORMAT_VERSION:
            raise IndexMismatchError(f"{where} has an unknown format (expected {FORMAT_VERSION}, "
                                     f"found {data.get('format')!r})")
        content = {k: v for k, v in data.items() if k != "checksum"}
        if data.get("checksum") != content_checksum(content):
            raise IndexMismatchError(f"{where} was changed after the build (its checksum differs)")
        try:
            documents = tuple(
                DocumentEntry(_str(d["doc_id"]), _str(d["title"]), _str(d["source"]),
                              tuple(_str(a) for a in _list(d.get("aliases", []))), _str(d.get("publisher", "")),
                              _str(d.get("occupation", "")))
                for d in _list(data["documents"]))
            files = {_str(name): FileDigest(_int(f["bytes"]), _str(f["sha256"]))
                     for name, f in _dict(data["files"]).items()}
            build_seconds = data.get("build_seconds")
            manifest = cls(
                built_at=_str(data["built_at"]),
                corpus={_str(k): _str(v) for k, v in _dict(data["corpus"]).items()},
                skipped={_str(k): _str(v) for k, v in _dict(data["skipped"]).items()},
                settings=_dict(data["settings"]),
                model_name=_str(data["model_name"]), model_dim=_int(data["model_dim"]),
                documents=documents, chunk_count=_int(data["chunk_count"]), unit_count=_int(data["unit_count"]),
                dense_index=_str(data["dense_index"]), lexical_index=_str(data["lexical_index"]),
                versions={_str(k): (None if v is None else _str(v)) for k, v in _dict(data["versions"]).items()},
                files=files,
                build_seconds=None if build_seconds is None else float(_number(build_seconds)),
            )
        except KeyError as exc:
            raise IndexMismatchError(f"{where} lacks the field {exc.args[0]!r}") from exc
        except (TypeError, AttributeError) as exc:
            raise IndexMismatchError(f"{where} has a field of the wrong type ({exc})") from exc
        unknown = set(data) - {f.name for f in fields(cls)} - {"checksum"}
        if unknown:
            raise IndexMismatchError(f"{where} has unknown fields: {', '.join(sorted(unknown))}")
        return manifest


def read_manifest(path: Path) -> Manifest:
    """Read and validate ``manifest.json``.

    Raises:
        IndexMismatchError: missing, unreadable, not JSON, or failing ``Manifest.from_json``.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexMismatchError(f"{path} is missing") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IndexMismatchError(f"{path} is unreadable: {exc}") from exc
    return Manifest.from_json(data, str(path))


def content_checksum(content: dict) -> str:
    """sha256 of the manifest's content in canonical JSON (sorted keys), what its "checksum" field holds."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _typed(kind, name):
    def check(value):
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"expected {name}, got {type(value).__name__} {value!r:.40}")
        return value
    return check


_str = _typed(str, "a string")
_int = _typed(int, "an integer")
_number = _typed((int, float), "a number")
_list = _typed(list, "a list")
_dict = _typed(dict, "an object")
