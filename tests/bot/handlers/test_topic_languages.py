"""/topic on briefs in Hindi and French, through the real bot, on both databases."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from tests.support.database import Database
from tests.support.factories import brief
from tests.support.languages import FRENCH_BRIEF, HINDI_BRIEF, HINDI_TITLE
from tests.support.world import World, running_bot


@pytest.fixture
async def any_world(any_database: Database) -> AsyncIterator[World]:
    """The real bot on each dialect's migrated database (PostgreSQL: the run's schema)."""
    engine = any_database.engine()
    try:
        async with running_bot(any_database, engine=engine) as running:
            yield running
    finally:
        await engine.dispose()


async def test_topic_finds_a_hindi_brief_by_a_hindi_word(any_world: World) -> None:
    chat = any_world.api.create_private_chat(first_name="Asha")
    await any_world.say(chat.id, "/start")
    report = await any_world.ingest(
        brief(HINDI_TITLE, HINDI_BRIEF),
        brief("Tramways à Lyon", FRENCH_BRIEF),
    )
    assert report.stored == 2, report.problems
    [reply] = await any_world.say(chat.id, "/topic प्रौद्योगिकी")
    assert reply.text.startswith("About “प्रौद्योगिकी”")
    assert HINDI_TITLE in reply.text and "Tramways" not in reply.text


async def test_topic_finds_a_french_brief_by_the_singular_of_its_plural(any_world: World) -> None:
    chat = any_world.api.create_private_chat(first_name="Jeanne")
    await any_world.say(chat.id, "/start")
    report = await any_world.ingest(
        brief(HINDI_TITLE, HINDI_BRIEF),
        brief("Budget municipal", FRENCH_BRIEF),
    )
    assert report.stored == 2, report.problems
    [reply] = await any_world.say(chat.id, "/topic tramway")  # the brief says "tramways"
    assert "Budget municipal" in reply.text and HINDI_TITLE not in reply.text
