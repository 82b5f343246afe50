"""Storing papers and feed state: the dedupe stage's decisions applied in bulk."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Iterable

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from pipeline.paper import PaperRecord
from pipeline.stages.dedupe import StoredState, merge, reconcile
from pipeline.store.models import Paper

#: Ids per ``IN (...)`` query; well under SQLite's and PostgreSQL's limits.
CHUNK = 500


@dataclass(slots=True)
class SaveCounts:
    """How many of the given papers were new, changed, or already known as they are."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    new_ids: frozenset[str] = frozenset()
    updated_ids: frozenset[str] = frozenset()


def _insert_ignoring_duplicates(session: Session):
    dialect = session.get_bind().dialect.name
    table = Paper.__table__  # Core executemany: the ORM's bulk path costs more per row
    if dialect == "postgresql":
        return pg_insert(table).on_conflict_do_nothing(index_elements=["arxiv_id"])
    if dialect == "sqlite":
        return sqlite_insert(table).on_conflict_do_nothing(index_elements=["arxiv_id"])
    return insert(table)


def save_papers(session: Session, records: Iterable[PaperRecord], *, now: datetime) -> SaveCounts:
    """Insert unseen papers and apply revisions to known ones, in a few bulk statements."""
    merged = merge(records)
    ids = list(merged)
    stored: dict[str, StoredState] = {}
    for start in range(0, len(ids), CHUNK):
        rows = session.execute(
            select(Paper.arxiv_id, Paper.version, Paper.announce_type, Paper.announced_on).where(
                Paper.arxiv_id.in_(ids[start : start + CHUNK])
            )
        )
        for arxiv_id, version, announce_type, announced_on in rows:
            stored[arxiv_id] = StoredState(version, announce_type, announced_on)

    inserts: list[dict] = []
    updates: list[dict] = []
    for arxiv_id, rec in merged.items():
        known = stored.get(arxiv_id)
        if known is None:
            inserts.append(
                {
                    "arxiv_id": arxiv_id,
                    "version": rec.version,
                    "title": rec.title,
                    "authors": rec.authors,
                    "abstract": rec.abstract,
                    "primary_category": rec.primary_category,
                    "categories": rec.categories,
                    "announce_type": rec.announce_type,
                    "announced_on": rec.announced_on,
                    "doi": rec.doi,
                    "journal_ref": rec.journal_ref,
                    "first_seen_at": now,
                    "updated_at": now,
                }
            )
            continue
        changes = reconcile(rec, known)
        if changes:
            changes["arxiv_id"] = arxiv_id
            changes["updated_at"] = now
            updates.append(changes)
    if inserts:
        session.execute(_insert_ignoring_duplicates(session), inserts)
    # bulk UPDATE by primary key wants one set of columns per statement
    by_columns: dict[frozenset, list[dict]] = {}
    for row in updates:
        by_columns.setdefault(frozenset(row), []).append(row)
    for rows in by_columns.values():
        session.execute(update(Paper), rows)
    return SaveCounts(
        new=len(inserts),
        updated=len(updates),
        unchanged=len(merged) - len(inserts) - len(updates),
        new_ids=frozenset(r["arxiv_id"] for r in inserts),
        updated_ids=frozenset(r["arxiv_id"] for r in updates),
    )
