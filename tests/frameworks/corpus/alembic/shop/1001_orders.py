"""orders

Revision ID: 1001
Revises: 1000
"""
from alembic import op
import sqlalchemy as sa

revision = "1001"
down_revision = "1000"


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.BigInteger, primary_key=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=False),
        sa.Column("total", sa.Numeric(12, 2), nullable=False),
        sa.Column("currency", sa.CHAR(3)),
        sa.Column("notes", sa.Text),
        sa.Column("placed_at", sa.DateTime()),
    )
    op.add_column("users", sa.Column("nickname", sa.String(40)))
    op.add_column("users", sa.Column("age", sa.SmallInteger(), nullable=True))


def downgrade():
    op.drop_table("orders")
