"""Which lines closing a brief credit its reporters or agencies (ingest.wire_credits)."""

from __future__ import annotations

import pytest

from ingest.wire_credits import is_wire_credit


@pytest.mark.parametrize(
    "line",
    [
        "(Reporting by Jane Doe; Editing by John Smith)",
        "Additional reporting by Jane Doe",
        "(With inputs from PTI)",
        "Con información de EFE y Europa Press.",
        "Associated Press writer Jane Doe in Paris contributed to this report.",
        "Our Standards: The Thomson Reuters Trust Principles.",
        # Found by a second attack test: the formats of Indian, French and German agencies.
        "(Reporting by Jane Doe, John Smith and Ann Lee; Editing by Bo Kim)",
        "Associated Press writers Jane Doe in Paris and John Smith in London contributed.",
        "(PTI)",
        "(dpa)",
        "jd/dpa",
        "With PTI inputs",
        "(With agency inputs)",
        "(Avec AFP)",
        "Mit Material von dpa und Reuters",
        "Con ANSA",
        "(Except for the headline, this story has not been edited by NDTV staff and is "
        "published from a syndicated feed.)",
    ],
)
def test_a_wire_credit_is_one(line: str) -> None:
    assert is_wire_credit(line)


@pytest.mark.parametrize(
    "line",
    [  # found by an attack test: a last paragraph opening as a wire credit does
        "Reporting by the Financial Times last month revealed that the ministry had ignored "
        "warnings from the Royal Navy about delays.",
        "Compiled by the Office for National Statistics, the figures show a 5% rise.",
        "Writing by hand remains compulsory in Scottish schools, the ministry added.",
        "The ministry said the ships would be ready by 2029.",
        # Found by a second attack test: each opens as a credit does, then goes on as news.
        "Con información de la policía, los investigadores identificaron al sospechoso.",
        "With inputs from residents, the council will revise its plan next year.",
        "Produced by Warner Bros, the film grossed $1 billion worldwide.",
        "Compiled by Eurostat, the figures show a 5% rise in unemployment across the bloc.",
        "Editing by Apple engineers was blamed for the error, the report said.",
        "Yes.",
        # Found by a third test: short last lines that are no agency.
        "With Kane Injured",
        "(Applause)",
        "yes/no",
    ],
)
def test_a_last_paragraph_is_no_wire_credit(line: str) -> None:
    assert not is_wire_credit(line)
