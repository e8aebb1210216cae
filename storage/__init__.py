"""Persistence for briefbot: models, engine/session factory, repositories, search, migrations.

Imports only SQLAlchemy and Alembic; the caller passes URLs in and owns transactions.
"""
