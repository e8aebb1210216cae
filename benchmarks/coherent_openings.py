"""Summaries that open by leaning on what they left out, and what avoiding that costs in ROUGE.

Side by side in one run, the product's sentence selection (``summarizer.api.select_sentences``
over the default ranker's ranking) without and with the rule that a sentence opening with a
pronoun or connective (``summarizer.coherence.leans_back``) never opens a summary unless the
sentence it refers back to is chosen:

- BBC News Summary (2,225 articles, k = the reference's sentence count as in
  ``summary_quality.py``): ROUGE-1/2/L against the references, and how many summaries open
  with a leaning sentence.
- The 138 defence releases (3 sentences each, as the bot summarises them): how many summaries
  open with a leaning sentence, and how many leaning sentences appear without the one before.

Writes ``benchmarks/results/coherent_openings.{json,md}``.

    uv run --extra bench python benchmarks/coherent_openings.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(ROOT))

from benchmarks.summary_quality import (  # noqa: E402
    DEFAULT_DATA,
    RESULTS,
    _mean_scores,
    load_articles,
    make_scorer,
    rouge,
)
from summarizer.api import DEFAULT_SENTENCES, parse_summarizable, select_sentences  # noqa: E402
from summarizer.coherence import leans_back  # noqa: E402
from summarizer.registry import DEFAULT_ALGORITHM, get_ranker  # noqa: E402

DEFENCE_DATA = ROOT / ".." / "shared" / "data" / "defence_briefs.jsonl"
MODES = {"before": False, "after": True}


def _openings(sentences: Sequence[str], picked: Sequence[int]) -> tuple[bool, int]:
    """Does the summary open with a leaning sentence; how many lean without their predecessor."""
    chosen = set(picked)
    dangling = sum(1 for i in picked if i > 0 and leans_back(sentences[i]) and i - 1 not in chosen)
    first = min(picked)
    return first > 0 and leans_back(sentences[first]), dangling


def bbc(limit: int | None) -> dict[str, Any]:
    """ROUGE and leaning openings on BBC, before and after, from one ranking per article."""
    articles, _ = load_articles(DEFAULT_DATA, limit)
    ranker = get_ranker(DEFAULT_ALGORITHM)
    scorer = make_scorer()
    scores: dict[str, list[tuple[float, float, float]]] = {mode: [] for mode in MODES}
    opens: dict[str, int] = dict.fromkeys(MODES, 0)
    changed = 0
    for article in articles:
        sentences = article["sentences"]
        ranking = ranker.rank(sentences, article["title"])
        picks = {
            mode: sorted(select_sentences(sentences, ranking, article["k"], coherent=on))
            for mode, on in MODES.items()
        }
        changed += picks["before"] != picks["after"]
        for mode, picked in picks.items():
            text = " ".join(sentences[i] for i in picked)
            scores[mode].append(rouge(scorer, article["summary"], text))
            opens[mode] += _openings(sentences, picked)[0]
    return {
        "articles": len(articles),
        "changed": changed,
        **{mode: {**_mean_scores(scores[mode]), "leaning_openings": opens[mode]} for mode in MODES},
    }


def defence() -> dict[str, Any]:
    """Leaning openings in the defence releases' 3-sentence summaries, before and after."""
    ranker = get_ranker(DEFAULT_ALGORITHM)
    counts = {mode: {"leaning_openings": 0, "dangling": 0} for mode in MODES}
    releases = 0
    with DEFENCE_DATA.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            sentences = parse_summarizable(row["text"]).sentences
            ranking = ranker.rank(sentences, row.get("title"))
            releases += 1
            for mode, on in MODES.items():
                picked = select_sentences(sentences, ranking, DEFAULT_SENTENCES, coherent=on)
                opening, dangling = _openings(sentences, picked)
                counts[mode]["leaning_openings"] += opening
                counts[mode]["dangling"] += dangling
    return {"releases": releases, **counts}


def to_markdown(report: dict[str, Any]) -> str:
    """The two tables README quotes."""
    b, d = report["bbc"], report["defence"]
    lines = [
        "# Summaries that open by leaning on what they left out",
        "",
        "`uv run --extra bench python benchmarks/coherent_openings.py`",
        "",
        f"BBC News Summary, {b['articles']:,} articles ({b['changed']:,} summaries changed):",
        "",
        "| selection | ROUGE-1 | ROUGE-2 | ROUGE-L | summaries opening with a leaning sentence |",
        "|---|---:|---:|---:|---:|",
    ]
    for mode in MODES:
        row = b[mode]
        lines.append(
            f"| {mode} | {row['rouge1']:.4f} | {row['rouge2']:.4f} | {row['rougeL']:.4f} "
            f"| {row['leaning_openings']:,} |"
        )
    lines += [
        "",
        f"Defence releases, {d['releases']} summaries of {DEFAULT_SENTENCES} sentences:",
        "",
        "| selection | opening with a leaning sentence | leaning ones without the one before |",
        "|---|---:|---:|",
    ]
    for mode in MODES:
        lines.append(f"| {mode} | {d[mode]['leaning_openings']} | {d[mode]['dangling']} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="BBC articles (default: all)")
    args = parser.parse_args(argv)
    report = {"bbc": bbc(args.limit), "defence": defence()}
    markdown = to_markdown(report)
    print(markdown)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "coherent_openings.json").write_text(json.dumps(report, indent=2) + "\n")
    (RESULTS / "coherent_openings.md").write_text(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
