"""``briefbot summarize``: the summary of one brief, or of a JSON-lines batch."""

from __future__ import annotations

import argparse
import codecs
import io
import json
import math
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cli.terminal import json_line, terminal_safe
from ingest.credits import news_text
from ingest.sources.files import read_regular_file
from ingest.validation import MAX_INPUT_BYTES, InvalidInput, decode_noting, replaced_note
from runtime.settings import Settings
from summarizer.api import SummaryInputError, SummaryRequest, summarize_request
from summarizer.languages import SUMMARY_LANGUAGES
from summarizer.pool import SummaryPool
from summarizer.registry import algorithm_names

# Starting worker processes costs about a second; below this many lines one process is faster.
POOL_THRESHOLD = 32
# More processes than this buy nothing on any machine we run on; 100,000 took a minute to start.
MAX_WORKERS = 64
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


class InputProblem(ValueError):
    """The input file itself cannot be read; the message is one line."""


@dataclass(frozen=True)
class _BadLine:
    number: int
    reason: str


@dataclass(frozen=True)
class _GoodLine:
    number: int
    record_id: Any
    request: SummaryRequest


def register(subcommands: argparse._SubParsersAction[Any]) -> None:
    """Add ``summarize`` to the CLI."""
    parser = subcommands.add_parser(
        "summarize",
        help="print the summary of a brief (file or - for stdin), or of a JSON-lines batch",
        description="Print a brief's summary: verbatim sentences, one per line, in document order.",
    )
    parser.add_argument(
        "path", nargs="?", metavar="PATH|-", help="a brief: seed format, text or markdown"
    )
    parser.add_argument("--jsonl", metavar="IN.jsonl", help="batch mode: one JSON object per line")
    parser.add_argument("--title", help="the brief's title, if the text does not carry it")
    parser.add_argument("--sentences", type=_count(1), metavar="N", help="at most N sentences")
    parser.add_argument("--ratio", type=_ratio, metavar="R", help="at most this share of sentences")
    parser.add_argument("--max-chars", type=_count(1), metavar="N", help="at most N characters")
    parser.add_argument(
        "--algorithm",
        choices=algorithm_names(),
        metavar="NAME",
        help=f"one of: {', '.join(algorithm_names())}",
    )
    parser.add_argument(
        "--language",
        type=lambda code: code.strip().lower(),  # as BRIEFBOT_SUMMARY_LANGUAGE reads it: "FR"
        choices=list(SUMMARY_LANGUAGES),
        metavar="CODE",
        help=(
            f"the brief's language, one of: {', '.join(SUMMARY_LANGUAGES)} "
            "(default: BRIEFBOT_SUMMARY_LANGUAGE, else detected)"
        ),
    )
    parser.add_argument(
        "--workers",
        type=_count(0, MAX_WORKERS),
        metavar="N",
        help=(
            f"worker processes for --jsonl, 0 to {MAX_WORKERS} "
            "(default: one per core; never more than there are lines)"
        ),
    )
    parser.set_defaults(handler=run_summarize)


def run_summarize(args: argparse.Namespace, settings: Settings) -> int:
    """Summarize one brief or a batch; 0 if everything was summarized, 1 otherwise."""
    if (args.path is None) == (args.jsonl is None):
        print(
            "briefbot summarize: give exactly one of PATH, - or --jsonl IN.jsonl", file=sys.stderr
        )
        return 2
    algorithm = args.algorithm or settings.summary_algorithm
    sentences = args.sentences
    if sentences is None and args.ratio is None and args.max_chars is None:
        sentences = settings.summary_sentences
    template = SummaryRequest(
        text="",
        sentences=sentences,
        ratio=args.ratio,
        max_chars=args.max_chars,
        algorithm=algorithm,
        language=args.language or settings.summary_language,
    )
    try:
        if args.jsonl is not None:
            return _summarize_batch(args.jsonl, template, args.workers)
        # As ingest summarises a brief: without its byline or date line (ingest.credits).
        text = news_text(_read_text(args.path))
        request = replace(template, text=text, title=args.title)
        for sentence in summarize_request(request):
            print(terminal_safe(sentence))
    except (InputProblem, SummaryInputError) as error:
        print(terminal_safe(f"briefbot summarize: {error}"), file=sys.stderr)
        return 1
    return 0


def _summarize_batch(source: str, template: SummaryRequest, workers: int | None) -> int:
    lines = list(_parse_lines(_read_jsonl(source), template))
    good = [line for line in lines if isinstance(line, _GoodLine)]
    if workers is None and len(good) < POOL_THRESHOLD:
        workers = 0
    elif workers is not None:
        workers = min(workers, len(good))
    failures = 0
    with SummaryPool(workers) as pool:
        outcomes = pool.map(line.request for line in good)
        for line in lines:
            if isinstance(line, _BadLine):
                failures += 1
                print(terminal_safe(f"line {line.number}: {line.reason}"), file=sys.stderr)
                continue
            outcome = next(outcomes)
            if isinstance(outcome, SummaryInputError):
                failures += 1
                print(terminal_safe(f"line {line.number}: {outcome}"), file=sys.stderr)
                continue
            print(json_line({"id": line.record_id, "summary": outcome}))
    if failures:
        print(f"briefbot summarize: {failures} of {len(lines)} lines failed", file=sys.stderr)
    return 1 if failures else 0


def _parse_lines(text: str, template: SummaryRequest) -> Iterator[_BadLine | _GoodLine]:
    # Universal newlines, as when reading a file: str.splitlines() would also split at U+2028
    # and U+0085, which JSON strings may hold unescaped.
    for number, raw in enumerate(io.StringIO(text, newline=None), start=1):
        if not raw.strip():
            continue
        try:
            record = _load_json(raw)
        except _NotJSON as error:
            yield _BadLine(number, f"malformed JSON ({error})")
            continue
        problem = _record_problem(record)
        if problem:
            yield _BadLine(number, problem)
            continue
        request = replace(
            template,
            text=news_text(record["text"]),
            title=record.get("title"),
            sentences=record.get("sentences", template.sentences),
        )
        yield _GoodLine(number, record.get("id", number), request)


class _NotJSON(ValueError):
    """A line is not strict JSON; the message says why."""


def _refuse_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity, which are not JSON and would be echoed as such.
    raise _NotJSON(f"{name} is not valid JSON")


def _finite_float(literal: str) -> float:
    # 1e400 reads as inf, which json.dumps would write as Infinity: not JSON either.
    number = float(literal)
    if not math.isfinite(number):
        raise _NotJSON("a number is out of range")
    return number


def _load_json(raw: str) -> Any:
    try:
        return json.loads(raw, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as error:
        raise _NotJSON(f"{error.msg} at column {error.colno}") from None
    except _NotJSON:
        raise
    except ValueError:  # int() refuses literals of over 4,300 digits
        raise _NotJSON("a number has too many digits") from None
    except RecursionError:
        raise _NotJSON("nested too deeply") from None


def _record_problem(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "expected a JSON object with a text field"
    if "text" not in record:
        return "missing text (a string is required)"
    if not isinstance(record["text"], str):
        return "text must be a string"
    if record.get("title") is not None and not isinstance(record["title"], str):
        return "title must be a string"
    count = record.get("sentences")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        return "sentences must be a positive integer"
    return None


def _read_bytes(source: str) -> bytes:
    """The bytes of the file ``source``, or of stdin for ``-``, up to the cap ingest has."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            raise InputProblem(f"-: too large: over {MAX_INPUT_BYTES:,} bytes, the cap")
        return data
    try:
        if Path(source).is_dir():
            raise InputProblem(f"{source}: is a directory, not a file")
        return read_regular_file(Path(source))  # a FIFO or /dev/zero is refused, not read
    except InvalidInput as error:
        raise InputProblem(f"{source}: {error}") from None
    except FileNotFoundError:
        raise InputProblem(f"{source}: no such file") from None
    except OSError as error:
        raise InputProblem(f"{source}: cannot read: {error.strerror or error}") from None


def _decode_utf16(data: bytes, source: str) -> str | None:
    """The text of UTF-16 data with a byte-order mark (as Notepad saves); else ``None``."""
    if not data.startswith(_UTF16_BOMS):
        return None
    try:
        return data.decode("utf-16")
    except UnicodeDecodeError:
        raise InputProblem(f"{source}: undecodable: malformed UTF-16") from None


def _read_text(source: str) -> str:
    data = _read_bytes(source)
    text = _decode_utf16(data, source)
    if text is not None:
        return text
    try:
        text, note = decode_noting(data)
    except InvalidInput as error:
        raise InputProblem(f"{source}: {error}") from None
    _say_note(source, note)
    return text


def _read_jsonl(source: str) -> str:
    """The whole batch, under the same cap as a brief's file (ingest's cap per file)."""
    data = _read_bytes(source)
    text = _decode_utf16(data, source)
    if text is not None:
        return text
    if b"\x00" in data:  # JSON escapes NUL, so raw NUL bytes mean a binary file
        raise InputProblem(f"{source}: not text: binary data (NUL bytes)")
    text = data.decode("utf-8-sig", errors="replace")
    _say_note(source, replaced_note(data, text))
    return text


def _say_note(source: str, note: str | None) -> None:
    """A caveat on how the input was read, once on stderr; summarised all the same."""
    if note is not None:
        print(terminal_safe(f"briefbot summarize: {source}: {note}"), file=sys.stderr)


def _count(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """An argparse type: an integer of at least ``minimum`` (and at most ``maximum``)."""
    if maximum is not None:
        wanted = f"an integer from {minimum} to {maximum}"
    elif minimum == 1:
        wanted = "a positive integer"
    else:
        wanted = f"an integer of at least {minimum}"

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {value!r}") from None
        if number < minimum or (maximum is not None and number > maximum):
            raise argparse.ArgumentTypeError(f"expected {wanted}, got {value!r}")
        return number

    return parse


def _ratio(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1], got {value!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1], got {value!r}")
    return number
