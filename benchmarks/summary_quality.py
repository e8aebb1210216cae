"""Summary quality and speed of every registered algorithm on the BBC News Summary data.

Run from the project root: ``.venv/bin/python benchmarks/summary_quality.py [--limit N]``.
For each article, k = the number of candidate sentences that the reference contains
verbatim; every algorithm picks its top k, reported in document order.
It also reports the sentence splitter fidelity figure for the project's splitter on the
same articles, computed by ``benchmarks/splitter_fidelity.py`` (reused, not copied).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
DEFAULT_DATA = ROOT / ".." / "shared" / "data" / "bbc_news_summary.jsonl"
RESULTS = ROOT / "benchmarks" / "results"
TUNED_CATEGORIES = ("business", "sport")
SCALING_SIZES = (20, 100, 400)
SCALING_ALGORITHMS = ("briefrank", "lexrank")


def _squash(text: str) -> str:
    return "".join(text.split())


def candidate_sentences(text: str) -> list[str]:
    """The project's candidate sentences (stand-in: pysbd per paragraph)."""
    try:
        from summarizer.document import parse_brief
    except ImportError:
        return _pysbd_sentences(text)
    return list(parse_brief(text).sentences)


def _pysbd_sentences(text: str) -> list[str]:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False)
    out: list[str] = []
    for paragraph in text.split("\n\n"):
        if paragraph.strip():
            out.extend(s.strip() for s in segmenter.segment(paragraph) if s.strip())
    return out


def load_articles(path: Path, limit: int | None) -> tuple[list[dict[str, Any]], int]:
    """Articles with their candidate sentences and k; also how many had k = 0."""
    articles: list[dict[str, Any]] = []
    skipped = 0
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if limit is not None and len(articles) + skipped >= limit:
                break
            row = json.loads(line)
            sentences = candidate_sentences(row["text"])
            reference = _squash(row["summary"])
            k = sum(1 for s in sentences if _squash(s) in reference)
            if k == 0:
                skipped += 1
                continue
            articles.append({**row, "sentences": sentences, "k": k})
    return articles, skipped


class _CachingTokenizer:
    """rouge-score's default stemming tokenizer, memoised (scores are unchanged)."""

    def __init__(self) -> None:
        from rouge_score.tokenizers import DefaultTokenizer

        inner = DefaultTokenizer(use_stemmer=True)
        self.tokenize: Callable[[str], list[str]] = lru_cache(maxsize=1 << 15)(inner.tokenize)


def make_scorer() -> Any:
    from rouge_score.rouge_scorer import RougeScorer

    return RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=_CachingTokenizer())


def rouge(scorer: Any, reference: str, candidate: str) -> tuple[float, float, float]:
    s = scorer.score(reference, candidate)
    return s["rouge1"].fmeasure, s["rouge2"].fmeasure, s["rougeL"].fmeasure


def _ngram_f1(ref: Counter[Any], cand: Counter[Any]) -> float:
    overlap = sum((ref & cand).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(cand.values()), overlap / sum(ref.values())
    return 2 * p * r / (p + r)


def greedy_oracle(scorer: Any, sentences: Sequence[str], reference: str, k: int) -> list[int]:
    """Greedily add the sentence that most raises ROUGE-1 + ROUGE-2 F1 (at most k)."""
    tok = scorer._tokenizer.tokenize
    ref_tokens = tok(reference)
    ref1, ref2 = Counter(ref_tokens), Counter(pairwise(ref_tokens))
    sent_tokens = [tok(s) for s in sentences]
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < k:
        pick, pick_score = -1, best
        for i in range(len(sentences)):
            if i in chosen:
                continue
            toks = [t for j in sorted([*chosen, i]) for t in sent_tokens[j]]
            score = _ngram_f1(ref1, Counter(toks)) + _ngram_f1(ref2, Counter(pairwise(toks)))
            if score > pick_score:
                pick, pick_score = i, score
        if pick < 0:
            break
        chosen.append(pick)
        best = pick_score
    return sorted(chosen)


def evaluate(
    rankers: dict[str, Callable[..., list[int]] | None],
    articles: list[dict[str, Any]],
    scorer: Any,
) -> list[dict[str, Any]]:
    """Time and score every ranker (None = greedy oracle) on every article.

    Rankers take turns on each article (in rotating order), so a change in machine load
    during the run affects all of them alike.
    """
    names = list(rankers)
    times: dict[str, list[float]] = {name: [] for name in names}
    chosen: dict[str, list[list[int]]] = {name: [] for name in names}
    for number, art in enumerate(articles):
        sentences, k = art["sentences"], art["k"]
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            rank = rankers[name]
            start = time.perf_counter()
            if rank is None:
                picked = greedy_oracle(scorer, sentences, art["summary"], k)
            else:
                picked = sorted(rank(sentences, art["title"])[:k])
            times[name].append((time.perf_counter() - start) * 1000)
            chosen[name].append(picked)
    rows = []
    for name in names:
        per_article = [
            (
                art["category"],
                rouge(scorer, art["summary"], " ".join(art["sentences"][i] for i in picked)),
            )
            for art, picked in zip(articles, chosen[name], strict=True)
        ]
        rows.append(
            {
                "name": name,
                **_mean_scores([s for _, s in per_article]),
                "ms_median": statistics.median(times[name]),
                "ms_mean": statistics.fmean(times[name]),
                "per_category": {
                    cat: _mean_scores([s for c, s in per_article if c == cat])
                    for cat in sorted({c for c, _ in per_article})
                },
            }
        )
    return rows


def _mean_scores(scores: list[tuple[float, float, float]]) -> dict[str, float]:
    return {
        key: statistics.fmean(s[i] for s in scores)
        for i, key in enumerate(("rouge1", "rouge2", "rougeL"))
    }


def splitter_fidelity(articles: list[dict[str, Any]]) -> dict[str, Any]:
    """Coverage, fragments and speed of the project's splitter (see splitter_fidelity.py)."""
    from benchmarks import splitter_fidelity as fidelity

    result = fidelity.evaluate("briefbot (ours)", fidelity._ours(), articles)
    return asdict(result)


def scaling(articles: list[dict[str, Any]], names: Sequence[str], repeats: int = 3) -> list[Any]:
    from summarizer.registry import get_ranker

    pool = [s for art in articles for s in art["sentences"]]
    rows = []
    for size in SCALING_SIZES:
        sentences = (pool * (size // max(len(pool), 1) + 1))[:size]
        row: dict[str, Any] = {"sentences": len(sentences)}
        for name in names:
            ranker = get_ranker(name)
            runs = []
            for _ in range(repeats):
                start = time.perf_counter()
                ranker.rank(sentences, None)
                runs.append((time.perf_counter() - start) * 1000)
            row[name] = statistics.median(runs)
        rows.append(row)
    return rows


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Summary quality (BBC News Summary)",
        "",
        f"Articles: {report['articles']} evaluated, {report['skipped']} skipped (k = 0). "
        f"Sentence splitter: {report['splitter']}.",
        "",
        "| algorithm | ROUGE-1 | ROUGE-2 | ROUGE-L | median ms | mean ms |",
        "|---|---|---|---|---|---|",
    ]
    for r in report["rows"]:
        lines.append(
            f"| {r['name']} | {r['rouge1']:.3f} | {r['rouge2']:.3f} | {r['rougeL']:.3f} "
            f"| {r['ms_median']:.2f} | {r['ms_mean']:.2f} |"
        )
    default = next((r for r in report["rows"] if r["name"] == report["default"]), None)
    others = [r for r in report["rows"] if r["name"] not in (report["default"], "oracle")]
    lexrank = next((r for r in others if r["name"] == "lexrank"), None)
    if default and others:
        best = max(others, key=lambda r: r["rouge2"])
        lines += [
            "",
            f"{report['default']} vs best baseline ({best['name']}): ROUGE-1 "
            f"{default['rouge1'] - best['rouge1']:+.3f}, ROUGE-2 "
            f"{default['rouge2'] - best['rouge2']:+.3f}, ROUGE-L "
            f"{default['rougeL'] - best['rougeL']:+.3f}.",
        ]
    if default and lexrank:
        lines.append(
            f"Median time relative to LexRank: "
            f"{default['ms_median'] / lexrank['ms_median']:.2f}; mean: "
            f"{default['ms_mean'] / lexrank['ms_mean']:.2f}."
        )
    if default:
        lines += [
            "",
            f"## {report['default']} per category (tuned on: "
            f"{', '.join(TUNED_CATEGORIES)}; the rest are held out)",
            "",
            "| category | ROUGE-1 | ROUGE-2 | ROUGE-L |",
            "|---|---|---|---|",
        ]
        for cat, s in default["per_category"].items():
            mark = " (tuning)" if cat in TUNED_CATEGORIES else " (held out)"
            lines.append(
                f"| {cat}{mark} | {s['rouge1']:.3f} | {s['rouge2']:.3f} | {s['rougeL']:.3f} |"
            )
    fidelity = report.get("splitter_fidelity")
    if fidelity:
        lines += [
            "",
            "## Sentence splitter fidelity",
            "",
            "The project's splitter (summarizer.segmentation.split_sentences, applied per "
            f"paragraph) on the same {report['articles']} articles: coverage = share of "
            "reference characters (whitespace ignored) covered by split sentences wholly "
            "contained in the reference.",
            "",
            "| splitter | coverage | fragments < 4 words | ms/article |",
            "|---|---:|---:|---:|",
            f"| {fidelity['name']} | {fidelity['coverage']:.2%} "
            f"| {fidelity['fragments_under_4_words']:.2%} | {fidelity['ms_per_article']:.3f} |",
        ]
    if report.get("scaling"):
        names = [k for k in report["scaling"][0] if k != "sentences"]
        lines += [
            "",
            "## Scaling (median ms per document)",
            "",
            "| sentences | " + " | ".join(names) + " |",
            "|---" * (len(names) + 1) + "|",
        ]
        for row in report["scaling"]:
            lines.append(
                f"| {row['sentences']} | " + " | ".join(f"{row[n]:.1f}" for n in names) + " |"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[var] = "1"
    sys.path.insert(0, str(ROOT))
    from summarizer.registry import DEFAULT_ALGORITHM, algorithm_names, get_ranker

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--algorithms", default=None, help="comma-separated; default: all")
    parser.add_argument("--no-oracle", action="store_true")
    parser.add_argument("--no-scaling", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)

    names = (
        args.algorithms.split(",")
        if args.algorithms
        else [
            "lead",
            *[n for n in algorithm_names() if n not in ("lead", DEFAULT_ALGORITHM)],
            DEFAULT_ALGORITHM,
        ]
    )
    articles, skipped = load_articles(args.data, args.limit)
    scorer = make_scorer()
    # Keep the collector from rescanning the loaded corpus during timed calls.
    gc.collect()
    gc.freeze()
    fidelity = splitter_fidelity(articles)
    rankers: dict[str, Callable[..., list[int]] | None] = {}
    for name in names:
        ranker = get_ranker(name)
        ranker.rank(articles[0]["sentences"], articles[0]["title"])  # warm caches
        rankers[name] = ranker.rank
    rows = evaluate(rankers, articles, scorer)
    if not args.no_oracle:
        rows += evaluate({"oracle": None}, articles, scorer)
    try:
        import summarizer.document  # noqa: F401

        splitter = "summarizer.document.parse_brief"
    except ImportError:
        splitter = "pysbd per paragraph (stand-in)"
    report = {
        "articles": len(articles),
        "skipped": skipped,
        "splitter": splitter,
        "default": DEFAULT_ALGORITHM,
        "rows": rows,
        "splitter_fidelity": fidelity,
        "scaling": None if args.no_scaling else scaling(articles, SCALING_ALGORITHMS),
    }
    markdown = to_markdown(report)
    print(markdown)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "summary_quality.json").write_text(json.dumps(report, indent=2) + "\n")
        (RESULTS / "summary_quality.md").write_text(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
