"""The rules an input must pass to become a brief; each failure is a one-line reason.

Rules, in the order they are checked:

* bytes: at most :data:`MAX_INPUT_BYTES` (50 MB) per file or HTTP response;
  a byte-order mark says UTF-8, UTF-16 or UTF-32 (LE or BE); without one, no NUL byte
  (binary), and UTF-8, a bad byte replaced by U+FFFD, unless the bytes hold fewer
  well-formed multi-byte UTF-8 sequences than other non-ASCII bytes (or none): then cp1252,
  else undecodable;
* text: at most 1 control character per 100 (other than tab, newline, carriage return,
  form feed); at most :data:`MAX_TEXT_CHARS` (200,000) characters per brief; at least one
  word. A brief with no sentence to extract is still stored (its leading lines are its
  summary); only a page's text must look like an article (:func:`article_problem`);
* dates: ``YYYY-MM-DD`` or an ISO 8601 datetime, from :data:`MIN_YEAR` (1900) to next year;
* titles: on one line, composed (NFC), without control characters (C0, DEL, C1: a terminal
  escape or bell);
* URLs: http or https with a host, at most :data:`MAX_URL_CHARS` (2,048) characters.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import re
import unicodedata
from dataclasses import replace
from urllib.parse import urlsplit, urlunsplit

from ingest.credits import news_text
from ingest.items import BriefCandidate, Rejection, quoted
from ingest.phrases import Phrase
from ingest.titles import headline, shorten
from summarizer.languages import detect_language
from summarizer.segmentation import WIDE_STOPS

MAX_INPUT_BYTES = 50 * 1024 * 1024
MAX_TEXT_CHARS = 200_000
MIN_WORDS = 20
MAX_TITLE_CHARS = 500  # a longer given title is cut (``briefs.title`` holds 1,000)
MAX_EXTERNAL_ID_CHARS = 500  # the width of ``briefs.external_id``
MIN_YEAR = 1900  # a brief's date is from MIN_YEAR to next year; 0001 and 9999 are refused
MAX_URL_CHARS = 2048  # the width of the ``url`` columns of sources and briefs

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# C0, DEL, C1 (terminal escapes, bells) and the bidirectional embeddings, overrides and
# isolates: one left open ("Ministry \u202egnp.exe") reverses what a terminal or a chat shows
# after it.
_TITLE_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile("[\u2060\ufeff\u00ad]")
_ZERO_WIDTH_SPACE = re.compile("[ \t]*\u200b[ \t\u200b]*")  # one space for it and its neighbours
# Between two characters of Thai, Lao, Myanmar or Khmer (letters, digits, their stops) a
# zero-width space is the word break their readers do not see (Khmer writes a space between
# phrases only): kept, one, and search reads words across it (storage.search_scripts).
_SEA_SCRIPTS = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u19e0-\u19ff"
_SEA_WORD_BREAK = re.compile(f"(?<=[{_SEA_SCRIPTS}])\u200b+(?=[{_SEA_SCRIPTS}])")
_SEA_CHARACTER = re.compile(f"[{_SEA_SCRIPTS}]")
_WORD = re.compile(r"\w+(?:['\u2019.-]\w+)*")
# A word (Devanagari's vowel signs are no \w to re), then a terminator: . ! ? … the danda,
# or the Arabic script's full stop and question mark (as the summarizer splits them); or
# Chinese and Japanese full stops and marks, which no space follows.
_SENTENCE_END = re.compile(
    r"[\w\u0900-\u097f][\"'\u201d\u2019)\]]*[.!?…\u0964\u0965\u06d4\u061f]+"
    rf"[\"'\u201d\u2019)\]»]*(?:\s|$)|\w[{WIDE_STOPS}]"
)


class InvalidInput(ValueError):
    """An input broke one of the rules; the message is the one-line reason (a Phrase)."""


# Not "1% control": gettext tools read "% c" as a printf directive no translation can keep.
BINARY_CONTROLS = Phrase("not text: binary data (control characters above 1%)")


# Byte-order marks, longest first (UTF-32 LE's begins with UTF-16 LE's).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# One well-formed multi-byte UTF-8 sequence (RFC 3629: no overlongs, surrogates or > U+10FFFF).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_ASCII = bytes(range(128))
_HOST_LABEL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?")


def decode_text(data: bytes) -> str:
    """Bytes to text by the rule in the module docstring; :class:`InvalidInput` if binary."""
    return decode_noting(data)[0]


def decode_noting(data: bytes) -> tuple[str, Phrase | None]:
    """:func:`decode_text`, and what an admin should know of how the text was read: bad
    UTF-8 replaced by U+FFFD (how many), or the bytes read as cp1252; None when neither."""
    if len(data) > MAX_INPUT_BYTES:
        raise InvalidInput(
            Phrase(
                "too large: {size} bytes, cap {cap}",
                size=f"{len(data):,}",
                cap=f"{MAX_INPUT_BYTES:,}",
            )
        )
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, note = _decode_marked(data[len(bom) :], encoding), None
            if encoding == "utf-8":
                note = replaced_note(data, text)
            break
    else:
        if b"\x00" in data:
            raise InvalidInput(Phrase("not text: binary data (NUL bytes)"))
        text, note = _decode_unmarked(data)
    if len(_CONTROL.findall(text)) > max(1, len(text) // 100):
        raise InvalidInput(BINARY_CONTROLS)
    return text, note


def replaced_note(data: bytes, text: str) -> Phrase | None:
    """How many bad UTF-8 sequences decoding replaced by U+FFFD (those written so aside)."""
    count = text.count("\ufffd") - data.count("\ufffd".encode())
    if count <= 0:
        return None
    if count == 1:  # a Phrase has no plural forms: the one case in words of its own
        return Phrase("invalid UTF-8 replaced by \ufffd (U+FFFD) in one place; read all the same")
    return Phrase(
        "invalid UTF-8 replaced by \ufffd (U+FFFD) in {count} places; read all the same",
        count=f"{count:,}",
    )


CP1252_READ = Phrase("not UTF-8: read as Windows-1252 (cp1252)")


def _decode_marked(data: bytes, encoding: str) -> str:
    """Data after a byte-order mark: UTF-8 (bad bytes replaced), UTF-16 or UTF-32 (strict)."""
    if encoding == "utf-8":
        return data.decode("utf-8", errors="replace")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InvalidInput(
            Phrase("undecodable: malformed {encoding}", encoding=encoding[:6].upper())
        ) from None
    if "\x00" in text:
        raise InvalidInput(Phrase("not text: binary data (NUL characters)"))
    return text


def _decode_unmarked(data: bytes) -> tuple[str, Phrase | None]:
    """UTF-8, bad bytes replaced, unless the data looks like no UTF-8 at all (then cp1252);
    and the note :func:`decode_noting` gives."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with a few bad bytes: as many well-formed multi-byte sequences as bytes
    # outside them. cp1252 text (an accented letter is one byte) almost never has one.
    high = len(data.translate(None, _ASCII))  # the non-ASCII bytes
    sequences = _UTF8_SEQUENCE.findall(data)
    in_sequences = sum(len(sequence) for sequence in sequences)
    if sequences and len(sequences) >= high - in_sequences:
        text = data.decode("utf-8", errors="replace")
        return text, replaced_note(data, text)
    try:
        return data.decode("cp1252"), CP1252_READ
    except UnicodeDecodeError as error:
        raise InvalidInput(
            Phrase(
                "undecodable: neither UTF-8 nor cp1252 (byte {byte} at offset {offset})",
                byte=f"0x{data[error.start]:02x}",
                offset=error.start,
            )
        ) from None


def text_problem(text: str) -> Phrase | None:
    """Why ``text`` cannot be a brief's body, or ``None`` when it can."""
    if len(text) > MAX_TEXT_CHARS:
        return Phrase(
            "too large: {size} characters of text, cap {cap} per brief",
            size=f"{len(text):,}",
            cap=f"{MAX_TEXT_CHARS:,}",
        )
    if len(_CONTROL.findall(text)) > max(1, len(text) // 100):
        return BINARY_CONTROLS
    if not _WORD.search(text):
        return (
            Phrase("empty: no text") if not text.strip() else Phrase("empty: no word in the text")
        )
    return None


def article_problem(text: str) -> Phrase | None:
    """Why a page's extracted text is no article (a menu, a cookie notice), or ``None``.

    Briefs from files, feeds and chats are stored however short (a table of results, a list
    of headlines: their leading lines become the summary); a page is its article, so a page
    whose main text is a few words or has no sentence has none.
    """
    words = len(_WORD.findall(text))
    if words < MIN_WORDS:
        return Phrase(
            "no article on the page: {words} words, need at least {least}",
            words=words,
            least=MIN_WORDS,
        )
    if not _SENTENCE_END.search(text):
        return Phrase("no article on the page: no full sentence (none ends in . ! ? … or ।)")
    return None


def parse_date(value: str) -> dt.date:
    """``YYYY-MM-DD`` or an ISO datetime (``2025-11-05T09:30:00Z``) to a date."""
    cleaned = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
            return dt.date.fromisoformat(cleaned)
        return dt.datetime.fromisoformat(cleaned.replace("Z", "+00:00")).date()
    except ValueError:
        raise InvalidInput(
            Phrase("bad date {value}: expected YYYY-MM-DD or an ISO datetime", value=quoted(value))
        ) from None


def date_problem(date: dt.date | None, today: dt.date | None = None) -> Phrase | None:
    """Why ``date`` is no plausible publication date (years 1900 to next year), or ``None``."""
    if date is None:
        return None
    last = (today or dt.datetime.now(dt.UTC).date()).year + 1
    if not MIN_YEAR <= date.year <= last:
        return Phrase(
            "date {date} out of range: years {first} to {last} are accepted",
            date=date.isoformat(),
            first=MIN_YEAR,
            last=last,
        )
    return None


def url_problem(url: str) -> Phrase | None:
    """Why ``url`` cannot be fetched, or ``None`` for an http(s) URL with a host."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return Phrase("not a valid URL: {url}", url=quoted(url))
    if parts.scheme.lower() not in ("http", "https"):
        return Phrase("not an http(s) URL: {url}", url=quoted(url))
    if not parts.hostname:
        return Phrase("URL has no host: {url}", url=quoted(url))
    # What no client sends (an ASCII control character, a port "abc" or 99999, a host "-" or
    # with a space): refused here in one line rather than by the HTTP library at every poll.
    # A space or other character in the path is fine: it is sent percent-encoded.
    if any(ord(char) < 0x20 or char == "\x7f" for char in url):
        return Phrase("not a valid URL (a control character): {url}", url=quoted(url))
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0 or not _valid_host(parts.hostname):
        return Phrase("not a valid URL (its host or port): {url}", url=quoted(url))
    if len(url) > MAX_URL_CHARS:
        return Phrase(
            "URL too long: {size} characters, cap {cap}",
            size=f"{len(url):,}",
            cap=f"{MAX_URL_CHARS:,}",
        )
    return None


def _valid_host(host: str) -> bool:
    """An IP address, or a name whose labels are letters, digits, hyphens and underscores
    (an internationalised one as IDNA encodes it), none opening or closing with a hyphen."""
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
        return True
    except ValueError:
        pass
    labels = host.removesuffix(".").split(".")
    try:
        ascii_labels = [label.encode("idna").decode("ascii") for label in labels]
    except UnicodeError:
        return False
    return all(_HOST_LABEL.fullmatch(label) for label in ascii_labels)


def fetch_url_problem(url: str) -> Phrase | None:
    """:func:`url_problem`, and a URL carrying a user name or password refused (not echoed)."""
    problem = url_problem(url)
    if problem is None and "@" in urlsplit(url).netloc:
        return Phrase("refused: a URL with a user name or password")
    return problem


def canonical_url(url: str) -> str:
    """``url`` without surrounding spaces, its scheme and host in lower case (they are
    case-insensitive), so ``HTTPS://Example.org/feed`` and ``https://example.org/feed``
    name one source; the path and query keep their case."""
    stripped = url.strip()
    try:
        parts = urlsplit(stripped)
    except ValueError:
        return stripped
    user, at, host = parts.netloc.rpartition("@")
    return urlunsplit(
        (parts.scheme.lower(), f"{user}{at}{host.lower()}", parts.path, parts.query, parts.fragment)
    )


def field_problem(name: str, value: str) -> Phrase | None:
    """Why a string field cannot be stored: a NUL character or a lone surrogate (both can
    come in through JSON escapes; neither PostgreSQL nor UTF-8 accepts them)."""
    if "\x00" in value:
        return Phrase("not text: the {field} contains a NUL character", field=name)
    if _SURROGATE.search(value):
        return Phrase(
            "undecodable: the {field} contains a lone surrogate (not valid Unicode)", field=name
        )
    return None


def _zero_width_space(match: re.Match[str]) -> str:
    """A space for a zero-width space and the spaces around it; the one zero-width space
    :data:`_SEA_WORD_BREAK` left between two characters of those scripts stays."""
    text, start, end = match.string, match.start(), match.end()
    inside = match[0] == "\u200b" and start > 0 and end < len(text)
    if inside and _SEA_CHARACTER.match(text, start - 1) and _SEA_CHARACTER.match(text, end):
        return "\u200b"
    return " "


def normalise_text(text: str) -> str:
    """NFC, unified line breaks, zero-width spaces as spaces (but between two characters of
    Thai, Lao, Khmer or Myanmar), no BOM, word joiner or soft hyphen, no trailing spaces, at
    most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    # Invisible: after a period ("deal.\u200b The") they hid the sentence's end, inside a word
    # ("Vertei\u00addigung") they split it for search. A zero-width space separates words:
    # a space, except between two characters of Thai, Lao, Khmer or Myanmar (kept). Joiners
    # (ZWJ, ZWNJ) shape Devanagari: kept.
    # The other invisible characters go first: beside a zero-width space between two Thai
    # letters ("ไทย\ufeff\u200bประกาศ") they made it a space.
    text = _INVISIBLE.sub("", text)
    text = _ZERO_WIDTH_SPACE.sub(_zero_width_space, _SEA_WORD_BREAK.sub("\u200b", text))
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def validate_candidate(candidate: BriefCandidate) -> BriefCandidate | Rejection:
    """Check every field, normalise the text, and derive a title when there is none."""
    fields = {
        "text": candidate.text,
        "title": candidate.title,
        "id": candidate.external_id,
        "URL": candidate.url,
    }
    problem = next(
        (p for name, value in fields.items() if value and (p := field_problem(name, value))), None
    )
    if problem is None and len(candidate.external_id or "") > MAX_EXTERNAL_ID_CHARS:
        size = f"{len(candidate.external_id or ''):,}"
        problem = Phrase(
            "id too long: {size} characters, cap {cap}", size=size, cap=MAX_EXTERNAL_ID_CHARS
        )
    if problem is not None:
        return Rejection(candidate.origin, problem)
    text = normalise_text(candidate.text)
    problem = text_problem(text) or date_problem(candidate.published_on)
    if problem is None and candidate.url is not None:
        problem = url_problem(candidate.url)
    if problem is not None:
        return Rejection(candidate.origin, problem)
    title = clean_title(candidate.title or "")
    if title:
        title = shorten(title, MAX_TITLE_CHARS)
    else:  # from the text's first line after its byline or date (ingest.credits), control
        # characters dropped first, split with the rules of the language detected (the
        # summary's may be pinned; a title's is not)
        language = detect_language(text)
        lines = "\n".join(clean_title(line) for line in news_text(text, language).splitlines())
        title = headline(lines, language=language)
    return replace(candidate, text=text, title=title)


def clean_title(title: str) -> str:
    """``title`` on one line, composed (NFC) as the text is: runs of whitespace as one space,
    control characters dropped."""
    clean = _TITLE_CONTROL.sub("", " ".join(unicodedata.normalize("NFC", title).split()))
    return " ".join(clean.split())
