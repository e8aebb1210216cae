"""Which sentence openings lean on the sentence before them, and how selection treats them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.api import select_sentences, summarize
from summarizer.coherence import leans_back

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "defence-releases.jsonl"


@pytest.mark.parametrize(
    "sentence",
    [
        "He was addressing MSMEs at the conclave.",
        "They signed the agreement on Monday.",
        "However, the talks stalled.",
        "This initiative will cost $2bn.",
        "\u201cIt is a milestone,\u201d the minister said.",
        "In addition, three ships were commissioned.",
        "As a result, exports rose.",
        "Meanwhile the army moved north.",
    ],
)
def test_pronoun_and_connective_openings_lean_back(sentence: str) -> None:
    assert leans_back(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Defence Minister addressed MSMEs at the conclave.",
        "Helicopters arrived on Monday.",  # starts with "He" but is another word
        "Thistle Ltd won the contract.",
        "India and France signed the agreement.",
        "In Delhi, the talks resumed.",
        "We will build drones, he said.",
        "",
        "2,000 troops took part.",
    ],
)
def test_other_openings_stand_alone(sentence: str) -> None:
    assert not leans_back(sentence)


SENTENCES = [
    "The Defence Minister opened the drone conclave in New Delhi on Monday.",
    "He was addressing MSMEs and start-ups about export orders.",
    "Officials said forty firms showed new systems at the venue.",
    "The next conclave will be held in Bengaluru in March.",
]


def test_a_leaning_sentence_ranked_first_does_not_open_the_summary() -> None:
    # Taking 1 and 2 (the plain choice) would open with "He was addressing …".
    assert sorted(select_sentences(SENTENCES, [1, 2, 3, 0], 2)) == [2, 3]


def test_a_leaning_sentence_waits_for_an_earlier_one_and_keeps_its_rank() -> None:
    # Sentence 1 leans back; once sentence 0 is taken it comes before sentence 2 and 3.
    assert select_sentences(SENTENCES, [1, 0, 2, 3], 2) == [0, 1]


def test_without_coherence_the_ranking_alone_decides() -> None:
    assert select_sentences(SENTENCES, [1, 2, 3, 0], 2, coherent=False) == [1, 2]


def test_a_leaning_sentence_after_another_chosen_one_is_taken_directly() -> None:
    assert sorted(select_sentences(SENTENCES, [0, 1, 2, 3], 2)) == [0, 1]


def test_a_leaning_sentence_preceded_by_any_chosen_one_may_follow_it() -> None:
    # "It" (sentence 2) is not first once sentence 0 is in, even though 1 is left out.
    sentences = [*SENTENCES[:2], "It drew forty firms to the venue.", SENTENCES[3]]
    assert sorted(select_sentences(sentences, [0, 2, 3, 1], 2)) == [0, 2]


def test_when_every_later_sentence_leans_back_the_plain_choice_stands() -> None:
    leaning = ["Intro words here for the brief.", "He said it.", "They agreed to it."]
    assert select_sentences(leaning, [1, 2], 1) == [1]


def test_the_conclave_brief_no_longer_opens_with_he() -> None:
    rows = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    (brief,) = [row for row in rows if "Industries Conclave" in row.get("title", "")]
    summary = summarize(brief["text"], title=brief["title"])
    assert summary
    assert not leans_back(summary[0]), summary[0]
