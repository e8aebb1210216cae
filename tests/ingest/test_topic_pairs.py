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
    # a full run ends; the pairs after it make a run of their own
    assert runs_to_join(adjacent, long) == [
        tuple(range(MAX_RUN_WORDS)),
        tuple(range(MAX_RUN_WORDS, half)),
        tuple(range(half, half + MAX_RUN_WORDS)),
        tuple(range(half + MAX_RUN_WORDS, 2 * half)),
    ]


@pytest.mark.parametrize(
    ("language", "text", "name", "role"),
    [
        (  # "Prime Minister Narendra Modi" is "Narendra Modi": the role was glued, Modi hidden
            "hi",
            "प्रधानमंत्री नरेंद्र मोदी ने आज वाराणसी में परियोजनाओं का उद्घाटन किया। प्रधानमंत्री नरेंद्र"
            " मोदी ने कहा कि वाराणसी बदल रहा है। मोदी ने किसानों से बात की। मोदी ने रोड शो किया।",
            "नरेंद्र मोदी",
            "प्रधानमंत्री",
        ),
        (  # Army chief General Manoj Pande: "सेना प्रमुख जनरल मनोज" was one term, पांडे apart
            "hi",
            "सेना प्रमुख जनरल मनोज पांडे ने लद्दाख का दौरा किया। सेना प्रमुख जनरल मनोज पांडे ने"
            " सैनिकों से मुलाकात की। पांडे ने कहा कि सेना तैयार है। पांडे ने समीक्षा की।",
            "मनोज पांडे",
            "जनरल",
        ),
        (  # Prime Minister Benjamin Netanyahu: "the government Benjamin Netanyahu" was a term
            "he",
            "ראש הממשלה בנימין נתניהו אמר היום כי ישראל תמשיך במלחמה. ראש הממשלה בנימין נתניהו"
            " נפגש עם משפחות החטופים. נתניהו אמר כי החטופים ישובו. נתניהו התחייב לפעול.",
            "בנימין נתניהו",
            "הממשלה",
        ),
    ],
)
def test_a_role_before_a_name_is_no_part_of_its_term(
    language: str, text: str, name: str, role: str
) -> None:
    topics = extract_topics(None, [], text, limit=10, language=language)
    assert name in topics, topics
    assert not any(role in topic.split() and topic != role for topic in topics), topics


def test_a_rank_or_a_spokesman_makes_no_term() -> None:
    # Lieutenant Colonel (a rank) was the topic; "police spokesman" hid the police
    rank = "लेफ्टिनेंट कर्नल वॉन ने हमला किया। लेफ्टिनेंट कर्नल वॉन मारे गए। लेफ्टिनेंट कर्नल की याद।"
    assert "लेफ्टिनेंट कर्नल" not in extract_topics(None, [], rank, limit=10, language="hi")
    police = (
        "אמר דובר המשטרה כי החשוד נעצר. אמר דובר המשטרה כי החקירה נמשכת. עוד אמר דובר המשטרה"
        " כי אין חשש. המשטרה פתחה בחקירה."
    )
    topics = extract_topics(None, [], police, limit=10, language="he")
    assert topics[0] == "המשטרה" and "דובר המשטרה" not in topics, topics


def test_an_arabic_verb_of_saying_is_no_part_of_a_term() -> None:
    # "and the army added", "and the statement explained" were terms, hiding the army
    text = (
        "أعلن الجيش الإسرائيلي أنه شن غارات على جنوب لبنان. وأضاف الجيش أن الغارات استهدفت"
        " بنى تحتية. وأضاف الجيش أن طائراته دمرت منصات. وأوضح البيان أن العملية جاءت ردا."
        " وأوضح البيان أن لا إصابات."
    )
    topics = extract_topics(None, [], text, limit=10, language="ar")
    assert topics[0] == "الجيش" and "البيان" in topics, topics
    assert not any(verb in topic for topic in topics for verb in ("وأضاف", "وأوضح")), topics


def test_a_term_holds_no_word_twice() -> None:
    # A name written over and over ("उत्तर कोरिया उत्तर कोरिया ...") was one term of it twice.
    text = " ".join(["उत्तर कोरिया"] * 50) + "।"
    assert extract_topics(None, [], text, limit=10, language="hi") == ["उत्तर कोरिया"]


@pytest.mark.parametrize(
    ("language", "text", "word"),
    [
        ("ar", "إسرائيل تقصف غزة. قال الجيش إن غزة تحت الحصار. وقالت مصر إن الحل قريب.", "غزة"),
        ("he", "הצבא תקף בעזה. לדברי הצבא, עזה תחת מצור. גם עזה מגיבה.", "עזה"),
        ("hi", "भारत और चीन के बीच तनाव है। चीन ने सेना भेजी। भारत ने चीन से बात की।", "चीन"),
    ],
)
def test_a_three_letter_word_of_a_script_without_capitals_is_a_topic(
    language: str, text: str, word: str
) -> None:
    # Gaza, China: three letters, as "the" and "and" have, were never topics
    assert word in extract_topics(None, [], text, limit=10, language=language)


def test_three_letters_are_still_too_few_in_a_cased_script_and_for_function_words() -> None:
    assert "fog" not in extract_topics(None, [], "The fog came. The fog lifted.", language="en")
    text = "सरकार ने बात की। फिर बात हुई। सरकार ने फिर बात की।"  # "talk", "again"
    topics = extract_topics(None, [], text, limit=10, language="hi")
    assert "सरकार" in topics and not {"बात", "फिर"} & set(topics), topics
