"""Builder-style fakes for feed content: papers and days in arXiv's real format."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pipeline.fakes.arxiv import render_rss
from pipeline.paper import PaperRecord

DEFAULT_DAY = date(2026, 11, 23)


def paper(
    arxiv_id: str,
    *categories: str,
    version: int = 1,
    announce_type: str = "new",
    title: str | None = None,
    authors: list[str] | None = None,
    abstract: str | None = None,
    day: date = DEFAULT_DAY,
) -> PaperRecord:
    cats = list(categories) or ["cs.LG"]
    return PaperRecord(
        arxiv_id=arxiv_id,
        version=version,
        title=title or f"Paper {arxiv_id}",
        authors=authors or ["A. One", "B. Two"],
        abstract=abstract or f"Abstract of {arxiv_id}.",
        primary_category=cats[0],
        categories=cats,
        announce_type=announce_type,
        announced_on=day,
    )


class Day:
    """One announcement day: add papers, get each category's feed as arXiv writes it.

    The announce type of each paper in each feed follows arXiv's rule: ``new``
    where its primary category is the feed's, ``cross`` elsewhere; revisions
    become ``replace`` / ``replace-cross``.
    """

    def __init__(self, day: date = DEFAULT_DAY):
        self.day = day
        self.papers: list[tuple[PaperRecord, bool]] = []

    def new(self, arxiv_id: str, *categories: str, **kw) -> "Day":
        self.papers.append((paper(arxiv_id, *categories, day=self.day, **kw), False))
        return self

    def revision(self, arxiv_id: str, *categories: str, version: int = 2, **kw) -> "Day":
        self.papers.append((paper(arxiv_id, *categories, version=version, day=self.day, **kw), True))
        return self

    def records(self, category: str) -> list[PaperRecord]:
        out = []
        for rec, revised in self.papers:
            if category not in rec.categories:
                continue
            primary = rec.primary_category == category
            kind = ("replace" if primary else "replace-cross") if revised else ("new" if primary else "cross")
            out.append(replace(rec, announce_type=kind))
        return out

    def feed(self, category: str, **kw) -> bytes:
        return render_rss(category, self.day, self.records(category), **kw)

    def serve(self, arxiv, categories) -> None:  # noqa: ANN001
        for category in categories:
            arxiv.set_feed(category, self.feed(category))


def paper_dict(arxiv_id: str, category: str = "cs.LG", *, title: str | None = None, authors: list[str] | None = None,
               abstract: str | None = None, categories: list[str] | None = None, version: int = 1) -> dict:
    """A paper as an edition's pool holds it (``build --json`` shape)."""
    return {
        "id": arxiv_id,
        "version": version,
        "title": title or f"A study of topic {arxiv_id}",
        "authors": authors or ["Ada One", "Ben Two"],
        "abstract": abstract or f"We study topic {arxiv_id}. The results are good. We release code.",
        "primary_category": category,
        "categories": categories or [category],
        "url": f"https://arxiv.org/abs/{arxiv_id}",
        "pdf_url": f"https://arxiv.org/pdf/{arxiv_id}v{version}",
    }


def pool_content(per_section: int = 8, categories=("cs.RO", "cs.CV", "cs.LG", "cs.CL"), *, long_abstracts: bool = False) -> dict:
    """An edition's frozen content with ``per_section`` papers in each category."""
    from pipeline import taxonomy

    filler = " ".join(
        f"Sentence {i} explains the method in more detail, with $x_{i} \\le y$ and careful ablations." for i in range(14)
    )
    pool = []
    for k, c in enumerate(categories):
        papers = [
            paper_dict(f"2611.{k + 1}{i:04d}", c,
                       abstract=(f"We study topic {c} {i}. " + filler) if long_abstracts else None)
            for i in range(per_section)
        ]
        pool.append({"category": c, "name": taxonomy.name_of(c), "papers": papers})
    return {"title": "Arxiv Weekly Insights", "pool": pool, "editorial": "heuristic"}
