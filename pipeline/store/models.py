"""SQLAlchemy models for papers, feeds, subscribers and editions."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator):
    """A timezone-aware UTC datetime on every backend (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect):  # noqa: ANN001
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    pass


class Paper(Base):
    """One arXiv paper, keyed by its id without version."""

    __tablename__ = "papers"

    arxiv_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    authors: Mapped[list] = mapped_column(JSON)
    abstract: Mapped[str] = mapped_column(Text)
    primary_category: Mapped[str] = mapped_column(String(32), index=True)
    categories: Mapped[list] = mapped_column(JSON)
    announce_type: Mapped[str] = mapped_column(String(16))
    announced_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    doi: Mapped[str | None] = mapped_column(String(255), nullable=True)
    journal_ref: Mapped[str | None] = mapped_column(Text, nullable=True)
    first_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class FeedState(Base):
    """What the last poll of one category feed saw (conditional-GET validators too)."""

    __tablename__ = "feed_states"

    category: Mapped[str] = mapped_column(String(32), primary_key=True)
    etag: Mapped[str | None] = mapped_column(String(512), nullable=True)
    last_modified: Mapped[str | None] = mapped_column(String(64), nullable=True)
    last_fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_success_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_status: Mapped[str | None] = mapped_column(String(16), nullable=True)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_announced_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    last_item_count: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Subscriber(Base):
    """A newsletter reader. ``email_key`` makes the address unique case-insensitively."""

    __tablename__ = "subscribers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320))
    email_key: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="active", index=True)
    categories: Mapped[list] = mapped_column(JSON, default=list)
    interests: Mapped[str | None] = mapped_column(Text, nullable=True)
    seed: Mapped[bool] = mapped_column(Boolean, default=False)
    pinned_authors: Mapped[list] = mapped_column(JSON, default=list)
    keywords: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Edition(Base):
    """A frozen weekly edition: the default content every copy is selected from."""

    __tablename__ = "editions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    built_at: Mapped[datetime] = mapped_column(UTCDateTime)
    title: Mapped[str] = mapped_column(String(255))
    subject: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="built")
    content: Mapped[dict] = mapped_column(JSON)

    papers: Mapped[list[EditionPaper]] = relationship(
        back_populates="edition", order_by="EditionPaper.position", cascade="all, delete-orphan"
    )


class EditionPaper(Base):
    """A paper's place in an edition. A paper belongs to at most one edition, ever."""

    __tablename__ = "edition_papers"
    __table_args__ = (UniqueConstraint("arxiv_id", name="uq_edition_papers_arxiv_id"),)

    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    arxiv_id: Mapped[str] = mapped_column(ForeignKey("papers.arxiv_id"))
    section: Mapped[str] = mapped_column(String(32))

    edition: Mapped[Edition] = relationship(back_populates="papers")


class Selection(Base):
    """One subscriber's papers in one edition, frozen when first computed.

    A resumed or repeated send renders from this, so the content never moves.
    """

    __tablename__ = "selections"
    __table_args__ = (UniqueConstraint("edition_id", "subscriber_id", name="uq_selections_edition_subscriber"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    edition_id: Mapped[int] = mapped_column(ForeignKey("editions.id", ondelete="CASCADE"), index=True)
    subscriber_id: Mapped[int] = mapped_column(ForeignKey("subscribers.id", ondelete="CASCADE"), index=True)
    ranker: Mapped[str] = mapped_column(String(32))
    content: Mapped[dict] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
