"""What the JSON and XML parsers and an HTTP status say, as Phrases the catalogues translate.

A malformed file or feed and a failing source are reported with the library's own English
("malformed JSON: Expecting ',' delimiter", "not OPML: malformed XML (mismatched tag: line 3,
column 2)", "HTTP 404 Not Found"). The words are the library's, so each is kept as its English
text, which stays what the CLI prints, logs keep and ``sources.last_error`` stores; as a
:class:`Phrase` an admin reads it in ``/sources`` or ``/add``'s report in their own language.
A text not listed here (a rarer status, a message another Python version words differently)
is passed on as it came: English, never lost.
"""

from __future__ import annotations

from xml.etree.ElementTree import ParseError
from xml.parsers import expat

from ingest.phrases import Phrase


def by_text(*phrases: Phrase) -> dict[str, Phrase]:
    """The phrases keyed by their English text: what the library says, looked up as it comes."""
    return {str(phrase): phrase for phrase in phrases}


# CPython's json decoder, as its C scanner words them (3.13 adds the trailing-comma ones). The
# pure-Python scanner, used only without the C one, adds the character to two of them: those
# pass on as they came.
JSON_MESSAGES = by_text(
    Phrase("Expecting value"),
    Phrase("Expecting property name enclosed in double quotes"),
    Phrase("Expecting ':' delimiter"),
    Phrase("Expecting ',' delimiter"),
    Phrase("Unterminated string starting at"),
    Phrase("Invalid control character at"),
    Phrase("Invalid \\escape"),
    Phrase("Invalid \\uXXXX escape"),
    Phrase("Extra data"),
    Phrase("Illegal trailing comma before end of object"),
    Phrase("Illegal trailing comma before end of array"),
)

# expat's messages (``xml.parsers.expat.ErrorString(code)``) that a hand-made or truncated
# document meets; the others concern DTDs and parameter entities (defusedxml refuses entity
# declarations first) or the parser's own state.
XML_MESSAGES = by_text(
    Phrase("syntax error"),
    Phrase("no element found"),
    Phrase("not well-formed (invalid token)"),
    Phrase("unclosed token"),
    Phrase("partial character"),
    Phrase("mismatched tag"),
    Phrase("duplicate attribute"),
    Phrase("junk after document element"),
    Phrase("undefined entity"),
    Phrase("reference to invalid character number"),
    Phrase("XML or text declaration not at start of entity"),
    Phrase("unknown encoding"),
    Phrase("encoding specified in XML declaration is incorrect"),
    Phrase("unclosed CDATA section"),
    Phrase("unbound prefix"),
    Phrase("XML declaration not well-formed"),
)

# Every client and server error status of http.HTTPStatus, in its standard words, but four that
# Python 3.13 renamed (413, 414, 416, 422: the words must be the same on every Python this runs
# on) and 418; a status not here keeps the server's own words.
HTTP_REASONS: dict[int, Phrase] = {
    400: Phrase("Bad Request"),
    401: Phrase("Unauthorized"),
    402: Phrase("Payment Required"),
    403: Phrase("Forbidden"),
    404: Phrase("Not Found"),
    405: Phrase("Method Not Allowed"),
    406: Phrase("Not Acceptable"),
    407: Phrase("Proxy Authentication Required"),
    408: Phrase("Request Timeout"),
    409: Phrase("Conflict"),
    410: Phrase("Gone"),
    411: Phrase("Length Required"),
    412: Phrase("Precondition Failed"),
    415: Phrase("Unsupported Media Type"),
    417: Phrase("Expectation Failed"),
    421: Phrase("Misdirected Request"),
    423: Phrase("Locked"),
    424: Phrase("Failed Dependency"),
    425: Phrase("Too Early"),
    426: Phrase("Upgrade Required"),
    428: Phrase("Precondition Required"),
    429: Phrase("Too Many Requests"),
    431: Phrase("Request Header Fields Too Large"),
    451: Phrase("Unavailable For Legal Reasons"),
    500: Phrase("Internal Server Error"),
    501: Phrase("Not Implemented"),
    502: Phrase("Bad Gateway"),
    503: Phrase("Service Unavailable"),
    504: Phrase("Gateway Timeout"),
    505: Phrase("HTTP Version Not Supported"),
    506: Phrase("Variant Also Negotiates"),
    507: Phrase("Insufficient Storage"),
    508: Phrase("Loop Detected"),
    510: Phrase("Not Extended"),
    511: Phrase("Network Authentication Required"),
}


def json_message(message: str) -> Phrase | str:
    """A ``JSONDecodeError.msg`` as a Phrase, or as it came when not one listed."""
    return JSON_MESSAGES.get(message, message)


def xml_problem(error: ParseError) -> Phrase | str:
    """An XML parse error (``mismatched tag: line 3, column 2``) in catalogue words."""
    code = getattr(error, "code", None)
    words = expat.ErrorString(code) if isinstance(code, int) else None
    phrase = XML_MESSAGES.get(words or "")
    position = getattr(error, "position", None)
    if phrase is None or not isinstance(position, tuple) or len(position) != 2:
        return str(error)
    line, column = position
    if str(error) != f"{phrase}: line {line}, column {column}":
        return str(error)  # worded otherwise by this Python: keep its text whole
    return Phrase(
        "{problem}: line {line}, column {column}", problem=phrase, line=line, column=column
    )


def http_status(code: int, reason: str) -> Phrase | str:
    """``HTTP 404 Not Found``: the reason in catalogue words for a listed status."""
    phrase = HTTP_REASONS.get(code)
    if phrase is None:
        return f"HTTP {code} {reason}".strip()
    return Phrase("HTTP {code} {reason}", code=code, reason=phrase)
