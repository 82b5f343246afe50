"""The fetch stage against a real local HTTP server: 304, retries, 4xx, slowness, HTML."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from pipeline.fakes.arxiv import Scripted
from pipeline.ingest import fetch_feeds
from pipeline.stages.fetch import USER_AGENT, FeedFetcher, make_http_client
from pipeline.store.models import FeedState, Paper
from tests.builders import Day

CATS = ("cs.RO", "cs.LG")


def _paper_count(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Paper))


def test_fetch_stores_each_feed_and_sends_our_user_agent(arxiv, store, make_settings):
    Day().new("2611.00001", "cs.RO").new("2611.00002", "cs.LG", "cs.RO").serve(arxiv, CATS)
    report = fetch_feeds(make_settings(arxiv_categories="cs.RO,cs.LG"), store)
    assert [r.status for r in report.results] == ["ok", "ok"]
    assert [(r.category, len(r.records), r.new) for r in report.results] == [("cs.RO", 2, 2), ("cs.LG", 1, 0)]
    assert _paper_count(store) == 2  # the cross-listed paper is stored once
    assert arxiv.requests_for("/rss/cs.RO")[0]["User-Agent"] == USER_AGENT


def test_second_poll_is_conditional_and_304_parses_nothing(arxiv, store, make_settings):
    Day().new("2611.00001", "cs.RO").serve(arxiv, ["cs.RO"])
    settings = make_settings(arxiv_categories="cs.RO")
    fetch_feeds(settings, store)
    second = fetch_feeds(settings, store).results[0]
    sent = arxiv.requests_for("/rss/cs.RO")[1]
    assert sent.get("If-None-Match", "").startswith('"') and sent.get("If-Modified-Since")
    assert second.status == "not_modified" and second.records == [] and second.new == 0
    with store.session() as s:
        state = s.get(FeedState, "cs.RO")
        assert state.last_status == "not_modified" and state.etag and state.last_item_count == 1


def test_5xx_then_success_is_retried(arxiv, store, make_settings):
    Day().new("2611.00001", "cs.RO").serve(arxiv, ["cs.RO"])
    arxiv.script("/rss/cs.RO", Scripted(503, b"busy"), Scripted(502, b"bad gateway"))
    result = fetch_feeds(make_settings(arxiv_categories="cs.RO"), store).results[0]
    assert result.status == "ok" and result.attempts == 3 and result.new == 1
    assert len(arxiv.requests_for("/rss/cs.RO")) == 3


def test_5xx_forever_gives_up_and_reports(arxiv, store, make_settings):
    arxiv.script("/rss/cs.RO", *[Scripted(500, b"oops")] * 3)
    result = fetch_feeds(make_settings(arxiv_categories="cs.RO"), store).results[0]
    assert result.failed and "HTTP 500" in result.error and "3 attempts" in result.error


def test_404_is_not_retried(arxiv, store, make_settings):
    arxiv.script("/rss/cs.RO", Scripted(404, b"<html><body>Not Found</body></html>"))
    result = fetch_feeds(make_settings(arxiv_categories="cs.RO"), store).results[0]
    assert result.failed and "HTTP 404" in result.error
    assert len(arxiv.requests_for("/rss/cs.RO")) == 1


def test_unknown_category_is_arxivs_400_error_feed(arxiv):
    with make_http_client(timeout=2) as client:
        result = FeedFetcher(client, backoff_initial=0).fetch_feed("cs.XX", f"{arxiv.rss_base}/cs.XX")
    assert result.failed and "HTTP 400" in result.error and "Feed error for query: cs.XX" in result.error
    assert len(arxiv.requests_for("/rss/cs.XX")) == 1


def test_429_honours_retry_after(arxiv):
    arxiv.set_feed("cs.RO", Day().new("2611.00001", "cs.RO").feed("cs.RO"))
    arxiv.script("/rss/cs.RO", Scripted(429, b"slow down", {"Retry-After": "7"}))
    slept: list[float] = []
    with make_http_client(timeout=2) as client:
        result = FeedFetcher(client, backoff_initial=0.01, sleep=slept.append).fetch_feed("cs.RO", f"{arxiv.rss_base}/cs.RO")
    assert result.status == "ok" and slept == [7.0]


def test_backoff_grows_between_attempts(arxiv):
    arxiv.script("/rss/cs.RO", *[Scripted(503)] * 4)
    slept: list[float] = []
    with make_http_client(timeout=2) as client:
        fetcher = FeedFetcher(client, max_attempts=4, backoff_initial=1.0, backoff_max=60, sleep=slept.append)
        result = fetcher.fetch_feed("cs.RO", f"{arxiv.rss_base}/cs.RO")
    assert result.failed and len(slept) == 3
    # exponential with up to 1 s of jitter: 1-2, 2-3, 4-5
    assert 1 <= slept[0] <= 2 and 2 <= slept[1] <= 3 and 4 <= slept[2] <= 5


def test_slow_response_times_out_and_other_feeds_still_arrive(arxiv, store, make_settings):
    Day().new("2611.00001", "cs.RO").new("2611.00002", "cs.LG").serve(arxiv, CATS)
    arxiv.script("/rss/cs.RO", *[Scripted(200, b"", delay=1.5)] * 2)
    started = time.monotonic()
    report = fetch_feeds(make_settings(arxiv_categories="cs.RO,cs.LG", http_timeout=0.3, fetch_max_attempts=2), store)
    assert time.monotonic() - started < 5
    ro, lg = report.results
    assert ro.failed and "timed out" in ro.error
    assert lg.status == "ok" and lg.new == 1
    assert [r.category for r in report.failed] == ["cs.RO"]
    with store.session() as s:
        assert s.get(FeedState, "cs.RO").last_status == "error"
        assert "timed out" in s.get(FeedState, "cs.RO").last_error


def test_html_page_is_reported_not_stored(arxiv, store, make_settings):
    arxiv.script("/rss/cs.RO", Scripted(200, b"<!DOCTYPE html><html><body>Maintenance</body></html>", {"Content-Type": "text/html"}))
    report = fetch_feeds(make_settings(arxiv_categories="cs.RO"), store)
    assert report.results[0].failed and "HTML page" in report.results[0].error
    assert _paper_count(store) == 0


def test_empty_feed_is_a_quiet_success(arxiv, store, make_settings):
    Day().serve(arxiv, ["cs.RO"])
    result = fetch_feeds(make_settings(arxiv_categories="cs.RO"), store).results[0]
    assert result.status == "empty" and not result.failed


def test_truncated_feed_keeps_items_but_not_the_validators(arxiv, store, make_settings):
    day = Day()
    for i in range(4):
        day.new(f"2611.0002{i}", "cs.RO")
    body = day.feed("cs.RO")
    arxiv.script("/rss/cs.RO", Scripted(200, body[: body.rindex(b"<item>") + 30], {"ETag": '"partial"'}))
    arxiv.set_feed("cs.RO", body)
    settings = make_settings(arxiv_categories="cs.RO")
    first = fetch_feeds(settings, store).results[0]
    assert first.status == "ok" and first.warning and "malformed" in first.warning
    second = fetch_feeds(settings, store).results[0]  # no If-None-Match "partial": gets the whole feed
    assert arxiv.requests_for("/rss/cs.RO")[1].get("If-None-Match") is None
    assert second.status == "ok" and first.new + second.new == 4


def test_size_cap(arxiv):
    arxiv.set_feed("cs.RO", Day().new("2611.00001", "cs.RO", abstract="x" * 5000).feed("cs.RO"))
    with make_http_client(timeout=2) as client:
        result = FeedFetcher(client, max_bytes=2000).fetch_feed("cs.RO", f"{arxiv.rss_base}/cs.RO")
    assert result.failed and "cap" in result.error


def test_stale_feed_is_flagged(arxiv, store, make_settings):
    Day().new("2611.00001", "cs.RO").serve(arxiv, ["cs.RO"])
    settings = make_settings(arxiv_categories="cs.RO")
    fetch_feeds(settings, store)
    # the server rebuilds the same day with a new ETag but the same announcement
    arxiv.set_feed("cs.RO", Day().new("2611.00001", "cs.RO", title="Retitled").feed("cs.RO"))
    again = fetch_feeds(settings, store).results[0]
    assert again.new == 0 and "still the 2026-11-23 announcement" in again.warning
