"""The file source: briefs from files, directories, stdin and uploaded documents.

Formats, chosen by extension (:func:`file_format`, the same rule for files and uploaded
documents; only stdin is sniffed, :func:`stdin_format`: a JSON document when it opens with
``[``, or with ``{`` and an object that goes on past its first line (pretty-printed); JSON
lines when it opens with ``{`` otherwise; else Markdown text):

* ``.txt``: the seed format (a first line ``date YYYY-MM-DD``, stray spaces and blank lines
  allowed, then paragraphs) or plain text without the date line; the title is derived;
* ``.md``: like ``.txt``; a leading ``# Heading`` is the title;
* ``.json``: one object or a list of objects; ``.jsonl``/``.ndjson``: one object a line.
  Records need a string ``text``; ``id``, ``title``, ``date`` and ``url`` are optional.

Directories are walked recursively in name order; hidden files and folders (``.name``)
and a folder's own ``README`` (``README``, ``README.md``, ...: it describes the folder, it is
not a brief; named on the command line it is read) are skipped; a directory reached again
through a symlink (a loop) is rejected, as is anything but a regular file (a FIFO would
block); any other file with an unknown extension is rejected with a reason, so nothing
else is dropped without a word.
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path, PurePath
from typing import Any

from ingest.http import Fetcher
from ingest.items import BriefCandidate, IngestItem, Notice, Rejection
from ingest.library_texts import json_message
from ingest.phrases import Phrase, phrase_of
from ingest.sources import Location, Reading, Upload, wrong_location
from ingest.sources.json_limits import json_values_problem, records_problem
from ingest.threads import off_loop
from ingest.validation import MAX_INPUT_BYTES, InvalidInput, decode_noting, parse_date
from storage.models.enums import SourceKind

TEXT_EXTENSIONS = frozenset({".txt", ".md", ".markdown"})
JSON_EXTENSIONS = frozenset({".json"})
JSON_LINES_EXTENSIONS = frozenset({".jsonl", ".ndjson"})
SUPPORTED = sorted(TEXT_EXTENSIONS | JSON_EXTENSIONS | JSON_LINES_EXTENSIONS)
STDIN = "<stdin>"  # the name of the upload that holds stdin
_FIRST_LINE = re.compile(r"[^\r\n]*")


class FileSource:
    """Files and directories on disk, stdin and uploaded documents."""

    kind = SourceKind.FILE
    fetched = False

    def matches(self, location: Location) -> bool:
        """A path or an upload."""
        return isinstance(location, Path | Upload)

    async def read(self, location: Location, fetcher: Fetcher) -> Reading:
        """Every item of the file, directory or upload, parsed in a worker thread."""
        if isinstance(location, Path):
            return await off_loop(lambda: list(read_path(location)))
        if isinstance(location, Upload):
            return await off_loop(lambda: list(read_upload(location)))
        raise wrong_location(self, location)


def read_path(path: Path) -> Iterator[IngestItem]:
    """Every item in a file, or in every file under a directory."""
    yield from _walk(path, set())


def _walk(path: Path, open_directories: set[Path]) -> Iterator[IngestItem]:
    """``read_path``, refusing a directory that is already being walked (a symlink loop)."""
    origin = str(path)
    if path.is_dir():
        real = path.resolve()
        if real in open_directories:
            yield Rejection(
                origin, Phrase("symlink loop: {path} is already being read", path=str(real))
            )
            return
        try:
            children = sorted(path.iterdir())
        except OSError as error:
            yield Rejection(
                origin, Phrase("cannot read directory: {error}", error=str(error.strerror or error))
            )
            return
        open_directories.add(real)
        for child in children:
            if not child.name.startswith(".") and not _is_readme(child):
                yield from _walk(child, open_directories)
        open_directories.discard(real)
        return
    if (suffix := file_format(path.name)) is None:
        yield unsupported(origin, path.name)
        return
    try:
        text, note = decode_noting(read_regular_file(path))
    except InvalidInput as error:
        yield Rejection(origin, phrase_of(error))
        return
    except OSError as error:
        yield Rejection(origin, Phrase("cannot read: {error}", error=str(error.strerror or error)))
        return
    if note is not None:
        yield Notice(origin, note)
    yield from _read_format(suffix, text, origin)


def file_format(name: str) -> str | None:
    """The format a file or document name says (its lower-cased extension), or ``None``."""
    suffix = PurePath(name).suffix.lower()
    return suffix if suffix in SUPPORTED else None


def unsupported(origin: str, name: str) -> Rejection:
    """The one-line refusal of a name :func:`file_format` does not know."""
    suffix = PurePath(name).suffix.lower()
    expected = ", ".join(SUPPORTED)
    if not suffix:
        return Rejection(origin, Phrase("no file extension; expected {types}", types=expected))
    unknown = Phrase("unsupported file type {type}; expected {types}", type=suffix, types=expected)
    return Rejection(origin, unknown)


def _read_format(suffix: str, text: str, origin: str) -> Iterator[IngestItem]:
    """The items of decoded ``text`` in the format ``suffix`` names."""
    if suffix in JSON_EXTENSIONS:
        yield from read_json_document(text, origin)
    elif suffix in JSON_LINES_EXTENSIONS:
        yield from read_json_lines(text, origin)
    else:
        yield read_text_document(text, origin, markdown=suffix != ".txt")


def _is_readme(path: Path) -> bool:
    return path.name.split(".", 1)[0].upper() == "README" and not path.is_dir()


def read_regular_file(path: Path) -> bytes:
    """The bytes of a regular file under the cap (a FIFO or device would block or never end)."""
    status = path.stat()
    if not stat.S_ISREG(status.st_mode):
        raise InvalidInput(Phrase("not a regular file"))
    if status.st_size > MAX_INPUT_BYTES:
        size, cap = f"{status.st_size:,}", f"{MAX_INPUT_BYTES:,}"
        raise InvalidInput(
            Phrase("too large: {size} bytes, cap {cap} per file", size=size, cap=cap)
        )
    with path.open("rb") as stream:
        data = stream.read(MAX_INPUT_BYTES + 1)  # the file may have grown since stat
    if len(data) > MAX_INPUT_BYTES:
        cap = f"{MAX_INPUT_BYTES:,}"
        raise InvalidInput(Phrase("too large: over {cap} bytes, the cap per file", cap=cap))
    return data


def read_upload(upload: Upload) -> Iterator[IngestItem]:
    """Stdin (``<stdin>``) sniffed; an uploaded document read by its name as a file is."""
    if upload.name == STDIN:
        yield from read_stdin_bytes(upload.data, origin=upload.name)
        return
    if (suffix := file_format(upload.name)) is None:
        yield unsupported(upload.name, upload.name)
        return
    try:
        text, note = decode_noting(upload.data)
    except InvalidInput as error:
        yield Rejection(upload.name, phrase_of(error))
        return
    if note is not None:
        yield Notice(upload.name, note)
    yield from _read_format(suffix, text, upload.name)


def read_stdin_bytes(data: bytes, origin: str = "<stdin>") -> Iterator[IngestItem]:
    """Stdin, read as a file of the format :func:`stdin_format` sniffs would be."""
    try:
        text, note = decode_noting(data)
    except InvalidInput as error:
        yield Rejection(origin, phrase_of(error))
        return
    if note is not None:
        yield Notice(origin, note)
    yield from _read_format(stdin_format(text), text, origin)


def stdin_format(text: str) -> str:
    """The extension stdin's ``text`` reads as: ``.json``, ``.jsonl`` or ``.md``.

    ``[`` opens a JSON document. ``{`` opens JSON lines when the first line is an object of its
    own, or broken within that line (its line is rejected, the rest read); a pretty-printed
    object, whose first line ends before the object does, is a JSON document.
    """
    start = len(text) - len(text.lstrip())
    opening = text[start : start + 1]
    if opening == "[":
        return ".json"
    if opening != "{":
        return ".md"
    match = _FIRST_LINE.match(text, start)
    assert match is not None  # the pattern matches the empty string
    line = match.group()
    if json_values_problem(line):
        return ".jsonl"  # that line is refused as too large to parse, as in a .jsonl file
    try:
        json.JSONDecoder().raw_decode(line)
    except json.JSONDecodeError as error:
        return ".json" if error.pos >= len(line) else ".jsonl"  # the line ran out first
    except (RecursionError, ValueError):
        return ".jsonl"  # that line is refused as unreadable, the others are read
    return ".jsonl"


def read_text_document(text: str, origin: str, *, markdown: bool = False) -> IngestItem:
    """A seed-format, plain-text or Markdown brief."""
    lines = text.splitlines()
    published_on = None
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is not None and (value := date_line_value(lines[first])) is not None:
        try:
            published_on = parse_date(value)
        except InvalidInput as error:
            return Rejection(f"{origin}:{first + 1}", phrase_of(error))
        lines = lines[first + 1 :]
        first = next((i for i, line in enumerate(lines) if line.strip()), None)
    title = None
    if markdown and first is not None and (heading := markdown_title(lines[first])) is not None:
        title = heading
        lines = lines[first + 1 :]
    return BriefCandidate(
        origin=origin, text="\n".join(lines), title=title, published_on=published_on
    )


def date_line_value(line: str) -> str | None:
    """The value of a ``date: ...`` line, or None if ``line`` is none.

    What ``\\s*date\\b[\\s:]*(.*?)\\s*`` (case-insensitive) captured, in linear time: that
    pattern retried the trailing spaces at every position (60k spaces took 25 s).
    """
    text = line.lstrip()
    if text[:4].lower() != "date" or text[4:5].isalnum() or text[4:5] == "_":
        return None
    start = 4
    while start < len(text) and (text[start].isspace() or text[start] == ":"):
        start += 1
    return text[start:].rstrip()


def markdown_title(line: str) -> str | None:
    """The text of a ``# Heading`` line, closing ``#``s dropped, or None if ``line`` is none.

    What ``\\s*#\\s+(.+?)\\s*#*\\s*`` captured, in linear time: that pattern retried the
    trailing spaces at every position (2,500 spaces took 27 s).
    """
    text = line.lstrip()
    if text[:1] != "#" or not text[1:2].isspace():
        return None
    rest = text[1:]
    body = rest.lstrip()
    if not body:  # the spaces give their last one to the title, as the pattern backtracked
        return rest[-1] if len(rest) >= 2 else None
    core = body.rstrip().rstrip("#").rstrip()
    return body[: max(1, len(core))]


def read_json_document(text: str, origin: str) -> Iterator[IngestItem]:
    """A JSON object or a list of objects; list items are named ``origin[index]``."""
    if problem := json_values_problem(text):
        yield Rejection(origin, problem)
        return
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        yield Rejection(
            f"{origin}:{error.lineno}",
            Phrase("malformed JSON: {error}", error=json_message(error.msg)),
        )
        return
    except (RecursionError, ValueError) as error:
        yield Rejection(origin, Phrase("unreadable JSON: {error}", error=_json_limit(error)))
        return
    if isinstance(document, dict):
        yield record_candidate(document, origin)
    elif isinstance(document, list):
        if problem := records_problem(len(document)):
            yield Rejection(origin, problem)
            return
        for index, record in enumerate(document):
            yield record_candidate(record, f"{origin}[{index}]")
    else:
        yield Rejection(origin, Phrase("JSON must be an object or a list of objects"))


def read_json_lines(text: str, origin: str) -> Iterator[IngestItem]:
    """One JSON object per non-blank line; items are named ``origin:line``."""
    records = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        records += 1
        if problem := records_problem(records):
            yield Rejection(
                where, Phrase("{problem}; this line and the rest are not read", problem=problem)
            )
            return
        if problem := json_values_problem(line):
            yield Rejection(where, problem)
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(
                where,
                Phrase(
                    "malformed JSON line: {error} (column {column})",
                    error=json_message(error.msg),
                    column=error.colno,
                ),
            )
            continue
        except (RecursionError, ValueError) as error:
            yield Rejection(
                where, Phrase("unreadable JSON line: {error}", error=_json_limit(error))
            )
            continue
        yield record_candidate(record, where)


def _json_limit(error: RecursionError | ValueError) -> str:
    """One line for a JSON document past a parser limit (nesting depth, digits of an integer)."""
    if isinstance(error, RecursionError):
        return Phrase("nested too deeply")
    return str(error).split(";", 1)[0].split("\n", 1)[0]


def record_candidate(record: Any, origin: str) -> IngestItem:
    """A JSON record with ``text`` and optional ``id``, ``title``, ``date``, ``url``."""
    if not isinstance(record, dict):
        return Rejection(
            origin, Phrase("expected a JSON object, got {type}", type=type(record).__name__)
        )
    text = record.get("text")
    if text is None:
        return Rejection(origin, Phrase("missing field 'text'"))
    if not isinstance(text, str):
        return Rejection(
            origin, Phrase("field 'text' must be a string, got {type}", type=type(text).__name__)
        )
    fields: dict[str, str | None] = {}
    for name in ("id", "title", "date", "url"):
        value = record.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and name == "id":
            value = str(value)
        if value is not None and not isinstance(value, str):
            return Rejection(origin, Phrase("field {name} must be a string", name=repr(name)))
        fields[name] = value.strip() if value is not None and value.strip() else None
    try:
        published_on = parse_date(fields["date"]) if fields["date"] else None
    except InvalidInput as error:
        return Rejection(origin, phrase_of(error))
    return BriefCandidate(
        origin=origin,
        text=text,
        title=fields["title"],
        external_id=fields["id"],
        url=fields["url"],
        published_on=published_on,
    )
