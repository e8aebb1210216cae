"""The bot's marked strings as ``pybabel extract`` finds them, and a pseudo-locale built from them.

The pseudo-locale ``xx`` wraps every catalogued message in ``⟦ ⟧``: a reply with text outside
the markers (besides data: brief titles and text, numbers, links) said something that never
went through the catalogue (see tests/bot/test_every_string_translated.py).
"""

from __future__ import annotations

import ast
import gettext
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

from rendering.translation import Catalogues, Translator

ROOT = Path(__file__).resolve().parents[2]
# The packages whose strings reach Telegram users (storage and the CLI do not speak to them in
# the bot's words; ingest's Phrases reach admins; add a package here when it gains such strings).
# The summarizer's refusals reach admins through ingest's Phrases (summarizer/refusals.py).
SPEAKING_PACKAGES = ("bot", "ingest", "outbox", "rendering", "summarizer", "tick")
# ``-k N_ -k Phrase``: module constants, and ingest's lines (ingest.phrases); the rest: the
# summarizer's refusals.
REFUSALS = ("SummaryInputError", "NothingToExtract", "SummaryTimeoutError")
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "Phrase": None, **dict.fromkeys(REFUSALS)}
OPEN, CLOSE = "⟦", "⟧"
PSEUDO = "xx"
# A ``{name}`` in a message; the name is group 1.
PLACEHOLDER = re.compile(r"\{(\w*)\}")

MessageId = str | tuple[str, str]


@dataclass(frozen=True)
class Extracted:
    """One marked message and where it is (``bot/handlers/briefs.py:42``)."""

    id: MessageId
    where: str


def extracted_messages() -> list[Extracted]:
    """Every message README's ``pybabel extract`` finds in the speaking packages."""
    found: list[Extracted] = []
    for package in SPEAKING_PACKAGES:
        for filename, line, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            if not message:
                continue
            message_id = message if isinstance(message, str) else (message[0], message[1])
            found.append(Extracted(message_id, f"{package}/{filename}:{line}"))
    return found


def calls_in(package: str, find: Callable[[ast.AST], Iterable[tuple[int, str]]]) -> list[str]:
    """``path:line: call`` for each call ``find`` picks out of ``package``'s modules (a static
    check that lines meant for the catalogue are marked as such)."""
    return [
        f"{path.relative_to(ROOT)}:{line}: {call}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for line, call in find(ast.parse(path.read_text()))
    ]


class PseudoTranslations(gettext.NullTranslations):
    """Wraps each catalogued message in markers; anything else comes back bare."""

    def __init__(self, messages: set[MessageId]) -> None:
        super().__init__()
        self.messages = messages

    def gettext(self, message: str) -> str:
        return marked(message) if message in self.messages else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        chosen = msgid1 if n == 1 else msgid2
        return marked(chosen) if (msgid1, msgid2) in self.messages else chosen


def marked(message: str) -> str:
    """``message`` in markers, its ``{placeholders}`` outside them: what fills a placeholder is
    checked on its own (a catalogued line, marked itself, or data), never passed as translated.
    """
    return OPEN + PLACEHOLDER.sub(rf"{CLOSE}\g<0>{OPEN}", message) + CLOSE


def pseudo_catalogues() -> Catalogues:
    """The shipped catalogues plus ``xx``, the pseudo-locale (English dates)."""
    messages = {extracted.id for extracted in extracted_messages()}
    pseudo = Translator(PSEUDO, PseudoTranslations(messages), "en")
    shipped = {translator.language: translator for translator in Catalogues.load().translators}
    return Catalogues({**shipped, PSEUDO: pseudo})
