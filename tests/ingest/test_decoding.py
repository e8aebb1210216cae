"""Decoding input bytes: byte-order marks, UTF-8 with a few bad bytes, cp1252 only when no UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.items import BriefCandidate, Notice
from ingest.sources.files import read_path
from ingest.validation import InvalidInput, decode_noting, decode_text

TEXT = "Le café à Paris a rouvert — “naïve” résumé, £200. " * 3


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "utf-8"]
)
def test_text_with_a_byte_order_mark_is_decoded_by_it(encoding: str) -> None:
    # "utf-16" and "utf-32" write their own mark; the others are given one.
    marked = (
        TEXT.encode(encoding)
        if encoding[-2:] in ("16", "32")
        else ("\ufeff" + TEXT).encode(encoding)
    )
    assert decode_text(marked) == TEXT


def test_a_utf16_file_with_a_bom_is_ingested(tmp_path: Path) -> None:
    body = "The harbour reopened on Tuesday after the storm, officials said. " * 4
    (tmp_path / "notepad.txt").write_bytes(body.encode("utf-16"))
    [item] = read_path(tmp_path / "notepad.txt")
    assert isinstance(item, BriefCandidate) and item.text.strip() == body.strip()


def test_malformed_utf16_after_its_bom_is_one_line() -> None:
    with pytest.raises(InvalidInput, match=r"^undecodable: malformed UTF-16$"):
        decode_text(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate


def test_one_bad_byte_in_utf8_is_replaced_and_the_rest_stays_utf8() -> None:
    data, at = TEXT.encode(), TEXT.index("Paris")
    bad = data.replace(b"Paris", b"\xffParis", 1)
    assert decode_text(bad) == TEXT[:at] + "\ufffd" + TEXT[at:]


def test_text_with_no_utf8_at_all_is_read_as_cp1252() -> None:
    plain = TEXT.replace("—", "-").replace("“", '"').replace("”", '"')
    assert decode_text(plain.encode("cp1252")) == plain
    assert decode_text(b"plain ascii \x93quoted\x94 text") == "plain ascii \u201cquoted\u201d text"


def test_what_was_replaced_or_guessed_is_noted_and_nothing_else() -> None:
    bad = TEXT.encode().replace(b"Paris", b"\xffParis\xfe", 1)
    text, note = decode_noting(bad)
    assert text.count("\ufffd") == 2
    assert note == "invalid UTF-8 replaced by \ufffd (U+FFFD) in 2 places; read all the same"
    written = ("\ufffd already here " + TEXT).encode()  # a U+FFFD the input holds is no repair
    assert decode_noting(written) == (written.decode(), None)
    assert decode_noting(b"\xef\xbb\xbf" + bad)[1] == note  # after a UTF-8 mark too
    assert decode_noting(b"plain \x93quoted\x94") == (
        "plain \u201cquoted\u201d",
        "not UTF-8: read as Windows-1252 (cp1252)",
    )
    assert decode_noting(TEXT.encode("utf-16")) == (TEXT, None)


def test_a_file_with_bad_bytes_is_read_with_a_notice_before_its_brief(tmp_path: Path) -> None:
    body = "The harbour café reopened on Tuesday after the storm, officials said. " * 4
    path = tmp_path / "brief.txt"  # UTF-8 (its é) with one bad byte
    path.write_bytes(body.encode().replace(b"storm", b"st\xffrm", 1))
    notice, candidate = list(read_path(path))
    assert isinstance(notice, Notice) and notice.origin == str(path)
    assert notice.reason.startswith("invalid UTF-8 replaced by \ufffd (U+FFFD) in one place")
    assert isinstance(candidate, BriefCandidate) and "st\ufffdrm" in candidate.text
