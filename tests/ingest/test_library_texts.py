"""What the JSON and XML parsers and HTTP statuses say, as Phrases in the parsers' own English."""

from __future__ import annotations

import json
from http import HTTPStatus
from xml.etree.ElementTree import ParseError
from xml.parsers import expat

import defusedxml.ElementTree
import pytest

from ingest.items import Rejection
from ingest.library_texts import (
    HTTP_REASONS,
    JSON_MESSAGES,
    XML_MESSAGES,
    http_status,
    json_message,
    xml_problem,
)
from ingest.phrases import Phrase
from ingest.sources.files import read_json_document, read_json_lines
from rendering.translation import Catalogues
from storage.phrase_documents import phrase_document

# One malformed document for each message CPython 3.11's C scanner has.
MALFORMED_JSON = ["", "{a: 1}", '{"a" 1}', "[1 2]", '"abc', '"a\x01"', '"\\q"', '"\\u12"', "{} x"]
MALFORMED_XML = [
    b"<a><b></a>",  # mismatched tag
    b"",  # no element found
    b"<a/><b/>",  # junk after document element
    b"<a>&nbsp;</a>",  # undefined entity (no DTD declares it)
    b"<a <b/>",  # not well-formed
    b"<a",  # unclosed token
    b"<x:a/>",  # unbound prefix
    b"<a><![CDATA[x</a>",  # unclosed CDATA section
]


def decode_error(document: str) -> json.JSONDecodeError:
    with pytest.raises(json.JSONDecodeError) as raised:
        json.loads(document)
    return raised.value


def parse_error(document: bytes) -> ParseError:
    with pytest.raises(ParseError) as raised:
        defusedxml.ElementTree.fromstring(document)
    return raised.value


@pytest.mark.parametrize("document", MALFORMED_JSON)
def test_each_json_decoder_message_is_a_phrase_of_the_same_words(document: str) -> None:
    message = decode_error(document).msg

    said = json_message(message)

    assert isinstance(said, Phrase) and said.message == message == said


def test_the_json_table_covers_every_message_the_malformed_documents_meet() -> None:
    met = {decode_error(document).msg for document in MALFORMED_JSON}

    assert len(met) == len(MALFORMED_JSON)  # one document a message, none twice
    assert met <= set(JSON_MESSAGES)


def test_a_json_message_not_listed_passes_on_as_it_came() -> None:
    said = json_message("Invalid control character '\\x01' at")  # the pure-Python scanner's

    assert said == "Invalid control character '\\x01' at" and not isinstance(said, Phrase)


def test_a_malformed_json_file_and_line_are_rejected_in_catalogue_words() -> None:
    [whole] = read_json_document('{"title": "a" "text": "b"}', "briefs.json")
    [line] = read_json_lines('{"title": "a",}\n', "briefs.jsonl")

    assert isinstance(whole, Rejection) and isinstance(line, Rejection)
    assert whole.reason == "malformed JSON: Expecting ',' delimiter"
    assert phrase_document(whole.reason) == {
        "message": "malformed JSON: {error}",
        "values": {"error": {"message": "Expecting ',' delimiter", "values": {}}},
    }
    russian = Catalogues.load().resolve("ru", None)
    said = russian.say(line.reason)
    expected = russian.gettext("Expecting property name enclosed in double quotes")
    assert expected != "Expecting property name enclosed in double quotes" and expected in said


@pytest.mark.parametrize("document", MALFORMED_XML)
def test_each_common_xml_error_is_a_phrase_of_the_parsers_words(document: bytes) -> None:
    error = parse_error(document)

    said = xml_problem(error)

    assert isinstance(said, Phrase) and said == str(error)
    problem = said.values["problem"]
    assert isinstance(problem, Phrase) and problem.message in XML_MESSAGES
    assert (said.values["line"], said.values["column"]) == error.position


def test_the_xml_table_holds_only_what_expat_says() -> None:
    expat_says = {expat.ErrorString(code) for code in range(1, 64) if expat.ErrorString(code)}

    assert set(XML_MESSAGES) <= expat_says


def test_an_xml_error_worded_otherwise_keeps_its_text_whole() -> None:
    error = ParseError("something else: line 1, column 0")
    error.code, error.position = 7, (1, 0)  # mismatched tag's code, other words

    said = xml_problem(error)

    assert said == "something else: line 1, column 0" and not isinstance(said, Phrase)


def test_the_http_reasons_are_the_standard_ones() -> None:
    assert {code: str(phrase) for code, phrase in HTTP_REASONS.items()} == {
        code: HTTPStatus(code).phrase for code in HTTP_REASONS
    }


def test_every_error_status_has_its_reason_but_those_python_renamed() -> None:
    errors = {status.value for status in HTTPStatus if status.value >= 400}
    assert errors - set(HTTP_REASONS) == {413, 414, 416, 418, 422}


def test_a_common_status_says_its_reason_in_words_and_another_keeps_the_servers() -> None:
    found = http_status(404, "Nope")
    odd = http_status(599, "Network Connect Timeout")

    assert found == "HTTP 404 Not Found" and isinstance(found, Phrase)
    assert found.values == {"code": 404, "reason": HTTP_REASONS[404]}
    assert odd == "HTTP 599 Network Connect Timeout" and not isinstance(odd, Phrase)
    hindi = Catalogues.load().resolve("hi", None)
    assert hindi.gettext("Not Found") != "Not Found"
    assert hindi.say(found) == hindi.gettext("HTTP {code} {reason}").format(
        code=404, reason=hindi.gettext("Not Found")
    )
