"""Section stage: group papers by followed category, in ARXIV_CATEGORIES order.

A paper's section is its primary category when followed, else the first
followed category in its list. Names come from arXiv's taxonomy; two followed
categories with one name (cs.LG and stat.ML are both "Machine Learning") get
their codes appended.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Generic, Iterable, Sequence, TypeVar

from pipeline import taxonomy

P = TypeVar("P")


@dataclass(slots=True)
class Section(Generic[P]):
    """One category's papers in an edition."""

    category: str
    name: str
    papers: list[P] = field(default_factory=list)


def section_names(followed: Sequence[str]) -> dict[str, str]:
    """Display names for the followed categories, made unique."""
    names = {code: taxonomy.name_of(code) for code in followed}
    counts = Counter(names.values())
    return {code: (f"{name} ({code})" if counts[name] > 1 else name) for code, name in names.items()}


def section_for(categories: Sequence[str], followed: Sequence[str]) -> str | None:
    """The followed category a paper belongs under (primary first), or None."""
    canon = {taxonomy.canonical(code): code for code in followed}
    for code in categories:
        hit = canon.get(taxonomy.canonical(code))
        if hit is not None:
            return hit
    return None


def group(papers: Iterable[P], followed: Sequence[str], *, categories_of=lambda p: p.categories) -> list[Section[P]]:
    """Sections in ``followed`` order, empty ones left out; papers keep their given order."""
    names = section_names(followed)
    sections = {code: Section(code, names[code]) for code in followed}
    for paper in papers:
        code = section_for(categories_of(paper), followed)
        if code is not None:
            sections[code].papers.append(paper)
    return [s for s in sections.values() if s.papers]
