"""BriefRank: the default ranker."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from pytest import MonkeyPatch

from summarizer.algorithms import briefrank
from summarizer.algorithms.briefrank import BriefRank, sentence_terms

DOC = [
    "Parliament approved the annual budget after a long debate on Tuesday.",
    "The finance minister said the budget would cut taxes for small firms.",
    "Heavy rain flooded several villages in the north of the country.",
    "Opposition members criticised the budget for raising fuel duties.",
    "A local football team won its first national title in twenty years.",
    "The budget includes new spending on schools and hospitals.",
]


def _ranker() -> BriefRank:
    return BriefRank()


def test_prefers_the_title_matching_sentence() -> None:
    ranker = _ranker()
    taxes = ranker.rank(DOC, "Budget cuts taxes for small firms")
    hospitals = ranker.rank(DOC, "Budget boosts schools and hospitals")
    assert taxes[0] == 1
    assert hospitals[0] == 5
    assert taxes.index(1) < taxes.index(5)
    assert hospitals.index(5) < hospitals.index(1)


def test_central_sentence_ranks_above_off_topic_ones() -> None:
    ranking = _ranker().rank(DOC, "Parliament passes budget")
    assert ranking.index(2) > 2
    assert ranking.index(4) > 2


def test_removes_near_duplicate_repeats_from_the_top_of_its_ranking() -> None:
    repeated = "The finance minister said the budget would cut taxes for small firms."
    doc = [*DOC, repeated, "The finance minister said the budget will cut taxes for small firms."]
    ranking = _ranker().rank(doc, "Budget approved")
    copies = [1, len(DOC), len(DOC) + 1]
    best_copy = min(ranking.index(i) for i in copies)
    # Only one copy in the top part; the others come after every distinct sentence.
    assert sorted(ranking.index(i) for i in copies if ranking.index(i) != best_copy) == [
        len(doc) - 2,
        len(doc) - 1,
    ]


def test_works_without_a_title_using_the_lead_as_pseudo_title() -> None:
    ranking = _ranker().rank(DOC)
    assert sorted(ranking) == list(range(len(DOC)))
    assert ranking[0] in (0, 1, 3, 5)  # an on-topic (budget) sentence comes first
    assert _ranker().rank(DOC, "") == ranking
    assert _ranker().rank(DOC, "The and of") == ranking  # no content words: no title


# Few shared words: a bridge story whose second half is other news (mean cosine 0.053).
SPARSE_DOC = [
    "Engineers opened a railway bridge across the Elbe in Dresden for passenger trains on "
    "Monday after four years of work.",
    "The regional transport minister praised the builders and thanked residents for their "
    "patience.",
    "Passenger trains will cross the bridge from next week, the minister told reporters.",
    "Tickets for the first passenger trains sold out within hours, a spokeswoman said.",
    "Shopkeepers near the station expect more visitors once the trains run.",
    "Elsewhere, heavy snow closed two motorways in Bavaria overnight.",
    "Police asked drivers to stay at home until ploughs had cleared the roads.",
    "A storm is expected to reach the coast by Thursday evening, forecasters warned.",
]


def test_without_a_title_the_lead_weighs_more_when_sentences_share_few_words() -> None:
    assert BriefRank().rank(SPARSE_DOC)[0] == 0
    assert BriefRank(stand_in_overlap=0.0).rank(SPARSE_DOC)[0] == 2  # the weight before


def test_a_title_is_weighed_the_same_whatever_the_sentences_share() -> None:
    title = "Passenger trains cross the new Elbe bridge"
    assert BriefRank().rank(SPARSE_DOC, title) == BriefRank(stand_in_overlap=0.0).rank(
        SPARSE_DOC, title
    )
    relevance, _ = BriefRank().relevance(SPARSE_DOC, title)
    fixed, _ = BriefRank(stand_in_overlap=0.0).relevance(SPARSE_DOC, title)
    assert np.array_equal(relevance, fixed)


@pytest.mark.parametrize(
    ("mean", "pull"), [(0.2, 1.0), (0.1, 1.0), (0.05, 2.0), (0.04, 2.5), (0.02, 3.0), (0.0, 3.0)]
)
def test_stand_in_pull_is_overlap_over_the_mean_similarity_between_one_and_three(
    mean: float, pull: float
) -> None:
    similarity = np.full((4, 4), mean)
    np.fill_diagonal(similarity, 0.0)
    assert briefrank.stand_in_pull(similarity, 0.1) == pytest.approx(pull)
    assert briefrank.stand_in_pull(similarity, 0.0) == 1.0


def test_handles_one_sentence_and_empty_documents() -> None:
    assert _ranker().rank(["Just one sentence."], "Title") == [0]
    assert _ranker().rank([]) == []


def test_handles_sentences_without_content_words() -> None:
    doc = ["It is what it is.", "And so on.", *DOC]
    assert sorted(_ranker().rank(doc)) == list(range(len(doc)))


def test_handles_a_400_sentence_document() -> None:
    # Its speed is measured in benchmarks/summary_quality.py, not here: machines are noisy.
    doc = [f"{s[:-1]} (item {i})." for i in range(67) for s in DOC][:400]
    ranking = _ranker().rank(doc, "Budget approved")
    assert sorted(ranking) == list(range(400))


def test_is_deterministic() -> None:
    first = BriefRank().rank(DOC, "Budget approved")
    assert all(BriefRank().rank(DOC, "Budget approved") == first for _ in range(3))


def test_terms_keep_the_surface_form_and_the_stem_and_drop_stop_words() -> None:
    terms = sentence_terms("The profits of the firms")
    assert "profits" in terms and "firms" in terms
    assert "the" not in terms and "of" not in terms
    assert len(terms) == 4  # surface form + stem for each content word
    assert set(terms.values()) == {1.0}


def test_a_german_long_word_also_counts_its_pieces_at_a_lower_weight() -> None:
    terms = sentence_terms("Der Impfstoff wirkt", "de")
    assert terms["impfstoff"] == 1.0
    pieces = {term: weight for term, weight in terms.items() if term.startswith("\x01")}
    expected = ["impf", "mpfs", "pfst", "fsto", "stof", "toff"]
    assert sorted(pieces) == sorted("\x01" + piece for piece in expected)
    assert set(pieces.values()) == {briefrank._PIECE_WEIGHT}
    assert 0.0 < briefrank._PIECE_WEIGHT < 1.0
    assert not any(term.startswith("\x01") for term in sentence_terms("Der Impfstoff wirkt", "en"))
    assert briefrank.pieces("wirkt") == []  # under 7 letters: no pieces


def test_a_german_compound_meets_its_parts() -> None:
    doc = ["Der Krebsimpfstoff wurde gestern zugelassen.", "Jeder Impfstoff hilft vielen Kranken."]
    _, german = _ranker_in("de").relevance(doc)
    _, english = _ranker_in("en").relevance(doc)
    _, without_pieces = BriefRank(language="de", compound_pieces=False).relevance(doc)
    assert german[0, 1] > 0.1
    assert english[0, 1] == without_pieces[0, 1] == 0.0


def _ranker_in(language: str) -> BriefRank:
    return BriefRank(language=language)


def _reference_similarity(sentences: list[str], language: str = "en") -> np.ndarray:
    """Cosine similarity of log(1 + tf) term vectors, built the plain way."""
    bags = [Counter(sentence_terms(s, language)) for s in sentences]
    terms = sorted(set().union(*bags))
    matrix = np.log1p(np.array([[bag[t] for t in terms] for bag in bags], dtype=float))
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0.0] = 1.0
    matrix /= norms[:, None]
    similarity: np.ndarray = matrix @ matrix.T
    np.fill_diagonal(similarity, 0.0)
    return similarity


def test_similarity_matches_a_plain_term_vector_implementation() -> None:
    doc = [*DOC, "PROFITS rose; the firm's profit beat forecasts.", "The and of", "Profits!"]
    _, similarity = _ranker().relevance(doc, "Budget profits")
    np.testing.assert_allclose(similarity, _reference_similarity(doc), atol=1e-12)


def test_german_similarity_matches_a_plain_implementation_with_pieces() -> None:
    doc = [
        "Der Bundestag beschloss den Haushalt nach langer Debatte.",
        "Die Haushaltsdebatte im Bundestag dauerte bis in die Nacht.",
        "Ein neuer Krebsimpfstoff wurde zugelassen; der Impfstoff wirkt.",
        "Der Impfstoff gegen Krebs wirkt bei vielen Patienten.",
        "Der und die",
    ]
    _, similarity = _ranker_in("de").relevance(doc)
    np.testing.assert_allclose(similarity, _reference_similarity(doc, "de"), atol=1e-12)


def test_ranking_does_not_depend_on_the_vocabulary_state(monkeypatch: MonkeyPatch) -> None:
    doc = [*DOC, "Profits at small firms rose."]
    expected = _ranker().rank(doc, "Budget cuts taxes for small firms")
    monkeypatch.setattr(briefrank, "_VOCABULARY_LIMIT", 0)  # a fresh vocabulary per call
    assert _ranker().rank(doc, "Budget cuts taxes for small firms") == expected
    assert _ranker().rank(list(reversed(doc)), "Firms") == _ranker().rank(
        list(reversed(doc)), "Firms"
    )


def test_a_term_of_one_sentence_only_weighs_in_its_norm_but_in_no_similarity() -> None:
    # Row 0 holds term 7 twice and term 9; row 1 holds term 7; row 2 only term 4; row 3 none.
    rows, terms = np.array([0, 0, 0, 1, 2]), np.array([7, 7, 9, 7, 4])
    similarity, last_has_terms = briefrank._cosine_matrix(rows, terms, np.ones(5), 4)
    log2, log3 = np.log(2), np.log(3)
    assert similarity[0, 1] == pytest.approx(log3 / np.hypot(log3, log2))
    assert similarity[1, 1] == pytest.approx(1.0)
    assert similarity[0, 2] == similarity[2, 2] == similarity[3, 0] == 0.0
    assert last_has_terms is False


def test_the_similarity_is_the_same_summed_over_blocks_of_terms(monkeypatch: MonkeyPatch) -> None:
    doc = [*DOC, "PROFITS rose; the firm's profit beat forecasts.", "Profits!"]
    whole = _ranker().relevance(doc, "Budget profits")
    monkeypatch.setattr(briefrank, "_BLOCK_COLUMNS", 2)
    blocks = _ranker().relevance(doc, "Budget profits")
    np.testing.assert_allclose(blocks[1], whole[1], atol=1e-12)
    np.testing.assert_allclose(blocks[0], whole[0], atol=1e-12)


def test_a_token_longer_than_any_word_has_no_pieces() -> None:
    assert briefrank.pieces("a" * 40 + "b" * 40) == ["aaaa", "aaab", "aabb", "abbb", "bbbb"]
    assert briefrank.pieces("ab" * 41) == []  # 82 characters: a hostile token, not a word


def test_the_vocabulary_starts_afresh_once_pieces_fill_it(monkeypatch: MonkeyPatch) -> None:
    monkeypatch.setattr(briefrank, "_VOCABULARY_LIMIT", 10)
    monkeypatch.setattr(briefrank, "_vocabularies", {})
    german, english = briefrank._vocabulary("de"), briefrank._vocabulary("en")
    german["Nationalversammlung"], english["Nationalversammlung"]  # 1 token (+16 pieces in German)
    assert german.size == 17 and english.size == 1
    assert briefrank._vocabulary("de") is not german
    assert briefrank._vocabulary("en") is english
