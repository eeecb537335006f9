"""branch b: a reporting schema and a view

Revision ID: 1002b
Revises: 1001
"""
from alembic import op
import sqlalchemy as sa

revision = "1002b"
down_revision = "1001"


def upgrade():
    op.execute("CREATE SCHEMA reporting")
    op.create_table(
        "daily",
        sa.Column("day", sa.Date, primary_key=True),
        sa.Column("revenue", sa.Numeric(14, 2)),
        schema="reporting",
    )
    op.execute(
        sa.text(
            """
            CREATE VIEW reporting.order_totals AS
            SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id
            """
        )
    )
