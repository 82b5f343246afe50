"""Storing the week's papers and freezing editions, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from sqlalchemy import func, select

from pipeline.editions import build_edition
from pipeline.ingest import fetch_feeds
from pipeline.store.models import Paper
from pipeline.store.papers import save_papers
from tests.builders import Day, paper

T0 = datetime(2026, 11, 23, 6, tzinfo=timezone.utc)
FOLLOWED = "cs.RO,cs.CV,cs.LG,cs.CL"


def _ids(content: dict) -> list[str]:
    return [p["id"] for s in content["sections"] for p in s["papers"]]


def test_one_paper_per_id_across_feeds_versions_and_fetches(store):
    with store.session() as s:
        save_papers(s, [paper("2611.1", "cs.CL", "cs.LG"), paper("2611.1", "cs.CL", "cs.LG", announce_type="cross")], now=T0)
    with store.session() as s:
        counts = save_papers(s, [paper("2611.1", "cs.CL", version=2, announce_type="replace", title="Revised")], now=T0 + timedelta(days=1))
        assert (counts.new, counts.updated) == (0, 1)
    with store.session() as s:
        rows = s.scalars(select(Paper)).all()
        assert len(rows) == 1
        row = rows[0]
        assert (row.version, row.title, row.announce_type) == (2, "Revised", "new")
        assert row.first_seen_at == T0 and row.announced_on == date(2026, 11, 23)


def test_build_sections_the_week_and_leaves_out_revisions(arxiv, store, make_settings):
    settings = make_settings(arxiv_categories=FOLLOWED)
    (Day().new("2611.00003", "cs.CL").new("2611.00001", "cs.RO", "cs.LG")
     .new("2611.00002", "cs.AI", "cs.CV")  # cross-listed from a category we do not follow
     .new("2611.00004", "math.OC")  # nothing we follow: never in an edition
     .revision("2610.00009", "cs.LG").revision("2610.00008", "cs.AI", "cs.CL")
     .serve(arxiv, settings.arxiv_categories))
    fetch_feeds(settings, store)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Paper)) == 5  # revisions are kept stored
        result = build_edition(s, settings, now=T0 + timedelta(days=4))
    data = result.to_json()
    assert data["number"] == 1 and data["title"] == "Arxiv Weekly Insights"
    assert [(x["category"], x["name"]) for x in data["sections"]] == [
        ("cs.RO", "Robotics"), ("cs.CV", "Computer Vision and Pattern Recognition"), ("cs.CL", "Computation and Language"),
    ]
    assert _ids(data) == ["2611.00001", "2611.00002", "2611.00003"]
    assert data["featured"]["id"] == "2611.00001"
    assert data["subject"].startswith("#1 Arxiv Weekly Insights")
    p = data["sections"][0]["papers"][0]
    assert p["url"] == "https://arxiv.org/abs/2611.00001" and p["pdf_url"].startswith("https://arxiv.org/pdf/2611.00001")
    assert p["authors"] == ["A. One", "B. Two"] and p["categories"] == ["cs.RO", "cs.LG"] and p["version"] == 1


def test_next_edition_has_only_papers_first_seen_since(store, make_settings):
    settings = make_settings(arxiv_categories=FOLLOWED)
    with store.session() as s:
        save_papers(s, [paper("2611.1", "cs.LG"), paper("2611.2", "cs.CL")], now=T0)
    with store.session() as s:
        first = build_edition(s, settings, now=T0 + timedelta(days=4)).to_json()
    with store.session() as s:
        # a week later: one new paper, and an old one shows up again (stale feed, new version)
        save_papers(s, [paper("2611.3", "cs.RO", day=date(2026, 11, 30)), paper("2611.1", "cs.LG", version=2)], now=T0 + timedelta(days=7))
    with store.session() as s:
        second = build_edition(s, settings, now=T0 + timedelta(days=11)).to_json()
    assert _ids(first) == ["2611.1", "2611.2"]
    assert second["number"] == 2 and _ids(second) == ["2611.3"]


def test_paper_in_an_earlier_edition_never_reappears(store, make_settings):
    settings = make_settings(arxiv_categories=FOLLOWED)
    with store.session() as s:
        save_papers(s, [paper("2611.1", "cs.LG")], now=T0)
        build_edition(s, settings, now=T0 + timedelta(hours=1))
    with store.session() as s:
        # even if its stored first-seen time were moved past the edition, it stays out
        s.get(Paper, "2611.1").first_seen_at = T0 + timedelta(days=3)
        save_papers(s, [paper("2611.2", "cs.LG")], now=T0 + timedelta(days=3))
    with store.session() as s:
        second = build_edition(s, settings, now=T0 + timedelta(days=4)).to_json()
    assert _ids(second) == ["2611.2"]


def test_nothing_new_builds_nothing(store, make_settings):
    settings = make_settings(arxiv_categories=FOLLOWED)
    with store.session() as s:
        empty = build_edition(s, settings).to_json()
    assert empty["number"] is None and "no papers stored yet" in empty["reason"]
    with store.session() as s:
        save_papers(s, [paper("2611.1", "cs.LG")], now=T0)
        build_edition(s, settings, now=T0 + timedelta(hours=1))
    with store.session() as s:
        again = build_edition(s, settings, now=T0 + timedelta(hours=2)).to_json()
    assert again == {"number": None, "reason": "no new papers since edition #1; no edition built"}


def test_only_revisions_build_nothing(store, make_settings):
    settings = make_settings(arxiv_categories=FOLLOWED)
    with store.session() as s:
        save_papers(s, [paper("2610.9", "cs.LG", version=3, announce_type="replace")], now=T0)
        assert build_edition(s, settings).edition is None


def test_editorial_interests_set_the_default_order(store, make_settings):
    settings = make_settings(arxiv_categories="cs.LG", ranker="tfidf", editorial_interests="graph neural networks", papers_per_section=2)
    with store.session() as s:
        save_papers(s, [
            paper("2611.1", "cs.LG", title="Optimizers", abstract="Learning rates for Adam."),
            paper("2611.2", "cs.LG", title="Message passing", abstract="Graph neural networks on molecules."),
            paper("2611.3", "cs.LG", title="Pruning data", abstract="Scaling laws and data pruning."),
        ], now=T0)
        data = build_edition(s, settings, now=T0 + timedelta(days=1)).to_json()
    assert data["featured"]["id"] == "2611.2" and data["editorial_order"] == "interests (tfidf)"
    assert _ids(data) == ["2611.2", "2611.1"] and data["pool"] == 3
    assert data["subject"] == "#1 Arxiv Weekly Insights: Message passing"
