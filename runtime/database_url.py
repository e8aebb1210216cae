"""Whether SQLAlchemy and the driver can use a database URL as briefbot's database.

Checked when the settings are read, so a URL that would fail later (a port "abc", no database
name, a libpq parameter asyncpg does not take) is one line at start-up, never a traceback.
"""

from __future__ import annotations

DATABASE_URL_SHAPES = "sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER@HOST/DB"


def database_url_problem(database_url: str) -> str | None:
    """Why SQLAlchemy or the driver could not use ``database_url`` as briefbot's database."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(database_url)  # parses the port as an int: "abc" and "[::1" fail here
    except (ArgumentError, ValueError):
        return f"not a valid URL; expected {DATABASE_URL_SHAPES}"
    if url.port is not None and not 1 <= url.port <= 65535:
        return "the port must be a number from 1 to 65535"
    if url.get_backend_name() == "sqlite":
        # An in-memory database lives as long as one connection: `db upgrade` would
        # migrate one, and the next command would find another, empty.
        if url.database in (None, "", ":memory:") or url.query.get("mode") == "memory":
            return "an in-memory SQLite database cannot hold the bot's data; give a file path"
        if url.query:
            # The driver ignores them (SQLAlchemy only warns): ?mode=ro would open the file
            # for writing all the same. Briefbot sets SQLite's options itself.
            return f"a SQLite URL takes no ?query parameters; drop ?{min(url.query)}="
        return None
    if not url.database:
        # Without one asyncpg silently falls back to its defaults (a database named as the
        # operating system user).
        return "name the database: postgresql+asyncpg://USER@HOST/DB"
    ports = url.query.get("port")  # asyncpg's ?port= (e.g. with ?host=/socket/folder)
    for port in (ports,) if isinstance(ports, str) else ports or ():
        for part in port.split(","):
            if not (part.strip().isdigit() and 1 <= int(part) <= 65535):
                return "the port must be a number from 1 to 65535"
    problem = _query_problem(sorted(url.query))
    if problem is None and "direct_tls" in url.query and url.query["direct_tls"] != "true":
        # It reaches asyncpg as text, and any text is true: "false" asks for direct TLS.
        return "?direct_tls= takes only true (leave it out for false)"
    return problem


# Query parameters SQLAlchemy's asyncpg dialect hands to asyncpg.connect() as keywords, as text
# (``create_connect_args``). Not these of connect()'s: objects, which text cannot stand for.
_NOT_FROM_A_URL = frozenset({"dsn", "loop", "connection_class", "record_class", "server_settings"})
# Taken by the dialect itself (and made a number) before asyncpg.connect() is called.
_DIALECT_QUERY = frozenset({"prepared_statement_cache_size"})
# libpq's names asyncpg spells differently: the hint given with the refusal.
_LIBPQ_HINTS = {"sslmode": "asyncpg calls it ssl= (e.g. ?ssl=require)"}


def _query_problem(names: list[str]) -> str | None:
    """Why one of a PostgreSQL URL's query parameters would fail asyncpg.connect() (with a
    traceback: ``TypeError: connect() got an unexpected keyword argument``), or None."""
    import inspect

    import asyncpg  # type: ignore[import-untyped]  # no type information

    taken = {
        name: parameter.default
        for name, parameter in inspect.signature(asyncpg.connect).parameters.items()
        if name not in _NOT_FROM_A_URL
    }
    for name in names:
        if name in _DIALECT_QUERY:
            continue
        if name not in taken:
            usable = {n for n, default in taken.items() if not isinstance(default, int | float)}
            known = ", ".join(sorted(usable | _DIALECT_QUERY))
            hint = _LIBPQ_HINTS.get(name, f"it takes {known}")
            return f"?{name}= is not a parameter asyncpg takes; {hint}"
        if isinstance(taken[name], int | float):  # bool too
            # The value arrives as text ("10", "false"): asyncpg fails on it, or reads "false"
            # as true.
            return f"?{name}= reaches asyncpg as text, not the number or flag it needs; drop it"
    return None
