"""Topic quality: a brief's topics against people's keyphrases for the same article.

Run from the project root: ``uv run --extra bench python benchmarks/topic_quality.py``.

Data: the 82 French Wikinews articles of ``benchmarks/data/wikinews_fr_summaries.jsonl`` and
their reference keyphrases, ``wikinews_fr_keyphrases.jsonl`` (Bougouin et al.'s keyphrase
corpus, combined from several annotators: median 9 an article; ``benchmarks/data/README.md``
gives the source and licence). The only keyphrase set found under a usable licence in a
language other than English; none in German, Spanish or Hindi.

Each article is one brief, as ingest sees it: its title, its lede and text as the body, its
summary the project's (briefrank, 3 sentences, in French). Systems: the topics in the
brief's language (``extract_topics(..., language="fr")``, what ingest stores), and with
English stop words alone (``language=None``: how a French brief got its topics before
languages). Scores, averaged over the articles:

* P@5, R@5, F@5: a topic matches a keyphrase when both are the same words once lower-cased,
  stripped of accents and elisions (``l'``, ``d'``) and stemmed (French Snowball): the
  standard exact-match measure of keyphrase extraction. Topics are single words or names,
  keyphrases often longer ("crise financière"), so exact matches understate how related the
  topics are;
* unrelated: the share of topics that share no stemmed word with any of the article's
  keyphrases (``avait``, ``juillet``, ``Cependant``): what a reader would call noise.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import save_results  # noqa: E402
from ingest.topics import extract_topics  # noqa: E402
from storage.diacritics import fold_diacritics  # noqa: E402
from summarizer.api import summarize  # noqa: E402
from summarizer.languages import lexicon  # noqa: E402

DATA = BENCHMARKS / "data"
ARTICLES = DATA / "wikinews_fr_summaries.jsonl"
KEYPHRASES = DATA / "wikinews_fr_keyphrases.jsonl"
LANGUAGE = "fr"
SUMMARY_SENTENCES = 3
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
System = Callable[[str, list[str], str], list[str]]


def _in_language(title: str, summary: list[str], text: str) -> list[str]:
    return extract_topics(title, summary, text, language=LANGUAGE)


def _english_stop_words(title: str, summary: list[str], text: str) -> list[str]:
    return extract_topics(title, summary, text, language=None)


SYSTEMS: dict[str, System] = {
    "topics in the brief's language": _in_language,
    "topics with English stop words (before languages)": _english_stop_words,
}


def stems(phrase: str) -> tuple[str, ...]:
    """A phrase's words, lower-cased, without accents and elisions, stemmed in French."""
    words = lexicon(LANGUAGE)
    forms = (words.content_form(w) for w in _WORD.findall(phrase.lower()))
    return tuple(fold_diacritics(words.stem(form)) for form in forms)


def score(topics: Sequence[str], keyphrases: Sequence[str]) -> dict[str, float]:
    """P, R and F at 5 (the topics kept) and the unrelated topics' share, for one article."""
    references = {stems(keyphrase) for keyphrase in keyphrases}
    reference_words = {word for reference in references for word in reference}
    found = [stems(topic) for topic in topics]
    matches = sum(1 for topic in found if topic in references)
    precision = matches / len(found) if found else 0.0
    recall = matches / len(references) if references else 0.0
    both = precision + recall
    unrelated = sum(1 for topic in found if not set(topic) & reference_words)
    return {
        "precision": precision,
        "recall": recall,
        "f1": 2 * precision * recall / both if both else 0.0,
        "unrelated": unrelated,
        "topics": len(found),
    }


def _read(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def topic_quality(limit: int | None = None) -> dict[str, Any]:
    """Score every system on the articles (the first ``limit`` of them if given)."""
    keyphrases = {row["id"]: row["keyphrases"] for row in _read(KEYPHRASES)}
    articles = _read(ARTICLES)[:limit]
    per_system: dict[str, list[dict[str, float]]] = {name: [] for name in SYSTEMS}
    examples: list[dict[str, Any]] = []
    for article in articles:
        text = f"{article['summary']}\n\n{article['text']}"
        summary = summarize(text, sentences=SUMMARY_SENTENCES, language=LANGUAGE)
        example: dict[str, Any] = {"id": article["id"], "keyphrases": keyphrases[article["id"]]}
        for name, system in SYSTEMS.items():
            topics = system(article["title"], summary, text)
            per_system[name].append(score(topics, keyphrases[article["id"]]))
            example[name] = topics
        examples.append(example)
    systems = {}
    for name, scores in per_system.items():
        systems[name] = {
            "P@5": statistics.fmean(s["precision"] for s in scores),
            "R@5": statistics.fmean(s["recall"] for s in scores),
            "F@5": statistics.fmean(s["f1"] for s in scores),
            "unrelated": sum(s["unrelated"] for s in scores),
            "topics": sum(s["topics"] for s in scores),
        }
    return {"articles": len(articles), "systems": systems, "examples": examples}


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Topic quality (French Wikinews keyphrases)",
        "",
        f"{report['articles']} articles; `uv run --extra bench python benchmarks/topic_quality.py`",
        "",
        "| system | P@5 | R@5 | F@5 | topics unrelated to every keyphrase |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, s in report["systems"].items():
        share = s["unrelated"] / s["topics"] if s["topics"] else 0.0
        lines.append(
            f"| {name} | {s['P@5']:.3f} | {s['R@5']:.3f} | {s['F@5']:.3f} "
            f"| {s['unrelated']} of {s['topics']} ({share:.1%}) |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="score only the first N articles")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    report = topic_quality(args.limit)
    markdown = to_markdown(report)
    save_results("topic_quality", report, markdown)
    print(markdown, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
