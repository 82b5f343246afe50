"""Ingest benchmark: a real-format arXiv week through the real fetch → dedupe → store path.

Generates 40 categories × 5 days × 150 items (new papers, cross-lists that
appear in several feeds, replacements of papers seen earlier), serves them from
a local HTTP server, runs ``fetch_feeds`` once per day into a fresh database,
then times bare ``feedparser.parse`` over the very same bytes. Prints both
rates, their ratio, and peak memory.

    python benchmarks/ingest.py [--database-url URL] [--categories 40] [--days 5] [--items 150]

Target: ingest at least 2/3 as fast as bare parsing; peak memory under 300 MB.
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import feedparser  # noqa: E402

from pipeline import taxonomy  # noqa: E402
from pipeline.fakes.arxiv import FakeArxiv, render_rss  # noqa: E402
from pipeline.ingest import fetch_feeds  # noqa: E402
from pipeline.paper import PaperRecord  # noqa: E402
from pipeline.settings import Settings  # noqa: E402
from pipeline.stages.parse import parse_document  # noqa: E402
from pipeline.store import open_store  # noqa: E402

WORDS = (
    "model learning data network robust training graph language vision robot policy inference "
    "optimal sparse latent gradient kernel transformer diffusion benchmark dataset estimation "
    "convergence stochastic bayesian causal reinforcement attention embedding retrieval control "
    "we show that our method improves the state of the art on several tasks with a $\\mathcal{O}(n \\log n)$ bound"
).split()


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate_week(n_categories: int, n_days: int, per_feed: int, seed: int = 7) -> list[dict[str, bytes]]:
    """Per day, {category: RSS bytes}: ~2/3 new, ~1/6 cross-lists, ~1/6 replacements."""
    rng = random.Random(seed)
    cats = sorted(taxonomy.category_names())[:n_categories]
    n_new = per_feed * 2 // 3
    n_cross = per_feed // 6
    n_replace = per_feed - n_new - n_cross
    start = date(2026, 11, 23)
    serial = 0
    seen: list[PaperRecord] = []
    days: list[dict[str, bytes]] = []
    for d in range(n_days):
        day = start + timedelta(days=d)
        new_by_cat: dict[str, list[PaperRecord]] = {}
        for cat in cats:
            papers = []
            for _ in range(n_new):
                serial += 1
                papers.append(
                    PaperRecord(
                        arxiv_id=f"2611.{serial:05d}", version=1, title=_text(rng, 10).capitalize(),
                        authors=[f"Author{rng.randrange(9999)} Name{rng.randrange(9999)}" for _ in range(rng.randint(1, 8))],
                        abstract=_text(rng, 160), primary_category=cat, categories=[cat],
                        announce_type="new", announced_on=day,
                    )
                )
            new_by_cat[cat] = papers
        feeds: dict[str, list[PaperRecord]] = {cat: list(papers) for cat, papers in new_by_cat.items()}
        for cat in cats:
            others = [c for c in cats if c != cat]
            for _ in range(n_cross):
                src = rng.choice(new_by_cat[rng.choice(others)])
                if cat not in src.categories:
                    src.categories.append(cat)
                feeds[cat].append(src)
        for cat in cats:
            for i in range(n_replace):
                if seen and i % 2 == 0:
                    old = rng.choice(seen)  # a paper of an earlier day, revised
                    rec = PaperRecord(old.arxiv_id, old.version + 1, old.title, old.authors, old.abstract,
                                      old.primary_category, old.categories, "replace", day)
                else:
                    serial += 1
                    rec = PaperRecord(f"2609.{serial:05d}", 2, _text(rng, 9), ["Old Author"], _text(rng, 150),
                                      cat, [cat], "replace", day)
                feeds[cat].append(rec)
        documents = {}
        for cat, records in feeds.items():
            typed = []
            for r in records:
                kind = r.announce_type
                if kind in ("new", "cross"):
                    kind = "new" if r.primary_category == cat else "cross"
                else:
                    kind = "replace" if r.primary_category == cat else "replace-cross"
                typed.append(PaperRecord(r.arxiv_id, r.version, r.title, r.authors, r.abstract, r.primary_category,
                                         list(r.categories), kind, day))
            documents[cat] = render_rss(cat, day, typed)
        seen.extend(p for papers in new_by_cat.values() for p in papers)
        days.append(documents)
    return days


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database-url", help="default: a fresh SQLite file in a temporary folder")
    ap.add_argument("--categories", type=int, default=40)
    ap.add_argument("--days", type=int, default=5)
    ap.add_argument("--items", type=int, default=150)
    args = ap.parse_args()

    week = generate_week(args.categories, args.days, args.items)
    items = sum(doc.count(b"<item>") for day in week for doc in day.values())
    size = sum(len(doc) for day in week for doc in day.values())
    print(f"generated {args.categories} categories x {args.days} days x {args.items} items = {items} items, {size / 1e6:.1f} MB of RSS")

    with tempfile.TemporaryDirectory() as tmp, FakeArxiv() as arxiv:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        store = open_store(url)
        categories = tuple(week[0])
        settings = Settings(_env_file=None, database_url=url, arxiv_categories=categories, arxiv_rss_base=arxiv.rss_base)
        gc.collect()
        ingest_seconds = 0.0
        new = updated = 0
        for d, documents in enumerate(week):
            for cat, body in documents.items():
                arxiv.set_feed(cat, body)
            stamp = datetime(2026, 11, 23, 6, tzinfo=timezone.utc) + timedelta(days=d)
            t0 = time.perf_counter()
            report = fetch_feeds(settings, store, now=lambda stamp=stamp: stamp)
            ingest_seconds += time.perf_counter() - t0
            assert not report.failed, report.failed[0].error
            new += report.new
            updated += sum(r.updated for r in report.results)
        ingest_rss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        store.close()

    bodies = [doc for day in week for doc in day.values()]
    gc.collect()
    t0 = time.perf_counter()
    for body in bodies:
        feedparser.parse(body)
    bare_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    for body in bodies:
        parse_document(body)  # the same call the fetch path makes (sanitizer off)
    same_options_seconds = time.perf_counter() - t0
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    ingest_rate = items / ingest_seconds
    bare_rate = items / bare_seconds
    same_rate = items / same_options_seconds
    print(f"database: {url.split('://')[0]}; stored {new} new papers, {updated} updates")
    print(f"ingest (HTTP + feedparser + dedupe + store): {ingest_seconds:7.2f} s  {ingest_rate:9.0f} items/s")
    print(f"bare feedparser.parse (defaults):            {bare_seconds:7.2f} s  {bare_rate:9.0f} items/s")
    print(f"feedparser.parse, sanitizer off (our call):  {same_options_seconds:7.2f} s  {same_rate:9.0f} items/s")
    print(f"ratio ingest / bare parse:                   {ingest_rate / bare_rate:7.2f}  (target >= 0.67)")
    print(f"ratio ingest / parse with the same options:  {ingest_rate / same_rate:7.2f}")
    print(f"peak memory (max RSS): during ingest {ingest_rss_kb / 1024:.0f} MB, whole run {peak_kb / 1024:.0f} MB  (target < 300 MB)")


if __name__ == "__main__":
    main()
