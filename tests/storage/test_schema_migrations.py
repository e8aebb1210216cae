"""Migrations, the schema check, and agreement between models and migrated schema."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

import storage.schema
from storage.engine import create_session_factory
from storage.models import Base, ChatType, RuleKind, Subscriber
from storage.models.base import JSONDocument, UTCDateTime
from storage.repositories import BriefRepository, CursorRepository, TopicRuleRepository
from storage.schema import (
    SchemaAheadError,
    SchemaBehindError,
    SchemaError,
    SchemaState,
    SchemaUnknownError,
    SchemaUnversionedError,
    alembic_config,
    ensure_schema_current,
    head_revision,
    schema_status,
    upgrade_engine,
)
from storage.search import include_object
from tests.support.database import Database


async def test_migrated_schema_is_up_to_date(engine: AsyncEngine) -> None:
    status = await schema_status(engine)
    assert status.state is SchemaState.UP_TO_DATE
    assert await ensure_schema_current(engine) == status


async def test_models_match_migrated_schema(engine: AsyncEngine) -> None:
    def differences(connection: Connection) -> list[object]:
        context = MigrationContext.configure(
            connection, opts={"include_object": include_object, "compare_type": True}
        )
        return list(compare_metadata(context, Base.metadata))

    async with engine.connect() as connection:
        assert await connection.run_sync(differences) == []


async def test_blank_database_raises_schema_behind_naming_upgrade_command(
    blank_database: Database,
) -> None:
    engine = blank_database.engine()
    try:
        assert (await schema_status(engine)).state is SchemaState.EMPTY
        with pytest.raises(SchemaBehindError, match="run `briefbot db upgrade`"):
            await ensure_schema_current(engine)
        await upgrade_engine(engine)
        assert (await schema_status(engine)).state is SchemaState.UP_TO_DATE
    finally:
        await engine.dispose()


# One upgrade in a process of its own, printing the state it found: Alembic keeps its
# context in a module global, so two upgrades cannot share one process.
_MIGRATE_ALONE = """
import asyncio, sys
from storage.engine import create_engine
from storage.schema import migrate

async def run() -> None:
    engine = create_engine(sys.argv[1], schema=sys.argv[2] or None)
    try:
        print((await migrate(engine)).state.value)
    finally:
        await engine.dispose()

asyncio.run(run())
"""


def test_upgrades_started_together_migrate_once_and_both_succeed(
    blank_database: Database,
) -> None:
    command = [sys.executable, "-c", _MIGRATE_ALONE, blank_database.url,
               blank_database.schema or ""]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for _ in range(2)]
    outcomes = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], [err for _, err in outcomes]
    assert sorted(out.strip() for out, _ in outcomes) == ["empty", "up_to_date"]


async def test_tables_without_a_revision_are_unversioned_not_empty(
    blank_database: Database,
) -> None:
    engine = blank_database.engine()
    try:
        await upgrade_engine(engine)
        async with engine.begin() as connection:
            await connection.execute(text("DROP TABLE alembic_version"))
        status = await schema_status(engine)
        with pytest.raises(SchemaUnversionedError, match="no schema revision"):
            await ensure_schema_current(engine)
    finally:
        await engine.dispose()
    assert (status.state, status.current) == (SchemaState.UNVERSIONED, None)


async def test_older_revision_raises_schema_behind(
    engine: AsyncEngine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(storage.schema.MIGRATIONS_DIR, migrations)
    head = head_revision()
    (migrations / "versions" / "9001_next.py").write_text(
        f'revision = "9001"\ndown_revision = "{head}"\nbranch_labels = None\n'
        "depends_on = None\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n"
    )
    monkeypatch.setattr(storage.schema, "MIGRATIONS_DIR", migrations)
    status = await schema_status(engine)
    assert (status.state, status.current, status.head) == (SchemaState.BEHIND, head, "9001")
    with pytest.raises(SchemaBehindError) as raised:
        await ensure_schema_current(engine)
    message = str(raised.value)
    assert "\n" not in message and "briefbot db upgrade" in message


@pytest.mark.parametrize(
    ("revision", "state", "error"),
    [
        ("9999", SchemaState.AHEAD, SchemaAheadError),  # numbered as ours: a newer briefbot's
        ("f00d", SchemaState.UNKNOWN, SchemaUnknownError),
        ("garbage", SchemaState.UNKNOWN, SchemaUnknownError),
    ],
)
async def test_a_revision_this_briefbot_lacks_is_ahead_only_when_numbered_as_ours(
    engine: AsyncEngine, revision: str, state: SchemaState, error: type[SchemaError]
) -> None:
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE alembic_version SET version_num = :revision"), {"revision": revision}
        )
    try:
        assert (await schema_status(engine)).state is state
        with pytest.raises(error):
            await ensure_schema_current(engine)
    finally:  # the PostgreSQL schema is shared by the whole test session
        async with engine.begin() as connection:
            await connection.execute(
                text("UPDATE alembic_version SET version_num = :head"), {"head": head_revision()}
            )


LEGACY_BRIEFS = sa.table(  # the briefs table as revision 0001 has it
    "briefs",
    sa.column("title", sa.String()),
    sa.column("ingested_at", UTCDateTime()),
    sa.column("text", sa.Text()),
    sa.column("content_hash", sa.String()),
    sa.column("summary", JSONDocument),
    sa.column("topics", JSONDocument),
)
WHEN = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)


async def downgrade_engine(engine: AsyncEngine, revision: str) -> None:
    def run(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(run)


async def raw_search_ids(engine: AsyncEngine, dialect: str, word: str) -> list[int]:
    """Search through the index objects alone (works on every revision)."""
    sql = (
        "SELECT rowid FROM briefs_fts WHERE briefs_fts MATCH :word"
        if dialect == "sqlite"
        else "SELECT id FROM briefs WHERE search_vector @@ to_tsquery('simple', :word)"
    )
    async with engine.connect() as connection:
        return list((await connection.scalars(text(sql), {"word": word})).all())


async def columns_and_tables(engine: AsyncEngine) -> tuple[set[str], set[str]]:
    def inspect_schema(connection: Connection) -> tuple[set[str], set[str]]:
        inspector = sa.inspect(connection)
        names = {column["name"] for column in inspector.get_columns("briefs")}
        return names, set(inspector.get_table_names())

    async with engine.connect() as connection:
        return await connection.run_sync(inspect_schema)


async def test_upgrade_from_0001_to_head_keeps_data_and_downgrade_reverses(
    blank_database: Database,
) -> None:
    engine = blank_database.engine()
    try:
        await upgrade_engine(engine, "0001")
        async with engine.begin() as connection:
            await connection.execute(
                LEGACY_BRIEFS.insert().values(
                    title="Harbour reopens", ingested_at=WHEN, text="The harbour reopened.",
                    content_hash="h1", summary=["The harbour reopened."], topics=["harbour"],
                )
            )
        status = await schema_status(engine)
        expected = (SchemaState.BEHIND, "0001", head_revision())
        assert (status.state, status.current, status.head) == expected
        await upgrade_engine(engine)
        assert (await schema_status(engine)).state is SchemaState.UP_TO_DATE
        factory = create_session_factory(engine)
        async with factory() as session, session.begin():
            [brief] = await BriefRepository(session).search("harbour", now=WHEN)
            assert (brief.title, brief.duplicate_count, brief.ingested_at) == (
                "Harbour reopens", 0, WHEN
            )
            await BriefRepository(session).note_duplicate(brief.id)
            await CursorRepository(session).set("alerts", brief.id)
        await downgrade_engine(engine, "0001")
        columns, tables = await columns_and_tables(engine)
        assert "duplicate_count" not in columns and "cursors" not in tables
        assert await raw_search_ids(engine, blank_database.dialect, "harbour") == [brief.id]
        await upgrade_engine(engine)
        async with factory() as session:
            assert (await BriefRepository(session).search("harbour", now=WHEN))[0].id == brief.id
            assert await CursorRepository(session).get("alerts") == 0
    finally:
        await engine.dispose()



async def test_briefs_stored_before_0007_are_found_without_their_diacritics_after_it(
    blank_database: Database,
) -> None:
    engine = blank_database.engine()
    try:
        await upgrade_engine(engine, "0005")
        async with engine.begin() as connection:
            await connection.execute(
                LEGACY_BRIEFS.insert().values(
                    title="Café in Zürich", ingested_at=WHEN, text="The café reopened.",
                    content_hash="h1", summary=["The café reopened."], topics=["Bogotá"],
                )
            )
        await upgrade_engine(engine)
        factory = create_session_factory(engine)
        async with factory() as session:
            for query in ("cafe", "zurich", "bogota", "Bogotá"):
                found = await BriefRepository(session).search(query, now=WHEN)
                assert [brief.title for brief in found] == ["Café in Zürich"], query
    finally:
        await engine.dispose()


async def test_briefs_stored_before_0016_are_found_by_their_stems_after_it(
    blank_database: Database,
) -> None:
    engine = blank_database.engine()
    languages = sa.table("briefs", sa.column("title", sa.String()), sa.column("language"))
    try:
        await upgrade_engine(engine, "0015")
        async with engine.begin() as connection:
            for title, language in (("Gipfel", "de"), ("Summit", "en")):
                await connection.execute(
                    LEGACY_BRIEFS.insert().values(
                        title=title, ingested_at=WHEN, text="Der Staat handelte.",
                        content_hash=title, summary=["Der Staat handelte."], topics=[],
                    )
                )
                await connection.execute(
                    languages.update().where(languages.c.title == title).values(language=language)
                )
        await upgrade_engine(engine)
        factory = create_session_factory(engine)
        async with factory() as session:
            found = await BriefRepository(session).search("Staaten", now=WHEN)
            assert [brief.title for brief in found] == ["Gipfel"]
        await downgrade_engine(engine, "0015")
        columns, _ = await columns_and_tables(engine)
        assert "search_stems" not in columns
        assert len(await raw_search_ids(engine, blank_database.dialect, "staat")) == 2
    finally:
        await engine.dispose()


async def test_0017_stores_rules_in_their_normal_form_and_drops_those_it_makes_twice(
    blank_database: Database,
) -> None:
    engine = blank_database.engine()
    rules = sa.table(
        "topic_rules", sa.column("subscriber_id", sa.Integer), sa.column("kind", sa.String),
        sa.column("phrase", sa.String), sa.column("created_at", UTCDateTime),
    )
    try:
        await upgrade_engine(engine, "0016")
        async with create_session_factory(engine)() as session, session.begin():
            subscriber = Subscriber(chat_id=7, chat_type=ChatType.PRIVATE)
            session.add(subscriber)
            await session.flush()
            ident = subscriber.id
        async with engine.begin() as connection:
            for kind, phrase in (
                ("follow", "nato\u200d"), ("follow", "nato"),  # one rule twice
                ("follow", "\uff4e\uff41\uff54\uff4f"),  # fullwidth: the same rule again
                ("follow", "\ufb01nance"),  # a ligature
                ("mute", "\u200cdef\u200dence"), ("mute", "\u200d"),  # nothing but a joiner
                ("mute", "\ufdfa" * 12),  # 216 letters in NFKC: kept as it was
            ):
                await connection.execute(
                    rules.insert().values(
                        subscriber_id=ident, kind=kind, phrase=phrase, created_at=WHEN
                    )
                )
        await upgrade_engine(engine)
        async with create_session_factory(engine)() as session:
            stored = await TopicRuleRepository(session).list(ident)
        assert [(rule.kind, rule.phrase) for rule in stored] == [
            (RuleKind.FOLLOW, "finance"),
            (RuleKind.FOLLOW, "nato"),
            (RuleKind.MUTE, "defence"),
            (RuleKind.MUTE, "\ufdfa" * 12),
        ]
    finally:
        await engine.dispose()
