"""Same documents, same choice? briefrank's summaries in each language against its English ones.

Run from the project root: ``uv run --extra bench python benchmarks/language_agreement.py``.

NTREX-128 (``benchmarks/data/ntrex_<lang>_summaries.jsonl``, see ``benchmarks/data/README.md``)
holds the same 123 news documents in English, Spanish, Hindi, French, German and Russian,
translated line for line, and ``ntrex_line_starts.jsonl`` says where each line starts in each
text. So a summary's sentences can be named by their lines in any language, and compared with
the lines English's summary of the same document took. Agreement at k: of the lines English's
k-sentence briefrank summaries took, the share the language's k-sentence summaries took too
(all documents pooled). k = 3 is the bot's default summary length; k = 1 is what the
headline benchmark (``language_summaries.py``) scores. German is also scored without its
compound pieces (``BriefRank(compound_pieces=False)``, how it was ranked before 2026-12-04).

English's choice is not the truth, but it is briefrank where it is measured best (BBC, README's
"Measured figures"), so a language whose summaries take other lines is ranked differently from
English. lead-k in each language against lead-k in English is the ceiling the translation itself
leaves: translators split and merge sentences, so even the same first k sentences cover
slightly different lines.
"""

from __future__ import annotations

import argparse
import bisect
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

BENCHMARKS = Path(__file__).resolve().parent
ROOT = BENCHMARKS.parent
sys.path.insert(0, str(ROOT))

from benchmarks.jsonl import read_jsonl  # noqa: E402
from benchmarks.language_summaries import ranked  # noqa: E402
from benchmarks.report import save_results  # noqa: E402
from summarizer.algorithms.briefrank import BriefRank  # noqa: E402
from summarizer.api import summarize  # noqa: E402
from summarizer.languages import lexicon  # noqa: E402

DATA = BENCHMARKS / "data"
LANGUAGES = ("es", "hi", "fr", "de", "ru")
SIZES = (1, 3)
COMMAND = "uv run --extra bench python benchmarks/language_agreement.py"
System = Callable[[str, int, str], list[str]]
SYSTEMS: dict[str, System] = {
    "briefrank": lambda text, k, language: summarize(text, sentences=k, language=language),
    # Scored for a compounding language only (German): elsewhere it is briefrank itself.
    "briefrank, no compound pieces": lambda text, k, language: ranked(
        text, k, language, BriefRank(language=language, compound_pieces=False), language
    ),
    "lead-k": lambda text, k, language: summarize(
        text, sentences=k, algorithm="lead", language=language
    ),
}
PIECES_ONLY = "briefrank, no compound pieces"


def chosen_lines(text: str, starts: Sequence[int], sentences: Sequence[str]) -> set[int] | None:
    """The lines (0 = the text's first) where ``sentences``, in text order, start; None if
    one is not found verbatim in ``text``."""
    lines, cursor = set(), 0
    for sentence in sentences:
        found = text.find(sentence, cursor)
        if found < 0:
            return None
        lines.add(bisect.bisect_right(starts, found))
        cursor = found + len(sentence)
    return lines


def agreement(data: Path) -> list[dict[str, Any]]:
    """Per language, system and k: the share of English's chosen lines also chosen."""
    starts = {
        (row["language"], row["id"]): row["starts"]
        for row in read_jsonl(data / "ntrex_line_starts.jsonl")
    }
    texts = {
        language: {
            row["id"]: row["text"]
            for row in read_jsonl(data / f"ntrex_{language}_summaries.jsonl")
        }
        for language in ("en", *LANGUAGES)
    }
    records = []
    for name, system in SYSTEMS.items():
        for k in SIZES:
            english = {
                ident: chosen_lines(text, starts[("en", ident)], system(text, k, "en"))
                for ident, text in texts["en"].items()
            }
            for language in LANGUAGES:
                if name == PIECES_ONLY and not lexicon(language).compounds:
                    continue
                taken = shared = unplaced = documents = 0
                for ident, text in texts[language].items():
                    theirs = english[ident]
                    mine = chosen_lines(text, starts[(language, ident)], system(text, k, language))
                    if theirs is None or mine is None:
                        unplaced += 1
                        continue
                    documents += 1
                    taken += len(theirs)
                    shared += len(theirs & mine)
                records.append(
                    {
                        "language": language,
                        "system": name,
                        "k": k,
                        "documents": documents,
                        "unplaced": unplaced,
                        "english_lines": taken,
                        "also_chosen": shared,
                        "agreement": shared / taken if taken else 0.0,
                    }
                )
    return records


def to_markdown(report: dict[str, Any]) -> str:
    lines = [
        "# Same documents, same choice: summaries in each language against English's",
        "",
        f"Command: `{report['command']}`",
        "",
        "NTREX-128, 123 news documents translated line for line. Agreement: of the lines",
        "English's k-sentence summaries took, the share the language's k-sentence summaries",
        "took too (same system). lead-k's agreement is the ceiling the translation leaves.",
        "Unplaced: documents left out because a summary sentence was not found verbatim.",
        "",
        "| language | system | k | documents | unplaced | English's lines | also chosen "
        "| agreement |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['language']} | {r['system']} | {r['k']} | {r['documents']} | {r['unplaced']} "
        f"| {r['english_lines']} | {r['also_chosen']} | {r['agreement']:.3f} |"
        for r in report["agreement"]
    ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA, help="folder of the NTREX files")
    args = parser.parse_args(argv)
    needed = [args.data / "ntrex_line_starts.jsonl"] + [
        args.data / f"ntrex_{language}_summaries.jsonl" for language in ("en", *LANGUAGES)
    ]
    missing = [str(path) for path in needed if not path.is_file()]
    if missing:
        parser.error(f"no such file: {', '.join(missing)}")
    command = COMMAND + ("" if args.data == DATA else f" --data {args.data}")
    report = {"command": command, "agreement": agreement(args.data)}
    markdown = to_markdown(report)
    print(markdown)
    save_results("language_agreement", report, markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
