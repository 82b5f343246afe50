"""The offline demo, and the package working from an installed wheel in any folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_demo_builds_the_sample_week(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "ARXIV_CATEGORIES", "ARXIV_RSS_BASE")}
    proc = subprocess.run([sys.executable, "-m", "pipeline", "demo"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "fetch 2026-11-26: no announcements (arXiv holiday)" in proc.stdout
    edition = json.loads((tmp_path / "var/demo/edition-1.json").read_text())
    sections = [s["name"] for s in edition["sections"]]
    assert sections == ["Robotics", "Computer Vision and Pattern Recognition", "Machine Learning", "Computation and Language"]
    assert edition["pool"] == 32  # cross-lists once each; the three revisions left out
    ids = [p["id"] for s in edition["sections"] for p in s["papers"]]
    assert len(ids) == len(set(ids)) == 20  # the default reader: 5 per section
    assert not any(i.startswith("2610.") for i in ids)
    # four sample subscribers, each with a personalized copy (HTML and text) whose path is printed
    previews = sorted((tmp_path / "var/demo/previews").glob("*.html"))
    assert [p.name for p in previews] == ["ada-robotics.html", "ben-nlp.html", "chen-health.html", "dana.html"]
    for page in previews:
        assert str(page) in proc.stdout and page.with_suffix(".txt").exists()
    subjects = [line.strip() for line in proc.stdout.splitlines() if line.strip().startswith("subject:")]
    assert len(set(subjects)) == 4  # different profiles, different featured papers


@pytest.mark.skipif(not (ROOT / "pyproject.toml").exists(), reason="needs the source tree")
def test_wheel_carries_templates_data_and_migrations(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(tmp_path / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    wheel = next((tmp_path / "dist").glob("smartxiv-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "pipeline/data/taxonomy.json",
        "pipeline/data/sample_week/2026-11-23/cs.RO.xml",
        "pipeline/store/migrations/env.py",
        "pipeline/store/migrations/versions/0001_initial_schema.py",
        "pipeline/templates/email.mjml.j2",
        "pipeline/templates/email.txt.j2",
        "pipeline/templates/email.css",
        "pipeline/templates/partials/paper.mjml.j2",
        "subscribers/service.py",
    ):
        assert needed in names, needed
    # unpacked alone (no source tree on the path), it runs the demo from an unrelated folder
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", "import pipeline, sys; print(pipeline.__file__); from pipeline.cli import main; sys.argv=['smartxiv','demo']; main()"],
                         cwd=work, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith(str(target))
    assert (work / "var/demo/edition-1.json").exists()
    assert len(list((work / "var/demo/previews").glob("*.html"))) == 4  # rendered with the wheel's own templates
