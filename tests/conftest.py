"""Shared fixtures: a real SQLite file and a real PostgreSQL schema per test, a local arXiv."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from pipeline.fakes.arxiv import FakeArxiv
from pipeline.settings import Settings
from pipeline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED_ARXIV = ROOT.parent / "shared" / "fixtures" / "arxiv"


def shared_fixture(name: str) -> Path:
    """A file of ../shared/fixtures/arxiv, read in place; skips when ../shared is absent."""
    path = SHARED_ARXIV / name
    if not path.exists():
        pytest.skip(f"../shared/fixtures/arxiv/{name} is not beside the project (real arXiv fixtures unavailable)")
    return path


def _postgres_url() -> str | None:
    url = os.environ.get("TEST_POSTGRES_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("TEST_POSTGRES_URL is not set in CI: .ci/run must start PostgreSQL and export it")
        pytest.skip("TEST_POSTGRES_URL is not set: PostgreSQL tests skipped (.ci/run sets it)")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A fresh, empty database on each backend: a SQLite file, or a PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'db' / 'smartxiv.db'}"
        return
    base = _postgres_url()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:  # noqa: BLE001
        admin.dispose()
        pytest.fail(f"TEST_POSTGRES_URL={base} is set but unusable: {exc}")
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def store(db_url):
    s = open_store(db_url)
    yield s
    s.close()


@pytest.fixture
def arxiv():
    with FakeArxiv() as fake:
        yield fake


@pytest.fixture
def make_settings(db_url, arxiv):
    """Settings for a test: no .env, the test database, the local arXiv, fast retries."""

    def make(**overrides) -> Settings:
        values = dict(
            database_url=db_url,
            arxiv_rss_base=arxiv.rss_base,
            arxiv_api_url=arxiv.api_url,
            arxiv_api_delay=0.0,
            http_timeout=2.0,
            fetch_max_attempts=3,
            fetch_backoff_initial=0.01,
            fetch_backoff_max=0.05,
        )
        values.update(overrides)
        return Settings(_env_file=None, **values)

    return make
