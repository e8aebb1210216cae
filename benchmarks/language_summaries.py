"""Summary quality per language: briefrank against lead-k on reference summaries.

Run from the project root: ``uv run --extra bench python benchmarks/language_summaries.py``.

Data: the BBC News Summary set (English, CC0; ``../shared/data/bbc_news_summary.jsonl``, as the
other benchmarks find it), the control, if it is there; and every ``*_summaries.jsonl`` file in
``benchmarks/data/`` (German Wikipedia leads, CC BY-SA) and in ``../shared/data`` (a file of the
same name in ``benchmarks/data/`` wins): JSON lines of ``{"language", "text", "summary", "id",
"title"}`` (``benchmarks/data/README.md`` gives each file's source, licence and how it was
built). ``--data PATH`` (repeatable) scores those files instead.

Systems, each choosing k sentences (k: the reference's sentence count, split by the
reference's language rules): briefrank in the row's language; briefrank with English's
rules and stop words (how the project ranked every brief before); briefrank in the row's
language whose selection recognises leaning openings by English's words only (how it
selected before French, German, Spanish and Hindi had their own); in a compounding language
(German), briefrank matching words on words and stems alone, without their pieces (how it
ranked German before 2026-12-04); briefrank whose title stand-in, the lead sentence, weighs
the same whatever its sentences share (how it ranked before 2026-12-05); and lead-k, the
text's first k sentences. Scores, F1 against
the reference:

* ROUGE-1, ROUGE-2 and ROUGE-L on the project's word tokens, lower-cased (rouge-score's own
  tokenizer drops every non-ASCII letter, so it cannot score Hindi);
* content ROUGE-1: ROUGE-1 without the language's stop words (the project's lists, as in
  ``summarizer/languages.py``), because articles and prepositions match in any two texts of a
  language and inflate ROUGE-1;
* wins / ties / losses against lead-k, document by document, on ROUGE-1 and on content
  ROUGE-1 (a tie: equal scores, usually the very same sentences);
* leaning openings: summaries whose first sentence leans on one before it ("Er ...",
  "Cependant, ...": ``summarizer.coherence.leans_back`` in the row's language);
* median ms: the system's time per document, parsing included, on a second pass over the
  document (the first fills the word caches every system shares; one process, one core, the
  systems interleaved document by document).

A document that any system cannot summarise (too short, say) is left out for all of them and
counted as skipped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import save_results  # noqa: E402
from summarizer.algorithms.base import Ranker  # noqa: E402
from summarizer.algorithms.briefrank import BriefRank  # noqa: E402
from summarizer.api import parse_summarizable, select_sentences, summarize  # noqa: E402
from summarizer.coherence import leans_back  # noqa: E402
from summarizer.languages import RANKED_LANGUAGES, detect_language, lexicon  # noqa: E402
from summarizer.registry import get_ranker  # noqa: E402
from summarizer.segmentation import split_sentences, tokenize_words  # noqa: E402

SHARED_DATA = ROOT.parent / "shared" / "data"
CONTROL = SHARED_DATA / "bbc_news_summary.jsonl"
DATA_FOLDERS = (BENCHMARKS / "data", SHARED_DATA)
LEAD = "lead-k"
System = Callable[[str, int, str], list[str] | None]


def _briefrank(text: str, k: int, language: str) -> list[str]:
    return summarize(text, sentences=k, algorithm="briefrank", language=language)


def _english_rules(text: str, k: int, language: str) -> list[str]:
    return summarize(text, sentences=k, algorithm="briefrank", language="en")


def ranked(text: str, k: int, language: str, ranker: Ranker, openings: str) -> list[str]:
    """What summarize() chooses with ``ranker``, leaning openings read in ``openings``."""
    parsed = parse_summarizable(text, language)  # as summarize() does, up to the selection
    candidates = parsed.sentences
    title = parsed.headings[0] if parsed.headings else None
    ranking = ranker.rank(candidates, title)
    chosen = select_sentences(candidates, ranking, min(k, len(candidates)), language=openings)
    return [candidates[index] for index in sorted(chosen)]


def _english_openings(text: str, k: int, language: str) -> list[str]:
    """briefrank in the language, but leaning openings recognised by English's words only."""
    return ranked(text, k, language, get_ranker("briefrank", language), "en")


def _no_pieces(text: str, k: int, language: str) -> list[str] | None:
    """briefrank matching a compounding language's words on words and stems alone; None
    (not scored) for a language that does not compound."""
    if not lexicon(language).compounds:
        return None
    return ranked(text, k, language, BriefRank(language=language, compound_pieces=False), language)


def _fixed_stand_in(text: str, k: int, language: str) -> list[str]:
    """briefrank whose title stand-in (the lead) weighs the same whatever the sentences share,
    as before 2026-12-05."""
    return ranked(text, k, language, BriefRank(language=language, stand_in_overlap=0.0), language)


def _word_statistics(text: str, k: int, language: str) -> list[str] | None:
    """briefrank without stop words or stems, as a language only sumy's or Snowball's lists
    know was ranked before them; None (not scored) for any other language."""
    if language not in RANKED_LANGUAGES:
        return None
    return ranked(text, k, language, BriefRank(language="und"), language)


def _lead(text: str, k: int, language: str) -> list[str]:
    return summarize(text, sentences=k, algorithm="lead", language=language)


SYSTEMS: dict[str, System] = {
    "briefrank": _briefrank,
    "briefrank (English rules)": _english_rules,
    "briefrank (English openings)": _english_openings,
    "briefrank (no compound pieces)": _no_pieces,
    "briefrank (fixed stand-in weight)": _fixed_stand_in,
    "briefrank (word statistics alone)": _word_statistics,
    LEAD: _lead,
}
METRICS = ("rouge1", "rouge2", "rougeL", "content1")
DEFAULT_LIMIT = 300


class _WordTokenizer:
    """Lower-cased project word tokens: Unicode-aware, the same for every system scored."""

    def tokenize(self, text: str) -> list[str]:
        return [token.lower() for token in tokenize_words(text)]


class _ContentTokenizer(_WordTokenizer):
    """The same tokens without the language's stop words (French elisions cut off first)."""

    def __init__(self, language: str) -> None:
        self._lexicon = lexicon(language)

    def tokenize(self, text: str) -> list[str]:
        forms = (self._lexicon.content_form(token) for token in super().tokenize(text))
        return [form for form in forms if form not in self._lexicon.stop_words]


@dataclass
class _Tally:
    """One (file, language, system)'s scores, document by document."""

    scores: list[dict[str, float]] = field(default_factory=list)


def datasets(explicit: Sequence[Path]) -> list[Path]:
    """The files to score: those named, or the control and every ``*_summaries.jsonl``."""
    if explicit:
        return list(explicit)
    found = [CONTROL] if CONTROL.is_file() else []
    for folder in DATA_FOLDERS:
        names = {path.name for path in found}
        found += [p for p in sorted(folder.glob("*_summaries.jsonl")) if p.name not in names]
    return found


def _rows(path: Path, limit: int) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if number >= limit:
                break
            if line.strip():
                yield json.loads(line)


def score_file(path: Path, limit: int) -> tuple[dict[tuple[str, str], _Tally], int]:
    """Per (language, system) scores of every document of ``path``; and the skipped count."""
    from rouge_score.rouge_scorer import RougeScorer

    words = RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=_WordTokenizer())
    content: dict[str, RougeScorer] = {}
    tallies: dict[tuple[str, str], _Tally] = {}
    skipped = 0
    for row in _rows(path, limit):
        language = row.get("language") or detect_language(row["text"]) or "en"
        k = max(1, len(split_sentences(row["summary"], language)))
        chosen: dict[str, list[str]] = {}
        seconds: dict[str, float] = {}
        try:
            for system in SYSTEMS.values():  # untimed: the first pass fills the word caches
                system(row["text"], k, language)
            for name, system in SYSTEMS.items():
                started = time.perf_counter()
                sentences = system(row["text"], k, language)
                seconds[name] = time.perf_counter() - started
                if sentences is not None:
                    chosen[name] = sentences
        except ValueError:
            skipped += 1
            continue
        scorer = content.setdefault(
            language, RougeScorer(["rouge1"], tokenizer=_ContentTokenizer(language))
        )
        for name, sentences in chosen.items():
            summary = " ".join(sentences)
            result = words.score(row["summary"], summary)
            scores = {key: result[key].fmeasure for key in ("rouge1", "rouge2", "rougeL")}
            scores["content1"] = scorer.score(row["summary"], summary)["rouge1"].fmeasure
            scores["leaning"] = float(leans_back(sentences[0], language))
            scores["ms"] = seconds[name] * 1000
            tallies.setdefault((language, name), _Tally()).scores.append(scores)
    return tallies, skipped


def _record(
    path: Path, language: str, name: str, tallies: dict[tuple[str, str], _Tally]
) -> dict[str, Any]:
    mine, lead = tallies[(language, name)].scores, tallies[(language, LEAD)].scores
    record: dict[str, Any] = {
        "data": path.name,
        "language": language,
        "system": name,
        "documents": len(mine),
        **{metric: statistics.fmean(s[metric] for s in mine) for metric in METRICS},
        "leaning_openings": int(sum(s["leaning"] for s in mine)),
        "median_ms": statistics.median(s["ms"] for s in mine),
    }
    if name != LEAD:
        for metric in ("rouge1", "content1"):
            pairs = [(s[metric], t[metric]) for s, t in zip(mine, lead, strict=True)]
            record[f"wins_{metric}"] = sum(a > b + 1e-9 for a, b in pairs)
            record[f"ties_{metric}"] = sum(abs(a - b) <= 1e-9 for a, b in pairs)
            record[f"losses_{metric}"] = sum(a < b - 1e-9 for a, b in pairs)
    return record


def summary_quality(
    paths: Sequence[Path], limit: int
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    records, skipped = [], {}
    for path in paths:
        tallies, skipped[path.name] = score_file(path, limit)
        for language in sorted({language for language, _ in tallies}):
            records += [
                _record(path, language, name, tallies)
                for name in SYSTEMS
                if (language, name) in tallies
            ]
    return records, skipped


def _wtl(record: dict[str, Any], metric: str) -> str:
    if f"wins_{metric}" not in record:
        return "-"
    return "/".join(str(record[f"{kind}_{metric}"]) for kind in ("wins", "ties", "losses"))


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Summary quality per language",
        "",
        f"Command: `{report['command']}`",
        "",
        "F1 against the reference summary; k = the reference's sentence count. Content R-1:",
        "ROUGE-1 without the language's stop words. W/T/L: documents where the system scores",
        "above / equal to / below lead-k. Leaning: summaries that open with a sentence leaning on",
        "one before it (``summarizer.coherence.leans_back``, in the language's words). Median ms:",
        "the system's time per document, parsing included, caches warm (systems interleaved).",
        "",
        "| data | language | system | documents | ROUGE-1 | ROUGE-2 | ROUGE-L | content R-1 "
        "| W/T/L vs lead-k (R-1) | W/T/L (content R-1) | leaning | median ms |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---|---:|---:|",
    ]
    lines += [
        f"| {r['data']} | {r['language']} | {r['system']} | {r['documents']} | {r['rouge1']:.3f} "
        f"| {r['rouge2']:.3f} | {r['rougeL']:.3f} | {r['content1']:.3f} "
        f"| {_wtl(r, 'rouge1')} | {_wtl(r, 'content1')} | {r['leaning_openings']} "
        f"| {r['median_ms']:.2f} |"
        for r in report["summary_quality"]
    ]
    skipped = {name: count for name, count in report["skipped"].items() if count}
    if skipped:
        lines += [
            "",
            "Skipped (a system could not summarise them): "
            + ", ".join(f"{name} {count}" for name, count in skipped.items()),
        ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, action="append", default=[], help="JSON-lines file")
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="rows scored per file")
    parser.add_argument(
        "--results-name",
        default="language_summaries",
        help="the results' file name under benchmarks/results/ (default language_summaries)",
    )
    args = parser.parse_args(argv)
    paths = datasets(args.data)
    missing = [str(path) for path in paths if not path.is_file()]
    if missing:
        parser.error(f"no such file: {', '.join(missing)}")
    records, skipped = summary_quality(paths, args.limit)
    report = {
        "command": "uv run --extra bench python benchmarks/language_summaries.py"
        + "".join(f" --data {path}" for path in args.data)
        + ("" if args.limit == DEFAULT_LIMIT else f" --limit {args.limit}")
        + (
            ""
            if args.results_name == "language_summaries"
            else f" --results-name {args.results_name}"
        ),
        "data": [path.name for path in paths],
        "summary_quality": records,
        "skipped": skipped,
    }
    markdown = to_markdown(report)
    print(markdown)
    save_results(args.results_name, report, markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
