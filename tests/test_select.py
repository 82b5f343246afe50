"""Selection rules: limits, pinned authors, keywords, categories, featured, editorial order."""

from __future__ import annotations

from pipeline.stages.select import author_matches, editorial_relevance, select


def _paper(pid, cat, title="t", authors=("A. One",), abstract="a"):
    return {"id": pid, "title": title, "abstract": abstract, "authors": list(authors), "categories": [cat], "primary_category": cat}


def _pool(per_section=8, cats=("cs.RO", "cs.CV", "cs.LG", "cs.CL")):
    return [{"category": c, "name": c, "papers": [_paper(f"{c}-{i}", c) for i in range(per_section)]} for c in cats]


def test_limits_per_section_and_overall():
    pool = _pool()
    sel = select(pool, editorial_relevance(pool), papers_per_section=5, max_papers=12)
    assert all(len(ids) <= 5 for _, ids in sel.sections)
    assert len(sel.paper_ids) == 12
    # editorial order: the first papers of the pool win
    assert sel.featured == "cs.RO-0" and sel.sections[0] == ("cs.RO", ["cs.RO-0", "cs.RO-1", "cs.RO-2", "cs.RO-3", "cs.RO-4"])


def test_relevance_orders_sections_and_picks_the_featured():
    pool = _pool(per_section=3)
    relevance = {p["id"]: 0.0 for s in pool for p in s["papers"]}
    relevance.update({"cs.CL-2": 0.9, "cs.RO-1": 0.5})
    sel = select(pool, relevance)
    assert sel.featured == "cs.CL-2"
    assert dict(sel.sections)["cs.RO"][0] == "cs.RO-1"
    assert [c for c, _ in sel.sections] == ["cs.RO", "cs.CV", "cs.LG", "cs.CL"]  # sections keep the edition's order


def test_followed_categories_only():
    pool = _pool(per_section=2)
    sel = select(pool, editorial_relevance(pool), categories=["cs.CL", "cs.RO"])
    assert [c for c, _ in sel.sections] == ["cs.RO", "cs.CL"]


def test_pinned_author_always_in_even_from_another_section_and_past_limits():
    pool = _pool(per_section=8)
    pool[1]["papers"][7] = _paper("cs.CV-7", "cs.CV", authors=["J\\'er\\'emy Dupont", "B. Two"])
    sel = select(pool, editorial_relevance(pool), categories=["cs.RO"], pinned_authors=["Jérémy Dupont"], papers_per_section=2, max_papers=3)
    assert "cs.CV-7" in sel.paper_ids and sel.must_include == ["cs.CV-7"]
    assert sel.featured == "cs.CV-7"
    assert len(sel.paper_ids) == 3


def test_must_include_keyword():
    pool = _pool(per_section=8)
    pool[2]["papers"][6] = _paper("cs.LG-6", "cs.LG", abstract="We model codon usage across species.")
    sel = select(pool, editorial_relevance(pool), keywords=["Codon"], papers_per_section=1)
    assert "cs.LG-6" in dict(sel.sections)["cs.LG"]
    assert select(pool, editorial_relevance(pool), keywords=["codons"], papers_per_section=1).must_include == []


def test_author_matching():
    assert author_matches("Jérémy Dupont", "J. Dupont")
    assert author_matches("Dupont", "Marie Dupont")
    assert not author_matches("Jérémy Dupont", "M. Dupont")
    assert not author_matches("Jérémy Dupont", "Jérémy Durand")


def test_same_input_same_selection():
    pool = _pool()
    a = select(pool, editorial_relevance(pool)).to_json()
    b = select(pool, editorial_relevance(pool)).to_json()
    assert a == b


def test_categories_the_newsletter_does_not_carry_fall_back_to_all():
    pool = _pool(per_section=2)
    sel = select(pool, editorial_relevance(pool), categories=["astro-ph.EP"])
    assert [c for c, _ in sel.sections] == ["cs.RO", "cs.CV", "cs.LG", "cs.CL"]
