"""Parse stage: feed bytes → :class:`ParsedFeed` of :class:`PaperRecord`.

feedparser does the XML work; this module knows arXiv's conventions (see
ARXIV_FORMAT.md): one announcement day per RSS feed (the channel ``pubDate``),
all authors in one ``dc:creator`` string, the primary category first, and
``arxiv:announce_type`` looked up by namespace URI because re-serializers
rename prefixes (``ns1:announce_type``).
"""

from __future__ import annotations

import re
import xml.sax
from dataclasses import dataclass, field
from datetime import date
from email.utils import parsedate_to_datetime

import feedparser

from pipeline.errors import NotAFeedError
from pipeline.paper import ANNOUNCE_TYPES, PaperRecord

ARXIV_NS = "http://arxiv.org/schemas/atom"

_GUID_RE = re.compile(r"^\s*oai:arXiv\.org:(?P<id>.+?)v(?P<v>\d+)\s*$", re.I)
_ABS_LINK_RE = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?:v(?P<v>\d+))?/?$", re.I)
_DESC_RE = re.compile(
    r"^\s*arXiv:(?P<id>\S+?)v(?P<v>\d+)\s+Announce Type:\s*(?P<type>[\w-]+)\s*(?:Abstract:\s*)?(?P<abstract>.*)$",
    re.S,
)
# feedparser's dicts remap keys on every lookup; plain dict.get skips that (hot path)
_get = dict.get


@dataclass(slots=True)
class ParsedFeed:
    """What one feed document holds."""

    kind: str  # "rss" or "atom"
    title: str
    announced_on: date | None
    records: list[PaperRecord] = field(default_factory=list)
    #: set when the document was malformed but some items could be read
    warning: str | None = None
    total_results: int | None = None  # API responses only

    @property
    def complete(self) -> bool:
        return self.warning is None


def _clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def split_authors(creator: str) -> list[str]:
    """``dc:creator`` holds every author in one comma-separated string."""
    return [name for name in (_clean(part) for part in creator.split(",")) if name]


def _pub_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        # the date as arXiv wrote it (midnight US Eastern), not shifted to UTC
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _arxiv_keys(parsed: feedparser.FeedParserDict, name: str) -> list[str]:
    """feedparser keys for ``arxiv:<name>``, whatever prefix the document used."""
    prefixes = [p for p, uri in parsed.get("namespaces", {}).items() if uri.rstrip("/") == ARXIV_NS]
    keys = [f"{p}_{name}" if p else name for p in prefixes]
    fallback = f"arxiv_{name}"
    if fallback not in keys:
        keys.append(fallback)
    return keys


def _first(entry: dict, keys: list[str]):
    for key in keys:
        value = _get(entry, key)
        if value:
            return value
    return None


def _looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith(b"<!doctype html") or b"<html" in head


def _is_fatal(exc: BaseException | None) -> bool:
    """Whether feedparser's bozo exception means the XML itself is broken."""
    return isinstance(exc, (xml.sax.SAXException, feedparser.ThingsNobodyCaresAboutButMe)) and not isinstance(
        exc, (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    )


def parse_document(body: bytes) -> feedparser.FeedParserDict:
    """feedparser on raw bytes, with its HTML sanitizer off.

    arXiv's descriptions are plain text with ``&lt;`` entities; the sanitizer
    would eat ``x<y`` as a tag. Escaping is the renderer's job.
    """
    return feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)


def _check(parsed: feedparser.FeedParserDict, body: bytes) -> BaseException | None:
    """Raise NotAFeedError for a non-feed; return the XML error of a damaged one."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        if _looks_like_html(body):
            raise NotAFeedError("the response is an HTML page, not a feed")
        if not body.strip():
            raise NotAFeedError("the response is empty, not a feed")
        reason = f": {exc}" if exc else ""
        raise NotAFeedError(f"the response is not an RSS/Atom feed{reason}")
    return exc if _is_fatal(exc) else None


def _damage_warning(damage: BaseException | None, records: list[PaperRecord]) -> str | None:
    """A damaged document with no readable item is an error, not an empty feed."""
    if damage is None:
        return None
    if not records:
        raise NotAFeedError(f"malformed feed with no readable items (truncated?): {damage}")
    return f"malformed feed, kept the {len(records)} items read before the error: {damage}"


def parse_rss(body: bytes) -> ParsedFeed:
    """Parse one arXiv RSS document (rss.arxiv.org format)."""
    parsed = parse_document(body)
    damage = _check(parsed, body)
    channel = parsed.get("feed", {})
    announced_on = _pub_date(channel.get("published"))
    type_keys = _arxiv_keys(parsed, "announce_type")
    doi_keys = _arxiv_keys(parsed, "doi")
    jref_keys = _arxiv_keys(parsed, "journal_reference")
    records: list[PaperRecord] = []
    for entry in parsed.get("entries", []):
        record = _rss_record(entry, type_keys, doi_keys, jref_keys, announced_on)
        if record is not None:
            records.append(record)
    return ParsedFeed(
        kind="rss",
        title=_clean(channel.get("title")),
        announced_on=announced_on,
        records=records,
        warning=_damage_warning(damage, records),
    )


def _rss_record(entry, type_keys, doi_keys, jref_keys, announced_on) -> PaperRecord | None:  # noqa: ANN001
    description = _get(entry, "summary") or ""
    desc = _DESC_RE.match(description)
    ident = _GUID_RE.match(_get(entry, "id") or "") or desc
    if ident is None:
        link = _ABS_LINK_RE.search(_get(entry, "link") or "")
        if link is None:
            return None
        arxiv_id, version = link.group("id"), int(link.group("v") or 1)
    else:
        arxiv_id, version = ident.group("id"), int(ident.group("v"))
    announce_type = _first(entry, type_keys) or (desc.group("type") if desc else None) or "new"
    announce_type = announce_type.strip().lower()
    if announce_type not in ANNOUNCE_TYPES:
        announce_type = "new"
    abstract = desc.group("abstract") if desc else description
    categories = [term.strip() for t in _get(entry, "tags") or () if (term := _get(t, "term"))]
    return PaperRecord(
        arxiv_id=arxiv_id,
        version=version,
        title=_clean(_get(entry, "title")),
        authors=split_authors(_get(entry, "author") or ""),
        abstract=_clean(abstract),
        primary_category=categories[0] if categories else "",
        categories=categories,
        announce_type=announce_type,
        announced_on=announced_on or _pub_date(_get(entry, "published")),
        doi=_first(entry, doi_keys),
        journal_ref=_first(entry, jref_keys),
    )


def parse_api(body: bytes, *, followed: frozenset[str] | set[str] = frozenset()) -> ParsedFeed:
    """Parse an arXiv API (Atom) response.

    The API has no announce type: a paper whose primary category is in
    ``followed`` (or any paper, when ``followed`` is empty) is ``new``, else
    ``cross``. The announcement day is taken as the ``published`` date (the
    first version's submission), the closest thing the API tells.
    """
    parsed = parse_document(body)
    damage = _check(parsed, body)
    primary_keys = _arxiv_keys(parsed, "primary_category")
    doi_keys = _arxiv_keys(parsed, "doi")
    jref_keys = _arxiv_keys(parsed, "journal_ref")
    records: list[PaperRecord] = []
    for entry in parsed.get("entries", []):
        match = _ABS_LINK_RE.search(entry.get("id") or "")
        if match is None:
            continue
        tags = [t["term"].strip() for t in entry.get("tags", []) if t.get("term")]
        primary = _first(entry, primary_keys)
        primary = (primary.get("term") if isinstance(primary, dict) else primary) or (tags[0] if tags else "")
        categories = [primary] + [t for t in tags if t != primary]
        records.append(
            PaperRecord(
                arxiv_id=match.group("id"),
                version=int(match.group("v") or 1),
                title=_clean(entry.get("title")),
                authors=[_clean(a.get("name")) for a in entry.get("authors", []) if a.get("name")],
                abstract=_clean(entry.get("summary")),
                primary_category=primary,
                categories=categories,
                announce_type="new" if not followed or primary in followed else "cross",
                announced_on=_pub_date(entry.get("published")) or _iso_date(entry.get("published")),
                doi=_first(entry, doi_keys),
                journal_ref=_first(entry, jref_keys),
            )
        )
    total = parsed.get("feed", {}).get("opensearch_totalresults")
    return ParsedFeed(
        kind="atom",
        title=_clean(parsed.get("feed", {}).get("title")),
        announced_on=None,
        records=records,
        warning=_damage_warning(damage, records),
        total_results=int(total) if total and str(total).isdigit() else None,
    )


def _iso_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
