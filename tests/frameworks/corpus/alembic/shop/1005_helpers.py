"""The revision's own functions called from upgrade(), a table made twice by one helper"""
from alembic import op
import sqlalchemy as sa

revision = "1005"
down_revision = "1004"

AUDIT = "audit_log"


def upgrade():
    create_audit_table()
    add_flag("users", "blocked")
    add_flag(table="orders_archive", column="disputed", nullable=False)
    make_counter("user_counters")
    make_counter("order_counters")


def create_audit_table() -> None:
    op.create_table(
        AUDIT,
        sa.Column("id", sa.BigInteger(), primary_key=True),
        sa.Column("happened_at", sa.DateTime(timezone=True), nullable=False),
    )


def add_flag(table: str, column: str, nullable: bool = True) -> None:
    op.add_column(table, sa.Column(column, sa.Boolean(), nullable=nullable, server_default=sa.false()))


def make_counter(name):
    op.create_table(name, sa.Column("id", sa.Integer(), primary_key=True), sa.Column("n", sa.Integer()))


def downgrade():
    pass
