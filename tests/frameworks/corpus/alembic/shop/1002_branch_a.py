"""branch a: retype and rename

Revision ID: 1002a
Revises: 1001
"""
from alembic import op
import sqlalchemy as sa

revision = "1002a"
down_revision = "1001"


def upgrade():
    op.alter_column("users", "name", new_column_name="full_name", existing_type=sa.String(80))
    op.alter_column("orders", "notes", type_=sa.String(500), existing_type=sa.Text())
    op.alter_column("users", "nickname", nullable=False, server_default="")
    op.drop_column("users", "age")
