"""Hardening #5: splitting and parsing are linear on text without spaces or with long runs of them.

Each input is sized so the former quadratic code ran for minutes ("Wow!" x 49,000 over 8 min,
"# a" + 20k spaces + "b" 6.4 s, so 200k spaces about 10 min); the linear code takes well under a
second, and ``within(20)`` fails the test past 20 s without any finer wall-clock threshold.
"""

from __future__ import annotations

import random
import re

from summarizer.document import markdown_heading, parse_brief
from summarizer.segmentation import _drop_blockquote_marks, split_block, split_sentences
from tests.support.deadline import within


def test_exclamations_without_spaces_split_in_linear_time() -> None:
    with within(20):
        sentences = split_sentences("Wow!" * 49_000)
    assert sentences == ["Wow!"] * 49_000


def test_a_long_token_with_many_candidates_splits_in_linear_time() -> None:
    with within(20):
        sentences = split_block("x" * 100_000 + "1%.Ab" * 20_000)
    assert sentences == ["x" * 100_000 + "1%."] + ["Ab1%."] * 19_999 + ["Ab"]


def test_a_heading_with_a_long_run_of_spaces_parses_in_linear_time() -> None:
    text = "# a" + " " * 200_000 + "b"
    with within(20):
        parsed = parse_brief(text)
    assert parsed.headings == ("a" + " " * 200_000 + "b",)


def test_a_line_of_spaces_before_text_parses_in_linear_time() -> None:
    with within(20):
        parsed = parse_brief(" " * 200_000 + "x\n\nThe council met on Monday to vote on it.")
    assert parsed.sentences == ("The council met on Monday to vote on it.",)


def test_markdown_heading_captures_what_the_former_pattern_did() -> None:
    former = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?$")
    rng = random.Random(5)
    for _ in range(20_000):
        line = "".join(rng.choice("## a\t\u00a0b") for _ in range(rng.randint(0, 12)))
        match = former.fullmatch(line)
        assert markdown_heading(line) == (match.group(2) if match else None), repr(line)


def test_blockquote_marks_drop_as_the_anchored_pattern_does() -> None:
    opening_marks = re.compile(r"^\s*(?:>[ \t]?)+")
    rng = random.Random(6)
    for _ in range(20_000):
        line = "".join(rng.choice("> >\t\u00a0ab") for _ in range(rng.randint(0, 12)))
        assert _drop_blockquote_marks(line) == opening_marks.sub("", line), repr(line)


def test_a_greater_than_sign_inside_the_text_is_kept() -> None:
    assert _drop_blockquote_marks("Price > 5 units") == "Price > 5 units"
    assert _drop_blockquote_marks("  > > Quoted > text") == "Quoted > text"
    assert split_sentences("Inflation stayed > 5% all year. Rates rose.") == [
        "Inflation stayed > 5% all year.",
        "Rates rose.",
    ]


def test_splits_match_on_mixed_abbreviations_and_missing_spaces() -> None:
    text = "Shares of Acme Inc. rose 5%.Analysts at U.S.A.Bank said so. Version 1.2.Beta is out."
    assert split_block(text) == [
        "Shares of Acme Inc. rose 5%.",
        "Analysts at U.S.A.Bank said so.",
        "Version 1.2.Beta is out.",
    ]
