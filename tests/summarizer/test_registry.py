"""The algorithm registry: names, factories and errors."""

from __future__ import annotations

import pytest

from summarizer.registry import (
    ALGORITHMS,
    DEFAULT_ALGORITHM,
    UnknownAlgorithmError,
    algorithm_names,
    get_ranker,
)

SENTENCES = [
    "The defence ministry signed a contract for new radar systems on Monday.",
    "The radar systems will be built in India under the Make in India programme.",
    "Officials said the contract is worth 2,000 crore rupees.",
    "Deliveries of the radar systems are expected to begin next year.",
    "The ministry also reviewed progress on other defence contracts.",
]


def test_default_algorithm_is_registered_briefrank() -> None:
    assert DEFAULT_ALGORITHM == "briefrank"
    assert DEFAULT_ALGORITHM in algorithm_names()


def test_every_sumy_algorithm_and_lead_are_registered() -> None:
    expected = {
        "briefrank",
        "lead",
        "lexrank",
        "textrank",
        "lsa",
        "luhn",
        "kl",
        "sumbasic",
        "reduction",
        "edmundson",
    }
    assert set(algorithm_names()) == expected
    assert algorithm_names() == sorted(ALGORITHMS)


@pytest.mark.parametrize("name", sorted(ALGORITHMS))
@pytest.mark.parametrize("title", [None, "Radar contract signed"])
def test_every_registered_name_yields_a_ranker_returning_a_permutation(
    name: str, title: str | None
) -> None:
    ranking = get_ranker(name).rank(SENTENCES, title)
    assert sorted(ranking) == list(range(len(SENTENCES)))


@pytest.mark.parametrize("name", sorted(ALGORITHMS))
def test_every_ranker_handles_empty_and_single_sentence_documents(name: str) -> None:
    ranker = get_ranker(name)
    assert ranker.rank([]) == []
    assert ranker.rank(["Only one sentence here."], "A title") == [0]


def test_get_ranker_returns_a_cached_instance() -> None:
    assert get_ranker("briefrank") is get_ranker("briefrank")


def test_unknown_name_raises_value_error_listing_valid_names() -> None:
    with pytest.raises(UnknownAlgorithmError) as excinfo:
        get_ranker("nope")
    assert isinstance(excinfo.value, ValueError)
    message = str(excinfo.value)
    assert "'nope'" in message
    names = algorithm_names()
    assert "briefrank" in names
    for name in names:
        assert name in message


def test_registered_sumy_names_are_exactly_the_adapted_sumy_algorithms() -> None:
    from summarizer.algorithms.sumy_rankers import SUMY_ALGORITHMS
    from summarizer.registry import SUMY_ALGORITHM_NAMES

    assert set(SUMY_ALGORITHM_NAMES) == set(SUMY_ALGORITHMS)
