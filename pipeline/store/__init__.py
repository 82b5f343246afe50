"""The store: SQLAlchemy 2 models, Alembic migrations and the session factory."""

from pipeline.store.db import Store, open_store

__all__ = ["Store", "open_store"]
