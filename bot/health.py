"""The health endpoint of one ``briefbot run`` process, built from its services and role.

Which readiness checks apply (:mod:`runtime.readiness`):

* every role: ``database`` (``SELECT 1`` within 2 s), ``schema`` (current) and ``bot_api``
  (``getMe``, its outcome kept 30 s);
* roles that run the tick (``all``, ``scheduler``): ``tick``, a tick succeeded (or another
  instance ran the minute's) within 3 intervals. ``updates`` and ``worker`` instances have no
  ``tick`` check: they cannot restart a scheduler, and a stale tick shows on the scheduler's
  own ``/readyz`` and in ``briefbot_tick_last_success_timestamp_seconds``.
"""

from __future__ import annotations

import asyncio
import logging

from bot.context import BotApplication
from bot.roles import Role
from runtime.health import HealthServer
from runtime.logs import secret_fragments
from runtime.readiness import (
    DATABASE_TIMEOUT_SECONDS,
    BotApiCheck,
    Check,
    database_check,
    schema_check,
    tick_check,
)
from runtime.services import BotServices
from storage.schema import head_revision

logger = logging.getLogger(__name__)


def readiness_checks(
    application: BotApplication, services: BotServices, role: Role, tick_interval: float | None
) -> dict[str, Check]:
    """The checks ``/readyz`` runs for ``role`` (see the module docstring)."""
    checks: dict[str, Check] = {
        "database": database_check(services.engine),
        "schema": schema_check(services.engine, head_revision()),
        "bot_api": BotApiCheck(application.bot.get_me),
    }
    if role.runs_tick and tick_interval is not None:
        checks["tick"] = tick_check(services.metrics, services.clock, tick_interval)
    return checks


def health_server(
    application: BotApplication, services: BotServices, role: Role, tick_interval: float | None
) -> HealthServer | None:
    """The endpoint on ``BRIEFBOT_METRICS_HOST:PORT``, not yet started; None when no port is set."""
    settings = services.settings
    if settings.metrics_port is None:
        return None
    episode = services.episodes.get(logger, "metrics outbox query")

    async def refresh_outbox() -> None:
        # Bounded as /readyz's database check is: a hung database must not hang the scrape,
        # which then serves the gauges' last values with the counters.
        try:
            async with asyncio.timeout(DATABASE_TIMEOUT_SECONDS):
                await services.metrics.refresh_outbox(
                    services.read_session_factory, services.now()
                )
        except TimeoutError:
            episode.failed(TimeoutError(f"no answer within {DATABASE_TIMEOUT_SECONDS:g} s"))
            return
        except Exception as error:
            episode.failed(error)
            return
        episode.succeeded()

    token = settings.telegram_token.get_secret_value() if settings.telegram_token else ""
    return HealthServer(
        settings.metrics_host,
        settings.metrics_port,
        checks=readiness_checks(application, services, role, tick_interval),
        metrics=services.metrics,
        before_scrape=refresh_outbox,
        secrets=secret_fragments(token),
    )
