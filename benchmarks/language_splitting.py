"""Briefs in Hindi, French, German, Spanish and Russian: splitter fidelity and language detection.

Run from the project root: ``uv run --extra bench python benchmarks/language_splitting.py``.

1. Splitter fidelity on the golden rules of pySBD (``benchmarks/data/pysbd_golden_rules.json``:
   pySBD's ``tests/lang/test_<language>.py``, MIT, themselves the Pragmatic Segmenter's golden
   rules, MIT): per language, the share of cases split exactly as labelled, and the F1 of the
   sentence boundaries (character offsets, whitespace ignored). Three splitters: ours with the
   language's rules, ours with English's rules alone (how the project split before), and pySBD
   for that language (``--extra bench``).
2. Splitter fidelity on real running text (``benchmarks/data/ud_pud_sentences.jsonl``, built
   by ``benchmarks/data/build_language_sets.py``): the Universal Dependencies PUD treebanks'
   German, French, Spanish, Hindi and Russian sentences (CC BY-SA 3.0; Wikipedia and news sentences,
   each language's human translation, sentence boundaries labelled by hand), each document's
   sentences joined by spaces and split again. Boundaries are pooled over the documents:
   precision, recall and F1 of the internal boundaries, and the share of documents split
   exactly.
3. Line starts kept on news text (``benchmarks/data/ntrex_line_starts.jsonl`` and the
   ``ntrex_<lang>_summaries.jsonl`` texts, NTREX-128, CC BY-SA 4.0): the same 123 news
   documents in English, Spanish, Hindi, French, German and Russian, each a line a segment as
   its translators wrote it. A line that follows one ending in a final mark (``. ! ? …``, the
   danda, closing quotes after it) starts a sentence, so a splitter that joins it on has missed
   a boundary: recall only (a translator's line may hold two sentences, so splitting inside
   one is no error here). Lines after one without a final mark (an article's subheadings) are
   counted apart.
4. Language detection on the golden rules' sentences (each labelled sentence of four
   words or more, and each whole case): the project's (py3langid after the romanised-Hindi
   rule, ``summarizer.languages.is_romanised_hindi``), py3langid alone (the project's before
   that rule), and langdetect for comparison (the ``bench`` extra; lingua too if it is
   installed), with microseconds per text.
5. Romanised Hindi (``benchmarks/data/hinglish_detection.jsonl``, written for this project): 30
   short news texts in Hindi written in Latin letters and 30 in English of the same kind with
   Indian loanwords ("jawans", "lakh crore", "dharna"): the share detected as written, by the
   same detectors. And what the romanised-Hindi rule changes elsewhere: every NTREX document,
   headline and translator's line (15 languages), every PUD sentence and document, the golden
   rules' texts, detected with and without the rule; a text whose language changes is listed.

Summary quality in those languages is ``benchmarks/language_summaries.py``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(ROOT))

from benchmarks.jsonl import read_jsonl  # noqa: E402
from benchmarks.report import save_results  # noqa: E402
from summarizer.languages import detect_language  # noqa: E402
from summarizer.segmentation import split_sentences  # noqa: E402

GOLDEN = BENCHMARKS / "data" / "pysbd_golden_rules.json"
PUD = BENCHMARKS / "data" / "ud_pud_sentences.jsonl"
NTREX_STARTS = BENCHMARKS / "data" / "ntrex_line_starts.jsonl"
NTREX_LANGUAGES = ("en", "es", "hi", "fr", "de", "ru")
HINGLISH = BENCHMARKS / "data" / "hinglish_detection.jsonl"
# A line that ends a sentence: a final mark, then closing quotes or brackets (French spaces them).
_LINE_END = re.compile("[.!?\u2026\u0964\u0965][\\s\"'\u201d\u2019\u00bb\u201c)\\]]*$")
LANGUAGES = ("hi", "fr", "de", "es")
# Running text adds Russian, which the bot speaks and splits with its own rules (pySBD's golden
# rules are not kept for it here).
PUD_LANGUAGES = (*LANGUAGES, "ru")
Splitter = Callable[[str, str], list[str]]


def _squash(text: str) -> str:
    return "".join(text.split())


def _boundaries(text: str, sentences: Sequence[str]) -> set[int]:
    """Where each sentence ends, as an offset into the whitespace-free text."""
    ends, position = set(), 0
    for sentence in sentences:
        position += len(_squash(sentence))
        ends.add(position)
    ends.discard(len(_squash(text)))
    return ends


def _f1(expected: set[int], found: set[int]) -> float:
    if not expected and not found:
        return 1.0
    hits = len(expected & found)
    if not hits:
        return 0.0
    precision, recall = hits / len(found), hits / len(expected)
    return 2 * precision * recall / (precision + recall)


def _pysbd(text: str, language: str) -> list[str]:
    import pysbd

    return [s.strip() for s in pysbd.Segmenter(language=language, clean=False).segment(text)]


SPLITTERS: dict[str, Splitter] = {
    "briefbot (language rules)": lambda text, language: split_sentences(text, language),
    "briefbot (English rules)": lambda text, language: split_sentences(text),
    "pysbd": _pysbd,
}


def splitter_fidelity(golden: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for language in LANGUAGES:
        cases = golden["cases"][language]
        for name, split in SPLITTERS.items():
            exact, f1s = 0, []
            for case in cases:
                found = [s.strip() for s in split(case["text"], language) if s.strip()]
                exact += found == case["sentences"]
                expected = _boundaries(case["text"], case["sentences"])
                f1s.append(_f1(expected, _boundaries(case["text"], found)))
            rows.append(
                {
                    "language": language,
                    "splitter": name,
                    "cases": len(cases),
                    "sentences": sum(len(case["sentences"]) for case in cases),
                    "exact": exact / len(cases),
                    "boundary_f1": statistics.fmean(f1s),
                }
            )
    return rows


def running_text_fidelity(path: Path) -> list[dict[str, Any]]:
    """Pooled boundary precision / recall / F1 on documents of labelled running sentences."""
    documents: dict[str, list[list[str]]] = {}
    for row in read_jsonl(path):
        documents.setdefault(row["language"], []).append(row["sentences"])
    rows = []
    for language in PUD_LANGUAGES:
        for name, split in SPLITTERS.items():
            exact = hits = expected_total = found_total = 0
            for sentences in documents.get(language, []):
                text = " ".join(sentences)
                found = [s.strip() for s in split(text, language) if s.strip()]
                exact += found == sentences
                expected, got = _boundaries(text, sentences), _boundaries(text, found)
                hits += len(expected & got)
                expected_total += len(expected)
                found_total += len(got)
            if not expected_total:
                continue
            precision = hits / found_total if found_total else 0.0
            recall = hits / expected_total
            rows.append(
                {
                    "language": language,
                    "splitter": name,
                    "documents": len(documents[language]),
                    "sentences": sum(len(d) for d in documents[language]),
                    "exact": exact / len(documents[language]),
                    "precision": precision,
                    "recall": recall,
                    "boundary_f1": 2 * precision * recall / (precision + recall) if hits else 0.0,
                }
            )
    return rows


def line_starts_kept(starts_path: Path) -> list[dict[str, Any]]:
    """Per language and splitter: how many line starts after a final mark begin a sentence."""
    starts = {(r["language"], r["id"]): r["starts"] for r in read_jsonl(starts_path)}
    rows = []
    for language in NTREX_LANGUAGES:
        documents = read_jsonl(starts_path.parent / f"ntrex_{language}_summaries.jsonl")
        for name, split in SPLITTERS.items():
            marked = kept = unmarked = unmarked_kept = 0
            for document in documents:
                text = document["text"]
                found = _boundaries(text, [s for s in split(text, language) if s.strip()])
                for start in starts[(language, document["id"])]:
                    boundary = len(_squash(text[:start])) in found
                    if _LINE_END.search(text[:start].rstrip()):
                        marked, kept = marked + 1, kept + boundary
                    else:
                        unmarked, unmarked_kept = unmarked + 1, unmarked_kept + boundary
            rows.append(
                {
                    "language": language,
                    "splitter": name,
                    "documents": len(documents),
                    "line_starts_after_a_mark": marked,
                    "kept": kept,
                    "recall": kept / marked if marked else 0.0,
                    "line_starts_after_no_mark": unmarked,
                    "kept_after_no_mark": unmarked_kept,
                }
            )
    return rows


def _before_romanised_hindi(text: str) -> str | None:
    return detect_language(text, romanised_hindi=False)


def _detectors() -> Iterator[tuple[str, Callable[[str], str | None]]]:
    yield "briefbot: py3langid + romanised Hindi (used)", detect_language
    yield "py3langid alone (before)", _before_romanised_hindi
    try:
        import langdetect

        langdetect.DetectorFactory.seed = 0  # langdetect is random unless seeded

        def detect_or_none(text: str) -> str | None:
            try:
                return str(langdetect.detect(text))
            except langdetect.LangDetectException:  # "No features in text"
                return None

        yield "langdetect", detect_or_none
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def detect(text: str) -> str | None:
            found = lingua.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else None

        yield "lingua", detect
    except ImportError:
        pass


def detection(golden: dict[str, Any]) -> list[dict[str, Any]]:
    texts = [
        (language, text)
        for language in LANGUAGES
        for case in golden["cases"][language]
        for text in [case["text"], *case["sentences"]]
        if len(text.split()) >= 4
    ]
    rows = []
    for name, detect in _detectors():
        detect("warm up the model")
        right: dict[str, int] = dict.fromkeys(LANGUAGES, 0)
        started = time.perf_counter()
        for language, text in texts:
            right[language] += detect(text) == language
        elapsed = time.perf_counter() - started
        totals = {lang: sum(1 for other, _ in texts if other == lang) for lang in LANGUAGES}
        rows.append(
            {
                "detector": name,
                "texts": len(texts),
                "accuracy": sum(right.values()) / len(texts),
                **{f"accuracy_{lang}": right[lang] / totals[lang] for lang in LANGUAGES},
                "us_per_text": elapsed / len(texts) * 1e6,
            }
        )
    return rows


def romanised_hindi(path: Path) -> list[dict[str, Any]]:
    """Per detector and labelled language (``hi``: romanised Hindi, ``en``): the share of
    texts detected as labelled, and what the others were detected as."""
    rows_in = read_jsonl(path)
    rows = []
    for name, detect in _detectors():
        for language in ("hi", "en"):
            found = [detect(row["text"]) for row in rows_in if row["language"] == language]
            wrong = Counter(str(code) for code in found if code != language)
            rows.append(
                {
                    "detector": name,
                    "language": language,
                    "texts": len(found),
                    "as_labelled": found.count(language) / len(found),
                    "detected_instead": dict(wrong.most_common()),
                }
            )
    return rows


def _regression_texts(golden: dict[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(set, language, text): NTREX documents, headlines and lines, PUD sentences and
    documents, the golden rules' texts."""
    starts = {(r["language"], r["id"]): r["starts"] for r in read_jsonl(NTREX_STARTS)}
    for path in sorted(NTREX_STARTS.parent.glob("ntrex_*_summaries.jsonl")):
        for document in read_jsonl(path):
            language, text = document["language"], document["text"]
            cuts = [0, *starts.get((language, document["id"]), []), len(text)]
            yield "NTREX documents", language, text
            yield "NTREX headlines", language, document["summary"]
            if len(cuts) > 2:  # line starts are kept for six of the languages
                for start, end in pairwise(cuts):
                    yield "NTREX translators' lines", language, text[start:end]
    for row in read_jsonl(PUD):
        yield "PUD documents", row["language"], " ".join(row["sentences"])
        for sentence in row["sentences"]:
            yield "PUD sentences", row["language"], sentence
    for language, cases in golden["cases"].items():
        for case in cases:
            for text in [case["text"], *case["sentences"]]:
                yield "pySBD golden rules", language, text


def romanised_hindi_changes(golden: dict[str, Any]) -> list[dict[str, Any]]:
    """Per set: its languages, its texts, and those the romanised-Hindi rule detects
    differently."""
    counts: dict[str, int] = {}
    languages: dict[str, list[str]] = {}
    changed: dict[str, list[dict[str, Any]]] = {}
    for name, language, text in _regression_texts(golden):
        counts[name] = counts.get(name, 0) + 1
        if language not in languages.setdefault(name, []):
            languages[name].append(language)
        before, after = _before_romanised_hindi(text), detect_language(text)
        if before != after:
            change = {"language": language, "before": before, "after": after, "text": text[:120]}
            changed.setdefault(name, []).append(change)
    return [
        {
            "set": name,
            "languages": sorted(languages[name]),
            "texts": count,
            "changed": len(found),
            "changes": found,
        }
        for name, count in counts.items()
        for found in [changed.get(name, [])]
    ]


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Briefs in other languages: splitting and detection",
        "",
        f"Command: `{report['command']}`",
        "",
        "## Splitter fidelity (pySBD golden rules, MIT)",
        "",
        "| language | splitter | cases | sentences | exact cases | boundary F1 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['language']} | {r['splitter']} | {r['cases']} | {r['sentences']} "
        f"| {r['exact']:.1%} | {r['boundary_f1']:.3f} |"
        for r in report["splitter"]
    ]
    if report["running_text"]:
        lines += [
            "",
            "## Splitter fidelity on running text (UD PUD treebanks, CC BY-SA 3.0)",
            "",
            "| language | splitter | documents | sentences | exact documents | boundary precision "
            "| recall | F1 |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {r['language']} | {r['splitter']} | {r['documents']} | {r['sentences']} "
            f"| {r['exact']:.1%} | {r['precision']:.3f} | {r['recall']:.3f} "
            f"| {r['boundary_f1']:.3f} |"
            for r in report["running_text"]
        ]
    if report["line_starts"]:
        lines += [
            "",
            "## Line starts kept on news text (NTREX-128, CC BY-SA 4.0)",
            "",
            "A line after one ending in a final mark starts a sentence: a splitter that joins it",
            "on misses a boundary (recall only). Lines after one without a mark (subheadings)",
            "are counted apart.",
            "",
            "| language | splitter | documents | line starts after a mark | kept | recall "
            "| joined | after no mark: kept / lines |",
            "|---|---|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {r['language']} | {r['splitter']} | {r['documents']} "
            f"| {r['line_starts_after_a_mark']} | {r['kept']} | {r['recall']:.3f} "
            f"| {r['line_starts_after_a_mark'] - r['kept']} "
            f"| {r['kept_after_no_mark']} / {r['line_starts_after_no_mark']} |"
            for r in report["line_starts"]
        ]
    lines += [
        "",
        "## Language detection (the same golden-rule texts, 4+ words)",
        "",
        "| detector | texts | accuracy | hi | fr | de | es | µs/text |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['detector']} | {r['texts']} | {r['accuracy']:.1%} | {r['accuracy_hi']:.0%} "
        f"| {r['accuracy_fr']:.0%} | {r['accuracy_de']:.0%} | {r['accuracy_es']:.0%} "
        f"| {r['us_per_text']:.0f} |"
        for r in report["detection"]
    ]
    lines += [
        "",
        "## Romanised Hindi (benchmarks/data/hinglish_detection.jsonl, written for this project)",
        "",
        "| detector | texts | written in | detected as written | detected instead |",
        "|---|---:|---|---:|---|",
    ]
    lines += [
        f"| {r['detector']} | {r['texts']} "
        f"| {'Hindi in Latin letters' if r['language'] == 'hi' else 'English'} "
        f"| {r['as_labelled']:.0%} "
        f"| {', '.join(f'{k} {v}' for k, v in r['detected_instead'].items()) or '-'} |"
        for r in report["romanised_hindi"]
    ]
    changes = report["romanised_hindi_changes"]
    lines += [
        "",
        "What the romanised-Hindi rule changes in other languages' texts (detected with and",
        f"without it): {sum(r['changed'] for r in changes)} of "
        f"{sum(r['texts'] for r in changes)} texts.",
        "",
        "| set | languages | texts | detected differently |",
        "|---|---|---:|---:|",
    ]
    lines += [
        f"| {r['set']} | {' '.join(r['languages'])} | {r['texts']} | {r['changed']} |"
        for r in changes
    ]
    lines += [
        f"- {r['set']}, {c['language']}: {c['before']} -> {c['after']}: {c['text']}"
        for r in changes
        for c in r["changes"]
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    report = {
        "command": "uv run --extra bench python benchmarks/language_splitting.py",
        "golden_source": {k: golden[k] for k in ("source", "commit", "licence")},
        "splitter": splitter_fidelity(golden),
        "running_text": running_text_fidelity(PUD),
        "line_starts": line_starts_kept(NTREX_STARTS),
        "detection": detection(golden),
        "romanised_hindi": romanised_hindi(HINGLISH),
        "romanised_hindi_changes": romanised_hindi_changes(golden),
    }
    markdown = to_markdown(report)
    print(markdown)
    save_results("language_splitting", report, markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
