"""Select stage: which of the edition's papers one reader gets, in what order.

Input: the edition's pool (sections of papers in editorial order), a reader's
:class:`~subscribers.preferences.Profile`, and relevance scores for the pool
(from a ranker, or the editorial order for readers without interests). Output:
a :class:`Selection` — per section the best PAPERS_PER_SECTION, at most
MAX_PAPERS in all, papers by pinned authors or with must-include keywords
always in, and the best paper featured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Mapping, Sequence

from pipeline import taxonomy
from pipeline.textfmt import fold

DEFAULT_PAPERS_PER_SECTION = 5
DEFAULT_MAX_PAPERS = 25
#: Added to a must-include paper's score so it outranks every plain match (scores lie in [-1, 1]).
MUST_BOOST = 10.0


@dataclass(slots=True)
class Selection:
    """One reader's copy: sections of paper ids (featured included) and the featured id."""

    featured: str
    sections: list[tuple[str, list[str]]]
    ranker: str
    must_include: list[str] = field(default_factory=list)

    @property
    def paper_ids(self) -> list[str]:
        return [pid for _, ids in self.sections for pid in ids]

    def to_json(self) -> dict:
        return {
            "featured": self.featured,
            "sections": [{"category": c, "papers": ids} for c, ids in self.sections],
            "ranker": self.ranker,
            "must_include": self.must_include,
        }

    @classmethod
    def from_json(cls, data: dict) -> Selection:
        return cls(
            featured=data["featured"],
            sections=[(s["category"], list(s["papers"])) for s in data["sections"]],
            ranker=data["ranker"],
            must_include=list(data.get("must_include", [])),
        )


def _name_key(name: str) -> tuple[str, str]:
    parts = [p for p in re.split(r"[\s.]+", fold(name)) if p]
    if not parts:
        return ("", "")
    return (parts[-1], parts[0][0] if len(parts) > 1 else "")


def author_matches(pinned: str, author: str) -> bool:
    """``Jérémy Dupont`` pins ``J. Dupont`` and ``J\\'er\\'emy Dupont``; a bare ``Dupont`` pins any Dupont."""
    want_last, want_initial = _name_key(pinned)
    last, initial = _name_key(author)
    return bool(want_last) and want_last == last and (not want_initial or not initial or want_initial == initial)


def keyword_matches(keyword: str, text_folded: str) -> bool:
    kw = fold(keyword).strip()
    return bool(kw) and re.search(rf"(?<!\w){re.escape(kw)}(?!\w)", text_folded) is not None


def must_include(papers: Sequence[dict], *, authors: Sequence[str], keywords: Sequence[str]) -> set[str]:
    """Ids of papers by a pinned author or mentioning a must-include keyword."""
    hits: set[str] = set()
    if not authors and not keywords:
        return hits
    for p in papers:
        if authors and any(author_matches(a, name) for a in authors for name in p["authors"]):
            hits.add(p["id"])
        elif keywords:
            text = fold(f"{p['title']} {p['abstract']}")
            if any(keyword_matches(k, text) for k in keywords):
                hits.add(p["id"])
    return hits


def _wanted_sections(pool: Sequence[dict], categories: Sequence[str]) -> list[dict]:
    if not categories:
        return list(pool)
    wanted = {taxonomy.canonical(c) for c in categories}
    chosen = [s for s in pool if taxonomy.canonical(s["category"]) in wanted]
    # a reader whose categories this newsletter does not carry still gets the edition
    return chosen or list(pool)


def select(
    pool: Sequence[dict],
    relevance: Mapping[str, float],
    *,
    categories: Sequence[str] = (),
    pinned_authors: Sequence[str] = (),
    keywords: Sequence[str] = (),
    ranker: str = "editorial",
    papers_per_section: int = DEFAULT_PAPERS_PER_SECTION,
    max_papers: int = DEFAULT_MAX_PAPERS,
) -> Selection:
    """Choose one reader's papers from the edition's pool (sections in edition order)."""
    all_papers = [p for s in pool for p in s["papers"]]
    must = must_include(all_papers, authors=pinned_authors, keywords=keywords)
    order = {p["id"]: i for i, p in enumerate(all_papers)}

    def score(pid: str) -> float:
        return relevance.get(pid, 0.0) + (MUST_BOOST if pid in must else 0.0)

    def rank_key(pid: str) -> tuple[float, int]:
        return (-score(pid), order[pid])

    wanted = {s["category"] for s in _wanted_sections(pool, categories)}
    chosen: dict[str, list[str]] = {}
    for sec in pool:
        ids = sorted((p["id"] for p in sec["papers"]), key=rank_key)
        musts = [pid for pid in ids if pid in must]
        if sec["category"] not in wanted:
            picked = musts  # pinned papers come from any section
        else:
            rest = [pid for pid in ids if pid not in must]
            picked = musts + rest[: max(0, papers_per_section - len(musts))]
        if picked:
            chosen[sec["category"]] = picked
    everything = sorted((pid for ids in chosen.values() for pid in ids), key=rank_key)
    keep = set(everything[:max_papers])
    sections = []
    for sec in pool:
        ids = sorted((pid for pid in chosen.get(sec["category"], []) if pid in keep), key=rank_key)
        if ids:
            sections.append((sec["category"], ids))
    if not sections:
        raise ValueError("the edition's pool is empty")
    featured = min((pid for _, ids in sections for pid in ids), key=rank_key)
    return Selection(featured=featured, sections=sections, ranker=ranker, must_include=sorted(must & keep))


def editorial_relevance(pool: Sequence[dict]) -> dict[str, float]:
    """Scores that reproduce the pool's editorial order (first paper scores highest)."""
    papers = [p for s in pool for p in s["papers"]]
    n = max(len(papers), 1)
    return {p["id"]: 1.0 - i / n for i, p in enumerate(papers)}


def editorial_key(paper: dict, section: str, followed: Sequence[str]) -> tuple:
    """The edition's order without EDITORIAL_INTERESTS, deterministic:

    papers whose primary category is the section first (a cross-list is a
    guest), then those listed in more of the followed categories (they concern
    more readers), then those with a journal reference or DOI, then by arXiv id
    (the order arXiv announced them in).
    """
    followed_set = set(followed)
    breadth = sum(1 for c in paper["categories"] if c in followed_set)
    published = bool(paper.get("journal_ref") or paper.get("doi"))
    return (paper["primary_category"] != section, -breadth, not published, paper["id"])
