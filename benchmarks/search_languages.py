"""Search in German and French: does a word of an article's summary find the article?

For each article of the German Wikipedia and French Wikinews sets in ``benchmarks/data``
(``*_summaries.jsonl``), the article's body (``text``) is stored as a brief in its language,
and each content word of its reference summary (the lead: words of 4 letters or more, the
language's stop words left out, each once) is searched for alone among the set's briefs with
``BriefRepository.matching``, the matching of ``/topic`` and follow alerts. Two SQLite databases
hold the same briefs, side by side in one run: one with their search stems as ingest stores
them (``storage.search_stems``), one without (search as it was before migration 0016: the
light English suffixes only). Reported per language and database:

* **found**: the share of (article, word) queries that find their own article, over all words
  and over the words whose exact form is not in the article's body (where stemming can help:
  the lead says *Entscheidung*, the body *Entscheidungen*);
* **others**: the mean number of the set's other articles each query finds as well (what
  stems add in over-matching; the set's articles are on unrelated subjects, so an other
  article found by a word is found for sharing the word or its stem).

    uv run --extra bench python benchmarks/search_languages.py [--limit N]

Writes ``benchmarks/results/search_languages.{json,md}``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(ROOT))

from benchmarks.report import save_results  # noqa: E402
from storage.diacritics import fold_diacritics  # noqa: E402
from storage.engine import create_engine, create_session_factory  # noqa: E402
from storage.models import Brief  # noqa: E402
from storage.repositories import BriefRepository  # noqa: E402
from storage.schema import upgrade  # noqa: E402
from storage.search import WORD  # noqa: E402
from storage.search_stems import brief_stems  # noqa: E402
from summarizer.languages import lexicon  # noqa: E402

SETS = {"de": "wikipedia_de_summaries.jsonl", "fr": "wikinews_fr_summaries.jsonl"}
MIN_LETTERS = 4


@dataclass(frozen=True)
class Article:
    title: str
    text: str
    words: tuple[str, ...]  # the summary's content words, lower case
    body_words: frozenset[str]  # the body's words, lower case and folded


def _folded_words(text: str) -> list[str]:
    return [fold_diacritics(word.lower()) for word in WORD.findall(text)]


def load(language: str, limit: int | None) -> list[Article]:
    stop_words = lexicon(language).stop_words
    articles = []
    lines = (BENCHMARKS / "data" / SETS[language]).read_text(encoding="utf-8").splitlines()
    for line in lines[:limit]:
        row = json.loads(line)
        words = dict.fromkeys(
            word.lower()
            for word in WORD.findall(row["summary"])
            if len(word) >= MIN_LETTERS and word.isalpha() and word.lower() not in stop_words
        )
        articles.append(
            Article(row["title"], row["text"], tuple(words), frozenset(_folded_words(row["text"])))
        )
    return articles


async def measure(language: str, articles: list[Article], *, stems: bool) -> dict[str, Any]:
    """Store ``articles`` (with or without stems) in a new SQLite file; run every query."""
    with tempfile.TemporaryDirectory() as directory:
        url = f"sqlite+aiosqlite:///{Path(directory) / 'search.db'}"
        await upgrade(url)
        engine = create_engine(url)
        sessions = create_session_factory(engine)
        ids: list[int] = []
        async with sessions() as session, session.begin():
            repository = BriefRepository(session)
            for n, article in enumerate(articles):
                stored = await repository.add(Brief(
                    title=article.title, text=article.text, content_hash=f"{language}{n}",
                    summary=[], topics=[], language=language,
                    search_stems=brief_stems(article.text, language) if stems else None,
                ))
                ids.append(stored.id)
        found: list[bool] = []
        found_unseen: list[bool] = []
        others: list[int] = []
        started = time.perf_counter()
        async with sessions() as session:
            repository = BriefRepository(session)
            for brief_id, article in zip(ids, articles, strict=True):
                for word in article.words:
                    hits = await repository.matching(word, ids)
                    found.append(brief_id in hits)
                    if fold_diacritics(word) not in article.body_words:
                        found_unseen.append(brief_id in hits)
                    others.append(len(hits - {brief_id}))
        seconds = time.perf_counter() - started
        await engine.dispose()
    return {
        "language": language, "stems": stems, "articles": len(articles), "queries": len(found),
        "found": round(sum(found) / len(found), 4),
        "unseen_queries": len(found_unseen),
        "found_unseen": round(sum(found_unseen) / len(found_unseen), 4),
        "others_mean": round(statistics.fmean(others), 2),
        "others_median": statistics.median(others),
        "ms_per_query": round(1000 * seconds / len(found), 2),
    }


def markdown(results: list[dict[str, Any]]) -> str:
    lines = [
        "# Search by a summary's words (`benchmarks/search_languages.py`)",
        "",
        "Each content word of an article's lead, alone, among the set's articles (SQLite).",
        "",
        "| language | articles | search | queries | own article found | exact form not in the "
        "body: queries, found | other articles found, mean (median) | ms a query |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        search = "language stems + light suffixes" if r["stems"] else "light suffixes (before)"
        lines.append(
            f"| {r['language']} | {r['articles']} | {search} | {r['queries']:,} | "
            f"{100 * r['found']:.1f}% | {r['unseen_queries']:,}, {100 * r['found_unseen']:.1f}% | "
            f"{r['others_mean']} ({r['others_median']}) | {r['ms_per_query']} |"
        )
    return "\n".join(lines) + "\n"


async def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="articles per set (default all)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        parser.error("--limit must be at least 1")
    results = []
    for language in SETS:
        articles = load(language, args.limit)
        for stems in (False, True):
            results.append(await measure(language, articles, stems=stems))
    text = markdown(results)
    save_results("search_languages", results, text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
