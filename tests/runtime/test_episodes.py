"""Fault episodes: one line as a fault starts, one as it ends, DEBUG for the repeats."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import DBAPIError, OperationalError
from telegram.error import BadRequest, NetworkError, TimedOut

from runtime.episodes import SETTLE_SECONDS, FaultEpisode, FaultEpisodes, is_transient

LOGGER = logging.getLogger("tests.episodes")


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def lines(caplog: pytest.LogCaptureFixture) -> list[tuple[int, str]]:
    return [(r.levelno, r.getMessage()) for r in caplog.records if r.name == LOGGER.name]


def locked() -> OperationalError:
    return OperationalError("INSERT ...", {}, Exception("database is locked"))


def test_repeats_are_debug_and_recovery_logs_once_with_count_and_duration(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Ticks()
    episode = FaultEpisode(LOGGER, "outbox database", clock=clock)

    with caplog.at_level(logging.DEBUG, logger=LOGGER.name):
        episode.succeeded()  # nothing to end: silent
        for _ in range(5):
            episode.failed(locked())
            clock.now += 2.5
        episode.succeeded()
        episode.succeeded()  # already over: silent

    assert lines(caplog) == [
        (
            logging.WARNING,
            "outbox database failing: OperationalError: (builtins.Exception) database is locked",
        ),
        *[
            (
                logging.DEBUG,
                "outbox database failing again: OperationalError: "
                "(builtins.Exception) database is locked",
            )
        ]
        * 4,
        (logging.WARNING, "outbox database recovered after 12.5 s, 5 failures"),
    ]
    assert [r.exc_info for r in caplog.records] == [None] * 6  # no traceback anywhere


def test_an_unknown_error_starts_its_episode_with_a_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    episode = FaultEpisode(LOGGER, "tick stage digests", clock=Ticks())

    with caplog.at_level(logging.INFO, logger=LOGGER.name):
        episode.failed(KeyError("digest_time"))
        episode.failed(KeyError("digest_time"))

    [record] = caplog.records
    assert (record.levelno, record.getMessage()) == (
        logging.ERROR,
        "tick stage digests failing: KeyError: 'digest_time'",
    )
    assert record.exc_info is not None and record.exc_info[0] is KeyError


def test_a_new_failure_after_recovery_starts_a_new_episode(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Ticks()
    episode = FaultEpisode(LOGGER, "Telegram sends", clock=clock)

    with caplog.at_level(logging.INFO, logger=LOGGER.name):
        episode.failed(NetworkError("Bad Gateway"))
        clock.now += 1
        episode.succeeded()
        clock.now += SETTLE_SECONDS  # long after: not a straggler of the first
        episode.failed(TimedOut())
        clock.now += 3
        episode.failed(TimedOut())
        episode.succeeded()

    assert [message for _, message in lines(caplog)] == [
        "Telegram sends failing: NetworkError: Bad Gateway",
        "Telegram sends recovered after 1.0 s, 1 failures",
        "Telegram sends failing: TimedOut: Timed out",
        "Telegram sends recovered after 3.0 s, 2 failures",
    ]


def test_an_episode_is_widespread_once_two_sources_fail_and_not_after_a_success() -> None:
    episode = FaultEpisode(LOGGER, "Telegram sends", clock=Ticks())

    episode.failed(NetworkError("Bad Gateway"), 1)
    episode.failed(NetworkError("Bad Gateway"), 1)
    one_chat = episode.widespread
    episode.failed(NetworkError("Bad Gateway"), 2)
    two_chats = episode.widespread
    episode.succeeded()

    assert (one_chat, two_chats, episode.widespread, episode.ongoing) == (False, True, False, False)


def test_the_registry_hands_out_one_episode_per_name() -> None:
    episodes = FaultEpisodes(Ticks())

    first = episodes.get(LOGGER, "outbox database")

    assert episodes.get(LOGGER, "outbox database") is first
    assert episodes.get(LOGGER, "Telegram sends") is not first


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (NetworkError("Internal Server Error"), True),
        (TimedOut(), True),
        (locked(), True),
        (ConnectionRefusedError(111, "Connection refused"), True),
        (BadRequest("chat not found"), False),
        (ValueError("bad payload"), False),
    ],
)
def test_known_passing_faults_are_transient(error: BaseException, transient: bool) -> None:
    assert is_transient(error) is transient


def test_stragglers_just_after_a_recovery_are_quiet_but_a_lasting_new_fault_is_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Ticks()
    episode = FaultEpisode(LOGGER, "Telegram sends", clock=clock)

    with caplog.at_level(logging.DEBUG, logger=LOGGER.name):
        episode.failed(TimedOut())
        clock.now += 60
        episode.succeeded()  # logged: the fault is over
        clock.now += 1
        episode.failed(TimedOut())  # a request sent during the fault times out late
        episode.succeeded()
        clock.now += 1
        episode.failed(TimedOut())  # and another
        clock.now += SETTLE_SECONDS
        episode.failed(TimedOut())  # still failing: a new outage
        clock.now += 2
        episode.succeeded()

    assert [(level, message) for level, message in lines(caplog) if level > logging.DEBUG] == [
        (logging.WARNING, "Telegram sends failing: TimedOut: Timed out"),
        (logging.WARNING, "Telegram sends recovered after 60.0 s, 1 failures"),
        (logging.WARNING, "Telegram sends failing: TimedOut: Timed out"),
        (logging.WARNING, "Telegram sends recovered after 7.0 s, 2 failures"),
    ]
    assert len(lines(caplog)) == 7  # the straggler, its end, and the new outage's first: DEBUG


class AsyncpgError(Exception):
    """What SQLAlchemy's asyncpg adapter hands on: the server's SQLSTATE."""

    def __init__(self, message: str, sqlstate: str | None) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("message", "sqlstate", "transient"),
    [
        ("the database system is shutting down", "57P03", True),
        ("terminating connection due to administrator command", "57P01", True),
        ("connection failure", "08006", True),
        ("cannot switch to state 15; another operation (2) is in progress", None, True),
        ('relation "deliveries" does not exist', "42P01", False),
    ],
)
def test_a_postgresql_server_going_away_is_transient_but_a_missing_table_is_not(
    message: str, sqlstate: str | None, transient: bool
) -> None:
    error = DBAPIError("SELECT 1", {}, AsyncpgError(message, sqlstate))
    assert is_transient(error) is transient
