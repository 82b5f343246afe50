"""What ``smartxiv status`` reports: editions, subscribers, schedules, feeds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select

from pipeline.editions import candidate_papers
from pipeline.schedule import next_run
from pipeline.settings import Settings
from pipeline.store import Store
from pipeline.store.models import Edition, EditionPaper, FeedState, Paper
from subscribers.service import counts_by_status


def collect_status(settings: Settings, store: Store, *, now: datetime) -> dict:
    nf = next_run(settings.fetch_schedule, settings.timezone, after=now, setting="FETCH_SCHEDULE")
    ne = next_run(settings.edition_schedule, settings.timezone, after=now, setting="EDITION_SCHEDULE")
    with store.session() as session:
        counts = dict(
            session.execute(select(EditionPaper.edition_id, func.count()).group_by(EditionPaper.edition_id)).all()
        )
        editions = [
            {"number": e.number, "built_at": e.built_at.isoformat(), "status": e.status, "subject": e.subject, "papers": counts.get(e.id, 0)}
            for e in session.scalars(select(Edition).order_by(Edition.number.desc()).limit(20))
        ]
        states = {s.category: s for s in session.scalars(select(FeedState))}
        feeds = []
        for category in settings.arxiv_categories:
            s = states.get(category)
            feeds.append(
                {
                    "category": category,
                    "last_fetched_at": s.last_fetched_at.isoformat() if s and s.last_fetched_at else None,
                    "last_success_at": s.last_success_at.isoformat() if s and s.last_success_at else None,
                    "status": s.last_status if s else None,
                    "announced_on": s.last_announced_on.isoformat() if s and s.last_announced_on else None,
                    "items": s.last_item_count if s else None,
                    "error": s.last_error if s else None,
                }
            )
        pending, _ = candidate_papers(session, settings)
        stored = session.scalar(select(func.count()).select_from(Paper))
        return {
            "editions": editions,
            "deliveries": {},
            "subscribers": counts_by_status(session),
            "schedule": {
                "next_fetch": nf.isoformat() if nf else None,
                "next_edition": ne.isoformat() if ne else None,
            },
            "papers": {"stored": stored, "pending": len(pending)},
            "feeds": feeds,
        }
