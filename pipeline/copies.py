"""Each subscriber's copy of an edition: selection (frozen once), then rendering.

The heavy work happens once per edition: the ranker embeds or indexes the
edition's pool once, and the renderer pre-renders the papers once; a reader's
copy is a selection from the pool and a join of pre-rendered parts.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import InputError
from pipeline.settings import Settings
from pipeline.stages.rank import PaperIndex, Ranker, TfidfRanker, make_ranker, paper_text
from pipeline.stages.render import Copy, EditionRenderer, Recipient, View
from pipeline.stages.select import Selection, editorial_relevance
from pipeline.stages.select import select as select_papers
from pipeline.store.models import Edition, Subscriber
from pipeline.store.models import Selection as SelectionRow
from subscribers.preferences import Profile
from subscribers.tokens import PREVIEW_KEY, make_token

log = logging.getLogger(__name__)

#: The reader of the default copy (archive, `preview` without --subscriber).
DEFAULT_READER_EMAIL = "a subscriber"


class EditionCopies:
    """Selections and renderer for one edition; reuse it for every subscriber."""

    def __init__(self, settings: Settings, edition: Edition, *, ranker: Ranker | None = None):
        self.settings = settings
        self.edition = edition
        self.content = edition.content
        self._ranker = ranker
        self._index: PaperIndex | None = None
        self._papers = [p for sec in self.content["pool"] for p in sec["papers"]]
        self._editorial = editorial_relevance(self.content["pool"])

    # -- ranking ---------------------------------------------------------------
    @property
    def ranker(self) -> Ranker:
        if self._ranker is None:
            self._ranker = make_ranker(self.settings.ranker, model=self.settings.embedding_model)
        return self._ranker

    def index(self) -> PaperIndex:
        """The pool prepared for ranking: each paper embedded or indexed once per edition."""
        if self._index is None:
            texts = [paper_text(p) for p in self._papers]
            try:
                self._index = self.ranker.index(texts)
            except Exception as exc:  # noqa: BLE001
                if self.settings.ranker != "auto":
                    raise
                log.warning("embedding ranker unavailable (%s); using TF-IDF", exc)
                self._ranker = TfidfRanker()
                self._index = self._ranker.index(texts)
        return self._index

    def _relevance(self, interests: Sequence[str]) -> list[dict[str, float]]:
        scores = self.index().scores(list(interests))
        ids = [p["id"] for p in self._papers]
        return [dict(zip(ids, map(float, row))) for row in scores]

    # -- selections --------------------------------------------------------------
    def default(self) -> Selection:
        return Selection.from_json(self.content["default"])

    def compute(self, profiles: Sequence[Profile]) -> list[Selection]:
        """Select for many profiles at once (one batched scoring call)."""
        with_interests = [i for i, p in enumerate(profiles) if p.interests.strip()]
        relevance: dict[int, dict[str, float]] = {}
        if with_interests:
            for i, rel in zip(with_interests, self._relevance([profiles[i].interests for i in with_interests])):
                relevance[i] = rel
        out = []
        for i, profile in enumerate(profiles):
            out.append(
                select_papers(
                    self.content["pool"],
                    relevance.get(i, self._editorial),
                    categories=profile.categories,
                    pinned_authors=profile.pinned_authors,
                    keywords=profile.keywords,
                    ranker=self.ranker.name if i in relevance else "editorial",
                    papers_per_section=self.settings.papers_per_section,
                    max_papers=self.settings.max_papers,
                )
            )
        return out

    def selections_for(self, session: Session, subscribers: Iterable[Subscriber]) -> dict[int, Selection]:
        """Each subscriber's selection: the frozen one if any, else computed now and frozen."""
        subscribers = list(subscribers)
        frozen = {
            row.subscriber_id: Selection.from_json(row.content)
            for row in session.scalars(
                select(SelectionRow).where(
                    SelectionRow.edition_id == self.edition.id,
                    SelectionRow.subscriber_id.in_([s.id for s in subscribers]),
                )
            )
        }
        missing = [s for s in subscribers if s.id not in frozen]
        if missing:
            now = datetime.now(timezone.utc)
            for sub, sel in zip(missing, self.compute([Profile.of(s) for s in missing])):
                session.add(SelectionRow(edition_id=self.edition.id, subscriber_id=sub.id, ranker=sel.ranker, content=sel.to_json(), created_at=now))
                frozen[sub.id] = sel
            session.flush()
        return frozen

    # -- rendering ---------------------------------------------------------------
    def renderer(self, selections: Iterable[Selection] | None = None) -> EditionRenderer:
        """A renderer that pre-renders the papers these selections use (all, when None)."""
        ids = None
        if selections is not None:
            ids = {pid for sel in selections for pid in sel.paper_ids}
        return EditionRenderer(
            number=self.edition.number,
            content=self.content,
            title=self.edition.title,
            public_base_url=self.settings.public_base_url,
            brought_by=self.settings.brought_by,
            closing=self.settings.closing_line,
            abstract_max_chars=self.settings.abstract_max_chars,
            paper_ids=ids,
        )

    def recipient(self, subscriber: Subscriber | None) -> Recipient:
        """The reader's details and signed links (a preview key when SECRET_KEY is unset)."""
        base = self.settings.public_base_url
        if subscriber is None:
            return Recipient(DEFAULT_READER_EMAIL, None, f"{base}/unsubscribe", f"{base}/preferences")
        secret = self.settings.secret_key.get_secret_value() if self.settings.secret_key else PREVIEW_KEY
        return Recipient(
            email=subscriber.email,
            name=subscriber.name,
            unsubscribe_url=f"{base}/unsubscribe/{make_token(secret, subscriber.id, 'unsubscribe')}",
            preferences_url=f"{base}/preferences/{make_token(secret, subscriber.id, 'preferences')}",
        )

    def copy_for(self, session: Session, subscriber: Subscriber | None, *, renderer: EditionRenderer | None = None) -> Copy:
        """One reader's copy (the default reader's when ``subscriber`` is None)."""
        selection = self.default() if subscriber is None else self.selections_for(session, [subscriber])[subscriber.id]
        renderer = renderer or self.renderer([selection])
        return renderer.render(View.of(selection), self.recipient(subscriber))


def find_edition(session: Session, number: int | None) -> Edition:
    """Edition ``number``, or the newest; InputError when there is none."""
    query = select(Edition)
    query = query.where(Edition.number == number) if number is not None else query.order_by(Edition.number.desc()).limit(1)
    edition = session.scalars(query).first()
    if edition is None:
        raise InputError(f"no edition #{number}" if number is not None else "no edition built yet (run `smartxiv build`)")
    return edition
