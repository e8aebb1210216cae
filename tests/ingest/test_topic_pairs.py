"""Topics: two words side by side as one term where no capital tells a name
(:mod:`ingest.topic_pairs`)."""

from __future__ import annotations

import pytest

from ingest.topic_pairs import MAX_RUN_WORDS, runs_to_join
from ingest.topics import extract_topics

NORTH_KOREA = "उत्तर कोरिया"  # North Korea: "north" and "Korea" were two topics


@pytest.mark.parametrize(
    ("language", "text", "term"),
    [
        (
            "hi",
            f"{NORTH_KOREA} ने मिसाइल दागी। {NORTH_KOREA} के नेता ने कहा कि {NORTH_KOREA} तैयार है।",
            NORTH_KOREA,
        ),
        (  # the Joint Working Group: three words, two pairs
            "hi",
            "संयुक्त कार्य समूह की बैठक हुई। संयुक्त कार्य समूह ने सहयोग पर चर्चा की।",
            "संयुक्त कार्य समूह",
        ),
        (  # the Israeli army
            "ar",
            "قال الجيش الإسرائيلي إن الجيش الإسرائيلي قصف غزة. وأكد الجيش الإسرائيلي ذلك.",
            "الجيش الإسرائيلي",
        ),
    ],
)
def test_two_uncased_words_written_together_again_and_again_are_one_term(
    language: str, text: str, term: str
) -> None:
    topics = extract_topics(None, [], text, limit=10, language=language)
    assert topics[0] == term, topics
    assert not set(term.split()) & set(topics), topics


def test_a_pair_that_is_not_how_the_text_mostly_names_its_word_stays_apart() -> None:
    # "heavy rain" twice, "rain" four times more: the rain keeps its own count
    text = "भारी बारिश हुई। बारिश से नुकसान। फिर भारी बारिश। बारिश रुकी। बारिश फिर आई। बारिश तेज़ थी।"
    topics = extract_topics(None, [], text, limit=10, language="hi")
    assert topics[0] == "बारिश", topics
    assert "भारी बारिश" not in topics, topics


def test_a_pair_written_once_or_in_a_cased_script_stays_apart() -> None:
    once = "डैनियल स्टुरिज ने गोल किया। स्टुरिज खुश थे। स्टुरिज ने कहा।"
    assert "डैनियल स्टुरिज" not in extract_topics(None, [], once, limit=10, language="hi")
    cased = "The road accident closed it. The road accident was bad. A road accident again."
    topics = extract_topics(None, [], cased, limit=10, language="en")
    assert "road accident" not in topics and "accident" in topics, topics


@pytest.mark.parametrize("word", ["ज़्यादा", "जिससे", "किसी", "जैसे", "बारे", "सबसे", "मिलियन"])
def test_hindi_function_words_and_amounts_are_no_topics(word: str) -> None:
    # "more", "by which", "any", "like", "about", "most", "million" were topics of NTREX's news
    text = f"सरकार ने {word} योजना बनाई। {word} लोग आए। सरकार ने {word} पैसा दिया।"
    topics = extract_topics(None, [], text, limit=10, language="hi")
    assert "सरकार" in topics, topics
    assert not any(word in topic.split() for topic in topics), topics


def test_pairs_sharing_a_word_make_one_run_of_at_most_max_run_words() -> None:
    keys = ["a", "b", "c", "a", "b", "c"]  # "a b c" twice: one run each time
    assert runs_to_join([(0, 1), (1, 2), (3, 4), (4, 5)], keys) == [(0, 1, 2), (3, 4, 5)]
    long = [str(n) for n in range(MAX_RUN_WORDS + 2)] * 2
    half = len(long) // 2
    adjacent = [(n, n + 1) for n in range(2 * half - 1) if n != half - 1]
    runs = runs_to_join(adjacent, long)
    assert runs[0] == tuple(range(MAX_RUN_WORDS)), runs  # the rest starts no run of its own
