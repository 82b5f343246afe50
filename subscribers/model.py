"""Subscriber fields and their validation (no database here)."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

from email_validator import EmailNotValidError, validate_email

from pipeline import taxonomy
from pipeline.errors import InputError


class Status(str, enum.Enum):
    """A subscriber's standing. Only ``active`` subscribers are sent editions."""

    ACTIVE = "active"
    UNSUBSCRIBED = "unsubscribed"
    BOUNCED = "bounced"
    COMPLAINED = "complained"


_CONTROL_RE = re.compile(r"[\r\n\x00]")
_CATEGORY_SPLIT_RE = re.compile(r"[\s;,]+")
TRUE_WORDS = frozenset({"true", "yes", "y", "1"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", ""})


@dataclass(slots=True)
class SubscriberInput:
    """A validated subscriber as given by the operator (CSV row or ``add``)."""

    email: str
    name: str | None = None
    categories: list[str] = field(default_factory=list)
    interests: str | None = None
    seed: bool = False
    pinned_authors: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)

    @property
    def email_key(self) -> str:
        return email_key(self.email)


def email_key(email: str) -> str:
    """The case-insensitive identity of an address."""
    return email.strip().lower()


def reject_header_injection(label: str, value: str | None) -> None:
    """CR, LF or NUL in a value that may reach a mail header is an attack, not a typo."""
    if value and _CONTROL_RE.search(value):
        raise InputError(f"{label}: line breaks are not allowed (header injection?)")


def normalize_email(value: str) -> str:
    """A syntactically valid address (no DNS look-ups), domain in its normal form."""
    reject_header_injection("email", value)
    value = (value or "").strip()
    if not value:
        raise InputError("email: missing")
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InputError(f"email {value!r}: {exc}") from None


def parse_categories(value: str | None) -> list[str]:
    """Space-, comma- or semicolon-separated arXiv codes; empty means all followed ones."""
    codes = [c for c in _CATEGORY_SPLIT_RE.split((value or "").strip()) if c]
    unknown = [c for c in codes if not taxonomy.is_known(c)]
    if unknown:
        raise InputError(f"categories: unknown arXiv category {', '.join(unknown)}")
    return list(dict.fromkeys(codes))


def parse_list(value: str | list[str] | None) -> list[str]:
    """Semicolon-separated entries (names hold commas and spaces): "Ada Lovelace; G. Hopper"."""
    if isinstance(value, list):
        parts = value
    else:
        parts = (value or "").split(";")
    return list(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


def parse_seed(value: str | None) -> bool:
    word = (value or "").strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise InputError(f"seed: {value!r} is not true or false")


def make_subscriber(
    email: str,
    *,
    name: str | None = None,
    categories: str | list[str] | None = None,
    interests: str | None = None,
    seed: bool | str | None = False,
    pinned_authors: str | list[str] | None = None,
    keywords: str | list[str] | None = None,
) -> SubscriberInput:
    """Validate every field; raises :class:`InputError` naming the first bad one."""
    reject_header_injection("name", name)
    reject_header_injection("interests", interests)
    if isinstance(categories, list):
        categories = " ".join(categories)
    reject_header_injection("categories", categories)
    authors_list, keyword_list = parse_list(pinned_authors), parse_list(keywords)
    for label, values in (("authors", authors_list), ("keywords", keyword_list)):
        for v in values:
            reject_header_injection(label, v)
    return SubscriberInput(
        email=normalize_email(email),
        name=(name or "").strip() or None,
        categories=parse_categories(categories),
        interests=(interests or "").strip() or None,
        seed=parse_seed(seed) if isinstance(seed, str) or seed is None else bool(seed),
        pinned_authors=authors_list,
        keywords=keyword_list,
    )
