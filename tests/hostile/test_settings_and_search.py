"""Hostile settings (environment and ``.env``) and search queries on both databases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli.main import main
from runtime.settings import Settings, SettingsError, load_settings
from storage.engine import create_session_factory
from storage.repositories import BriefRepository
from tests.hostile.strategies import HOSTILE_FRAGMENTS, assert_one_line, hostile, hostile_text
from tests.support.database import Database
from tests.support.factories import make_brief

VARIABLES = [name.upper() for name in Settings.model_fields]
# What an environment variable can hold: no NUL, no lone surrogate.
env_values = st.one_of(
    hostile_text(80).map(lambda text: text.replace("\x00", "")),
    st.sampled_from(
        ["-1", "0", "1e400", "nan", "inf", "99999999999999999999", "25:00", " ", "1,x"]
    ),
)


@pytest.fixture
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """No ``BRIEFBOT_*`` variable set, run from an empty folder (no stray ``.env``)."""
    for name in VARIABLES:
        monkeypatch.delenv(f"BRIEFBOT_{name}", raising=False)
    monkeypatch.chdir(tmp_path)
    return monkeypatch


@hostile(80)
@given(name=st.sampled_from(VARIABLES), value=env_values)
def test_a_malformed_setting_stops_the_cli_with_one_line_naming_it(
    clean_environment: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    name: str,
    value: str,
) -> None:
    with pytest.MonkeyPatch.context() as patch:  # this example's variable only
        patch.setenv(f"BRIEFBOT_{name}", value)
        try:
            load_settings()
        except SettingsError:
            pass
        else:
            return  # a value the settings accept (any text is an address to listen on)
        status = main(["db", "status"])
    out, err = capsys.readouterr()
    assert status == 2 and out == ""
    assert err.startswith(f"briefbot: BRIEFBOT_{name}: ") and err.endswith("\n")
    assert_one_line(err.removesuffix("\n"))


@hostile(60)
@given(lines=st.lists(st.tuples(st.sampled_from(VARIABLES), env_values), max_size=4))
def test_a_hostile_env_file_gives_settings_or_one_line(
    clean_environment: pytest.MonkeyPatch, tmp_path: Path, lines: list[tuple[str, str]]
) -> None:
    content = "\n".join(f"BRIEFBOT_{name}={value}" for name, value in lines)
    (tmp_path / ".env").write_text(content, encoding="utf-8")
    try:
        load_settings()
    except SettingsError as error:
        assert_one_line(str(error))


NOW = dt.datetime(2026, 11, 25, 12, 0, tzinfo=dt.UTC)
queries = st.one_of(
    hostile_text(200),
    st.lists(st.sampled_from(HOSTILE_FRAGMENTS), max_size=12).map(" ".join),
    st.sampled_from(['"', '""', '"unclosed', "a*", "*", "NEAR(a b)", "a:b", "-a", "a AND", "(a"]),
    st.text(st.sampled_from("\"*:()^-+'~ab \\"), max_size=40),
)


@hostile(40)
@given(query=queries, limit=st.sampled_from([1, 10, 50]))
async def test_hostile_search_queries_never_error_on_either_database(
    any_database: Database, query: str, limit: int
) -> None:
    engine = any_database.engine()
    try:
        factory = create_session_factory(engine)
        async with factory() as session, session.begin():
            repository = BriefRepository(session)
            if not await repository.search("harbour", now=NOW):
                await repository.add(
                    make_brief(title="Harbour <b>works</b>", text='The harbour "works" go on.')
                )
            found = await repository.search(query, limit=limit, now=NOW)
            await repository.matching(query, [brief.id for brief in found] + [1])
        assert len(found) <= limit
    finally:
        await engine.dispose()
