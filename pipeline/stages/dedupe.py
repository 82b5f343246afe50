"""Dedupe stage: one paper per arXiv id, whatever the feeds, versions or fetches.

:func:`merge` folds the records of one run (the same paper comes as ``new`` in
its primary category's feed and ``cross`` in the others); :func:`reconcile`
decides what a record changes in a paper already stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable

from pipeline.paper import ANNOUNCE_RANK, PaperRecord


def _fresher(a: str, b: str) -> str:
    """The fresher of two announce types (new > cross > replace > replace-cross)."""
    return a if ANNOUNCE_RANK.get(a, 9) <= ANNOUNCE_RANK.get(b, 9) else b


def _earliest(a: date | None, b: date | None) -> date | None:
    if a is None or b is None:
        return a or b
    return min(a, b)


def merge(records: Iterable[PaperRecord]) -> dict[str, PaperRecord]:
    """One record per arXiv id: the newest version's metadata, the freshest announce type."""
    merged: dict[str, PaperRecord] = {}
    for record in records:
        seen = merged.get(record.arxiv_id)
        if seen is None:
            merged[record.arxiv_id] = record
            continue
        newest = record if record.version > seen.version else seen
        merged[record.arxiv_id] = PaperRecord(
            arxiv_id=newest.arxiv_id,
            version=newest.version,
            title=newest.title,
            authors=newest.authors,
            abstract=newest.abstract,
            primary_category=newest.primary_category,
            categories=newest.categories,
            announce_type=_fresher(record.announce_type, seen.announce_type),
            announced_on=_earliest(record.announced_on, seen.announced_on),
            doi=newest.doi or seen.doi,
            journal_ref=newest.journal_ref or seen.journal_ref,
        )
    return merged


@dataclass(frozen=True, slots=True)
class StoredState:
    """The columns of a stored paper that reconciling needs."""

    version: int
    announce_type: str
    announced_on: date | None


def reconcile(record: PaperRecord, stored: StoredState) -> dict | None:
    """Column changes ``record`` brings to a stored paper, or None when it brings nothing.

    A higher version replaces the metadata (a revision keeps the paper's first
    announcement: its announce type and day stay those it was first seen with,
    unless the record is fresher). The paper's ``first_seen_at`` never moves.
    """
    changes: dict = {}
    if record.version > stored.version:
        changes.update(
            version=record.version,
            title=record.title,
            authors=record.authors,
            abstract=record.abstract,
            primary_category=record.primary_category,
            categories=record.categories,
        )
        if record.doi:
            changes["doi"] = record.doi
        if record.journal_ref:
            changes["journal_ref"] = record.journal_ref
    fresher = _fresher(record.announce_type, stored.announce_type)
    if fresher != stored.announce_type:
        changes["announce_type"] = fresher
        changes["announced_on"] = _earliest(record.announced_on, stored.announced_on)
    elif stored.announced_on is None and record.announced_on is not None:
        changes["announced_on"] = record.announced_on
    return changes or None
