"""Dedupe and section rules, on plain records (no store)."""

from __future__ import annotations

from datetime import date

from pipeline.stages.dedupe import StoredState, merge, reconcile
from pipeline.stages.section import group, section_for, section_names
from tests.builders import paper


def test_merge_keeps_one_paper_per_id_freshest_type_newest_version():
    merged = merge([
        paper("2611.1", "cs.CL", "cs.LG", announce_type="cross"),
        paper("2611.1", "cs.CL", "cs.LG", announce_type="new"),
        paper("2611.2", "cs.LG", announce_type="replace", version=2, title="old"),
        paper("2611.2", "cs.LG", announce_type="replace", version=3, title="newest"),
    ])
    assert set(merged) == {"2611.1", "2611.2"}
    assert merged["2611.1"].announce_type == "new"
    assert (merged["2611.2"].version, merged["2611.2"].title) == (3, "newest")


def test_revision_updates_metadata_but_not_the_first_announcement():
    stored = StoredState(version=1, announce_type="new", announced_on=date(2026, 11, 2))
    changes = reconcile(paper("2611.1", "cs.LG", version=2, announce_type="replace", title="v2", day=date(2026, 11, 20)), stored)
    assert changes["version"] == 2 and changes["title"] == "v2"
    assert "announce_type" not in changes and "announced_on" not in changes


def test_same_paper_seen_again_changes_nothing():
    stored = StoredState(version=1, announce_type="new", announced_on=date(2026, 11, 23))
    assert reconcile(paper("2611.1", "cs.LG", announce_type="cross"), stored) is None


def test_section_is_primary_when_followed_else_first_followed():
    followed = ["cs.RO", "cs.CV", "cs.LG"]
    assert section_for(["cs.LG", "cs.RO"], followed) == "cs.LG"
    assert section_for(["cs.AI", "stat.ML", "cs.CV", "cs.RO"], followed) == "cs.CV"
    assert section_for(["cs.AI"], followed) is None


def test_section_follows_aliases():
    assert section_for(["cs.NA"], ["math.NA"]) == "math.NA"


def test_sections_in_followed_order_empty_ones_left_out():
    papers = [paper("3", "cs.CL"), paper("1", "cs.LG"), paper("2", "cs.AI", "cs.CL")]
    sections = group(papers, ["cs.RO", "cs.CL", "cs.LG"])
    assert [(s.category, s.name, [p.arxiv_id for p in s.papers]) for s in sections] == [
        ("cs.CL", "Computation and Language", ["3", "2"]),
        ("cs.LG", "Machine Learning", ["1"]),
    ]


def test_two_categories_with_one_name_are_told_apart():
    names = section_names(["cs.LG", "stat.ML", "cs.RO"])
    assert names == {"cs.LG": "Machine Learning (cs.LG)", "stat.ML": "Machine Learning (stat.ML)", "cs.RO": "Robotics"}
