"""Fetch stage: GET each category's feed, politely and defensively.

One request per category to ``{ARXIV_RSS_BASE}/{category}`` with a timeout, a
size cap, conditional GET (ETag / Last-Modified), a User-Agent naming the
project, and tenacity retries with exponential backoff and jitter on network
errors, 429 (honouring Retry-After) and 5xx, never on other 4xx. A failing feed
becomes a :class:`FeedResult` with ``status="error"``; it never aborts the run.

The HTTP transport is whatever :class:`httpx.Client` is handed in, so tests and
the demo can point it at a local server.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Callable

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt, wait_exponential_jitter

from pipeline import __version__
from pipeline.errors import FeedHTTPError, FeedTooLargeError, FetchError, NotAFeedError, RetryableHTTPError
from pipeline.paper import PaperRecord
from pipeline.stages.parse import parse_document, parse_rss

USER_AGENT = f"smartxiv/{__version__} (self-hosted arXiv newsletter; +https://pypi.org/project/smartxiv/)"

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 20_000_000
DEFAULT_MAX_ATTEMPTS = 4
DEFAULT_BACKOFF_INITIAL = 2.0
DEFAULT_BACKOFF_MAX = 120.0
#: A Retry-After longer than this is cut down to it.
DEFAULT_RETRY_AFTER_MAX = 300.0
#: A whole response must arrive within this many timeouts (stops slow drips).
DEADLINE_TIMEOUTS = 3


def make_http_client(
    *, timeout: float = DEFAULT_TIMEOUT, transport: httpx.BaseTransport | None = None
) -> httpx.Client:
    """The httpx client every fetch uses: timeouts, redirects, our User-Agent."""
    return httpx.Client(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        headers={"User-Agent": USER_AGENT, "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"},
        transport=transport,
    )


@dataclass(slots=True)
class Response:
    """A fetched body with its validators, or ``not_modified`` for a 304."""

    url: str
    status: int
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(slots=True)
class FeedResult:
    """The outcome of polling one category feed."""

    category: str
    url: str
    status: str  # "ok", "empty", "not_modified" or "error"
    records: list[PaperRecord] = field(default_factory=list)
    announced_on: date | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    warning: str | None = None
    attempts: int = 0
    new: int = 0
    updated: int = 0

    @property
    def failed(self) -> bool:
        return self.status == "error"

    def to_json(self) -> dict:
        return {
            "category": self.category,
            "status": self.status,
            "items": len(self.records),
            "new": self.new,
            "updated": self.updated,
            "announced_on": self.announced_on.isoformat() if self.announced_on else None,
            "error": self.error,
            "warning": self.warning,
            "attempts": self.attempts,
        }


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _error_feed_title(body: bytes) -> str | None:
    """arXiv answers an unknown category with HTTP 400 and a feed titled 'Feed error ...'."""
    if not body.lstrip().startswith(b"<"):
        return None
    title = parse_document(body).get("feed", {}).get("title")
    return title.strip() if title else None


class FeedFetcher:
    """GETs feed documents with retries, a size cap and conditional GET."""

    def __init__(
        self,
        client: httpx.Client,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_attempts: int = DEFAULT_MAX_ATTEMPTS,
        backoff_initial: float = DEFAULT_BACKOFF_INITIAL,
        backoff_max: float = DEFAULT_BACKOFF_MAX,
        retry_after_max: float = DEFAULT_RETRY_AFTER_MAX,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.client = client
        self.max_bytes = max_bytes
        self.max_attempts = max_attempts
        self.retry_after_max = retry_after_max
        self._backoff = wait_exponential_jitter(multiplier=backoff_initial, max=backoff_max, jitter=backoff_initial)
        self._sleep = sleep

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if isinstance(exc, RetryableHTTPError) and exc.retry_after is not None:
            return min(exc.retry_after, self.retry_after_max)
        return self._backoff(state)

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None, params: dict | None = None) -> Response:
        """GET ``url``; raises a :class:`FetchError` once retries are spent."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        retrying = Retrying(
            stop=stop_after_attempt(self.max_attempts),
            wait=self._wait,
            retry=retry_if_exception_type((httpx.TransportError, RetryableHTTPError)),
            sleep=self._sleep,
            reraise=True,
        )
        attempts = 0
        try:
            for attempt in retrying:
                with attempt:
                    attempts = attempt.retry_state.attempt_number
                    response = self._get_once(url, headers, params)
                    response.attempts = attempts
                    return response
        except httpx.TimeoutException as exc:
            raise FetchError(f"timed out after {attempts} attempt{'s' * (attempts > 1)} ({type(exc).__name__})") from exc
        except httpx.TransportError as exc:
            raise FetchError(f"network error after {attempts} attempt{'s' * (attempts > 1)}: {exc or type(exc).__name__}") from exc
        except RetryableHTTPError as exc:
            raise RetryableHTTPError(
                exc.status, f"{exc} (gave up after {attempts} attempts)", retry_after=exc.retry_after
            ) from exc
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(self, url: str, headers: dict, params: dict | None) -> Response:
        deadline = time.monotonic() + DEADLINE_TIMEOUTS * (self.client.timeout.read or DEFAULT_TIMEOUT)
        with self.client.stream("GET", url, headers=headers, params=params) as resp:
            status = resp.status_code
            if status == 304:
                return Response(url, 304, etag=resp.headers.get("ETag") or headers.get("If-None-Match"),
                                last_modified=resp.headers.get("Last-Modified") or headers.get("If-Modified-Since"))
            if status >= 400:
                body = self._read(resp, deadline, limit=65_536, truncate=True)
                detail = _error_feed_title(body) if status < 500 else None
                message = f"HTTP {status} {resp.reason_phrase}".rstrip() + (f": {detail}" if detail else "")
                if status == 429 or status >= 500:
                    raise RetryableHTTPError(status, message, retry_after=_retry_after_seconds(resp.headers.get("Retry-After")))
                raise FeedHTTPError(status, message)
            declared = resp.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > self.max_bytes:
                raise FeedTooLargeError(f"response of {int(declared):,} bytes exceeds the {self.max_bytes:,}-byte cap")
            body = self._read(resp, deadline, limit=self.max_bytes)
            return Response(url, status, body, etag=resp.headers.get("ETag"), last_modified=resp.headers.get("Last-Modified"))

    def _read(self, resp: httpx.Response, deadline: float, *, limit: int, truncate: bool = False) -> bytes:
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > limit:
                if truncate:
                    chunks.append(chunk[: limit - (size - len(chunk))])
                    break
                raise FeedTooLargeError(f"response exceeds the {limit:,}-byte cap")
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise httpx.ReadTimeout("the whole response took too long")
        return b"".join(chunks)

    def fetch_feed(self, category: str, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FeedResult:
        """Poll one category feed; every failure comes back as a result."""
        result = FeedResult(category=category, url=url, status="error", etag=etag, last_modified=last_modified)
        try:
            response = self.get(url, etag=etag, last_modified=last_modified)
        except FetchError as exc:
            result.error = str(exc)
            return result
        result.attempts = response.attempts
        if response.not_modified:
            result.status = "not_modified"
            return result
        try:
            feed = parse_rss(response.body)
        except NotAFeedError as exc:
            result.error = str(exc)
            return result
        result.records = feed.records
        result.announced_on = feed.announced_on
        result.warning = feed.warning
        result.status = "ok" if feed.records else "empty"
        if feed.complete:
            # A damaged body keeps the old validators, so the next poll gets it whole.
            result.etag, result.last_modified = response.etag, response.last_modified
        return result
