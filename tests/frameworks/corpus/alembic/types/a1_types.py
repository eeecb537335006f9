"""every mapped type

Revision ID: a1
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy import Integer, String

revision = "a1"
down_revision = None


def upgrade():
    op.create_table(
        "everything",
        sa.Column("c_int", Integer, primary_key=True),
        sa.Column("c_str", String),
        sa.Column("c_str_n", String(12)),
        sa.Column("c_varchar", sa.VARCHAR(7)),
        sa.Column("c_char", sa.CHAR()),
        sa.Column("c_text", sa.Text()),
        sa.Column("c_utext", sa.UnicodeText()),
        sa.Column("c_bool", sa.Boolean()),
        sa.Column("c_small", sa.SmallInteger()),
        sa.Column("c_big", sa.BigInteger()),
        sa.Column("c_date", sa.Date()),
        sa.Column("c_time", sa.Time()),
        sa.Column("c_timetz", sa.Time(timezone=True)),
        sa.Column("c_ts", sa.DateTime()),
        sa.Column("c_tstz", sa.DateTime(timezone=True)),
        sa.Column("c_pgts", postgresql.TIMESTAMP(precision=3)),
        sa.Column("c_interval", sa.Interval()),
        sa.Column("c_num", sa.Numeric()),
        sa.Column("c_num_p", sa.Numeric(9)),
        sa.Column("c_num_ps", sa.Numeric(9, 3)),
        sa.Column("c_dec", sa.DECIMAL(5, 1)),
        sa.Column("c_float", sa.Float()),
        sa.Column("c_float24", sa.Float(precision=24)),
        sa.Column("c_real", sa.REAL()),
        sa.Column("c_double", postgresql.DOUBLE_PRECISION()),
        sa.Column("c_bytes", sa.LargeBinary()),
        sa.Column("c_json", sa.JSON()),
        sa.Column("c_jsonb", postgresql.JSONB()),
        sa.Column("c_uuid", postgresql.UUID(as_uuid=True)),
        sa.Column("c_inet", postgresql.INET()),
        sa.Column("c_cidr", postgresql.CIDR()),
        sa.Column("c_macaddr", postgresql.MACADDR()),
        sa.Column("c_money", postgresql.MONEY()),
        sa.Column("c_tsvector", postgresql.TSVECTOR()),
        sa.Column("c_int_array", postgresql.ARRAY(sa.Integer())),
        sa.Column("c_text_array", sa.ARRAY(sa.Text)),
        sa.Column("c_bit", postgresql.BIT(4)),
        sa.Column("c_range", postgresql.INT4RANGE()),
        sa.Column("c_enum", postgresql.ENUM("x", "y", name="xy")),
        sa.Column("c_enum2", sa.Enum("p", "q", name="pq", native_enum=False)),
        sa.Column("c_variant", sa.String(10).with_variant(sa.Text(), "sqlite")),
    )


def downgrade():
    pass
