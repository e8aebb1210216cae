"""How faithfully do sentence splitters reproduce the BBC reference sentences?

The BBC News Summary references are verbatim article sentences (sometimes joined
without a space), so a good splitter's sentences tile them.  For each candidate:

* coverage: share of reference characters (whitespace ignored) covered by split
  sentences (whitespace removed) wholly contained in the whitespace-free reference,
  micro-averaged over all articles;
* fragments: share of split sentences with fewer than four word tokens;
* ms/article: wall time of splitting only.

Every candidate is applied per paragraph (the text is split on blank lines first),
so paragraph handling is identical for all of them.

Usage: python benchmarks/splitter_fidelity.py [--data PATH] [--limit N] [--show-misses N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.segmentation import split_sentences, tokenize_words  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "bbc_news_summary.jsonl"
RESULTS = ROOT / "benchmarks" / "results"
_PARAGRAPHS = re.compile(r"\n\s*\n")
_WHITESPACE = re.compile(r"\s+")

Splitter = Callable[[str], list[str]]


@dataclass
class Result:
    name: str
    status: str
    coverage: float | None = None
    fragments_under_4_words: float | None = None
    ms_per_article: float | None = None
    sentences: int | None = None


def _pysbd() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    return lambda text: [str(s) for s in segmenter.segment(text)]


def _syntok() -> Splitter:
    from syntok import segmenter
    from syntok.tokenizer import Tokenizer

    tokenizer = Tokenizer()

    def split(text: str) -> list[str]:
        tokens = tokenizer.tokenize(text)
        return [
            "".join(t.spacing + t.value for t in sentence).strip()
            for sentence in segmenter.split(iter(tokens))
        ]

    return split


def _sentencex() -> Splitter:
    from sentencex import segment

    return lambda text: list(segment("en", text))


def _blingfire() -> Splitter:
    import blingfire

    return lambda text: blingfire.text_to_sentences(text).split("\n")


def _ours() -> Splitter:
    return split_sentences


CANDIDATES: dict[str, Callable[[], Splitter]] = {
    "pysbd": _pysbd,
    "syntok": _syntok,
    "sentencex": _sentencex,
    "blingfire": _blingfire,
    "briefbot (ours)": _ours,
}


def squash(text: str) -> str:
    return _WHITESPACE.sub("", text)


def split_by_paragraph(splitter: Splitter, text: str) -> list[str]:
    out: list[str] = []
    for paragraph in _PARAGRAPHS.split(text):
        if paragraph.strip():
            out.extend(s for s in splitter(paragraph) if s.strip())
    return out


def covered_mask(sentences: list[str], reference: str) -> bytearray:
    mask = bytearray(len(reference))
    for sentence in sentences:
        needle = squash(sentence)
        if not needle:
            continue
        pos = reference.find(needle)
        while pos >= 0:
            mask[pos : pos + len(needle)] = b"\x01" * len(needle)
            pos = reference.find(needle, pos + 1)
    return mask


def evaluate(name: str, splitter: Splitter, articles: list[dict[str, str]]) -> Result:
    splitter(articles[0]["text"])  # warm-up (lazy imports, caches)
    outputs: list[list[str]] = []
    start = time.perf_counter()
    for article in articles:
        outputs.append(split_by_paragraph(splitter, article["text"]))
    elapsed = time.perf_counter() - start
    covered = total = fragments = count = 0
    for article, sentences in zip(articles, outputs, strict=True):
        reference = squash(article["summary"])
        covered += sum(covered_mask(sentences, reference))
        total += len(reference)
        fragments += sum(1 for s in sentences if len(tokenize_words(s)) < 4)
        count += len(sentences)
    return Result(
        name=name,
        status="ok",
        coverage=covered / total if total else 0.0,
        fragments_under_4_words=fragments / count if count else 0.0,
        ms_per_article=1000 * elapsed / len(articles),
        sentences=count,
    )


def show_misses(splitter: Splitter, articles: list[dict[str, str]], limit: int) -> None:
    """Print uncovered reference spans with the split sentence that swallowed them."""
    shown = 0
    for article in articles:
        sentences = split_by_paragraph(splitter, article["text"])
        reference = squash(article["summary"])
        mask = covered_mask(sentences, reference)
        for run in re.finditer(rb"\x00+", bytes(mask)):
            missing = reference[run.start() : run.end()]
            owner = next((s for s in sentences if missing[:25] in squash(s)), None)
            print(f"--- {article['id']}: missing {missing[:120]!r}")
            print(f"    ours: {owner!r}")
            shown += 1
            if shown >= limit:
                return


def markdown(results: list[Result], n: int) -> str:
    lines = [
        f"Sentence splitter fidelity on {n} BBC News Summary articles "
        "(each splitter applied per paragraph).",
        "",
        "| splitter | coverage | fragments < 4 words | ms/article |",
        "|---|---:|---:|---:|",
    ]
    for r in results:
        if r.status != "ok":
            lines.append(f"| {r.name} | {r.status} | | |")
            continue
        lines.append(
            f"| {r.name} | {r.coverage:.2%} | {r.fragments_under_4_words:.2%} "
            f"| {r.ms_per_article:.3f} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show-misses", type=int, default=0, metavar="N")
    parser.add_argument("--only", action="append", default=None, help="candidate name(s)")
    args = parser.parse_args(argv)

    with args.data.open(encoding="utf-8") as handle:
        articles = [json.loads(line) for line in handle if line.strip()]
    if args.limit:
        articles = articles[: args.limit]

    results: list[Result] = []
    for name, factory in CANDIDATES.items():
        if args.only and not any(o in name for o in args.only):
            continue
        try:
            splitter = factory()
        except ImportError as exc:
            results.append(Result(name=name, status=f"skipped ({exc.name} missing)"))
            continue
        results.append(evaluate(name, splitter, articles))

    table = markdown(results, len(articles))
    print(table)
    if args.show_misses:
        show_misses(_ours(), articles, args.show_misses)
    if not args.limit and not args.only:
        RESULTS.mkdir(parents=True, exist_ok=True)
        payload = {
            "data": str(args.data),
            "articles": len(articles),
            "paragraph_handling": "every splitter applied per paragraph (split on blank lines)",
            "results": [asdict(r) for r in results],
        }
        (RESULTS / "splitter_fidelity.json").write_text(json.dumps(payload, indent=2) + "\n")
        (RESULTS / "splitter_fidelity.md").write_text(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
