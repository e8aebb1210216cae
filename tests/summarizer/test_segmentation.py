from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.segmentation import (
    BriefTokenizer,
    split_block,
    split_sentences,
    tokenize_words,
)

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "india-israel-jwg-2025-11-05.txt"


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    "text",
    [
        "Gen. Manoj Pande reviewed the parade.",
        "Lt. Col. Rao and Lt Gen Dwivedi attended.",
        "He paid Rs. 500 for the ticket.",
        "The No. 1 seed lost in the final.",
        "Dr. Singh met Mr. Jones on Baker St. yesterday.",
        "The deal was signed on Jan. 5 in Delhi.",
        "Acme Inc. said profits rose.",
        "Tata Sons & Co. said profits rose.",
        "Shri Rajnath Singh and Smt. Droupadi Murmu attended.",
        "Prof. Rao addressed the Maj. Gen. and Capt. Iyer.",
    ],
)
def test_titles_ranks_and_abbreviations_do_not_end_sentences(text: str) -> None:
    assert split_sentences(text) == [text]


def test_us_initialism_inside_sentence_does_not_split() -> None:
    text = "The U.S. Army and the U.K. government met."
    assert split_sentences(text) == [text]


def test_initialism_at_sentence_end_splits_before_common_starter() -> None:
    text = "The talks were held in the U.S. The next round is in Delhi."
    assert split_sentences(text) == [
        "The talks were held in the U.S.",
        "The next round is in Delhi.",
    ]


def test_ambiguous_abbreviation_at_sentence_end_splits_before_common_starter() -> None:
    text = "Shares rose at Acme Inc. It was a good day."
    assert split_sentences(text) == ["Shares rose at Acme Inc.", "It was a good day."]


def test_uppercase_acronym_is_not_mistaken_for_title_abbreviation() -> None:
    text = "He joined the SEC. Companies must comply."
    assert split_sentences(text) == ["He joined the SEC.", "Companies must comply."]


def test_number_abbreviation_splits_when_not_followed_by_number() -> None:
    text = 'He replied: "No. Definitely not."'
    assert split_sentences(text) == ['He replied: "No.', 'Definitely not."']


@pytest.mark.parametrize(
    "text",
    [
        "Profits jumped 76% to $1.13bn (£600m) in the quarter.",
        "The state spent Rs 2,000.5 crore on roads.",
        "Inflation rose 3.5% in March.",
        "The rate was 0.25 percentage points higher.",
    ],
)
def test_decimals_and_amounts_do_not_split(text: str) -> None:
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "The book by J. K. Rowling sold well.",
        "Former President A.P.J. Abdul Kalam visited the school.",
        "The award went to George W. Bush last year.",
    ],
)
def test_initials_do_not_split(text: str) -> None:
    assert split_sentences(text) == [text]


def test_sentence_ending_inside_closing_quote_splits_after_quote() -> None:
    text = 'He called it "a reversal." India\'s rating rose.'
    assert split_sentences(text) == ['He called it "a reversal."', "India's rating rose."]


def test_curly_closing_quote_stays_with_its_sentence() -> None:
    text = "\u201cWe will win,\u201d he said. \u201cWe are ready.\u201d The crowd cheered."
    assert split_sentences(text) == [
        "\u201cWe will win,\u201d he said.",
        "\u201cWe are ready.\u201d",
        "The crowd cheered.",
    ]


def test_quoted_question_followed_by_lowercase_continues_sentence() -> None:
    text = '"Why now?" he asked. Nobody knew.'
    assert split_sentences(text) == ['"Why now?" he asked.', "Nobody knew."]


def test_question_and_exclamation_marks_end_sentences() -> None:
    text = "Is it over? Yes! The war is over."
    assert split_sentences(text) == ["Is it over?", "Yes!", "The war is over."]


def test_ellipsis_before_capital_ends_sentence_but_not_before_lowercase() -> None:
    assert split_sentences("He paused... Then he left.") == ["He paused...", "Then he left."]
    assert split_sentences("He paused... and then left.") == ["He paused... and then left."]
    assert split_sentences("Wait\u2026 It works.") == ["Wait\u2026", "It works."]


def test_missing_space_after_period_splits_before_capitalised_word() -> None:
    text = "Sales rose to $10.9bn.For the full-year, profit was $3.36bn."
    assert split_sentences(text) == [
        "Sales rose to $10.9bn.",
        "For the full-year, profit was $3.36bn.",
    ]


def test_missing_space_rule_spares_abbreviations_and_initialisms() -> None:
    text = "He met Mr.Smith in the U.S.A. office of e.g.Acme today."
    assert split_sentences(text) == [text]


@pytest.mark.parametrize(
    "text",
    [
        "See https://www.pib.gov.in/PressRelease.aspx?PRID=2232669 for details.",
        "Write to press.office@mod.Gov.in for passes.",
        "Upgrade to Python 3.11.2 or version 1.2.Beta today.",
        "Visit www.Example.com for the full text.",
    ],
)
def test_urls_emails_and_version_numbers_do_not_split(text: str) -> None:
    assert split_sentences(text) == [text]


def test_blank_lines_are_always_boundaries() -> None:
    text = "The first paragraph has no full stop\n\nThe second one does."
    assert split_sentences(text) == ["The first paragraph has no full stop", "The second one does."]


def test_bullet_and_numbered_items_are_separate_sentences() -> None:
    text = (
        "The outcomes were:\n- an MoU on defence cooperation\n* joint production\n"
        "\u2022 a start-up fund\n1. first numbered item\n2) second numbered item\n(a) lettered item"
    )
    assert split_sentences(text) == [
        "The outcomes were:",
        "- an MoU on defence cooperation",
        "* joint production",
        "\u2022 a start-up fund",
        "1. first numbered item",
        "2) second numbered item",
        "(a) lettered item",
    ]


def test_numbered_item_marker_is_not_split_from_its_text() -> None:
    assert split_sentences("1. First point here. Second point.") == [
        "1. First point here.",
        "Second point.",
    ]


def test_headings_are_separate_from_following_prose() -> None:
    text = "# Defence News\nKey Outcomes\nThe talks went well. Both sides agreed."
    assert split_sentences(text) == [
        "# Defence News",
        "Key Outcomes",
        "The talks went well.",
        "Both sides agreed.",
    ]


def test_hard_wrapped_lines_are_joined_into_one_sentence() -> None:
    text = "The delegation led by the\nDefence Secretary met its\ncounterparts in Tel Aviv."
    assert split_sentences(text) == [
        "The delegation led by the Defence Secretary met its counterparts in Tel Aviv."
    ]


def test_split_sentences_are_verbatim_up_to_whitespace() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    squashed = _squash(text)
    assert all(_squash(s) in squashed for s in sentences)
    assert _squash("".join(sentences)) == squashed


def test_sample_brief_splits_into_expected_sentences() -> None:
    sentences = split_sentences(SAMPLE.read_text(encoding="utf-8"))
    assert sentences[0] == "date 2025-11-05"
    assert len(sentences) == 14
    assert sentences[1].startswith("A high-level Indian delegation")
    assert sentences[1].endswith("held in Israel.")
    assert sentences[-1].endswith("sectors in defence innovation.")


def test_empty_and_whitespace_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\n \t") == []


def test_word_tokens_keep_amounts_initialisms_and_contractions() -> None:
    words = tokenize_words("The U.S. firm's $1.13bn deal, Rs 2,000.5 crore, don't -- stop!")
    assert words == [
        *("The", "U.S.", "firm's", "1.13bn", "deal"),
        *("Rs", "2,000.5", "crore", "don't", "stop"),
    ]


def test_word_tokens_drop_pure_punctuation() -> None:
    assert tokenize_words('"..." -- (!) ;') == []


def test_brief_tokenizer_works_as_sumy_tokenizer() -> None:
    from sumy.parsers.plaintext import PlaintextParser

    tokenizer = BriefTokenizer()
    assert tokenizer.language == "english"
    assert tokenizer.to_sentences("One here. Two there.") == ("One here.", "Two there.")
    assert tokenizer.to_words("Mr. Singh's $1.13bn.") == ("Mr", "Singh's", "1.13bn")
    parser = PlaintextParser.from_string(SAMPLE.read_text(encoding="utf-8"), tokenizer)
    assert len(parser.document.sentences) >= 13


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A list item starts a block even after a line that would otherwise run on.
        ("We agreed on\n- a joint plan for the coming year.",
         ["We agreed on", "- a joint plan for the coming year."]),
        # A long line without terminal punctuation is wrapped prose, not a heading.
        ("The minister said the two countries would sign the deal in Jerusalem with Prime "
         "Minister\nNetanyahu next week.",
         ["The minister said the two countries would sign the deal in Jerusalem with Prime "
          "Minister Netanyahu next week."]),
        # Twelve words is still a heading.
        ("One two three four five six seven eight nine ten eleven twelve\nThe text follows.",
         ["One two three four five six seven eight nine ten eleven twelve",
          "The text follows."]),
        ("## Talks\nthe two sides met.", ["## Talks", "the two sides met."]),
        ("Summary\nThe talks went well.", ["Summary", "The talks went well."]),
        # A heading-like line after a finished sentence, before capitalised text.
        ("The talks ended on\nFriday.\nNext Steps\nThe ministers will meet again.",
         ["The talks ended on Friday.", "Next Steps", "The ministers will meet again."]),
        ("The talks ended.\nMore Soon", ["The talks ended.", "More Soon"]),
        ("The talks ended:\nNext Steps\nThe ministers meet.",
         ["The talks ended:", "Next Steps", "The ministers meet."]),
        # ... but not when the text after it continues in lowercase ...
        ("The ministers agreed on three points:\nTrade and Defence\nwere the first two.",
         ["The ministers agreed on three points: Trade and Defence were the first two."]),
        ("The firms named three rivals:\nAmazon and Walmart\neBay came third.",
         ["The firms named three rivals: Amazon and Walmart eBay came third."]),
        # ... nor when the line before it did not end a sentence.
        ("The visit was planned with\nNew Delhi officials",
         ["The visit was planned with New Delhi officials"]),
        # ... but not when the text after it continues in lowercase.
        ("The talks ended.\nIn Delhi the ministers\nmet again on Friday.",
         ["The talks ended.", "In Delhi the ministers met again on Friday."]),
        # Only the leading blockquote marks of a line are dropped.
        ("> Prices rose > 5% this year.", ["Prices rose > 5% this year."]),
        ("> > Quoted twice.", ["Quoted twice."]),
    ],
)
def test_line_breaks_start_blocks_only_where_the_block_rules_say(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Dr. Rao agreed," he added.', ['"Dr. Rao agreed," he added.']),
        ("(Mr. Smith) arrived late.", ["(Mr. Smith) arrived late."]),
        # "?" and ".." end a sentence whatever the word before them.
        ("What about Dr? He was not there.", ["What about Dr?", "He was not there."]),
        ("The deal closed in Jan.. Nobody objected.",
         ["The deal closed in Jan..", "Nobody objected."]),
        # A two-letter acronym is not the title it spells.
        ("Analysts rated MS. The bank declined to comment.",
         ["Analysts rated MS.", "The bank declined to comment."]),
        # A decimal is not an initialism.
        ("Growth was 1.5. Analysts expected more.", ["Growth was 1.5.", "Analysts expected more."]),
        # After an initialism, a next word with its own period is no sentence start.
        ("He joined the U.S. No. 1 team.", ["He joined the U.S. No. 1 team."]),
        ("The talks ended. A deal is near.", ["The talks ended.", "A deal is near."]),
        ("Hello there.  The end.", ["Hello there.", "The end."]),
        ('"Why?"  he asked.', ['"Why?"  he asked.']),
    ],
)
def test_abbreviations_initialisms_and_spacing_at_a_period(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Prices rose.Up", ["Prices rose.", "Up"]),
        ("Prices rose.X", ["Prices rose.X"]),
        ("He scored 5.Then he left.", ["He scored 5.", "Then he left."]),
        ("Sales rose (sharply).Then they fell.", ["Sales rose (sharply).", "Then they fell."]),
        (".Net revenue rose 5%", [".Net revenue rose 5%"]),
        ("He left AMEX.Then he returned.", ["He left AMEX.Then he returned."]),
        ("Write to info@example.Com for details.", ["Write to info@example.Com for details."]),
        ("Open http://localhost/index.Html to see it.",
         ["Open http://localhost/index.Html to see it."]),
        ("Acme Inc.Shares rose.", ["Acme Inc.Shares rose."]),
    ],
)
def test_a_missing_space_is_a_boundary_only_after_lowercase_digits_percent_or_bracket(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text) == expected


def test_a_quote_after_a_boundary_closes_when_spaced_and_opens_when_attached() -> None:
    assert split_sentences('It is over. " The talks resume.') == [
        'It is over. "', "The talks resume."
    ]
    assert split_sentences('It is over. "The talks resume," he said.') == [
        "It is over.", '"The talks resume," he said.'
    ]


def test_split_block_ignores_trailing_whitespace() -> None:
    assert split_block("Hello there. ") == ["Hello there."]


def test_word_tokens_keep_non_ascii_letters() -> None:
    assert tokenize_words("Café in Zürich") == ["Café", "in", "Zürich"]
