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

__all__ = ["MAX_REFERENCE_CHARS", "references_start"]

# A list of references read from the end: longer than this, the text keeps it.
MAX_REFERENCE_CHARS = 10_000
# A reference's publisher or title on a line of its own: a few words, no sentence.
MAX_LABEL_WORDS = 12
_HEADING = re.compile(
    r"^[ \t]*(?:references?|sources?|further reading|links|bibliography|quellen|literatur"
    r"|références|sources et références|fuentes|referencias|fontes|источники|ссылки"
    r"|स्रोत|संदर्भ)[ \t]*:?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
_LINK = re.compile(r"^\(?(?:https?://|www\.)\S+\)?$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\u0964]$")


def references_start(text: str, start: int, end: int) -> int:
    """Where the news between ``start`` and ``end`` ends before a closing list of references
    (the heading's line), or ``end`` where it has none."""
    window = max(start, end - MAX_REFERENCE_CHARS)
    headings = list(_HEADING.finditer(text, window, end))
    if not headings:
        return end
    heading = headings[-1]
    if heading.start() <= start:
        return end  # a text that is only a list keeps it
    lines = [line.strip() for line in text[heading.end() : end].splitlines()]
    lines = [line for line in lines if line]
    links = [line for line in lines if _LINK.match(line)]
    if not links or not all(line in links or _is_label(line) for line in lines):
        return end
    return len(text[: heading.start()].rstrip())


def _is_label(line: str) -> bool:
    """A publisher's or a title's line: a few words, no sentence's stop."""
    return len(line.split()) <= MAX_LABEL_WORDS and not _SENTENCE_END.search(line)
