"""Building an edition: the papers first seen since the last one, sectioned and frozen.

``build`` freezes edition N+1 from papers first seen since edition N was built
(all stored papers for the first edition), leaving out revisions
(``replace``/``replace-cross``), papers in no followed category and papers any
earlier edition already carried. The frozen content is the edition as a
subscriber with no preferences gets it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.paper import FRESH_ANNOUNCE_TYPES
from pipeline.settings import Settings
from pipeline.stages import section
from pipeline.store.models import Edition, EditionPaper, Paper


def paper_json(paper: Paper) -> dict:
    """The public JSON shape of a paper (``build --json``)."""
    return {
        "id": paper.arxiv_id,
        "version": paper.version,
        "title": paper.title,
        "authors": list(paper.authors),
        "abstract": paper.abstract,
        "primary_category": paper.primary_category,
        "categories": list(paper.categories),
        "url": f"https://arxiv.org/abs/{paper.arxiv_id}",
        "pdf_url": f"https://arxiv.org/pdf/{paper.arxiv_id}v{paper.version}",
        "announce_type": paper.announce_type,
        "announced_on": paper.announced_on.isoformat() if paper.announced_on else None,
        "doi": paper.doi,
        "journal_ref": paper.journal_ref,
    }


@dataclass(slots=True)
class BuildResult:
    """An edition that was built, or the reason none was."""

    edition: Edition | None
    reason: str | None = None

    def to_json(self) -> dict:
        if self.edition is None:
            return {"number": None, "reason": self.reason}
        return edition_json(self.edition)


def edition_json(edition: Edition) -> dict:
    return {"number": edition.number, **edition.content}


def make_subject(number: int, title: str, featured_title: str | None) -> str:
    subject = f"#{number} {title}"
    return f"{subject}: {featured_title}" if featured_title else subject


def candidate_papers(session: Session, settings: Settings) -> tuple[list[Paper], Edition | None]:
    """Stored papers eligible for the next edition, in a plain order (by id)."""
    last = session.scalars(select(Edition).order_by(Edition.number.desc()).limit(1)).first()
    in_editions = select(EditionPaper.arxiv_id)
    query = select(Paper).where(Paper.announce_type.in_(FRESH_ANNOUNCE_TYPES), Paper.arxiv_id.not_in(in_editions))
    if last is not None:
        query = query.where(Paper.first_seen_at >= last.built_at)
    return list(session.scalars(query.order_by(Paper.arxiv_id))), last


def build_edition(session: Session, settings: Settings, *, now: datetime | None = None) -> BuildResult:
    """Freeze the next edition, or say why there is nothing to build."""
    now = now or datetime.now(timezone.utc)
    papers, last = candidate_papers(session, settings)
    sections = section.group(papers, settings.arxiv_categories)
    if not sections:
        since = f" since edition #{last.number}" if last else ""
        stored = session.scalar(select(func.count()).select_from(Paper))
        what = "no papers stored yet (run `smartxiv fetch`)" if not stored else f"no new papers{since}"
        return BuildResult(None, reason=f"{what}; no edition built")
    number = (last.number if last else 0) + 1
    featured = sections[0].papers[0]
    content = {
        "subject": make_subject(number, settings.newsletter_title, featured.title),
        "title": settings.newsletter_title,
        "featured": paper_json(featured),
        "sections": [
            {"category": s.category, "name": s.name, "papers": [paper_json(p) for p in s.papers]} for s in sections
        ],
    }
    edition = Edition(
        number=number,
        built_at=now,
        title=settings.newsletter_title,
        subject=content["subject"],
        status="built",
        content=content,
    )
    position = 0
    for sec in sections:
        for paper in sec.papers:
            edition.papers.append(EditionPaper(position=position, arxiv_id=paper.arxiv_id, section=sec.category))
            position += 1
    session.add(edition)
    session.flush()
    return BuildResult(edition)
