"""Render benchmark: one subscriber's copy (25 papers), assembled vs rendered the naive way.

The assembled path renders the edition once (MJML → HTML → premailer for every
paper) and joins pre-rendered parts per reader; the naive path runs Jinja →
MJML → premailer for each reader. Both produce the same bytes (checked here on
every sampled reader). Prints the once-per-edition cost, each path's median per
copy, their ratio and the copy's size.

    python benchmarks/render.py [--pool 60] [--fast-runs 2000] [--naive-runs 40]

Target: a copy under 1 ms median, at least 20x faster than the naive path.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pipeline import taxonomy  # noqa: E402
from pipeline.stages.render import EditionRenderer, Recipient, View  # noqa: E402
from pipeline.stages.select import select  # noqa: E402

CATEGORIES = ("cs.RO", "cs.CV", "cs.LG", "cs.CL", "cs.AI")
WORDS = ("robust learning model data policy vision language agents benchmark training inference graph diffusion "
         "transformer retrieval planning control safety alignment evaluation").split()


def make_content(per_section: int, seed: int = 3) -> dict:
    rng = random.Random(seed)
    pool = []
    for k, cat in enumerate(CATEGORIES):
        papers = []
        for i in range(per_section):
            sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 22))).capitalize() + "." for _ in range(8)]
            sentences.insert(2, "We bound the error by $\\mathcal{O}(n \\log n)$ and show $\\alpha \\leq 0.5$.")
            papers.append({
                "id": f"2611.{k + 1}{i:04d}", "version": 1,
                "title": " ".join(rng.choice(WORDS) for _ in range(9)).title(),
                "authors": [f"Author{j} Name{rng.randrange(999)}" for j in range(rng.randint(2, 9))] + ["J\\'er\\'emy M\\\"uller"],
                "abstract": " ".join(sentences),
                "primary_category": cat, "categories": [cat, rng.choice(CATEGORIES)],
            })
        pool.append({"category": cat, "name": taxonomy.name_of(cat), "papers": papers})
    return {"title": "Arxiv Weekly Insights", "pool": pool, "editorial": "heuristic"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pool", type=int, default=60, help="papers per section in the edition (5 sections)")
    ap.add_argument("--fast-runs", type=int, default=2000)
    ap.add_argument("--naive-runs", type=int, default=40)
    args = ap.parse_args()

    content = make_content(args.pool)
    rng = random.Random(11)
    readers = [
        Recipient(f"reader{i}@example.org", rng.choice(["Ada", "Jérémy O'Brien", None, 'Zoë "Z" <Z>']),
                  f"https://news.example.org/unsubscribe/tok{i}", f"https://news.example.org/preferences/tok{i}")
        for i in range(50)
    ]
    views = []
    for i in range(50):
        relevance = {p["id"]: rng.random() for s in content["pool"] for p in s["papers"]}
        views.append(View.of(select(content["pool"], relevance, papers_per_section=5, max_papers=25)))
    assert all(len(v.paper_ids) == 25 for v in views)

    t0 = time.perf_counter()
    renderer = EditionRenderer(number=16, content=content, title="Arxiv Weekly Insights", public_base_url="https://news.example.org",
                               brought_by="the Robotics Lab", closing="Happy reading!")
    once = time.perf_counter() - t0

    def median_ms(render, runs: int) -> float:
        """Median wall time of ``render(view, reader)`` over ``runs`` readers, in ms."""
        times = []
        for i in range(runs):
            view, reader = views[i % len(views)], readers[i % len(readers)]
            t = time.perf_counter()
            render(view, reader)
            times.append(time.perf_counter() - t)
        return statistics.median(times) * 1000

    fast_ms = median_ms(renderer.render, args.fast_runs)
    naive_ms = median_ms(renderer.render_naive, args.naive_runs)
    for i in range(args.naive_runs):  # the two paths agree byte for byte
        view, reader = views[i % len(views)], readers[i % len(readers)]
        fast, naive = renderer.render(view, reader), renderer.render_naive(view, reader)
        assert fast.html == naive.html and fast.text == naive.text, "paths disagree"
    copy = fast

    print(f"edition: {sum(len(s['papers']) for s in content['pool'])} papers in the pool; copies of 25 papers")
    print(f"once per edition (render every paper, MJML, premailer, split): {once * 1000:8.1f} ms")
    print(f"assembled copy (HTML + text part), median of {args.fast_runs}:       {fast_ms:8.3f} ms")
    print(f"naive copy (Jinja -> MJML -> premailer), median of {args.naive_runs}:   {naive_ms:8.3f} ms")
    print(f"ratio naive / assembled:                                    {naive_ms / fast_ms:8.1f}x  (target >= 20x, copy < 1 ms)")
    print(f"identical output: yes ({args.naive_runs} readers checked); copy size {copy.html_bytes / 1024:.1f} KB HTML, {len(copy.text) / 1024:.1f} KB text")


if __name__ == "__main__":
    main()
