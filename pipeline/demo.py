"""``smartxiv demo``: the whole ingest on a bundled sample week, offline.

The sample week (``pipeline/data/sample_week/<day>/<category>.xml``, written by
``scripts/make_sample_week.py`` in arXiv's real RSS format) is served by a
local :class:`~pipeline.fakes.arxiv.FakeArxiv`; the real fetch path polls it
once per announcement day, as the daemon would, into a fresh demo database.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from datetime import datetime, time, timezone
from importlib import resources
from pathlib import Path

from pipeline.copies import EditionCopies, find_edition
from pipeline.editions import BuildResult, build_edition
from pipeline.fakes.arxiv import FakeArxiv
from pipeline.ingest import FetchReport, fetch_feeds
from pipeline.settings import Settings
from pipeline.store import open_store
from subscribers import service
from subscribers.importer import parse_csv_text
from subscribers.preferences import Profile

SAMPLE_CATEGORIES = ("cs.RO", "cs.CV", "cs.LG", "cs.CL")
DEFAULT_DEMO_DIR = Path("var/demo")


@dataclass(slots=True)
class DemoRun:
    """What the demo did, and where it left its files."""

    folder: Path
    database: Path
    days: list[tuple[str, FetchReport]] = field(default_factory=list)
    build: BuildResult | None = None
    edition_json: Path | None = None
    subscribers: int = 0
    #: (who, profile summary, subject, html path, text path)
    previews: list[tuple[str, str, str, Path, Path]] = field(default_factory=list)


def sample_days() -> list[tuple[str, dict[str, bytes]]]:
    """The bundled week: (day, {category: feed bytes}) in date order."""
    root = resources.files("pipeline.data").joinpath("sample_week")
    days = []
    for day_dir in sorted((d for d in root.iterdir() if d.is_dir()), key=lambda d: d.name):
        feeds = {f.name.removesuffix(".xml"): f.read_bytes() for f in day_dir.iterdir() if f.name.endswith(".xml")}
        days.append((day_dir.name, feeds))
    return days


def run_demo(settings: Settings, *, folder: Path = DEFAULT_DEMO_DIR) -> DemoRun:
    """Fetch the sample week day by day, import sample subscribers, build edition #1."""
    folder = folder.resolve()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    database = folder / "demo.db"
    run = DemoRun(folder=folder, database=database)
    with FakeArxiv() as arxiv:
        demo_settings = settings.model_copy(
            update={
                "database_url": f"sqlite:///{database}",
                "arxiv_categories": SAMPLE_CATEGORIES,
                "arxiv_rss_base": arxiv.rss_base,
                "fetch_max_attempts": 1,
            }
        )
        store = open_store(demo_settings.database_url)
        try:
            for day, feeds in sample_days():
                for category, body in feeds.items():
                    arxiv.set_feed(category, body)
                # each poll is stamped at 06:00 UTC of its day, as the daemon's FETCH_SCHEDULE would
                stamp = datetime.combine(datetime.fromisoformat(day).date(), time(6), tzinfo=timezone.utc)
                run.days.append((day, fetch_feeds(demo_settings, store, now=lambda stamp=stamp: stamp)))
            csv_text = resources.files("pipeline.data").joinpath("sample_subscribers.csv").read_text("utf-8")
            with store.session() as session:
                run.subscribers = service.upsert(session, parse_csv_text(csv_text, source="sample").rows).added
            with store.session() as session:
                run.build = build_edition(session, demo_settings)
            if run.build.edition is not None:
                run.edition_json = folder / f"edition-{run.build.edition.number}.json"
                run.edition_json.write_text(json.dumps(run.build.to_json(), indent=2, ensure_ascii=False) + "\n", "utf-8")
                _write_previews(run, demo_settings, store)
        finally:
            store.close()
    return run


def _profile_summary(profile: Profile) -> str:
    if profile.is_default:
        return "no preferences: the editorial selection"
    bits = []
    if profile.categories:
        bits.append("follows " + " ".join(profile.categories))
    if profile.interests:
        bits.append(f"interests: {profile.interests}")
    if profile.pinned_authors:
        bits.append("pins " + "; ".join(profile.pinned_authors))
    if profile.keywords:
        bits.append("must include " + "; ".join(profile.keywords))
    return ", ".join(bits)


def _write_previews(run: DemoRun, settings: Settings, store) -> None:  # noqa: ANN001
    """Every sample subscriber's personalized copy, rendered once-and-assembled, as HTML and text."""
    folder = run.folder / "previews"
    folder.mkdir()
    with store.session() as session:
        edition = find_edition(session, None)
        copies = EditionCopies(settings, edition)
        subs = service.list_all(session)
        selections = copies.selections_for(session, subs)
        renderer = copies.renderer(selections.values())
        for sub in subs:
            copy = copies.copy_for(session, sub, renderer=renderer)
            stem = sub.email.split("@")[0].replace(".", "-")
            html_path, text_path = folder / f"{stem}.html", folder / f"{stem}.txt"
            html_path.write_text(copy.html, "utf-8")
            text_path.write_text(copy.text, "utf-8")
            run.previews.append((sub.email, _profile_summary(Profile.of(sub)), copy.subject, html_path, text_path))
