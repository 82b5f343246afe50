"""Subscriber import and management, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from pipeline.errors import InputError
from subscribers import service
from subscribers.importer import parse_csv_text
from subscribers.model import Status, make_subscriber

GOOD = """email,name,categories,interests,seed
ada@example.org,Ada,cs.RO cs.CV,robot touch,false
Ben@Example.ORG,Ben,cs.CL;cs.LG,,true
carol@example.org,,,,
"""


def test_csv_rows_are_validated(store):
    parsed = parse_csv_text(GOOD)
    assert parsed.problems == []
    assert [(r.email, r.categories, r.seed) for r in parsed.rows] == [
        ("ada@example.org", ["cs.RO", "cs.CV"], False),
        ("Ben@example.org", ["cs.CL", "cs.LG"], True),
        ("carol@example.org", [], False),
    ]


@pytest.mark.parametrize(
    "row, message",
    [
        ("not-an-email,X,,,", "row 3: email 'not-an-email'"),
        ("dora@example.org,X,cs.XYZ,,", "row 3: categories: unknown arXiv category cs.XYZ"),
        ('"eve@example.org","Eve\r\nBcc: all@example.org",,,', "row 3: name: line breaks are not allowed"),
        ("fay@example.org,,,,maybe", "row 3: seed: 'maybe' is not true or false"),
        ("ada@EXAMPLE.org,dup,,,", "row 3: ada@example.org repeats row 2"),
        ("gus@example.org,a,b,c,d,e,f", "row 3: 7 fields, the header has 5"),
    ],
)
def test_bad_rows_are_named(row, message):
    text = "email,name,categories,interests,seed\nada@example.org,,,,\n" + row + "\n"
    parsed = parse_csv_text(text)
    assert len(parsed.problems) == 1 and parsed.problems[0].startswith(message)
    assert [r.email for r in parsed.rows] == ["ada@example.org"]


def test_header_without_email_is_refused():
    with pytest.raises(InputError, match="no 'email' column"):
        parse_csv_text("name,categories\nAda,cs.RO\n")


def test_email_is_unique_case_insensitively(store):
    with store.session() as s:
        service.upsert(s, parse_csv_text(GOOD).rows)
    with store.session() as s:
        counts = service.upsert(s, [make_subscriber("ADA@example.org", interests="haptics")])
        assert (counts.added, counts.updated) == (0, 1)
    with store.session() as s:
        subs = service.list_all(s)
        assert len(subs) == 3
        assert service.find(s, "ada@EXAMPLE.org").interests == "haptics"


def test_reimport_never_reactivates_unsubscribed_or_bounced(store):
    with store.session() as s:
        service.upsert(s, parse_csv_text(GOOD).rows)
    with store.session() as s:
        service.set_status(s, "ada@example.org", Status.UNSUBSCRIBED)
        service.set_status(s, "ben@example.org", Status.BOUNCED)
    with store.session() as s:
        counts = service.upsert(s, parse_csv_text(GOOD).rows)
        assert counts.kept_inactive == ["ada@example.org (unsubscribed)", "Ben@example.org (bounced)"]
    with store.session() as s:
        assert {x.email_key: x.status for x in service.list_all(s)} == {
            "ada@example.org": "unsubscribed", "ben@example.org": "bounced", "carol@example.org": "active",
        }
    with store.session() as s:
        assert service.upsert(s, [make_subscriber("ada@example.org")], reactivate=True).reactivated == 1


def test_remove_deletes(store):
    with store.session() as s:
        service.upsert(s, parse_csv_text(GOOD).rows)
    with store.session() as s:
        service.remove(s, "carol@example.org")
    with store.session() as s:
        assert service.counts_by_status(s)["active"] == 2
        with pytest.raises(InputError, match="no subscriber"):
            service.find(s, "carol@example.org")
