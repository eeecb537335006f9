"""batch changes and renames

Revision ID: 1004
Revises: 1003
"""
from alembic import op
import sqlalchemy as sa

revision = "1004"
down_revision = "1003"
ARCHIVE = "orders_archive"


def upgrade():
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shipped", sa.Boolean(), nullable=True))
        batch_op.alter_column("currency", new_column_name="currency_code")
        batch_op.drop_column("placed_at")
        batch_op.create_index("ix_orders_shipped", ["shipped"])
    op.execute("DROP VIEW reporting.order_totals")
    op.rename_table("orders", ARCHIVE)
    op.alter_column(ARCHIVE, "total", type_=sa.Numeric(14, 2), nullable=True)
    op.drop_table("daily", schema="reporting")
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, sa.Identity(), primary_key=True),
        sa.Column("kind", sa.Unicode(20), nullable=False),
        sa.Column("payload", sa.JSON),
        sa.Column("at", sa.TIMESTAMP(timezone=True)),
    )
    op.add_column("events", sa.Column("tags", sa.ARRAY(sa.String(30))))
