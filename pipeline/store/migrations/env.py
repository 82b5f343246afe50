"""Alembic environment: runs on the connection smartxiv hands over."""

from alembic import context

from pipeline.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only the alembic CLI gets here
    raise SystemExit("run migrations through smartxiv (they apply on start)")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
