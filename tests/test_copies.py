"""Each subscriber's copy: selected once and frozen, rendered from the store (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from pipeline.copies import EditionCopies, find_edition
from pipeline.editions import build_edition
from pipeline.store.models import Subscriber
from pipeline.store.papers import save_papers
from subscribers import service
from subscribers.model import make_subscriber
from subscribers.tokens import PREVIEW_KEY, read_token
from tests.builders import paper

T0 = datetime(2026, 11, 23, 6, tzinfo=timezone.utc)


def _week():
    return [
        paper("2611.00001", "cs.RO", title="Legged robots on ice", abstract="Quadruped locomotion on slippery ground."),
        paper("2611.00002", "cs.RO", title="Tactile grippers", abstract="Touch sensing for robot manipulation of cloth."),
        paper("2611.00003", "cs.CL", title="Voters and chatbots", abstract="Language models persuade voters in elections."),
        paper("2611.00004", "cs.CL", title="Legal translation", abstract="Machine translation of court decisions.",
              authors=["Kwame Mensah", "Sofia Rossi"]),
        paper("2611.00005", "cs.LG", title="Adam step sizes", abstract="Optimizer learning rate schedules."),
    ]


def _setup(store, settings):
    with store.session() as s:
        save_papers(s, _week(), now=T0)
        build_edition(s, settings, now=T0 + timedelta(days=4))
        service.upsert(s, [
            make_subscriber("ada@example.org", name="Ada", interests="robot touch sensing for manipulation"),
            make_subscriber("ben@example.org", categories="cs.CL", pinned_authors="K. Mensah"),
            make_subscriber("cy@example.org"),
        ])


def _sub(session, email) -> Subscriber:
    return service.find(session, email)


def test_copies_follow_each_profile(store, make_settings):
    settings = make_settings(arxiv_categories="cs.RO,cs.CL,cs.LG", ranker="tfidf", papers_per_section=1)
    _setup(store, settings)
    with store.session() as s:
        copies = EditionCopies(settings, find_edition(s, None))
        ada = copies.copy_for(s, _sub(s, "ada@example.org"))
        ben = copies.copy_for(s, _sub(s, "ben@example.org"))
        cy = copies.copy_for(s, _sub(s, "cy@example.org"))
        default = copies.copy_for(s, None)
    assert ada.subject == "#1 Arxiv Weekly Insights: Tactile grippers"
    assert "Hi Ada," in ada.html and "Hi there," in cy.html
    assert ben.paper_ids[0] == "2611.00004"  # the pinned author leads
    assert set(ben.paper_ids) <= {"2611.00003", "2611.00004"}  # cs.CL only
    assert cy.paper_ids == default.paper_ids  # no preferences: the editorial copy
    token = ada.html.split("/unsubscribe/")[1].split('"')[0]
    with store.session() as s:
        assert read_token(PREVIEW_KEY, token) == _sub(s, "ada@example.org").id


def test_a_selection_is_frozen_so_a_repeat_is_byte_identical(store, make_settings):
    settings = make_settings(arxiv_categories="cs.RO,cs.CL,cs.LG", ranker="tfidf", papers_per_section=1)
    _setup(store, settings)
    with store.session() as s:
        first = EditionCopies(settings, find_edition(s, 1)).copy_for(s, _sub(s, "ada@example.org"))
    with store.session() as s:
        # the reader changes their interests and the operator the limits: this edition does not move
        _sub(s, "ada@example.org").interests = "optimizers and learning rates"
    changed = make_settings(arxiv_categories="cs.RO,cs.CL,cs.LG", ranker="tfidf", papers_per_section=3)
    with store.session() as s:
        again = EditionCopies(changed, find_edition(s, 1)).copy_for(s, _sub(s, "ada@example.org"))
    assert again.html == first.html and again.text == first.text and again.subject == first.subject
