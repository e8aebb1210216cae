"""Decoding input bytes: byte-order marks, UTF-8 with a few bad bytes, cp1252 only when no UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.items import BriefCandidate
from ingest.sources.files import read_path
from ingest.validation import InvalidInput, decode_text

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
