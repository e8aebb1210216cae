"""Whether a line closing a brief credits its reporters or agencies (wire copy), not news.

Wire copy ends with lines such as ``(Reporting by Jane Doe; Editing by John Smith)``, ``(With
inputs from PTI)``, ``(dpa)``, ``jd/dpa``, ``Con información de EFE y Europa Press.`` or
``Associated Press writer Jane Doe in Paris contributed to this report.`` A line is one only
when every piece of it (between ``;``) is such a credit to names or agencies
(:func:`ingest.credit_names.is_names`), so a last paragraph that opens the same way stays:
``Reporting by the Financial Times last month revealed …``, ``With inputs from residents, the
council will …``, ``Produced by Warner Bros, the film grossed …``.
"""

from __future__ import annotations

import re

from ingest.credit_lines import MAX_CREDIT_CHARS, MAX_CREDIT_WORDS
from ingest.credit_names import is_agency, is_names

__all__ = ["is_wire_credit"]

_ROLE = re.compile(
    r"^(?:additional\s+)?(?:reporting|writing|editing|compiled|graphics?|produced|fact-checking)"
    r"(?:\s+and\s+\w+)?\s+by\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_SOURCE = re.compile(
    r"^(?:with\s+(?:inputs|reporting)\s+from|con\s+informaci[oó]n\s+de|mit\s+material\s+von)"
    r"\s+(?P<names>.+)$",
    re.IGNORECASE,
)
_CONTRIBUTED = re.compile(
    r"^(?:the\s+)?(?P<agency>associated\s+press|ap|reuters|afp)\s+writers?\s+(?P<names>.+?)"
    r"\s+contributed(?:\s+(?:to\s+)?this\s+(?:report|story|article))?$",
    re.IGNORECASE,
)
# "With PTI inputs", "Avec AFP", "mit dpa": agencies only ("With Kane Injured" is news).
_WITH_AGENCIES = re.compile(r"^(?:with|avec|mit|con)\s+(?P<agencies>.+?)(?:\s+inputs)?$", re.I)
_FIXED = re.compile(
    r"^(?:our\s+standards:\s+the\s+thomson\s+reuters\s+trust\s+principles"
    r"|with\s+agency\s+inputs"
    r"|except\s+for\s+the\s+headline,\s+this\s+story\s+has\s+not\s+been\s+edited\s+by\s+.{2,40}"
    r"\s+staff\s+and\s+is\s+published\s+from\s+a\s+syndicated\s+feed)$",
    re.IGNORECASE,
)
# "(PTI)", "(dpa)" alone; "jd/dpa": an editor's initials before the agency.
_AGENCY_ALONE = re.compile(r"^[A-Za-z]{2,8}$|^[a-z]{1,4}(?:/[a-z]{1,4})*/[a-z]{2,8}$")
# "Jane Doe in Paris and John Smith in London": where each reported from.
_IN_PLACE = re.compile(r"\s+in\s+[^\W\d_][\w.-]*(?:\s+[^\W\d_][\w.-]*)?(?=\s*(?:,|\band\b|$))")


def is_wire_credit(line: str) -> bool:
    """Does this line, closing a text, credit its reporters or agencies, every piece of it?"""
    if len(line) > 3 * MAX_CREDIT_CHARS:
        return False
    squashed = " ".join(line.split())
    if not squashed or len(squashed.split()) > 3 * MAX_CREDIT_WORDS:
        return False
    inner = squashed.strip()
    if inner.startswith("(") and inner.endswith((")", ").")):
        inner = inner[1:].rstrip(".").removesuffix(")")
    bracketed = inner != squashed
    pieces = [piece.strip().rstrip(".") for piece in inner.split(";")]
    return all(piece and _is_wire_piece(piece, bracketed=bracketed) for piece in pieces)


def _is_wire_piece(piece: str, *, bracketed: bool) -> bool:
    if _FIXED.match(piece):
        return True
    if _AGENCY_ALONE.match(piece):  # "(PTI)", "jd/dpa"; "Yes.", "(Applause)" are no agency
        last = piece.rsplit("/", 1)[-1]
        return is_agency(last) or (bracketed and piece.isupper())
    if (match := _WITH_AGENCIES.match(piece)) is not None:
        agencies = re.split(r"\s*(?:,|\band\b|\bund\b|\bet\b|\by\b)\s*", match["agencies"])
        if all(is_agency(agency) for agency in agencies if agency):
            return True
    for pattern in (_ROLE, _CONTRIBUTED, _SOURCE):
        match = pattern.match(piece)
        if match is not None and is_names(_IN_PLACE.sub("", match.group("names"))):
            return True
    return False
