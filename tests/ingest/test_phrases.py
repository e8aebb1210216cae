"""Ingest's lines are English strings that carry their catalogue message and values."""

from __future__ import annotations

import ast
import pickle
from collections.abc import Iterator

from ingest.items import Rejection
from ingest.phrases import Phrase, phrase_of
from ingest.subscriptions import parse_interval
from ingest.validation import InvalidInput, url_problem
from tests.support.catalogues import calls_in


def test_a_phrase_is_its_english_line_and_keeps_its_message_and_values() -> None:
    line = Phrase("too large: {size} bytes, cap {cap}", size="2,048", cap="1,024")
    assert line == "too large: 2,048 bytes, cap 1,024"
    assert (line.message, dict(line.values)) == (
        "too large: {size} bytes, cap {cap}",
        {"size": "2,048", "cap": "1,024"},
    )


def test_a_phrase_survives_pickling_with_braces_in_its_values() -> None:
    line = Phrase("{origin}: {reason}", origin="{odd}.json", reason=Phrase("nested too deeply"))
    copy = pickle.loads(pickle.dumps(line))
    assert (copy, copy.message, copy.values) == (line, line.message, line.values)
    assert isinstance(copy.values["reason"], Phrase)


def test_an_exceptions_phrase_is_found_and_a_plain_message_is_its_text() -> None:
    try:
        parse_interval("1s")
    except InvalidInput as error:
        said = phrase_of(error)
    assert isinstance(said, Phrase)
    assert said.message == "interval {value} is too short: the minimum is 1m"
    plain = phrase_of(ValueError("library words"))
    assert (plain, isinstance(plain, Phrase)) == ("library words", False)


def test_a_rejections_line_is_the_english_line_made_of_phrases() -> None:
    reason = url_problem("ftp://example.org/feed")
    assert reason is not None
    rejection = Rejection("feeds.txt:3", reason)
    assert (
        rejection.line
        == str(rejection)
        == "feeds.txt:3: not an http(s) URL: 'ftp://example.org/feed'"
    )
    assert rejection.line.values["reason"] is reason


# The exceptions and the rejection whose line an admin reads (the first argument; a Rejection's
# reason is its second).
REFUSALS = {"InvalidInput", "FetchError", "NoFeedFound", "FilterError", "CatalogError"}


def english_literals(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Each refusal in ``tree`` made from a bare string or f-string: no catalogue message."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        name = node.func.id
        lines = node.args[1:2] if name == "Rejection" else node.args[:1] if name in REFUSALS else []
        for line in lines:
            if isinstance(line, ast.Constant | ast.JoinedStr | ast.BinOp):
                yield node.lineno, f"{name}({ast.unparse(line)})"


def test_no_refusal_in_ingest_is_made_of_bare_english() -> None:
    found = calls_in("ingest", english_literals)
    planted = ast.parse(
        'raise InvalidInput(f"bad {x}")\nRejection("o", "plain")\nRejection("o", P("x"))'
    )

    assert [call for _, call in english_literals(planted)] == [
        "InvalidInput(f'bad {x}')",
        "Rejection('plain')",
    ]
    assert found == []
