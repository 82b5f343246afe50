"""The command line as an operator runs it: real processes, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pipeline.fakes.arxiv import Scripted
from tests.builders import Day

SETTINGS_VARS = ("DATABASE_URL", "ARXIV_CATEGORIES", "ARXIV_RSS_BASE", "ARXIV_API_URL", "TIMEZONE", "SEED_LIST")


@pytest.fixture
def cli(tmp_path, db_url, arxiv):
    """Run ``smartxiv`` in a clean folder against the test database and the local arXiv."""

    def run(*args: str, env: dict | None = None, check_clean_stderr: bool = True) -> subprocess.CompletedProcess:
        full_env = {k: v for k, v in os.environ.items() if k not in SETTINGS_VARS}
        full_env.update(
            DATABASE_URL=db_url,
            ARXIV_RSS_BASE=arxiv.rss_base,
            ARXIV_API_URL=arxiv.api_url,
            ARXIV_API_DELAY="0",
            FETCH_MAX_ATTEMPTS="2",
            FETCH_BACKOFF_INITIAL="0.01",
            HTTP_TIMEOUT="2",
            COLUMNS="200",
        )
        full_env.update(env or {})
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline", *args], cwd=tmp_path, env=full_env, capture_output=True, text=True, timeout=120
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc

    return run


def _one_line_error(proc, *needles: str) -> None:
    assert proc.returncode == 2, (proc.returncode, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0]


def test_fetch_build_status_roundtrip(cli, arxiv):
    Day().new("2611.00001", "cs.RO").new("2611.00002", "cs.CL", "cs.LG").revision("2610.00001", "cs.LG").serve(arxiv, ["cs.RO", "cs.LG", "cs.CL"])
    env = {"ARXIV_CATEGORIES": "cs.RO,cs.LG,cs.CL"}
    fetched = cli("fetch", "--json", env=env)
    assert fetched.returncode == 0, fetched.stderr
    assert {f["category"]: f["new"] for f in json.loads(fetched.stdout)["feeds"]} == {"cs.RO": 1, "cs.LG": 2, "cs.CL": 0}

    built = cli("build", "--json", env=env)
    assert built.returncode == 0
    edition = json.loads(built.stdout)
    assert edition["number"] == 1
    assert [(s["category"], [p["id"] for p in s["papers"]]) for s in edition["sections"]] == [
        ("cs.RO", ["2611.00001"]), ("cs.CL", ["2611.00002"]),
    ]
    assert set(edition["featured"]) >= {"id", "version", "title", "authors", "abstract", "primary_category", "categories", "url", "pdf_url"}

    nothing = cli("build", "--json", env=env)
    assert nothing.returncode == 0 and json.loads(nothing.stdout)["number"] is None
    plain = cli("build", env=env)
    assert plain.returncode == 0 and "no edition built" in plain.stdout and len(plain.stdout.strip().splitlines()) == 1

    status = json.loads(cli("status", "--json", env=env).stdout)
    assert status["editions"][0]["number"] == 1 and status["editions"][0]["papers"] == 2
    assert [f["category"] for f in status["feeds"]] == ["cs.RO", "cs.LG", "cs.CL"]
    assert status["schedule"]["next_edition"] and status["schedule"]["next_fetch"]
    assert cli("status", env=env).returncode == 0


def test_one_failing_feed_exits_1_and_keeps_the_others(cli, arxiv):
    Day().new("2611.00001", "cs.RO").serve(arxiv, ["cs.RO"])
    arxiv.script("/rss/cs.CV", Scripted(404, b"<html>gone</html>"))
    proc = cli("fetch", env={"ARXIV_CATEGORIES": "cs.RO,cs.CV"})
    assert proc.returncode == 1
    assert "cs.CV: HTTP 404" in proc.stderr
    assert "1 new papers stored; 1 feed(s) failed" in proc.stdout


def test_unknown_category_setting(cli):
    _one_line_error(cli("fetch", env={"ARXIV_CATEGORIES": "cs.RO,cs.BOGUS"}), "ARXIV_CATEGORIES", "cs.BOGUS")


@pytest.mark.parametrize(
    "url, needle",
    [
        ("not a url", "cannot parse"),
        ("nosuchdb://x/y", "unsupported database driver"),
        ("postgresql+psycopg://nobody@127.0.0.1:1/none", "cannot use"),
    ],
)
def test_broken_database_url(cli, url, needle):
    _one_line_error(cli("status", env={"DATABASE_URL": url}), "DATABASE_URL", needle)


def test_import_is_all_or_nothing(cli, tmp_path):
    (tmp_path / "list.csv").write_text("email,name,categories,interests,seed\nok@example.org,Ok,,,\nbad-address,Bad,,,\n")
    proc = cli("subscribers", "import", "list.csv")
    _one_line_error(proc, "list.csv", "row 3", "nothing imported")
    assert json.loads(cli("subscribers", "list", "--json").stdout) == []

    skipped = cli("subscribers", "import", "list.csv", "--skip-invalid")
    assert skipped.returncode == 0 and "row 3" in skipped.stderr
    assert [s["email"] for s in json.loads(cli("subscribers", "list", "--json").stdout)] == ["ok@example.org"]


def test_subscriber_commands(cli, tmp_path):
    assert cli("subscribers", "add", "a@example.org", "B@example.org", "--categories", "cs.RO cs.CL").returncode == 0
    assert cli("subscribers", "unsubscribe", "A@EXAMPLE.ORG").returncode == 0
    (tmp_path / "again.csv").write_text("email\na@example.org\n")
    assert cli("subscribers", "import", "again.csv").returncode == 0
    listed = {s["email"]: s for s in json.loads(cli("subscribers", "list", "--json").stdout)}
    assert listed["a@example.org"]["status"] == "unsubscribed"
    assert listed["B@example.org"]["categories"] == ["cs.RO", "cs.CL"]
    assert cli("subscribers", "remove", "b@example.org").returncode == 0
    _one_line_error(cli("subscribers", "remove", "b@example.org"), "no subscriber")
    _one_line_error(cli("subscribers", "add", "x@example.org\r\nBcc: y@example.org"), "line breaks")
    _one_line_error(cli("subscribers", "import", "missing.csv"), "missing.csv", "no such file")


def test_usage_error_exits_2(cli):
    assert cli("fetch", "--backfill", "zero").returncode == 2
    assert cli("no-such-command").returncode == 2


def test_preview_writes_html_and_text(cli, arxiv, tmp_path):
    Day().new("2611.00001", "cs.RO", title="Tactile robots").new("2611.00002", "cs.CL", title="Voters and chatbots").serve(arxiv, ["cs.RO", "cs.CL"])
    env = {"ARXIV_CATEGORIES": "cs.RO,cs.CL", "RANKER": "tfidf"}
    _one_line_error(cli("preview", "--out", "copy.html", env=env), "no edition built yet")
    assert not (tmp_path / "copy.html").exists()
    assert cli("fetch", env=env).returncode == 0 and cli("build", env=env).returncode == 0
    assert cli("subscribers", "add", "ben@example.org", "--name", "Ben", "--interests", "elections and chatbots", env=env).returncode == 0
    proc = cli("preview", "--subscriber", "BEN@example.org", "--out", "copy.html", env=env)
    assert proc.returncode == 0, proc.stderr
    html, text = (tmp_path / "copy.html").read_text(), (tmp_path / "copy.txt").read_text()
    assert html.startswith("<!doctype html>") and "Hi Ben," in html and "Voters and chatbots" in html
    assert "#1 Arxiv Weekly Insights: Voters and chatbots" in proc.stdout
    assert text.startswith("#1 Arxiv Weekly Insights") and "Unsubscribe: http://localhost:8000/unsubscribe/" in text
    _one_line_error(cli("preview", "--subscriber", "nobody@example.org", "--out", "x.html", env=env), "no subscriber")
    _one_line_error(cli("preview", "--edition", "7", "--out", "x.html", env=env), "no edition #7")


def test_build_and_preview_warn_when_gmail_would_clip(cli, arxiv, tmp_path):
    day = Day()
    for i in range(40):
        day.new(f"2611.{i:05d}", "cs.LG", abstract=("A long sentence about learning that goes on. " * 60))
    day.serve(arxiv, ["cs.LG"])
    env = {"ARXIV_CATEGORIES": "cs.LG", "PAPERS_PER_SECTION": "40", "MAX_PAPERS": "40", "ABSTRACT_MAX_CHARS": "2500", "RANKER": "tfidf"}
    assert cli("fetch", env=env).returncode == 0
    built = cli("build", env=env)
    assert built.returncode == 0 and "Gmail clips" in built.stderr
    previewed = cli("preview", "--out", "big.html", env=env)
    assert previewed.returncode == 0 and "Gmail clips" in previewed.stderr


def test_backfill_from_the_api(cli, arxiv):
    from tests.builders import paper

    arxiv.api_records = [paper(f"2611.0050{i}", "cs.CL") for i in range(3)]
    proc = cli("fetch", "--backfill", "2", "--json", env={"ARXIV_CATEGORIES": "cs.CL", "ARXIV_API_PAGE_SIZE": "2"})
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert (report["pages"], report["new"], report["error"]) == (2, 3, None)
    built = json.loads(cli("build", "--json", env={"ARXIV_CATEGORIES": "cs.CL"}).stdout)
    assert [p["id"] for p in built["sections"][0]["papers"]] == ["2611.00500", "2611.00501", "2611.00502"]
