"""Building an edition: the papers first seen since the last one, sectioned and frozen.

The frozen content holds the edition's whole *pool* (every eligible paper, by
section, in editorial order) and the default selection; each subscriber's copy
is selected from the pool (:mod:`pipeline.copies`).

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
from pipeline.stages.rank import Ranker, make_ranker, paper_text
from pipeline.stages.select import Selection, editorial_key, editorial_relevance
from pipeline.stages.select import select as select_papers
from pipeline.textfmt import make_subject
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


def pool_papers(content: dict) -> dict[str, dict]:
    """Every paper of an edition's pool by id."""
    return {p["id"]: p for sec in content["pool"] for p in sec["papers"]}


def view_json(content: dict, selection: Selection) -> dict:
    """A selection spelled out: the featured paper and the sections with their papers."""
    papers = pool_papers(content)
    names = {sec["category"]: sec["name"] for sec in content["pool"]}
    return {
        "featured": papers[selection.featured],
        "sections": [
            {"category": cat, "name": names[cat], "papers": [papers[pid] for pid in ids]} for cat, ids in selection.sections
        ],
    }


def edition_json(edition: Edition) -> dict:
    """``build --json``: the edition as a subscriber with no preferences gets it."""
    content = edition.content
    default = Selection.from_json(content["default"])
    return {
        "number": edition.number,
        "subject": edition.subject,
        "title": edition.title,
        **view_json(content, default),
        "pool": sum(len(sec["papers"]) for sec in content["pool"]),
        "editorial_order": content["editorial"],
    }


def candidate_papers(session: Session, settings: Settings) -> tuple[list[Paper], Edition | None]:
    """Stored papers eligible for the next edition, in a plain order (by id)."""
    last = session.scalars(select(Edition).order_by(Edition.number.desc()).limit(1)).first()
    in_editions = select(EditionPaper.arxiv_id)
    query = select(Paper).where(Paper.announce_type.in_(FRESH_ANNOUNCE_TYPES), Paper.arxiv_id.not_in(in_editions))
    if last is not None:
        query = query.where(Paper.first_seen_at >= last.built_at)
    return list(session.scalars(query.order_by(Paper.arxiv_id))), last


def editorial_pool(sections: list[section.Section], settings: Settings, *, ranker: Ranker | None = None) -> tuple[list[dict], str]:
    """The pool's sections in editorial order: by EDITORIAL_INTERESTS when set, else the heuristic."""
    pool = [{"category": s.category, "name": s.name, "papers": [paper_json(p) for p in s.papers]} for s in sections]
    if settings.editorial_interests and settings.editorial_interests.strip():
        ranker = ranker or make_ranker(settings.ranker, model=settings.embedding_model)
        papers = [p for sec in pool for p in sec["papers"]]
        scores = ranker.index([paper_text(p) for p in papers]).scores([settings.editorial_interests])[0]
        by_id = {p["id"]: float(x) for p, x in zip(papers, scores)}
        for sec in pool:
            sec["papers"].sort(key=lambda p: (-by_id[p["id"]], p["id"]))
        return pool, f"interests ({ranker.name})"
    for sec in pool:
        sec["papers"].sort(key=lambda p, cat=sec["category"]: editorial_key(p, cat, settings.arxiv_categories))
    return pool, "heuristic"


def default_selection(content: dict, settings: Settings) -> Selection:
    return select_papers(
        content["pool"],
        editorial_relevance(content["pool"]),
        ranker="editorial",
        papers_per_section=settings.papers_per_section,
        max_papers=settings.max_papers,
    )


def build_edition(session: Session, settings: Settings, *, now: datetime | None = None, ranker: Ranker | None = None) -> BuildResult:
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
    pool, editorial = editorial_pool(sections, settings, ranker=ranker)
    content = {"title": settings.newsletter_title, "pool": pool, "editorial": editorial}
    default = default_selection(content, settings)
    content["default"] = default.to_json()
    featured_title = pool_papers(content)[default.featured]["title"]
    edition = Edition(
        number=number,
        built_at=now,
        title=settings.newsletter_title,
        subject=make_subject(number, settings.newsletter_title, featured_title),
        status="built",
        content=content,
    )
    position = 0
    for sec in pool:
        for paper in sec["papers"]:
            edition.papers.append(EditionPaper(position=position, arxiv_id=paper["id"], section=sec["category"]))
            position += 1
    session.add(edition)
    session.flush()
    return BuildResult(edition)
