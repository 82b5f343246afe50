"""Subscriber operations on the store: import, add, list, unsubscribe, remove."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.errors import InputError
from pipeline.store.models import Subscriber
from subscribers.model import Status, SubscriberInput, email_key, normalize_email


def _now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(slots=True)
class UpsertCounts:
    """What saving a batch of subscribers did."""

    added: int = 0
    updated: int = 0
    reactivated: int = 0
    kept_inactive: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "added": self.added,
            "updated": self.updated,
            "reactivated": self.reactivated,
            "kept_inactive": self.kept_inactive,
        }


def upsert(session: Session, rows: list[SubscriberInput], *, reactivate: bool = False) -> UpsertCounts:
    """Add new subscribers and update known ones' profiles.

    A known subscriber who unsubscribed, bounced or complained stays so, unless
    ``reactivate`` (the operator's explicit ``add --reactivate``).
    """
    counts = UpsertCounts()
    now = _now()
    keys = [r.email_key for r in rows]
    known: dict[str, Subscriber] = {}
    for start in range(0, len(keys), 500):
        for sub in session.scalars(select(Subscriber).where(Subscriber.email_key.in_(keys[start : start + 500]))):
            known[sub.email_key] = sub
    for row in rows:
        sub = known.get(row.email_key)
        if sub is None:
            sub = Subscriber(
                email=row.email,
                email_key=row.email_key,
                name=row.name,
                status=Status.ACTIVE.value,
                categories=row.categories,
                interests=row.interests,
                seed=row.seed,
                pinned_authors=row.pinned_authors,
                keywords=row.keywords,
                created_at=now,
                updated_at=now,
            )
            session.add(sub)
            known[row.email_key] = sub
            counts.added += 1
            continue
        sub.name = row.name or sub.name
        sub.categories = row.categories or sub.categories
        sub.interests = row.interests or sub.interests
        sub.seed = row.seed or sub.seed
        sub.pinned_authors = row.pinned_authors or sub.pinned_authors
        sub.keywords = row.keywords or sub.keywords
        sub.updated_at = now
        if sub.status != Status.ACTIVE.value:
            if reactivate:
                sub.status = Status.ACTIVE.value
                sub.status_changed_at = now
                counts.reactivated += 1
            else:
                counts.kept_inactive.append(f"{sub.email} ({sub.status})")
                continue
        counts.updated += 1
    session.flush()
    return counts


def find(session: Session, email: str) -> Subscriber:
    """The subscriber with this address (any case); InputError when there is none."""
    key = email_key(normalize_email(email))
    sub = session.scalars(select(Subscriber).where(Subscriber.email_key == key)).first()
    if sub is None:
        raise InputError(f"no subscriber with address {email.strip()}")
    return sub


def set_status(session: Session, email: str, status: Status) -> Subscriber:
    sub = find(session, email)
    if sub.status != status.value:
        sub.status = status.value
        sub.status_changed_at = sub.updated_at = _now()
    return sub


def remove(session: Session, email: str) -> Subscriber:
    """Delete a subscriber and their profile (erasure on request)."""
    sub = find(session, email)
    session.delete(sub)
    return sub


def list_all(session: Session, *, status: Status | None = None) -> list[Subscriber]:
    query = select(Subscriber).order_by(Subscriber.email_key)
    if status is not None:
        query = query.where(Subscriber.status == status.value)
    return list(session.scalars(query))


def counts_by_status(session: Session) -> dict[str, int]:
    rows = session.execute(select(Subscriber.status, func.count()).group_by(Subscriber.status))
    counts = {s.value: 0 for s in Status}
    counts.update({status: n for status, n in rows})
    return counts


def subscriber_json(sub: Subscriber) -> dict:
    return {
        "email": sub.email,
        "name": sub.name,
        "status": sub.status,
        "categories": list(sub.categories or []),
        "interests": sub.interests,
        "seed": sub.seed,
        "authors": list(sub.pinned_authors or []),
        "keywords": list(sub.keywords or []),
        "created_at": sub.created_at.isoformat(),
        "updated_at": sub.updated_at.isoformat(),
    }
