"""BriefRank: the default ranker."""

from __future__ import annotations

import time

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


def test_handles_one_sentence_and_empty_documents() -> None:
    assert _ranker().rank(["Just one sentence."], "Title") == [0]
    assert _ranker().rank([]) == []


def test_handles_sentences_without_content_words() -> None:
    doc = ["It is what it is.", "And so on.", *DOC]
    assert sorted(_ranker().rank(doc)) == list(range(len(doc)))


def test_handles_a_400_sentence_document_quickly() -> None:
    doc = [f"{s[:-1]} (item {i})." for i in range(67) for s in DOC][:400]
    ranker = _ranker()
    ranker.rank(doc[:10])  # warm the stemmer cache
    start = time.perf_counter()
    ranking = ranker.rank(doc, "Budget approved")
    elapsed = time.perf_counter() - start
    assert sorted(ranking) == list(range(400))
    assert elapsed < 0.25


def test_is_deterministic() -> None:
    first = BriefRank().rank(DOC, "Budget approved")
    assert all(BriefRank().rank(DOC, "Budget approved") == first for _ in range(3))


def test_terms_keep_the_surface_form_and_the_stem_and_drop_stop_words() -> None:
    terms = sentence_terms("The profits of the firms")
    assert "profits" in terms and "firms" in terms
    assert "the" not in terms and "of" not in terms
    assert len(terms) == 4  # surface form + stem for each content word
