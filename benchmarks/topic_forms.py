"""Russian topics counted by lemma and shown in the nominative, against words as written.

Run from the project root: ``uv run --extra bench python benchmarks/topic_forms.py``.

Data: the 123 Russian NTREX-128 news documents of ``benchmarks/data/ntrex_ru_summaries.jsonl``
(CC BY-SA 4.0; ``benchmarks/data/README.md``). No Russian keyphrase set was found, so this
measures what can be counted without one, for each brief as ingest makes its topics (its
title, its text, its 3-sentence summary), both ways in one run:

* topics that repeat a name or word in another form ("Боливии" beside "Боливия"): briefs
  where two of the five topics share a lemma;
* topics sharing a lemma with the headline, the nearest stand-in for "what the brief is
  about" without people's keyphrases;
* every topic whose shown form changed, listed in the Markdown to be read one by one (the
  list this benchmark's figure of wrong nominatives was counted from);
* the median time to make one brief's topics, and the dictionary's load time and memory.

Lemmas for the counts come from the same dictionary (pymorphy3) the change uses; they are
the means of counting, not the thing judged.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(ROOT))

from benchmarks.proc_status import status_kb  # noqa: E402
from benchmarks.report import save_results  # noqa: E402
from ingest.topics import extract_topics  # noqa: E402
from ingest.word_forms import RussianForms, word_forms  # noqa: E402
from summarizer.api import summarize  # noqa: E402

DOCUMENTS = BENCHMARKS / "data" / "ntrex_ru_summaries.jsonl"
LANGUAGE = "ru"
SUMMARY_SENTENCES = 3
_WORD = re.compile(r"[^\W\d_]+")
System = Callable[[str, list[str], str], list[str]]

BEFORE = "as written (before)"
SYSTEMS: dict[str, System] = {
    BEFORE: lambda title, summary, text: extract_topics(
        title, summary, text, language=LANGUAGE, dictionary_forms=False
    ),
    "lemmas, nominative (now)": lambda title, summary, text: extract_topics(
        title, summary, text, language=LANGUAGE
    ),
}


def _rss_mb() -> float:
    return status_kb(os.getpid(), "VmRSS") / 1024


def topic_forms() -> dict[str, Any]:
    """Both systems' topics for every document, with the counts the module docstring names."""
    forms = word_forms(LANGUAGE)
    assert isinstance(forms, RussianForms)
    rss_before = _rss_mb()
    started = time.perf_counter()
    forms.lemma("\u041c\u043e\u0441\u043a\u0432\u0430")  # loads the dictionary
    load_seconds = time.perf_counter() - started
    rss_loaded = _rss_mb()

    def lemmas(phrase: str) -> set[str]:
        return {forms.lemma(word) for word in _WORD.findall(phrase)}

    with DOCUMENTS.open(encoding="utf-8") as handle:
        documents = [json.loads(line) for line in handle if line.strip()]
    systems: dict[str, dict[str, Any]] = {}
    for name in SYSTEMS:
        systems[name] = {"topics": 0, "in_headline": 0, "repeating": 0, "seconds": []}
    changed: list[dict[str, str]] = []
    for document in documents:
        title, text = document["title"], document["text"]
        summary = summarize(text, title=title, sentences=SUMMARY_SENTENCES, language=LANGUAGE)
        headline = lemmas(title)
        shown: dict[str, list[str]] = {}
        for name, system in SYSTEMS.items():
            started = time.perf_counter()
            topics = system(title, list(summary), text)
            figures = systems[name]
            figures["seconds"].append(time.perf_counter() - started)
            figures["topics"] += len(topics)
            figures["in_headline"] += sum(1 for topic in topics if lemmas(topic) & headline)
            sets = [lemmas(topic) for topic in topics]
            figures["repeating"] += any(
                a & b for n, a in enumerate(sets) for b in sets[n + 1 :]
            )
            shown[name] = topics
        for topic in shown[BEFORE]:
            nominative = " ".join(forms.nominative(topic.split()))
            if nominative != topic:
                changed.append({"id": document["id"], "written": topic, "shown": nominative})
    report: dict[str, Any] = {
        "documents": len(documents),
        "dictionary": {
            "load_seconds": load_seconds,
            "rss_mb_before": rss_before,
            "rss_mb_loaded": rss_loaded,
            "rss_mb_after": _rss_mb(),
        },
        "systems": {},
        "changed_forms": changed,
    }
    for name, figures in systems.items():
        report["systems"][name] = {
            "topics": figures["topics"],
            "in_headline": figures["in_headline"],
            "briefs_repeating_a_topic": figures["repeating"],
            "median_ms": 1000 * statistics.median(figures["seconds"]),
        }
    return report


def to_markdown(report: dict[str, Any]) -> str:
    dictionary = report["dictionary"]
    lines = [
        "# Russian topics: lemmas and the nominative (NTREX Russian news)",
        "",
        f"{report['documents']} documents; "
        "`uv run --extra bench python benchmarks/topic_forms.py`",
        "",
        "| topics | shown | sharing a lemma with the headline | briefs showing one name or "
        "word twice | median ms a brief |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, s in report["systems"].items():
        share = s["in_headline"] / s["topics"] if s["topics"] else 0.0
        lines.append(
            f"| {name} | {s['topics']} | {s['in_headline']} ({share:.3f}) | "
            f"{s['briefs_repeating_a_topic']} | {s['median_ms']:.2f} |"
        )
    lines += [
        "",
        f"Dictionary: loaded in {dictionary['load_seconds']:.3f} s, resident memory "
        f"{dictionary['rss_mb_before']:.0f} MB before, {dictionary['rss_mb_loaded']:.0f} MB "
        f"loaded, {dictionary['rss_mb_after']:.0f} MB after every document (with the "
        "summaries made in this process too).",
        "",
        f"## Forms changed ({len(report['changed_forms'])}: the topics as written, each put "
        "in the nominative)",
        "",
    ]
    lines += [f"- {c['written']} \u2192 {c['shown']}" for c in report["changed_forms"]]
    return "\n".join(lines) + "\n"


def main() -> None:
    report = topic_forms()
    markdown = to_markdown(report)
    print(markdown)
    save_results("topic_forms", report, markdown)


if __name__ == "__main__":
    main()
