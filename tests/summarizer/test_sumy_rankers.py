"""sumy adapters: the ranking reproduces sumy's own choice for every count."""

from __future__ import annotations

import pytest

from summarizer.algorithms.sumy_rankers import SUMY_ALGORITHMS, LeadRanker, make_sumy_ranker

TITLE = "Ministry signs radar contract"
SENTENCES = [
    "The defence ministry signed a contract for new radar systems on Monday.",
    "The radar systems will be built in India under the Make in India programme.",
    "Officials said the contract is worth 2,000 crore rupees and covers maintenance.",
    "Deliveries of the radar systems are expected to begin next year.",
    "The ministry also reviewed progress on other defence contracts.",
    "It is important to note that the new radar can track small drones.",
    "Perhaps more orders will follow, officials said.",
    "The radar contract is the largest signed by the ministry this year.",
]


@pytest.mark.parametrize("name", SUMY_ALGORITHMS)
def test_sumy_ranker_top_k_equals_sumys_own_choice(name: str) -> None:
    ranker = make_sumy_ranker(name)
    ranking = ranker.rank(SENTENCES, TITLE)
    assert sorted(ranking) == list(range(len(SENTENCES)))
    for k in range(1, len(SENTENCES) + 1):
        document = ranker.build_document(SENTENCES, TITLE)
        chosen = ranker.summarizer(document, k)
        assert [str(s) for s in chosen] == [SENTENCES[i] for i in sorted(ranking[:k])]


def test_sumy_document_sentences_are_exactly_the_candidates() -> None:
    document = make_sumy_ranker("edmundson").build_document(SENTENCES, TITLE)
    assert [str(s) for s in document.sentences] == SENTENCES
    assert [str(h) for h in document.headings] == [TITLE]


def test_only_edmundson_uses_the_title_as_heading() -> None:
    document = make_sumy_ranker("lexrank").build_document(SENTENCES, TITLE)
    assert document.headings == ()


def test_edmundson_prefers_title_words() -> None:
    ranking = make_sumy_ranker("edmundson").rank(SENTENCES, TITLE)
    assert ranking[0] in (0, 7)  # both repeat "ministry", "radar", "contract"/"signed"


def test_lead_ranker_is_document_order() -> None:
    assert LeadRanker().rank(SENTENCES) == list(range(len(SENTENCES)))


def test_lexrank_on_sentences_sharing_no_word_warns_nothing() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ranking = make_sumy_ranker("lexrank").rank(
            ["The army will build a new base.", "Navy ships sailed south yesterday."]
        )
    assert sorted(ranking) == [0, 1]
