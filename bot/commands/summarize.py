"""``briefbot summarize``: the summary of one brief, or of a JSON-lines batch."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from bot.settings import Settings
from ingest.validation import MAX_INPUT_BYTES, InvalidInput, decode_text
from summarizer.api import SummaryInputError, SummaryRequest, summarize_request
from summarizer.pool import SummaryPool
from summarizer.registry import algorithm_names

# Starting worker processes costs about a second; below this many lines one process is faster.
POOL_THRESHOLD = 32


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
    parser.add_argument("--sentences", type=_positive_int, metavar="N", help="at most N sentences")
    parser.add_argument("--ratio", type=_ratio, metavar="R", help="at most this share of sentences")
    parser.add_argument("--max-chars", type=_positive_int, metavar="N", help="at most N characters")
    parser.add_argument(
        "--algorithm",
        choices=algorithm_names(),
        metavar="NAME",
        help=f"one of: {', '.join(algorithm_names())}",
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="worker processes for --jsonl (default: one per core)",
    )
    parser.set_defaults(handler=run_summarize)


def run_summarize(args: argparse.Namespace, settings: Settings) -> int:
    """Summarise one brief or a batch; 0 if everything was summarised, 1 otherwise."""
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
    )
    try:
        if args.jsonl is not None:
            return _summarize_batch(args.jsonl, template, args.workers)
        text = _read_text(args.path)
        request = SummaryRequest(**{**template.__dict__, "text": text, "title": args.title})
        for sentence in summarize_request(request):
            print(sentence)
    except (InputProblem, SummaryInputError) as error:
        print(f"briefbot summarize: {error}", file=sys.stderr)
        return 1
    return 0


def _summarize_batch(source: str, template: SummaryRequest, workers: int | None) -> int:
    lines = list(_parse_lines(_open_text(source), template))
    good = [line for line in lines if isinstance(line, _GoodLine)]
    if workers is None and len(good) < POOL_THRESHOLD:
        workers = 0
    failures = 0
    with SummaryPool(workers) as pool:
        outcomes = pool.map(line.request for line in good)
        for line in lines:
            if isinstance(line, _BadLine):
                failures += 1
                print(f"line {line.number}: {line.reason}", file=sys.stderr)
                continue
            outcome = next(outcomes)
            if isinstance(outcome, SummaryInputError):
                failures += 1
                print(f"line {line.number}: {outcome}", file=sys.stderr)
                continue
            print(json.dumps({"id": line.record_id, "summary": outcome}, ensure_ascii=False))
    if failures:
        print(f"briefbot summarize: {failures} of {len(lines)} lines failed", file=sys.stderr)
    return 1 if failures else 0


def _parse_lines(stream: TextIO, template: SummaryRequest) -> Iterator[_BadLine | _GoodLine]:
    with stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except json.JSONDecodeError as error:
                yield _BadLine(number, f"malformed JSON ({error.msg} at column {error.colno})")
                continue
            problem = _record_problem(record)
            if problem:
                yield _BadLine(number, problem)
                continue
            request = SummaryRequest(
                text=record["text"],
                title=record.get("title"),
                sentences=record.get("sentences", template.sentences),
                ratio=template.ratio,
                max_chars=template.max_chars,
                algorithm=template.algorithm,
            )
            yield _GoodLine(number, record.get("id", number), request)


def _record_problem(record: Any) -> str | None:
    if not isinstance(record, dict):
        return "expected a JSON object with a text field"
    if not isinstance(record.get("text"), str):
        return "missing text (a string is required)"
    if record.get("title") is not None and not isinstance(record["title"], str):
        return "title must be a string"
    count = record.get("sentences")
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        return "sentences must be a positive integer"
    return None


def _open_text(source: str) -> TextIO:
    if source == "-":
        return sys.stdin
    path = Path(source)
    if not path.is_file():
        raise InputProblem(f"{source}: no such file")
    return path.open(encoding="utf-8", errors="replace")


def _read_text(source: str) -> str:
    if source == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    else:
        path = Path(source)
        if not path.is_file():
            raise InputProblem(f"{source}: no such file")
        with path.open("rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    try:
        return decode_text(data)
    except InvalidInput as error:
        raise InputProblem(f"{source}: {error}") from None


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {value!r}")
    return number


def _ratio(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1], got {value!r}") from None
    if not 0 < number <= 1:
        raise argparse.ArgumentTypeError(f"expected a number in (0, 1], got {value!r}")
    return number
