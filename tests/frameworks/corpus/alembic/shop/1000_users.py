"""users

Revision ID: 1000
Revises:
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "1000"
down_revision = None
branch_labels = None
depends_on = None

USERS = "users"


def upgrade() -> None:
    op.create_table(
        USERS,
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("name", sa.String(80)),
        sa.Column("status", sa.Enum("active", "banned", name="user_status"), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("now()"), nullable=False),
        sa.Column("prefs", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("email"),
    )
    op.create_index(op.f("ix_users_email"), USERS, ["email"], unique=True)


def downgrade() -> None:
    op.drop_table(USERS)
