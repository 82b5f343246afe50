"""A subscriber's reading profile, as the select stage sees it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    """What one reader wants: categories (empty = all), interests, pinned authors, keywords."""

    categories: tuple[str, ...] = ()
    interests: str = ""
    pinned_authors: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()

    @property
    def is_default(self) -> bool:
        return not (self.categories or self.interests.strip() or self.pinned_authors or self.keywords)

    @classmethod
    def of(cls, subscriber) -> Profile:  # noqa: ANN001 - a store Subscriber, or None for the default reader
        if subscriber is None:
            return cls()
        return cls(
            categories=tuple(subscriber.categories or ()),
            interests=subscriber.interests or "",
            pinned_authors=tuple(subscriber.pinned_authors or ()),
            keywords=tuple(subscriber.keywords or ()),
        )


DEFAULT_PROFILE = Profile()
