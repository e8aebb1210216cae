"""Build the German Wikipedia and UD PUD benchmark sets from local copies of their repositories.

Run from the project root (it reads only the paths given; it downloads nothing)::

    python benchmarks/data/build_language_sets.py \\
        --klexikon PATH/klexikon \\
        --pud de=PATH/UD_German-PUD --pud fr=PATH/UD_French-PUD \\
        --pud es=PATH/UD_Spanish-PUD --pud hi=PATH/UD_Hindi-PUD

Each PATH is a git repository (a checkout or a bare mirror: files are read from ``--klexikon-rev``
and ``--pud-rev``, by default the commits listed in ``benchmarks/data/README.md``) or a plain
folder holding the files. Writes ``wikipedia_de_summaries.jsonl`` and ``ud_pud_sentences.jsonl``
into ``--out`` (``benchmarks/data``), one JSON object a line:

* ``wikipedia_de_summaries.jsonl``: the Wikipedia side of Klexikon's test split
  (``data/splits/test/wiki/<title>.txt``: a sentence a line, paragraphs apart, ``== heading``
  lines), as ``{"id", "language", "title", "text", "summary"}``: the lead (everything before
  the first heading) is the summary; the sections' paragraphs up to the end matter (``Siehe
  auch``, ``Literatur``, ``Weblinks``, ``Einzelnachweise``), headings left out, are the text.
* ``ud_pud_sentences.jsonl``: each PUD document (``# newdoc id``) as
  ``{"id": "<lang>_pud/<doc>", "language", "sentences"}``, its sentences' ``# text`` lines.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

KLEXIKON_REV = "c909f38794b244c2d55d5b0037755390c56c9610"
KLEXIKON_TEST = "data/splits/test/wiki"
# A lead this short is a definition, not a summary (6 of the 274 test articles: Pony's is
# "Ein Pony ist ein kleines Pferd."); the next shortest has 22 words.
MIN_LEAD_WORDS = 20
PUD_LANGUAGES = ("de", "fr", "es", "hi")
# The default commits of UD_<Language>-PUD read (master on 2026-12-03).
PUD_REVS = {
    "de": "ff80846ae60a0a70fc4d6251ef73e6a483a620ee",
    "fr": "c245786cfb3020d43bcfc96215ae531a1b07bcbc",
    "es": "818a82b8628c9cbec78750c7e83ccba34b9ce22b",
    "hi": "8bc630f73e0737ce5ed9eaa97abf11f172ecc9bd",
}
# Where Wikipedia's end matter starts: see-also, reading lists, links and footnotes, not prose
# about the subject (what Klexikon kept of them, only <p> elements, is stray captions and
# coordinates). The text ends at the first of them.
END_MATTER = frozenset({"Siehe auch", "Literatur", "Weblinks", "Einzelnachweise"})


class Source:
    """Files of a repository at one commit (git checkout or bare mirror), or of a plain folder."""

    def __init__(self, path: Path, rev: str | None) -> None:
        self.path = path
        probe = subprocess.run(
            ["git", "-C", str(path), "rev-parse", "--git-dir"], capture_output=True, check=False
        )
        self.rev = (
            self._git("rev-parse", f"{rev}^{{commit}}").strip()
            if (probe.returncode == 0 and rev)
            else None
        )

    def _git(self, *args: str) -> str:
        done = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True, check=True)
        return done.stdout.decode("utf-8")

    def names(self, folder: str) -> list[str]:
        """The file names in ``folder``, in byte order (as git lists them)."""
        if self.rev is None:
            found = [p.name for p in (self.path / folder).iterdir() if p.is_file()]
        else:
            listing = self._git("ls-tree", "-z", "--name-only", f"{self.rev}:{folder}")
            found = [name for name in listing.split("\0") if name]
        return sorted(found, key=lambda name: name.encode("utf-8"))

    def read(self, path: str) -> str:
        """One file's text."""
        if self.rev is None:
            return (self.path / path).read_text(encoding="utf-8")
        return self._git("show", f"{self.rev}:{path}")


def _paragraphs(lines: Iterable[str]) -> Iterator[str | list[str]]:
    """Klexikon's lines as paragraphs (lists of sentence lines) and headings (their titles)."""
    paragraph: list[str] = []
    for raw in lines:
        line = raw.strip()
        if line.startswith("=") or not line:
            if paragraph:
                yield paragraph
                paragraph = []
            if line:
                yield line.strip("= ")
            continue
        paragraph.append(line)
    if paragraph:
        yield paragraph


def wikipedia_row(name: str, article: str) -> dict[str, Any] | None:
    """One test article as a row, or None if its lead is too short to be a summary."""
    lead: list[str] = []
    body: list[str] = []
    section: str | None = None
    for part in _paragraphs(article.splitlines()):
        if isinstance(part, str):
            if part in END_MATTER:
                break
            section = part
        elif section is None:
            lead.append(" ".join(part))
        else:
            body.append(" ".join(part))
    summary = "\n\n".join(lead)
    if len(summary.split()) < MIN_LEAD_WORDS or not body:
        return None
    stem = name.removesuffix(".txt")
    return {
        "id": f"klexikon-test/{stem}",
        "language": "de",
        "title": stem.replace("_", " "),
        "text": "\n\n".join(body),
        "summary": summary,
    }


def wikipedia_rows(source: Source) -> list[dict[str, Any]]:
    """The rows of Klexikon's Wikipedia test split."""
    rows = []
    for name in source.names(KLEXIKON_TEST):
        row = wikipedia_row(name, source.read(f"{KLEXIKON_TEST}/{name}"))
        if row is not None:
            rows.append(row)
    return rows


def pud_rows(language: str, conllu: str) -> list[dict[str, Any]]:
    """One PUD treebank's documents, each the list of its sentences' text."""
    rows: list[dict[str, Any]] = []
    for line in conllu.splitlines():
        if line.startswith("# newdoc id ="):
            document = line.split("=", 1)[1].strip()
            rows.append({"id": f"{language}_pud/{document}", "language": language, "sentences": []})
        elif line.startswith("# text =") and rows:
            rows[-1]["sentences"].append(line.split("=", 1)[1].strip())
    return rows


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--klexikon", type=Path, required=True, help="dennlinger/klexikon")
    parser.add_argument("--klexikon-rev", default=KLEXIKON_REV, help="commit (git sources)")
    parser.add_argument(
        "--pud", action="append", default=[], metavar="LANG=PATH", help="UD_<Language>-PUD"
    )
    parser.add_argument("--pud-rev", action="append", default=[], metavar="LANG=REV")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    puds = dict(item.split("=", 1) for item in args.pud)
    revs = PUD_REVS | dict(item.split("=", 1) for item in args.pud_rev)
    if sorted(puds) != sorted(PUD_LANGUAGES):
        parser.error(f"--pud needs one LANG=PATH for each of {', '.join(PUD_LANGUAGES)}")

    klexikon = Source(args.klexikon, args.klexikon_rev)
    rows = wikipedia_rows(klexikon)
    write_jsonl(args.out / "wikipedia_de_summaries.jsonl", rows)
    print(f"wikipedia_de_summaries.jsonl: {len(rows)} articles ({klexikon.rev or klexikon.path})")

    documents: list[dict[str, Any]] = []
    for language in PUD_LANGUAGES:
        source = Source(Path(puds[language]), revs[language])
        documents += pud_rows(language, source.read(f"{language}_pud-ud-test.conllu"))
        print(f"ud_pud_sentences.jsonl: {language} from {source.rev or source.path}")
    write_jsonl(args.out / "ud_pud_sentences.jsonl", documents)
    print(f"ud_pud_sentences.jsonl: {len(documents)} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
