"""Settings (environment over .env, one-line errors) and crontab schedules."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from pipeline.errors import ConfigError
from pipeline.schedule import next_run
from pipeline.settings import load_settings


def test_env_wins_over_dotenv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("NEWSLETTER_TITLE=From dotenv\nARXIV_CATEGORIES=cs.RO;cs.CL\nTIMEZONE=Europe/Paris\n")
    monkeypatch.setenv("NEWSLETTER_TITLE", "From env")
    s = load_settings()
    assert s.newsletter_title == "From env"
    assert s.arxiv_categories == ("cs.RO", "cs.CL")
    assert s.timezone == "Europe/Paris"


def test_defaults(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    s = load_settings()
    assert s.arxiv_categories == ("cs.RO", "cs.CV", "cs.LG", "cs.CL")
    assert s.database_url == "sqlite:///./var/smartxiv.db" and s.mail_backend == "outbox"


@pytest.mark.parametrize(
    "env, message",
    [
        ({"ARXIV_CATEGORIES": "cs.RO,cs.NOPE"}, "ARXIV_CATEGORIES: unknown arXiv category cs.NOPE"),
        ({"TIMEZONE": "Mars/Olympus"}, "TIMEZONE: unknown IANA time zone 'Mars/Olympus'"),
        ({"MAIL_BACKEND": "pigeon"}, "MAIL_BACKEND:"),
        ({"ARXIV_RSS_BASE": "ftp://x"}, "ARXIV_RSS_BASE: 'ftp://x' is not an http(s) URL"),
    ],
)
def test_bad_settings_name_the_setting(env, message, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ConfigError) as info:
        load_settings()
    assert str(info.value).startswith(message) and "\n" not in str(info.value)


def test_seed_list_from_addresses_or_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings(seed_list="a@x.org, b@x.org").seed_addresses() == ["a@x.org", "b@x.org"]
    (tmp_path / "seeds.txt").write_text("# team\nc@x.org\n\nd@x.org\n")
    assert load_settings(seed_list=str(tmp_path / "seeds.txt")).seed_addresses() == ["c@x.org", "d@x.org"]


FRIDAY_NOON = datetime(2026, 12, 4, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "expr, tz, expected",
    [
        ("0 9 * * 5", "UTC", "2026-12-11T09:00:00+00:00"),  # Friday is 5, as in crontab
        ("0 9 * * 0", "UTC", "2026-12-06T09:00:00+00:00"),  # 0 = Sunday
        ("0 9 * * 7", "UTC", "2026-12-06T09:00:00+00:00"),  # 7 = Sunday too
        ("0 6 * * 1-5", "Europe/Paris", "2026-12-07T06:00:00+01:00"),
        ("30 14 * * *", "America/New_York", "2026-12-04T14:30:00-05:00"),
    ],
)
def test_crontab_weekdays_are_standard(expr, tz, expected):
    assert next_run(expr, tz, after=FRIDAY_NOON).isoformat() == expected


@pytest.mark.parametrize("expr", ["0 9 * *", "61 9 * * 5", "0 9 * * 8", "0 9 * * fri-mon"])
def test_bad_crontab_names_the_setting(expr):
    with pytest.raises(ConfigError, match="^EDITION_SCHEDULE: "):
        next_run(expr, "UTC", after=FRIDAY_NOON, setting="EDITION_SCHEDULE")
