"""The paper record that flows between stages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

#: Announce types that mean "announced for the first time in this listing".
FRESH_ANNOUNCE_TYPES = frozenset({"new", "cross"})
#: Revisions of papers announced earlier: stored, never put in an edition.
REVISION_ANNOUNCE_TYPES = frozenset({"replace", "replace-cross"})
ANNOUNCE_TYPES = FRESH_ANNOUNCE_TYPES | REVISION_ANNOUNCE_TYPES

#: When one paper is seen with several announce types, the most "fresh" wins.
ANNOUNCE_RANK = {"new": 0, "cross": 1, "replace": 2, "replace-cross": 3}


@dataclass(slots=True)
class PaperRecord:
    """One paper as read from a feed or the API (arXiv id without version)."""

    arxiv_id: str
    version: int
    title: str
    authors: list[str]
    abstract: str
    primary_category: str
    categories: list[str]
    announce_type: str
    announced_on: date | None = None
    doi: str | None = None
    journal_ref: str | None = None

    @property
    def is_fresh(self) -> bool:
        """True for new and cross-listed announcements (edition material)."""
        return self.announce_type in FRESH_ANNOUNCE_TYPES
