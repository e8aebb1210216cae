"""Build the German Wikipedia, French Wikinews, NTREX and UD PUD benchmark sets from local copies.

Run from the project root (it reads only the paths given; it downloads nothing)::

    python benchmarks/data/build_language_sets.py \\
        --klexikon PATH/klexikon --wikinews-fr PATH/wikinews-2013-pre --ntrex PATH/NTREX \\
        --pud de=PATH/UD_German-PUD --pud fr=PATH/UD_French-PUD \\
        --pud es=PATH/UD_Spanish-PUD --pud hi=PATH/UD_Hindi-PUD --pud ru=PATH/UD_Russian-PUD

Each PATH is a git repository (a checkout or a bare mirror: files are read from ``--klexikon-rev``,
``--wikinews-fr-rev``, ``--ntrex-rev`` and ``--pud-rev``, by default the commits listed in
``benchmarks/data/README.md``) or a plain folder holding the files. Only the sets whose sources
are given are written, into ``--out`` (``benchmarks/data``), one JSON object a line:

* ``wikipedia_de_summaries.jsonl``: the Wikipedia side of Klexikon's test split
  (``data/splits/test/wiki/<title>.txt``: a sentence a line, paragraphs apart, ``== heading``
  lines), as ``{"id", "language", "title", "text", "summary"}``: the lead (everything before
  the first heading) is the summary; the sections' paragraphs up to the end matter (``Siehe
  auch``, ``Literatur``, ``Weblinks``, ``Einzelnachweise``), headings left out, are the text.
* ``wikinews_fr_summaries.jsonl``: the 100 French Wikinews articles of Bougouin et al.'s
  keyphrase corpus (``documents/<id>.html`` in boudinfl/wikinews-2013-pre's
  ``src/WikinewsKeyphraseCorpus-master.zip``: an ``h1`` title, ``p`` paragraphs, some ``h2``
  headings and ``li`` items), same fields: the first paragraph (the lede), its dateline
  (``22 mai 2012. - ``) cut off, is the summary; the paragraphs and list items after it,
  headings left out, are the text. Pages whose lede has fewer than 20 words or whose text has
  fewer than 80 are left out.
* ``wikinews_fr_keyphrases.jsonl``: the same articles' reference keyphrases (the corpus'
  combined ``ref`` file), as ``{"id", "keyphrases"}`` in the same order.
* ``ntrex_<lang>_summaries.jsonl`` for English, Spanish, Hindi, French, German and Russian:
  the 123 news documents of NTREX-128 (the English ``NTREX-128/newstest2019-src.eng.txt`` and
  its translations ``newstest2019-ref.<spa|hin|fra|deu|rus>.txt``, a segment a line, documents
  told apart by the line-aligned ``DOCUMENT_IDS.tsv``), same fields: a document's first line,
  its headline, is the summary (and the title); its other lines joined by a space are the text;
  and so for Italian, Portuguese, Dutch and Polish (``<ita|por|nld|pol>``), ranked with sumy's
  stop words and Snowball's stemmer alone, and Danish, Finnish, Hungarian, Norwegian Bokmål and
  Turkish (``<dan|fin|hun|nob|tur>``), ranked with Snowball's stop words and stemmer alone.
  ``ntrex_line_starts.jsonl`` keeps where those lines start in each text (``{"id", "language",
  "starts"}``), for ``benchmarks/language_splitting.py``.
* ``ud_pud_sentences.jsonl``: each PUD document (``# newdoc id``) as
  ``{"id": "<lang>_pud/<doc>", "language", "sentences"}``, its sentences' ``# text`` lines.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import Any

KLEXIKON_REV = "c909f38794b244c2d55d5b0037755390c56c9610"
KLEXIKON_TEST = "data/splits/test/wiki"
# A lead this short is a definition, not a summary (6 of the 274 test articles: Pony's is
# "Ein Pony ist ein kleines Pferd."); the next shortest has 22 words. Wikinews: 3 of the 100
# ledes, the next shortest 21 words.
MIN_LEAD_WORDS = 20
PUD_LANGUAGES = ("de", "fr", "es", "hi", "ru")
# The default commits of UD_<Language>-PUD read (master on 2026-12-03; Russian's on 2026-12-04).
PUD_REVS = {
    "de": "ff80846ae60a0a70fc4d6251ef73e6a483a620ee",
    "fr": "c245786cfb3020d43bcfc96215ae531a1b07bcbc",
    "es": "818a82b8628c9cbec78750c7e83ccba34b9ce22b",
    "hi": "8bc630f73e0737ce5ed9eaa97abf11f172ecc9bd",
    "ru": "da5b3816eeaa24283c1d81a48bb1de4d062fc5d5",
}
# The default commit of NTREX read (main on 2026-12-04).
NTREX_REV = "8561f6a622db9edad1217683e5c83daefd8bb2bf"
# NTREX's file for each language written (the English is WMT 2019's source, the rest its
# translations), all line-aligned with DOCUMENT_IDS.tsv.
NTREX_FILES = {
    "en": "NTREX-128/newstest2019-src.eng.txt",
    "es": "NTREX-128/newstest2019-ref.spa.txt",
    "hi": "NTREX-128/newstest2019-ref.hin.txt",
    "fr": "NTREX-128/newstest2019-ref.fra.txt",
    "de": "NTREX-128/newstest2019-ref.deu.txt",
    "ru": "NTREX-128/newstest2019-ref.rus.txt",
}
# Languages ranked only with sumy's stop words and Snowball's stemmer (summarizer.languages'
# RANKED_LANGUAGES): their documents too, without line starts (their splitting is English's).
NTREX_RANKED_ONLY_FILES = {
    "it": "NTREX-128/newstest2019-ref.ita.txt",
    "pt": "NTREX-128/newstest2019-ref.por.txt",
    "nl": "NTREX-128/newstest2019-ref.nld.txt",
    "pl": "NTREX-128/newstest2019-ref.pol.txt",
    # Languages whose stop words only Snowball has (summarizer/stopwords/): added later.
    "da": "NTREX-128/newstest2019-ref.dan.txt",
    "fi": "NTREX-128/newstest2019-ref.fin.txt",
    "hu": "NTREX-128/newstest2019-ref.hun.txt",
    "no": "NTREX-128/newstest2019-ref.nob.txt",  # Bokmål; py3langid says "no"
    "tr": "NTREX-128/newstest2019-ref.tur.txt",
}
NTREX_DOCUMENTS = "DOCUMENT_IDS.tsv"
WIKINEWS_FR_REV = "8ab885018297334ddaa869bbed38bd77cd0276b4"
# The corpus' pages as the authors published them; the repository's test/*.xml are CoreNLP
# tokens, paragraphs lost.
WIKINEWS_FR_ZIP = "src/WikinewsKeyphraseCorpus-master.zip"
WIKINEWS_FR_PAGES = "WikinewsKeyphraseCorpus-master/documents/"
# The corpus' combined reference keyphrases, a line a page: "<id>.html<TAB>k1;k2;...".
WIKINEWS_FR_KEYPHRASES = "WikinewsKeyphraseCorpus-master/ref"
# A text this short leaves little to choose from (15 of the 100 articles, one with nothing
# after its lede; the next shortest has 86 words).
MIN_BODY_WORDS = 80
# Wikinews' dateline ("22 mai 2012. - ", "21 septembre 2012, France. - "), which opens 99 of the
# 100 ledes: not the lede's prose, and a sentence of its own to the splitters, so it would add
# one to every reference's sentence count (and its words are in no text).
DATELINE = re.compile(r"^\d{1,2}(?:er)? \w+ \d{4}(?:, [^.]{1,40})?\. - ")
# What a missing or damaged source raises (a folder, a commit or a file not there, not UTF-8).
# (ValueError: NTREX files whose line counts disagree.)
UNREADABLE = (OSError, subprocess.CalledProcessError, zipfile.BadZipFile, ValueError)
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
        return self._git_bytes(*args).decode("utf-8")

    def _git_bytes(self, *args: str) -> bytes:
        done = subprocess.run(["git", "-C", str(self.path), *args], capture_output=True, check=True)
        return done.stdout

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
        return self.read_bytes(path).decode("utf-8")

    def read_bytes(self, path: str) -> bytes:
        """One file's bytes."""
        if self.rev is None:
            return (self.path / path).read_bytes()
        return self._git_bytes("show", f"{self.rev}:{path}")


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


class _Blocks(HTMLParser):
    """A Wikinews page's titles, headings, paragraphs and list items as (tag, text) pairs."""

    TAGS = frozenset({"h1", "h2", "p", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []
        self._tag: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.TAGS:
            self._tag, self._text = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag == self._tag:
            # The pages break long paragraphs and list items over lines: whitespace only.
            self.blocks.append((tag, " ".join("".join(self._text).split())))
            self._tag = None

    def handle_data(self, data: str) -> None:
        if self._tag is not None:
            self._text.append(data)


def wikinews_row(stem: str, page: str) -> dict[str, Any] | None:
    """One Wikinews page as a row, or None if its lede or the text after it is too short."""
    parser = _Blocks()
    parser.feed(page)
    parser.close()
    titles = [text for tag, text in parser.blocks if tag == "h1" and text]
    paragraphs = [text for tag, text in parser.blocks if tag in ("p", "li") and text]
    if not paragraphs:
        return None
    lede, body = DATELINE.sub("", paragraphs[0], count=1), paragraphs[1:]
    if len(lede.split()) < MIN_LEAD_WORDS or sum(len(p.split()) for p in body) < MIN_BODY_WORDS:
        return None
    return {
        "id": f"wikinews-fr/{stem}",
        "language": "fr",
        "title": titles[0] if titles else " ".join(lede.split()[:8]),
        "text": "\n\n".join(body),
        "summary": lede,
    }


def wikinews_rows(source: Source) -> tuple[list[dict[str, Any]], int]:
    """The rows of the Wikinews keyphrase corpus, and how many pages it holds."""
    with zipfile.ZipFile(io.BytesIO(source.read_bytes(WIKINEWS_FR_ZIP))) as archive:
        names = [n for n in archive.namelist() if n.startswith(WIKINEWS_FR_PAGES)]
        pages = sorted(n for n in names if n.endswith(".html"))
        rows = [
            wikinews_row(PurePosixPath(name).stem, archive.read(name).decode("utf-8"))
            for name in pages
        ]
    return [row for row in rows if row is not None], len(pages)


def wikinews_keyphrases(source: Source, ids: Sequence[str]) -> list[dict[str, Any]]:
    """The reference keyphrases of the rows ``ids``, in their order, as written in ``ref``."""
    with zipfile.ZipFile(io.BytesIO(source.read_bytes(WIKINEWS_FR_ZIP))) as archive:
        lines = archive.read(WIKINEWS_FR_KEYPHRASES).decode("utf-8").splitlines()
    references: dict[str, list[str]] = {}
    for line in lines:
        page, _, keyphrases = line.partition("\t")
        if page.endswith(".html") and keyphrases:
            phrases = [phrase.strip() for phrase in keyphrases.split(";")]
            references[f"wikinews-fr/{PurePosixPath(page).stem}"] = [p for p in phrases if p]
    return [{"id": row_id, "keyphrases": references[row_id]} for row_id in ids]


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


def _ntrex_documents(
    language: str, ids: Sequence[str], lines: Sequence[str]
) -> Iterator[tuple[str, str, list[str]]]:
    """Each NTREX document's id, headline (its first line) and other lines, stripped."""
    if len(lines) != len(ids):
        raise ValueError(f"{language}: {len(lines)} lines for {len(ids)} document ids")
    for document, pairs in itertools.groupby(zip(ids, lines, strict=True), key=lambda p: p[0]):
        headline, *body = [line.strip() for _, line in pairs]
        yield document, headline, body


def ntrex_rows(language: str, ids: Sequence[str], lines: Sequence[str]) -> list[dict[str, Any]]:
    """One language's NTREX documents: the headline (a document's first line) as the summary."""
    return [
        {
            "id": f"ntrex/{document}",
            "language": language,
            "title": headline,
            "text": " ".join(body),
            "summary": headline,
        }
        for document, headline, body in _ntrex_documents(language, ids, lines)
    ]


def ntrex_line_starts(
    language: str, ids: Sequence[str], lines: Sequence[str]
) -> list[dict[str, Any]]:
    """Where each of a document's lines but the first starts in its row's ``text``."""
    rows: list[dict[str, Any]] = []
    for document, _, body in _ntrex_documents(language, ids, lines):
        starts, offset = [], 0
        for line in body[:-1]:
            offset += len(line) + 1  # the joining space
            starts.append(offset)
        rows.append({"id": f"ntrex/{document}", "language": language, "starts": starts})
    return rows


def write_ntrex(source: Source, out: Path) -> None:
    """Write ``ntrex_<lang>_summaries.jsonl`` for each language of ``NTREX_FILES``, and
    ``ntrex_line_starts.jsonl``: where the translators' lines start in each text."""
    ids = source.read(NTREX_DOCUMENTS).splitlines()
    where = source.rev or source.path
    starts: list[dict[str, Any]] = []
    for language, path in NTREX_FILES.items():
        lines = source.read(path).splitlines()
        rows = ntrex_rows(language, ids, lines)
        write_jsonl(out / f"ntrex_{language}_summaries.jsonl", rows)
        print(f"ntrex_{language}_summaries.jsonl: {len(rows)} documents ({where})")
        starts += ntrex_line_starts(language, ids, lines)
    write_jsonl(out / "ntrex_line_starts.jsonl", starts)
    print(f"ntrex_line_starts.jsonl: {len(starts)} documents")
    for language, path in NTREX_RANKED_ONLY_FILES.items():
        rows = ntrex_rows(language, ids, source.read(path).splitlines())
        write_jsonl(out / f"ntrex_{language}_summaries.jsonl", rows)
        print(f"ntrex_{language}_summaries.jsonl: {len(rows)} documents ({where})")


def write_jsonl(path: Path, rows: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_puds(puds: dict[str, str], revs: dict[str, str], out: Path) -> None:
    """Write ``ud_pud_sentences.jsonl`` from the four PUD treebanks."""
    documents: list[dict[str, Any]] = []
    for language in PUD_LANGUAGES:
        source = Source(Path(puds[language]), revs[language])
        documents += pud_rows(language, source.read(f"{language}_pud-ud-test.conllu"))
        print(f"ud_pud_sentences.jsonl: {language} from {source.rev or source.path}")
    write_jsonl(out / "ud_pud_sentences.jsonl", documents)
    print(f"ud_pud_sentences.jsonl: {len(documents)} documents")


def _reason(error: Exception) -> str:
    if isinstance(error, subprocess.CalledProcessError):
        lines = error.stderr.decode("utf-8", "replace").strip().splitlines()
        return lines[0] if lines else str(error)
    return str(error)


def build(args: argparse.Namespace, puds: dict[str, str], revs: dict[str, str]) -> None:
    """Write the sets whose sources ``args`` names."""
    if args.klexikon:
        klexikon = Source(args.klexikon, args.klexikon_rev)
        rows = wikipedia_rows(klexikon)
        write_jsonl(args.out / "wikipedia_de_summaries.jsonl", rows)
        where = klexikon.rev or klexikon.path
        print(f"wikipedia_de_summaries.jsonl: {len(rows)} articles ({where})")
    if args.wikinews_fr:
        wikinews = Source(args.wikinews_fr, args.wikinews_fr_rev)
        rows, pages = wikinews_rows(wikinews)
        write_jsonl(args.out / "wikinews_fr_summaries.jsonl", rows)
        where = wikinews.rev or wikinews.path
        print(f"wikinews_fr_summaries.jsonl: {len(rows)} of {pages} articles ({where})")
        keyphrases = wikinews_keyphrases(wikinews, [row["id"] for row in rows])
        write_jsonl(args.out / "wikinews_fr_keyphrases.jsonl", keyphrases)
        print(f"wikinews_fr_keyphrases.jsonl: the keyphrases of the {len(keyphrases)} articles")
    if args.ntrex:
        write_ntrex(Source(args.ntrex, args.ntrex_rev), args.out)
    if puds:
        write_puds(puds, revs, args.out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--klexikon", type=Path, help="dennlinger/klexikon")
    parser.add_argument("--klexikon-rev", default=KLEXIKON_REV, help="commit (git sources)")
    parser.add_argument("--wikinews-fr", type=Path, help="boudinfl/wikinews-2013-pre")
    parser.add_argument("--wikinews-fr-rev", default=WIKINEWS_FR_REV, help="commit (git sources)")
    parser.add_argument("--ntrex", type=Path, help="MicrosoftTranslator/NTREX")
    parser.add_argument("--ntrex-rev", default=NTREX_REV, help="commit (git sources)")
    parser.add_argument(
        "--pud", action="append", default=[], metavar="LANG=PATH", help="UD_<Language>-PUD"
    )
    parser.add_argument("--pud-rev", action="append", default=[], metavar="LANG=REV")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args(argv)
    puds = dict(item.split("=", 1) for item in args.pud)
    revs = PUD_REVS | dict(item.split("=", 1) for item in args.pud_rev)
    if puds and sorted(puds) != sorted(PUD_LANGUAGES):
        parser.error(f"--pud needs one LANG=PATH for each of {', '.join(PUD_LANGUAGES)}")
    if not (args.klexikon or args.wikinews_fr or args.ntrex or puds):
        parser.error("give at least one of --klexikon, --wikinews-fr, --ntrex and --pud")

    try:
        build(args, puds, revs)
    except UNREADABLE as error:
        parser.error(f"cannot read a source: {_reason(error)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
