"""Ranking quality on real arXiv data: precision@5 and MRR per query, per ranker.

The arXiv API responses in ../shared/fixtures/arxiv/ are search results for
"AI", "retrieval", "AI OR safety" and "codon model". All their papers are
pooled; a reader whose interests describe one query should find that query's
papers on top. Each query is asked twice: with its own words, and described
the way a reader would ("protein-coding sequence evolution" for codon models).

    python benchmarks/selection.py [--rankers tfidf,plain-tfidf,embeddings]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np  # noqa: E402

from pipeline.stages.parse import parse_api  # noqa: E402
from pipeline.stages.rank import EmbeddingRanker, TfidfRanker, embeddings_available, paper_text  # noqa: E402

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "arxiv"
QUERIES = {
    "AI": ("atom_api_all-AI_max25_2026-03-31.xml", "AI", "systems that show artificial intelligence, machine reasoning and autonomous agents"),
    "retrieval": ("atom_api_all-retrieval_max15_2026-08-21.xml", "retrieval", "search engines that find the right documents and passages for a question"),
    "AI OR safety": ("atom_api_all-AI-OR-all-safety_max15_2026-02-19.xml", "AI safety", "keeping powerful models harmless, aligned and under human oversight"),
    "codon model": ("atom_api_abs-codon-model_4results_2026-08-11.xml", "codon model", "protein-coding sequence evolution"),
}


class PlainTfidf:
    """scikit-learn's TfidfVectorizer with its defaults: the baseline."""

    name = "plain-tfidf"

    def index(self, documents):  # noqa: ANN001
        from sklearn.feature_extraction.text import TfidfVectorizer

        vec = TfidfVectorizer()
        matrix = vec.fit_transform(documents)

        class Index:
            def scores(self, queries):  # noqa: ANN001
                return np.asarray((vec.transform(queries) @ matrix.T).todense())

        return Index()


def load_pool():
    papers: dict[str, dict] = {}
    relevant: dict[str, set[str]] = {}
    for query, (name, _, _) in QUERIES.items():
        page = parse_api((FIXTURES / name).read_bytes())
        relevant[query] = {r.arxiv_id for r in page.records}
        for r in page.records:
            papers.setdefault(r.arxiv_id, {"id": r.arxiv_id, "title": r.title, "abstract": r.abstract})
    return list(papers.values()), relevant


def evaluate(ranker, papers, relevant) -> dict[tuple[str, str], tuple[float, float]]:  # noqa: ANN001
    index = ranker.index([paper_text(p) for p in papers])
    asks = [(q, kind, text) for q, (_, words, described) in QUERIES.items() for kind, text in (("words", words), ("described", described))]
    scores = index.scores([text for _, _, text in asks])
    out = {}
    for row, (query, kind, _) in zip(scores, asks):
        order = [papers[i]["id"] for i in np.argsort(-row, kind="stable")]
        hits = [pid in relevant[query] for pid in order]
        p5 = sum(hits[:5]) / 5
        first = hits.index(True) + 1 if any(hits) else None
        out[(query, kind)] = (p5, 1 / first if first else 0.0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rankers", default="plain-tfidf,tfidf,embeddings")
    args = ap.parse_args()
    if not FIXTURES.exists():
        sys.exit(f"needs ../shared/fixtures/arxiv beside the project ({FIXTURES} is absent)")
    papers, relevant = load_pool()
    print(f"pool: {len(papers)} papers; relevant per query: " + ", ".join(f"{q} {len(r)}" for q, r in relevant.items()))
    rankers = []
    for name in args.rankers.split(","):
        if name == "plain-tfidf":
            rankers.append(PlainTfidf())
        elif name == "tfidf":
            rankers.append(TfidfRanker())
        elif name == "embeddings":
            if embeddings_available():
                rankers.append(EmbeddingRanker())
            else:
                print("embeddings: sentence-transformers not installed, skipped (pip install '.[embeddings]')")
    print(f"\n{'ranker':<12} {'query':<14} {'interests':<10} {'P@5':>5} {'MRR':>6}")
    for ranker in rankers:
        results = evaluate(ranker, papers, relevant)
        for (query, kind), (p5, mrr) in results.items():
            print(f"{ranker.name:<12} {query:<14} {kind:<10} {p5:5.2f} {mrr:6.3f}")
        for kind in ("words", "described"):
            vals = [v for (q, k), v in results.items() if k == kind]
            print(f"{ranker.name:<12} {'mean':<14} {kind:<10} {np.mean([v[0] for v in vals]):5.2f} {np.mean([v[1] for v in vals]):6.3f}")
        print()


if __name__ == "__main__":
    main()
