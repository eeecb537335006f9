"""merge

Revision ID: 1003
Revises: 1002a, 1002b
"""
revision = "1003"
down_revision = ("1002a", "1002b")
branch_labels = None


def upgrade():
    pass
