"""A closing list of references: no news of the brief's (:mod:`ingest.credits`).

A backgrounder from India's Press Information Bureau, a think tank's note or a ministry's fact
sheet may close with its sources under a heading of their own::

    References:

    Press Information Bureau
    https://www.pib.gov.in/PressReleasePage.aspx?PRID=2210154
    Ministry of Defence
    https://mod.gov.in/sites/default/files/MOD-English2004.pdf

Its links and its publishers' names ("Indian Navy", "DD News", "United Nations" above every
link) are no sentence to summarise and no topic: counted, they outweighed the news's own. So
the list goes from the heading on, where everything under the heading is a link or a short
line without a sentence's stop, and one line at least is a link; a heading over sentences
("Sources: officials said ...", a fact box's prose) keeps them.
"""

from __future__ import annotations

import re

from ingest.caption_credits import LINE_BREAK

__all__ = ["MAX_REFERENCE_CHARS", "references_start"]

# A list of references read from the end: longer than this, the text keeps it.
MAX_REFERENCE_CHARS = 10_000
# A reference's publisher or title on a line of its own: a few words, no sentence.
MAX_LABEL_WORDS = 12
_HEADING = re.compile(
    r"(?:references?|sources?|further reading|links|bibliography|quellen|literatur"
    r"|références|sources et références|fuentes|referencias|fontes|источники|ссылки"
    r"|स्रोत|संदर्भ)[ \t]*:?",
    re.IGNORECASE,
)
_LINK = re.compile(r"\(?(?:https?://|www\.)\S+\)?", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\u0964]$")


def references_start(text: str, start: int, end: int) -> int:
    """Where the news between ``start`` and ``end`` ends before a closing list of references
    (the heading's line), or ``end`` where it has none. Any line break ends a line (CR LF, a
    lone CR, U+2028: :data:`ingest.caption_credits.LINE_BREAK`)."""
    window = max(start, end - MAX_REFERENCE_CHARS)
    lines = _lines(text, window, end)
    headings = [n for n, (_, line) in enumerate(lines) if _HEADING.fullmatch(line)]
    if not headings:
        return end
    below = [line for _, line in lines[headings[-1] + 1 :] if line]
    links = [line for line in below if _LINK.fullmatch(line)]
    if not links or not all(line in links or _is_label(line) for line in below):
        return end
    cut = len(text[: lines[headings[-1]][0]].rstrip())
    return end if cut <= start else cut  # a text that is only a list keeps it


def _lines(text: str, window: int, end: int) -> list[tuple[int, str]]:
    """The lines between ``window`` and ``end``: where each starts, and it stripped; the first
    left out where ``window`` cuts it (its start is no line's)."""
    breaks = list(LINE_BREAK.finditer(text, window, end))
    starts = [window, *(b.end() for b in breaks)]
    ends = [*(b.start() for b in breaks), end]
    lines = [(at, text[at:stop].strip()) for at, stop in zip(starts, ends, strict=True)]
    whole = window == 0 or LINE_BREAK.match(text, window - 1) is not None
    return lines if whole else lines[1:]


def _is_label(line: str) -> bool:
    """A publisher's or a title's line: a few words, no sentence's stop."""
    return len(line.split()) <= MAX_LABEL_WORDS and not _SENTENCE_END.search(line)
