"""The offline world's database: the example briefs, summarized as the settings say."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cli.installation import examples_dir
from cli.offline import prepare_database
from runtime.settings import Settings
from storage.engine import create_engine, create_session_factory
from storage.models import Brief


async def test_prepare_database_summarizes_with_the_configured_length(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'offline.db'}"
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=url, summary_algorithm="lead", summary_sentences=1
    )
    line = await prepare_database(settings, [examples_dir() / "defence-releases.jsonl"])
    engine = create_engine(url)
    try:
        async with create_session_factory(engine)() as session:
            briefs = list((await session.scalars(select(Brief))).all())
    finally:
        await engine.dispose()
    assert line == f"stored {len(briefs)}, duplicate 0, rejected 0" and len(briefs) >= 3
    assert all(len(brief.summary) == 1 for brief in briefs)
    assert all(brief.text.startswith(brief.summary[0][:20]) for brief in briefs)


async def test_the_offline_world_leaves_the_metrics_port_to_the_real_bot(tmp_path: Path) -> None:
    import socket

    from cli.offline import offline_world
    from storage.schema import upgrade

    url = f"sqlite+aiosqlite:///{tmp_path / 'offline.db'}"
    await upgrade(url)
    with socket.socket() as taken:  # the bot running beside the demo holds the port
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None, database_url=url, metrics_port=taken.getsockname()[1]
        )
        async with offline_world(settings) as world:
            services = world.application.bot_data.services
            assert services is not None and services.settings.metrics_port is None
