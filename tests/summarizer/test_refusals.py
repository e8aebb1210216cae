"""The summarizer's refusals keep their catalogue line and values, in and out of a worker."""

from __future__ import annotations

import ast
import pickle
from collections.abc import Iterator

import pytest

from summarizer.api import MIN_WORDS, summarize
from summarizer.refusals import NothingToExtract, SummaryInputError
from tests.support.catalogues import REFUSALS, calls_in


def test_a_refusal_is_its_english_line_and_keeps_its_reason_and_values() -> None:
    reason = "text is too long: {count} sentences, cap {cap}"
    refusal = SummaryInputError(reason, count="9", cap="3")
    assert str(refusal) == "text is too long: 9 sentences, cap 3"
    assert (refusal.reason, dict(refusal.values)) == (reason, {"count": "9", "cap": "3"})


def test_a_refusal_survives_pickling_as_its_kind_with_braces_in_its_values() -> None:
    refusal = NothingToExtract("malformed date line {line}: no such date", line="'date {x}'")
    copy = pickle.loads(pickle.dumps(refusal))
    assert type(copy) is NothingToExtract
    assert (str(copy), copy.reason, copy.values) == (str(refusal), refusal.reason, refusal.values)


@pytest.mark.parametrize(
    ("text", "reason", "values"),
    [
        ("Too short.", "text is too short to summarize: it needs at least one full sentence "
         "and {words} words", {"words": str(MIN_WORDS)}),
        ("date 2025-02-30\nThe ship sailed at noon.", "malformed date line {line}: no such date",
         {"line": "'date 2025-02-30'"}),
        ("date 2025-2-3\nThe ship sailed at noon.",
         "malformed date line {line}: expected 'date YYYY-MM-DD'", {"line": "'date 2025-2-3'"}),
        ("   ", "text is empty", {}),
    ],
)  # fmt: skip
def test_a_refused_text_says_why_in_a_catalogue_line(
    text: str, reason: str, values: dict[str, str]
) -> None:
    with pytest.raises(SummaryInputError) as refused:
        summarize(text)
    assert (refused.value.reason, dict(refused.value.values)) == (reason, values)
    assert str(refused.value) == reason.format(**values)


def bare_reasons(tree: ast.AST) -> Iterator[tuple[int, str]]:
    """Each refusal in ``tree`` whose reason is not a plain string literal (an f-string, say)."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        if node.func.id in REFUSALS and not (
            node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, ast.unparse(node)


def test_every_refusal_in_the_summarizer_is_a_catalogue_line() -> None:
    found = calls_in("summarizer", bare_reasons)
    planted = ast.parse(
        'raise SummaryInputError(f"bad {x}")\nNothingToExtract(reason)\n'
        'SummaryTimeoutError("took {s} s", s="1")'
    )
    assert [line for line, _ in bare_reasons(planted)] == [1, 2]
    assert not found, "\n".join(found)
