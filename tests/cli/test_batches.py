"""The batch commands' shared options."""

from __future__ import annotations

from cli.batches import DEFAULT_BATCH
from ingest.brief_refresh import DEFAULT_BATCH as REFRESH_BATCH
from ingest.language_backfill import DEFAULT_BATCH as BACKFILL_BATCH


def test_the_cli_states_the_default_batch_ingest_uses() -> None:
    # The CLI repeats the number so that --help needs no ingest import at start-up.
    assert DEFAULT_BATCH == REFRESH_BATCH == BACKFILL_BATCH
