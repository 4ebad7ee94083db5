"""Read source records (JSON Lines, gzip, stdin, CSV, folders) and validate them.

Real archives are messy: a truncated line, a bad byte, an article with no text, a date nobody can
read. None of these may stop a nightly import, so reading never raises for a bad *record*: each one
comes out as a :class:`Raw` item, :func:`validate` either turns it into a clean record (the shape
:func:`indexer.documents.to_fields` expects) or raises :class:`Invalid` with a reason, and the caller
writes a :class:`Reject` to the rejects file and goes on. Only input that cannot be read at all (a
missing file, an unknown format, a corrupt gzip stream) raises :class:`SourceError`.

Formats (DESIGN.md "Document format"):

* ``.jsonl`` / ``.jsonl.gz`` / ``-`` (stdin): one JSON object a line; ``line`` is the line number.
* ``.csv``: a header row of field names; ``line`` is the line where the record starts (quoted
  values may span lines).
* a folder: every file of these formats below it, in path order, and ``.json`` (one object, or a
  list of objects; ``line`` is the item number) and ``.txt`` files. A ``.txt`` file is an article:
  its first non-empty line is the title, the rest the body, its stem the id. A nightly dump folder
  holds ``.jsonl.gz`` files beside the odd ``.json``: skipping them would lose articles silently.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import pathlib
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, BinaryIO

from indexer.cleaning import clean_line, clean_text
from indexer.schema import AUTHOR, BODY, SECTION, SOURCE, TEXT_FIELDS, URL

FORMATS = ".jsonl, .jsonl.gz, .csv, .json or a folder of such files and .txt files, or - for stdin"
FOLDER_FORMATS = ".json, .txt, .jsonl, .jsonl.gz or .csv"
STRING_FIELDS = (SECTION, SOURCE, AUTHOR, URL)
# Characters one field (a body, usually) may hold, in every format: 64 Mi, above the 50 MB
# documents the site serves in parts (web/presenters.py). The csv module's own limit (131,072
# by default, once a CSV-only rejection) is lifted so that this one rule decides, with one reason.
MAX_FIELD_CHARS = 64 * 2**20
_CSV_FIELD_LIMIT = 2**31 - 1

# csv reads with errors="surrogateescape": undecodable bytes become lone surrogates U+DC80-U+DCFF,
# which lets the parser carry on and lets us reject just the records that contain them.
_BAD_BYTES = re.compile("[\udc80-\udcff]")
# Any lone surrogate: JSON may spell one (``"\\ud800"``, half of a pair an exporter cut), and no
# UTF-8 text, index or page can hold it.
_SURROGATE = re.compile("[\ud800-\udfff]")


class SourceError(Exception):
    """Input that cannot be read at all; the message is one line for the user."""


class Invalid(ValueError):
    """A record that fails validation; ``str(err)`` is the reason written to the rejects file."""


@dataclass
class Raw:
    """One record as read, before validation.

    ``record`` is the parsed object (usually a dict), or the raw text of a line that could not be
    parsed; ``error`` is then the reason it could not be.
    """

    source: str
    line: int
    record: Any
    error: str | None = None


@dataclass
class Reject:
    """One line of the rejects file."""

    source: str
    line: int
    reason: str
    record: Any

    def to_json(self) -> str:
        text = json.dumps(
            {"source": self.source, "line": self.line, "reason": self.reason, "record": self.record},
            ensure_ascii=False,
            default=str,
        )
        # A lone surrogate (a record rejected for one) cannot be written as UTF-8: keep it as the
        # JSON escape it was read from, so the line stays valid JSON and the record as it came.
        return _SURROGATE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


# --------------------------------------------------------------------------------------- reading


def check_source(spec: str) -> None:
    """Raise :class:`SourceError` now, before any indexing, when ``spec`` cannot be read."""
    if spec == "-":
        return
    path = pathlib.Path(spec)
    if not path.exists():
        raise SourceError(f"{spec}: no such file or folder")
    if path.is_dir():
        # Stops at the first such file: this check runs before each read of the source.
        if not any(_is_document_file(p) for p in path.rglob("*")):
            raise SourceError(f"{spec}: the folder holds no {FOLDER_FORMATS} files")
        return
    if _kind(path) is None:
        raise SourceError(f"{spec}: unknown format (use {FORMATS})")


def _kind(path: pathlib.Path) -> str | None:
    name = path.name.lower()
    for suffix, kind in ((".jsonl.gz", "jsonl.gz"), (".ndjson.gz", "jsonl.gz"), (".jsonl", "jsonl"),
                         (".ndjson", "jsonl"), (".csv", "csv"), (".json", "json"), (".txt", "txt")):
        if name.endswith(suffix):
            return kind
    return None


def read_source(spec: str, stdin: BinaryIO | None = None, skip: Iterable[str] = ()) -> Iterator[Raw]:
    """Every record of one source, in order. ``-`` reads JSON Lines from ``stdin`` (bytes). A
    folder's files at or below a ``skip`` path are left out (:func:`read_folder`)."""
    check_source(spec)
    if spec == "-":
        yield from read_jsonl(stdin if stdin is not None else sys.stdin.buffer, "-")
        return
    path = pathlib.Path(spec)
    if path.is_dir():
        yield from read_folder(path, skip)
        return
    yield from _read_path(path, spec)


def _read_path(path: pathlib.Path, spec: str) -> Iterator[Raw]:
    """One file's records, by its format."""
    kind = _kind(path)
    if kind == "jsonl":
        with open(path, "rb") as f:
            yield from read_jsonl(f, spec)
    elif kind == "jsonl.gz":
        yield from _read_gzip(path, spec)
    elif kind == "csv":
        with open(path, "rb") as f:
            yield from read_csv(f, spec)
    else:  # json or txt named directly
        yield from _read_file(path, kind)


def _read_gzip(path: pathlib.Path, spec: str) -> Iterator[Raw]:
    """A ``.jsonl.gz`` file's records; where the stream breaks (a truncated download, a damaged
    disk) the rest of the file is one reject saying so, and the import goes on: its records read
    so far are imported and the summary counts them, as for a bad file in a folder."""
    last = 0
    with gzip.open(path, "rb") as f:
        try:
            for raw in read_jsonl(f, spec):
                last = raw.line
                yield raw
        except (OSError, EOFError, zlib.error) as err:
            yield Raw(spec, last + 1, "", f"the gzip stream is corrupt or truncated after line {last} "
                                          f"({err}): the rest of the file could not be read")


def read_sources(specs: Iterable[str], stdin: BinaryIO | None = None, skip: Iterable[str] = ()) -> Iterator[Raw]:
    """The records of several sources one after the other (all checked first); ``skip``: paths a
    folder's files are not read from (:func:`read_folder`)."""
    specs, skip = list(specs), list(skip)
    for spec in specs:
        check_source(spec)
    for spec in specs:
        yield from read_source(spec, stdin, skip)


def read_jsonl(f: BinaryIO, source: str) -> Iterator[Raw]:
    """JSON Lines from a binary stream; a bad line becomes a :class:`Raw` with an ``error``.

    Lines are decoded one by one so that a single invalid UTF-8 line is rejected and the rest of
    the file is read normally.
    """
    for number, data in enumerate(f, start=1):
        if number == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]  # a UTF-8 byte order mark, as some Windows tools write
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            raw = data.decode("utf-8", errors="replace").rstrip("\r\n")
            yield Raw(source, number, raw, f"bad encoding: invalid UTF-8 at byte {err.start}")
            continue
        if not text.strip():
            continue
        try:
            obj = json.loads(text)
        except ValueError as err:
            yield Raw(source, number, text.rstrip("\r\n"), f"broken JSON: {err}")
            continue
        yield Raw(source, number, obj)


def read_csv(f: BinaryIO, source: str) -> Iterator[Raw]:
    """CSV with a header row of field names; values may hold quoted commas and newlines."""
    text = io.TextIOWrapper(f, encoding="utf-8-sig", errors="surrogateescape", newline="")
    csv.field_size_limit(_CSV_FIELD_LIMIT)  # MAX_FIELD_CHARS is checked in validate, as for JSON
    reader = csv.reader(text)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as err:
        raise SourceError(f"{source}: cannot read the CSV header ({err})") from None
    header = [h.strip() for h in header]
    if _BAD_BYTES.search("".join(header)):
        raise SourceError(f"{source}: the CSV header is not valid UTF-8")
    if "id" not in header:
        raise SourceError(f"{source}: the CSV header has no 'id' column (it has {', '.join(header)})")
    if repeated := sorted({h for h in header if h and header.count(h) > 1}):
        # which of the two the operator meant cannot be known: the last one silently won before
        raise SourceError(f"{source}: the CSV header names {', '.join(repeated)} more than once")
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield Raw(source, start, None, f"broken CSV: {err}")
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(v.strip() for v in row):
            continue
        if any(_BAD_BYTES.search(v) for v in row):
            raw = [_BAD_BYTES.sub("\ufffd", v) for v in row]
            yield Raw(source, line, dict(zip(header, raw, strict=False)), "bad encoding: invalid UTF-8")
            continue
        if len(row) != len(header):
            yield Raw(source, line, row, f"wrong number of columns: {len(row)}, the header has {len(header)}")
            continue
        yield Raw(source, line, dict(zip(header, row, strict=True)))


def _is_document_file(path: pathlib.Path) -> bool:
    return path.is_file() and _kind(path) is not None


def read_folder(folder: pathlib.Path, skip: Iterable[str] = ()) -> Iterator[Raw]:
    """Every file of a known format below ``folder`` (other files are ignored); one that cannot
    be opened, or a CSV file whose header cannot be used, is a reject, as a bad file in a folder
    is, and the folder goes on. Files at or below a ``skip`` path are left out: the import's own
    rejects file (read while it is written, each line would be rejected into it again, without
    end) and the index it writes, when they lie inside the folder."""
    skipped = [pathlib.Path(s).resolve() for s in skip]

    def written(path: pathlib.Path) -> bool:
        real = path.resolve()
        return any(real == s or s in real.parents for s in skipped)

    files = sorted(p for p in folder.rglob("*") if _is_document_file(p) and not written(p))
    if not files:
        raise SourceError(f"{folder}: the folder holds no {FOLDER_FORMATS} files")
    for path in files:
        try:
            yield from _read_path(path, str(path))
        except OSError as err:
            yield Raw(str(path), 1, None, f"cannot read file: {err.strerror or err}")
        except SourceError as err:
            yield Raw(str(path), 1, None, str(err).removeprefix(f"{path}: "))


def _read_file(path: pathlib.Path, kind: str | None) -> Iterator[Raw]:
    source = str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        yield Raw(source, 1, None, f"cannot read file: {err.strerror}")
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raw = data.decode("utf-8", errors="replace")
        yield Raw(source, 1, raw, f"bad encoding: invalid UTF-8 at byte {err.start}")
        return
    if kind == "txt":
        yield Raw(source, 1, txt_record(path.stem, text))
        return
    try:
        obj = json.loads(text)
    except ValueError as err:
        yield Raw(source, getattr(err, "lineno", 1), text, f"broken JSON: {err}")
        return
    if isinstance(obj, list):
        for number, item in enumerate(obj, start=1):
            yield Raw(source, number, item)
    else:
        yield Raw(source, 1, obj)


def txt_record(stem: str, text: str) -> dict[str, str]:
    """A plain-text article: first non-empty line the title, the rest the body, id the file stem."""
    lines = text.replace("\r\n", "\n").split("\n")
    for i, line in enumerate(lines):
        if line.strip():
            return {"id": stem, "title": line.strip(), "body": "\n".join(lines[i + 1 :]).strip()}
    return {"id": stem, "title": "", "body": ""}


# ------------------------------------------------------------------------------------ validation


def parse_date(value: Any) -> datetime | None:
    """ISO 8601 date or datetime, with or without a timezone; empty means no date.

    ``2015-07-21`` → midnight; ``2015-07-21T10:00:00Z`` and ``...+03:00`` keep their timezone (the
    index stores the wall-clock time as published, see ``indexer.documents.to_fields``).
    """
    if value is None:
        return None
    if not isinstance(value, str):
        raise Invalid(f"date must be an ISO 8601 string, got {_type_name(value)}")
    text = value.strip()
    if not text:
        return None
    iso = text[:-1] + "+00:00" if text[-1:] in "Zz" else text  # Python 3.10 does not read "Z"
    try:
        return datetime.fromisoformat(iso)
    except ValueError:
        raise Invalid(f"date does not parse as ISO 8601: {text!r}") from None


def parse_tags(value: Any) -> list[str]:
    """A list of strings, or one comma-separated string (as CSV gives); blanks dropped."""
    if value is None:
        return []
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, list) and all(isinstance(t, str) for t in value):
        items = value
    else:
        raise Invalid(f"tags must be a list of strings or a comma-separated string, got {_type_name(value)}")
    return [t.strip() for t in items if t.strip()]


def validate(obj: Any, drop: LineFilter | None = None) -> dict[str, Any]:
    """A clean record from a parsed source object, or :class:`Invalid` with the reason.

    Unknown fields are kept as they are (``to_fields`` stores them in ``extra``).
    """
    if not isinstance(obj, dict):
        raise Invalid(f"a record must be a JSON object, got {_type_name(obj)}")
    if (where := _surrogate_in(obj)) is not None:
        raise Invalid(f"{where} holds a lone UTF-16 surrogate (a \\ud800-\\udfff escape without its pair): "
                      "not a character; fix the exporter or drop it")
    record = dict(obj)
    for name, value in record.items():
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            raise Invalid(f"{name} has {len(value):,} characters, more than the {MAX_FIELD_CHARS:,} "
                          "a field may hold")
    rid = record.get("id")
    if rid is None:
        raise Invalid("missing id")
    if not isinstance(rid, str):
        raise Invalid(f"id must be a string, got {_type_name(rid)}")
    if not rid.strip():
        raise Invalid("empty id")
    if "\x00" in rid:
        raise Invalid("id contains a null byte")
    record["id"] = rid.strip()
    _check_id_in_path(record["id"])
    for name in TEXT_FIELDS + STRING_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise Invalid(f"{name} must be a string, got {_type_name(value)}")

        # A null byte is no text: it would reach the HTML pages raw (an HTML parse error).
        value = (value or "").replace("\x00", " ")
        # Entities decoded, HTML tags stripped, white space normalised (indexer/cleaning.py);
        # an address keeps its characters as given.
        record[name] = value.strip() if name == URL else clean_text(value) if name == BODY else clean_line(value)
    if drop is not None:
        record["body"] = drop.clean(record["body"])
    if not record["title"] and not record["body"]:
        raise Invalid("no title and no body")
    record["date"] = parse_date(record.get("date"))
    record["tags"] = [tag for tag in map(clean_line, parse_tags(record.get("tags"))) if tag]
    return record


def admit(item: Raw, drop: LineFilter | None, seen: dict[str, tuple[str, int]]) -> dict[str, Any]:
    """The clean record of one read item, or :class:`Invalid`: an item that could not be read,
    a bad record, or an id already imported in this run (``seen``: id → (source, line) where it
    was first read; every import backend keeps one per run)."""
    if item.error:
        raise Invalid(item.error)
    record = validate(item.record, drop)
    first = seen.get(record["id"])
    if first is not None:
        raise Invalid(f"duplicate id {record['id']!r} (first at {first[0]}:{first[1]})")
    seen[record["id"]] = (item.source, item.line)
    return record


def _surrogate_in(value: Any, name: str = "the record") -> str | None:
    """The name of the first field (or field name) of ``value`` holding a lone surrogate, if any:
    the import would store it and every search, page or reply that touched it would fail."""
    if isinstance(value, str):
        return name if _SURROGATE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            if _SURROGATE.search(str(key)):
                return "a field name"
            if (found := _surrogate_in(item, str(key))) is not None:
                return found
    elif isinstance(value, list):
        for item in value:
            if (found := _surrogate_in(item, name)) is not None:
                return found
    return None


def _check_id_in_path(rid: str) -> None:
    """An id must round-trip through a URL path (``/documents/<id>``, DESIGN.md): a ``/`` splits
    it into steps (werkzeug decodes ``%2F`` before routing, so no encoding helps), and a ``.`` or
    ``..`` step is resolved away by browsers, and ``<id>.json`` is the path of the JSON twin of
    ``<id>``. Every other character is percent-encoded in links."""
    if "/" in rid:
        raise Invalid(f"id {rid[:80]!r} contains '/': an id must fit in one URL path step "
                      "(/documents/<id>); use another separator, such as '-' or ':'")
    if rid in (".", ".."):
        raise Invalid(f"id {rid!r} is a URL path step ('.' or '..'), not a name a link can reach")
    if rid.endswith(".json"):
        raise Invalid(f"id {rid[:80]!r} ends in '.json': the URL path /documents/<id>.json is the JSON "
                      "twin of the document <id>, so its own page could not be reached; drop or "
                      "change the ending")


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if value is None:
        return "null"
    return "a string" if isinstance(value, str) else type(value).__name__


# -------------------------------------------------------------------------------- boilerplate


class LineFilter:
    """Body lines to drop: boilerplate such as ``ت + ت - الحجم الطبيعي``.

    Dropping is opt-in (``--drop-lines FILE``): by default every line stays searchable. The file
    holds one pattern a line: a plain line matches a body line equal to it after stripping both;
    ``/regex/`` matches lines the regex finds (``re.search`` on the stripped line: anchor it with
    ``^...$`` for whole lines). Blank lines and lines starting with ``#`` are ignored.
    """

    def __init__(self, patterns: Iterable[str]) -> None:
        self.exact: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
        for pattern in patterns:
            pattern = pattern.strip()
            if not pattern or pattern.startswith("#"):
                continue
            if len(pattern) > 2 and pattern.startswith("/") and pattern.endswith("/"):
                try:
                    self.regexes.append(re.compile(pattern[1:-1]))
                except re.error as err:
                    raise SourceError(f"bad pattern {pattern}: {err}") from None
            else:
                self.exact.add(pattern)

    @classmethod
    def from_file(cls, path: str | pathlib.Path) -> LineFilter:
        try:
            return cls(pathlib.Path(path).read_text(encoding="utf-8-sig").splitlines())
        except (OSError, UnicodeDecodeError) as err:
            raise SourceError(f"{path}: cannot read the line patterns ({err})") from None

    def drops(self, line: str) -> bool:
        line = line.strip()
        return bool(line) and (line in self.exact or any(r.search(line) for r in self.regexes))

    def clean(self, text: str) -> str:
        if not text:
            return text
        return "\n".join(line for line in text.split("\n") if not self.drops(line)).strip()
