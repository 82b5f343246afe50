"""Backfilling from the arXiv API: paged, rate-limited, deduplicated."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from pipeline.ingest import announcement_days, api_delay, backfill
from pipeline.store.models import Paper
from tests.builders import paper

NOW = datetime(2026, 11, 27, 15, tzinfo=timezone.utc)


def test_announcement_days_skip_weekends_and_holidays():
    assert announcement_days(4, today=date(2026, 11, 30)) == [
        date(2026, 11, 30), date(2026, 11, 27), date(2026, 11, 25), date(2026, 11, 24),
    ]


def test_backfill_pages_and_waits_between_requests(arxiv, store, make_settings):
    arxiv.api_records = [paper(f"2611.0010{i}", "cs.LG" if i % 2 else "cs.AI", "cs.LG") for i in range(5)]
    arxiv.api_records.append(paper("2611.00200", "math.OC"))  # not in a followed category: not returned
    slept: list[float] = []
    settings = make_settings(arxiv_categories="cs.LG", arxiv_api_page_size=2, arxiv_api_delay=0.5)
    report = backfill(settings, store, 3, now=lambda: NOW, sleep=slept.append)
    assert (report.pages, report.items, report.new, report.total, report.error) == (3, 5, 5, 5, None)
    assert len(slept) == 2 and all(0 < s <= 0.5 for s in slept)
    queries = [h for h in arxiv.requests_for("/api/query")]
    assert len(queries) == 3
    with store.session() as s:
        rows = {p.arxiv_id: p.announce_type for p in s.scalars(select(Paper))}
    assert rows == {f"2611.0010{i}": ("new" if i % 2 else "cross") for i in range(5)}
    again = backfill(settings, store, 3, now=lambda: NOW, sleep=slept.append)
    assert again.new == 0


def test_backfill_reports_a_failing_page(arxiv, store, make_settings):
    from pipeline.fakes.arxiv import Scripted

    arxiv.script("/api/query", Scripted(400, b"<html>bad query</html>"))
    report = backfill(make_settings(arxiv_categories="cs.LG"), store, 1, now=lambda: NOW, sleep=lambda s: None)
    assert report.failed and "HTTP 400" in report.error


def test_never_faster_than_arxiv_terms_allow(make_settings):
    assert api_delay(make_settings(arxiv_api_url="https://export.arxiv.org/api/query", arxiv_api_delay=0)) == 3.0
    assert api_delay(make_settings(arxiv_api_delay=0.25)) == 0.25
