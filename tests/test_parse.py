"""The parse stage on every real arXiv document in ../shared, and on broken ones."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.errors import NotAFeedError
from pipeline.stages.parse import parse_api, parse_rss, split_authors
from tests.builders import Day
from tests.conftest import shared_fixture

RSS_FILES = {
    "rss2026_cs.AI_2026-04-27_TRIMMED-RESERIALIZED-3items.xml": ("cs.AI", date(2026, 4, 27), 3),
    "rss2026_cs.CL_2026-04-27_TRIMMED-RESERIALIZED-3items.xml": ("cs.CL", date(2026, 4, 27), 3),
    "rss2026_cs.LG_2026-04-27_TRIMMED-RESERIALIZED-3items.xml": ("cs.LG", date(2026, 4, 27), 3),
    "rss2026_astro-ph.EP_2026-08-05_TRIMMED-RESERIALIZED-ns0ns1-8items.xml": ("astro-ph.EP", date(2026, 8, 5), 8),
}
API_FILES = {
    "atom_api_abs-codon-model_4results_2026-08-11.xml": (4, 4),
    "atom_api_all-AI-OR-all-safety_max15_2026-02-19.xml": (15, 74820),
    "atom_api_all-AI_max25_2026-03-31.xml": (25, 53844),
    "atom_api_all-retrieval_max15_2026-08-21.xml": (15, 62386),
}


@pytest.mark.parametrize("name", sorted(RSS_FILES))
def test_real_rss_feed(name):
    category, day, count = RSS_FILES[name]
    feed = parse_rss(shared_fixture(name).read_bytes())
    assert feed.complete
    assert feed.announced_on == day  # the channel pubDate, midnight US Eastern, not shifted to UTC
    assert len(feed.records) == count
    for rec in feed.records:
        assert rec.announce_type == "new"
        assert rec.version >= 1 and "v" not in rec.arxiv_id
        assert rec.primary_category == rec.categories[0] == category
        assert rec.title and rec.abstract and not rec.abstract.startswith("arXiv:")
        assert "Announce Type" not in rec.abstract
        assert len(rec.authors) >= 1 and all("," not in a for a in rec.authors)


def test_reserialized_ns0_ns1_prefixes_are_read_by_namespace_uri():
    feed = parse_rss(shared_fixture("rss2026_astro-ph.EP_2026-08-05_TRIMMED-RESERIALIZED-ns0ns1-8items.xml").read_bytes())
    first = feed.records[0]
    assert first.arxiv_id == "2608.02757"
    assert first.categories == ["astro-ph.EP", "astro-ph.IM"]
    assert first.authors == ["Aaron C. Boley", "Samantha M. Lawler", "Hanno Rein"]
    # TeX accents stay as arXiv wrote them; the renderer turns them into letters
    assert any("\\'" in a for r in feed.records for a in r.authors)


def test_announce_type_found_under_any_prefix():
    day = Day().new("2611.00001", "cs.LG").revision("2611.00002", "cs.CL", "cs.LG")
    for prefixes in [("atom", "arxiv"), ("ns0", "ns1"), ("a", "zz")]:
        feed = parse_rss(day.feed("cs.LG", prefixes=prefixes))
        assert {r.arxiv_id: r.announce_type for r in feed.records} == {"2611.00001": "new", "2611.00002": "replace-cross"}


def test_authors_come_in_one_string_and_are_split():
    assert split_authors("Anamta Khan, Ratna Kandala,  Deepti, Sheza Munir") == ["Anamta Khan", "Ratna Kandala", "Deepti", "Sheza Munir"]


def test_entities_and_latex_survive_as_text():
    day = Day().new(
        "2611.00003", "cs.LG",
        title="<script>alert(1)</script> & x<y",
        abstract='We show $a<b$ and x<y for "all" n & m <em>here</em>.',
    )
    rec = parse_rss(day.feed("cs.LG")).records[0]
    assert rec.title == "<script>alert(1)</script> & x<y"
    assert rec.abstract == 'We show $a<b$ and x<y for "all" n & m <em>here</em>.'


def test_empty_feed_is_not_an_error():
    feed = parse_rss(Day().feed("cs.RO"))
    assert feed.records == [] and feed.complete and feed.announced_on == date(2026, 11, 23)


def test_html_page_is_not_a_feed():
    with pytest.raises(NotAFeedError, match="HTML page"):
        parse_rss(b"<!DOCTYPE html><html><head><title>503</title></head><body>Service unavailable</body></html>")


def test_truncated_xml_without_items_is_not_an_empty_feed():
    body = Day().new("2611.00001", "cs.LG").feed("cs.LG")
    truncated = body[: body.index(b"<item>") + 10]
    with pytest.raises(NotAFeedError, match="malformed"):
        parse_rss(truncated)


def test_truncated_xml_after_some_items_keeps_them_and_warns():
    day = Day()
    for i in range(5):
        day.new(f"2611.0001{i}", "cs.LG")
    body = day.feed("cs.LG")
    cut = body[: body.rindex(b"<item>") + 20]
    feed = parse_rss(cut)
    assert not feed.complete and "malformed" in feed.warning
    assert 1 <= len(feed.records) <= 5


@pytest.mark.parametrize("name", sorted(API_FILES))
def test_real_api_responses(name):
    count, total = API_FILES[name]
    page = parse_api(shared_fixture(name).read_bytes(), followed={"cs.AI", "cs.LG"})
    assert len(page.records) == count and page.total_results == total
    for rec in page.records:
        assert rec.primary_category == rec.categories[0]
        assert rec.authors and rec.title and rec.abstract
        assert rec.announce_type == ("new" if rec.primary_category in {"cs.AI", "cs.LG"} else "cross")
        assert rec.announced_on is not None


def test_api_primary_category_comes_from_arxiv_element():
    page = parse_api(shared_fixture("atom_api_abs-codon-model_4results_2026-08-11.xml").read_bytes())
    first = page.records[0]
    assert (first.arxiv_id, first.version, first.primary_category) == ("2606.27607", 1, "q-bio.PE")
    assert first.authors[:2] == ["Karthik Gangavarapu", "Xiang Ji"]
