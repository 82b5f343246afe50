"""The week's ingest: poll each category feed (or backfill from the API) and store.

fetch (HTTP + parse) → dedupe → store, one category at a time; a failed feed is
recorded in its :class:`~pipeline.store.models.FeedState` and reported, and the
others go on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Callable
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import httpx

from pipeline.errors import FetchError, NotAFeedError
from pipeline.settings import Settings
from pipeline.stages.fetch import FeedFetcher, FeedResult, make_http_client
from pipeline.stages.parse import parse_api
from pipeline.store import Store
from pipeline.store.models import FeedState
from pipeline.store.papers import save_papers

ARXIV_TZ = ZoneInfo("America/New_York")
#: Days arXiv announces nothing on although they are weekdays (from arXiv's availability page).
ARXIV_HOLIDAYS = frozenset(
    date.fromisoformat(d)
    for d in ("2026-01-01", "2026-01-19", "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25", "2026-12-29", "2026-12-31")
)
#: arXiv's API terms: at most one request every 3 seconds.
ARXIV_API_MIN_DELAY = 3.0


@dataclass(slots=True)
class FetchReport:
    """Per-category results of one poll."""

    results: list[FeedResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FeedResult]:
        return [r for r in self.results if r.failed]

    @property
    def new(self) -> int:
        return sum(r.new for r in self.results)

    def to_json(self) -> dict:
        return {
            "feeds": [r.to_json() for r in self.results],
            "new": self.new,
            "updated": sum(r.updated for r in self.results),
            "failed": [r.category for r in self.failed],
        }


def make_fetcher(settings: Settings, client: httpx.Client, *, sleep: Callable[[float], None] = time.sleep) -> FeedFetcher:
    return FeedFetcher(
        client,
        max_bytes=settings.fetch_max_bytes,
        max_attempts=settings.fetch_max_attempts,
        backoff_initial=settings.fetch_backoff_initial,
        backoff_max=settings.fetch_backoff_max,
        sleep=sleep,
    )


def fetch_feeds(
    settings: Settings,
    store: Store,
    *,
    client: httpx.Client | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    on_result: Callable[[FeedResult], None] | None = None,
) -> FetchReport:
    """Poll every followed category once and store what is new."""
    own_client = client is None
    client = client or make_http_client(timeout=settings.http_timeout)
    fetcher = make_fetcher(settings, client)
    report = FetchReport()
    try:
        for category in settings.arxiv_categories:
            with store.session() as session:
                state = session.get(FeedState, category)
                etag = state.etag if state else None
                last_modified = state.last_modified if state else None
                previous_day = state.last_announced_on if state else None
            result = fetcher.fetch_feed(category, f"{settings.arxiv_rss_base}/{category}", etag=etag, last_modified=last_modified)
            stamp = now()
            with store.session() as session:
                if result.records:
                    counts = save_papers(session, result.records, now=stamp)
                    result.new, result.updated = counts.new, counts.updated
                    if result.announced_on and result.announced_on == previous_day and counts.new == 0 and not result.warning:
                        result.warning = f"still the {previous_day} announcement (feed not rebuilt yet?)"
                _record_state(session, result, stamp)
            report.results.append(result)
            if on_result:
                on_result(result)
    finally:
        if own_client:
            client.close()
    return report


def _record_state(session, result: FeedResult, stamp: datetime) -> None:  # noqa: ANN001
    state = session.get(FeedState, result.category)
    if state is None:
        state = FeedState(category=result.category)
        session.add(state)
    state.last_fetched_at = stamp
    state.last_status = result.status
    state.last_error = result.error
    if not result.failed:
        state.last_success_at = stamp
        state.etag, state.last_modified = result.etag, result.last_modified
        if result.status != "not_modified":
            state.last_item_count = len(result.records)
            if result.announced_on:
                state.last_announced_on = result.announced_on


def announcement_days(count: int, *, today: date) -> list[date]:
    """The last ``count`` arXiv announcement days up to ``today`` (weekdays, holidays skipped)."""
    days: list[date] = []
    day = today
    while len(days) < count:
        if day.weekday() < 5 and day not in ARXIV_HOLIDAYS:
            days.append(day)
        day -= timedelta(days=1)
    return days


@dataclass(slots=True)
class BackfillReport:
    """What a backfill from the API stored."""

    days: list[date]
    since: date
    pages: int = 0
    items: int = 0
    new: int = 0
    updated: int = 0
    total: int | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None

    def to_json(self) -> dict:
        return {
            "days": [d.isoformat() for d in self.days],
            "since": self.since.isoformat(),
            "pages": self.pages,
            "items": self.items,
            "new": self.new,
            "updated": self.updated,
            "total": self.total,
            "error": self.error,
        }


def api_delay(settings: Settings) -> float:
    """Seconds between API requests: never under 3 s against arXiv itself."""
    host = urlsplit(settings.arxiv_api_url).hostname or ""
    if host == "arxiv.org" or host.endswith(".arxiv.org"):
        return max(settings.arxiv_api_delay, ARXIV_API_MIN_DELAY)
    return settings.arxiv_api_delay


def backfill(
    settings: Settings,
    store: Store,
    days: int,
    *,
    client: httpx.Client | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(timezone.utc),
    sleep: Callable[[float], None] = time.sleep,
    on_page: Callable[[BackfillReport], None] | None = None,
) -> BackfillReport:
    """Fill the last ``days`` announcement days from the arXiv API, paged and rate-limited.

    The API knows submission dates, not announcement days: the window starts one
    business day before the earliest announcement day asked for (submissions are
    announced the next business day), and papers already stored are deduplicated.
    """
    today = now().astimezone(ARXIV_TZ).date()
    wanted = announcement_days(days, today=today)
    since = announcement_days(2, today=wanted[-1])[-1] if wanted else today
    report = BackfillReport(days=sorted(wanted), since=since)
    followed = frozenset(settings.arxiv_categories)
    query = "(" + " OR ".join(f"cat:{c}" for c in settings.arxiv_categories) + ")"
    query += f" AND submittedDate:[{since:%Y%m%d}0000 TO {today:%Y%m%d}2359]"
    own_client = client is None
    client = client or make_http_client(timeout=settings.http_timeout)
    fetcher = make_fetcher(settings, client, sleep=sleep)
    delay = api_delay(settings)
    page_size = settings.arxiv_api_page_size
    start = 0
    last_request: float | None = None
    try:
        while True:
            if last_request is not None:
                wait = delay - (time.monotonic() - last_request)
                if wait > 0:
                    sleep(wait)
            last_request = time.monotonic()
            params = {
                "search_query": query,
                "start": start,
                "max_results": page_size,
                "sortBy": "submittedDate",
                "sortOrder": "descending",
            }
            try:
                response = fetcher.get(settings.arxiv_api_url, params=params)
                page = parse_api(response.body, followed=followed)
            except (FetchError, NotAFeedError) as exc:
                report.error = f"page at start={start}: {exc}"
                break
            report.pages += 1
            report.total = page.total_results if page.total_results is not None else report.total
            if page.records:
                with store.session() as session:
                    counts = save_papers(session, page.records, now=now())
                report.items += len(page.records)
                report.new += counts.new
                report.updated += counts.updated
            if on_page:
                on_page(report)
            start += len(page.records)
            # arXiv's API sometimes returns a short page mid-way: trust totalResults when given
            done = start >= report.total if report.total is not None else len(page.records) < page_size
            if not page.records or done:
                break
    finally:
        if own_client:
            client.close()
    return report
