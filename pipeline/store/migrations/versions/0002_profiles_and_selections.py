"""subscriber profiles (pinned authors, keywords) and frozen selections

Revision ID: 0002
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("subscribers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pinned_authors", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("keywords", sa.JSON(), nullable=False, server_default="[]"))
    op.create_table(
        "selections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("edition_id", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", sa.Integer(), nullable=False),
        sa.Column("ranker", sa.String(length=32), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["edition_id"], ["editions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["subscriber_id"], ["subscribers.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("edition_id", "subscriber_id", name="uq_selections_edition_subscriber"),
    )
    with op.batch_alter_table("selections", schema=None) as batch_op:
        batch_op.create_index("ix_selections_edition_id", ["edition_id"], unique=False)
        batch_op.create_index("ix_selections_subscriber_id", ["subscriber_id"], unique=False)


def downgrade() -> None:
    op.drop_table("selections")
    with op.batch_alter_table("subscribers", schema=None) as batch_op:
        batch_op.drop_column("keywords")
        batch_op.drop_column("pinned_authors")
