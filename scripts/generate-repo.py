#!/usr/bin/python3
"""Generates a realistic large repository for the benchmark and the hostile-input tests.

    scripts/generate-repo.py OUT [--sql-migrations N] [--alembic M] [--views K] [--dbt-models D]
                             [--tables T] [--seed S] [--meta FILE]

OUT becomes a git repository holding
  db/migrations/V<n>__*.sql        N Flyway-style SQL migrations: the first ones create the tables,
                                   the rest add columns, indexes, defaults, comments, backfills
  migrations/versions/*.py         M Alembic revisions in one chain (their own tables, app_<i>)
  analytics/views/v<k>.sql         K views: filters, joins, aggregates, CTEs, stars, windows, CASE,
                                   EXISTS, UNION ALL, LATERAL, and a quarter on earlier views
  analytics/dbt/                   a dbt project: sources over the tables, staging models, marts
                                   that ref() staging models and earlier marts
  downstream.yml
with two commits: `main` (the base) and `pr` (checked out): one more SQL migration that drops a
column some views read. The same arguments give byte-identical files and the same commit ids.
--meta writes a JSON file for the peers (sqlglot): every table's and view's final columns and
each view's SELECT.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys


class Table:
    def __init__(self, name, extra):
        self.name = name
        self.columns = [("id", "bigint"), ("parent_id", "bigint"), ("status", "text"),
                        ("created_at", "timestamptz")]
        self.columns += [("c%d" % k, "numeric") for k in range(extra)]
        self.numeric = ["c%d" % k for k in range(extra)]  # what views read, never dropped on main

    def create_sql(self):
        cols = ",\n    ".join("%s %s%s" % (n, t, " PRIMARY KEY" if n == "id" else "")
                              for n, t in self.columns)
        return "CREATE TABLE %s (\n    %s\n);\n" % (self.name, cols)


class Generator:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        alembic_tables = 0 if args.alembic == 0 else max(1, args.tables // 5)
        sql_tables = max(1, args.tables - alembic_tables)
        sql_tables = min(sql_tables, max(1, args.sql_migrations))
        self.sql_tables = [Table("t%d" % i, self.rng.randint(2, 11)) for i in range(sql_tables)]
        self.app_tables = [Table("app_%d" % i, self.rng.randint(2, 8)) for i in range(alembic_tables)]
        self.files = {}
        self.views = []       # (name, columns, select sql, file)
        self.uses = []        # (table, column) read by some view, in order
        self.next_added = 0

    def pick(self, items):
        return items[self.rng.randrange(len(items))]

    # ---- SQL migrations -------------------------------------------------------------------
    def sql_migration(self, number):
        if number <= len(self.sql_tables):
            t = self.sql_tables[number - 1]
            sql = "-- %s: created by the team that owns it\n" % t.name + t.create_sql()
            sql += "CREATE INDEX %s_parent_idx ON %s (parent_id);\n" % (t.name, t.name)
            return "create_%s" % t.name, sql
        t = self.pick(self.sql_tables)
        kind = self.rng.randrange(6)
        if kind == 0:
            col = "x%d" % self.next_added
            self.next_added += 1
            typ = self.pick(["text", "bigint", "boolean", "jsonb", "timestamptz", "numeric(12,2)"])
            t.columns.append((col, typ))
            return "add_%s_%s" % (t.name, col), (
                "ALTER TABLE %s ADD COLUMN %s %s;\nCOMMENT ON COLUMN %s.%s IS 'added in migration %d';\n"
                % (t.name, col, typ, t.name, col, number))
        if kind == 1:
            col = self.pick(t.columns)[0]
            return "index_%s_%s" % (t.name, col), (
                "CREATE INDEX CONCURRENTLY IF NOT EXISTS %s_%s_%d_idx ON %s (%s);\n"
                % (t.name, col, number, t.name, col))
        if kind == 2:
            return "default_%s_status" % t.name, (
                "ALTER TABLE %s ALTER COLUMN status SET DEFAULT 'new';\n" % t.name)
        if kind == 3:
            col = self.pick(t.numeric)
            return "backfill_%s_%s" % (t.name, col), (
                "BEGIN;\nUPDATE %s SET %s = 0 WHERE %s IS NULL;\nCOMMIT;\n" % (t.name, col, col))
        if kind == 4:
            return "check_%s_status" % t.name, (
                "ALTER TABLE %s ADD CONSTRAINT %s_status_%d_check CHECK (status <> '') NOT VALID;\n"
                "ALTER TABLE %s VALIDATE CONSTRAINT %s_status_%d_check;\n"
                % (t.name, t.name, number, t.name, t.name, number))
        return "grant_%s" % t.name, (
            "GRANT SELECT ON %s TO analytics_reader;\nCOMMENT ON TABLE %s IS 'migration %d';\n"
            % (t.name, t.name, number))

    def write_sql_migrations(self):
        width = len(str(self.args.sql_migrations + 1))
        for n in range(1, self.args.sql_migrations + 1):
            name, sql = self.sql_migration(n)
            self.files["db/migrations/V%0*d__%s.sql" % (width, n, name)] = sql

    # ---- Alembic --------------------------------------------------------------------------
    SA_TYPES = {"bigint": "sa.BigInteger()", "text": "sa.Text()", "numeric": "sa.Numeric(12, 2)",
                "timestamptz": "sa.DateTime(timezone=True)", "boolean": "sa.Boolean()"}

    def alembic_body(self, number):
        if number <= len(self.app_tables):
            t = self.app_tables[number - 1]
            cols = "".join('        sa.Column("%s", %s%s),\n' % (n, self.SA_TYPES[ty],
                           ", primary_key=True" if n == "id" else "") for n, ty in t.columns)
            return ('    op.create_table(\n        "%s",\n%s    )\n'
                    '    op.create_index("%s_parent_idx", "%s", ["parent_id"])\n'
                    % (t.name, cols, t.name, t.name))
        t = self.pick(self.app_tables)
        kind = self.rng.randrange(4)
        if kind == 0:
            col = "y%d" % self.next_added
            self.next_added += 1
            ty = self.pick(["text", "bigint", "boolean"])
            t.columns.append((col, ty))
            return '    op.add_column("%s", sa.Column("%s", %s, nullable=True))\n' % (
                t.name, col, self.SA_TYPES[ty])
        if kind == 1:
            col = self.pick(t.columns)[0]
            return '    op.create_index("%s_%s_%d_idx", "%s", ["%s"])\n' % (t.name, col, number, t.name, col)
        if kind == 2:
            return ('    op.alter_column("%s", "status", existing_type=sa.Text(), nullable=True)\n'
                    % t.name)
        return '    op.execute("UPDATE %s SET status = \'new\' WHERE status IS NULL")\n' % t.name

    def write_alembic(self):
        if self.args.alembic == 0:
            return
        self.files["migrations/env.py"] = "# Alembic environment (not run by downstream)\n"
        previous = None
        for n in range(1, self.args.alembic + 1):
            rev = "%012x" % self.rng.getrandbits(48)
            body = self.alembic_body(n)
            down = "None" if previous is None else '"%s"' % previous
            self.files["migrations/versions/%s_step_%d.py" % (rev, n)] = (
                '"""step %d\n\nRevision ID: %s\nRevises: %s\n"""\n'
                "from alembic import op\nimport sqlalchemy as sa\n\n"
                'revision = "%s"\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n\n\n'
                "def upgrade() -> None:\n%s\n\ndef downgrade() -> None:\n    pass\n"
                % (n, rev, previous or "", rev, down, body))
            previous = rev

    # ---- views ----------------------------------------------------------------------------
    def table(self):
        return self.pick(self.sql_tables + self.app_tables)

    def num(self, t):
        col = self.pick(t.numeric)
        self.uses.append((t.name, col))
        return col

    def view_body(self, index):
        if index > 10 and self.rng.randrange(4) == 0:
            name, columns, _, _ = self.views[self.rng.randrange(index)]
            t = self.table()
            first, second = columns[0], columns[1 if len(columns) > 1 else 0]
            return [first, "label", "extra"], (
                "SELECT v.%s, upper(v.%s::text) AS label, t.status AS extra\nFROM %s v LEFT JOIN %s t "
                "ON t.id = v.%s::bigint\nWHERE t.created_at IS NOT NULL" % (first, second, name, t.name, first))
        a, b = self.table(), self.table()
        shape = self.rng.randrange(10)
        if shape == 0:
            x, y = self.num(a), self.num(a)
            return ["id", "status", x, "y2"], (
                "SELECT id, status, %s, %s * 2 AS y2 FROM %s\nWHERE created_at > now() - interval '30 days' "
                "AND %s > 0" % (x, y, a.name, x))
        if shape == 1:
            x, y = self.num(a), self.num(b)
            return ["id", "a_status", "b_status", "total"], (
                "SELECT a.id, a.status AS a_status, b.status AS b_status, a.%s + b.%s AS total\n"
                "FROM %s a JOIN %s b ON b.parent_id = a.id\nWHERE b.%s IS NOT NULL" % (x, y, a.name, b.name, y))
        if shape == 2:
            x = self.num(b)
            return ["status", "day", "n", "total"], (
                "SELECT a.status, date_trunc('day', b.created_at) AS day, count(*) AS n, sum(b.%s) AS total\n"
                "FROM %s a LEFT JOIN %s b ON b.parent_id = a.id\nGROUP BY 1, 2\nHAVING count(*) > 1"
                % (x, a.name, b.name))
        if shape == 3:
            x = self.num(a)
            return ["id", "status", "amount", "rnk"], (
                "WITH recent AS (\n    SELECT id, parent_id, status, %s AS amount FROM %s\n"
                "    WHERE created_at > now() - interval '7 days'\n), ranked AS (\n"
                "    SELECT r.id, r.status, r.amount, rank() OVER (PARTITION BY r.status ORDER BY r.amount DESC) AS rnk\n"
                "    FROM recent r JOIN %s p ON p.id = r.parent_id\n)\n"
                "SELECT id, status, amount, rnk FROM ranked WHERE rnk <= 10" % (x, a.name, b.name))
        if shape == 4:
            return [c for c, _ in a.columns], "SELECT * FROM %s WHERE status <> 'deleted'" % a.name
        if shape == 5:
            x = self.num(a)
            return ["id", "running", "previous"], (
                "SELECT id, sum(%s) OVER (PARTITION BY parent_id ORDER BY created_at) AS running,\n"
                "       lag(%s) OVER (PARTITION BY status ORDER BY created_at) AS previous\nFROM %s"
                % (x, x, a.name))
        if shape == 6:
            x, y = self.num(a), self.num(a)
            return ["id", "bucket", "amount"], (
                "SELECT id, CASE WHEN %s > 100 THEN 'high' WHEN %s > 10 THEN 'mid' ELSE 'low' END AS bucket,\n"
                "       coalesce(%s, 0) AS amount\nFROM %s WHERE status IN ('active', 'trial')"
                % (x, x, y, a.name))
        if shape == 7:
            return ["id", "status", "children"], (
                "SELECT a.id, a.status, (SELECT count(*) FROM %s c WHERE c.parent_id = a.id) AS children\n"
                "FROM %s a\nWHERE EXISTS (SELECT 1 FROM %s b WHERE b.parent_id = a.id AND b.status = 'open')"
                % (b.name, a.name, b.name))
        if shape == 8:
            return ["id", "status", "created_at"], (
                "SELECT id, status, created_at FROM %s WHERE status = 'new'\nUNION ALL\n"
                "SELECT id, status, created_at FROM %s WHERE status = 'old'" % (a.name, b.name))
        y = self.num(b)
        return ["id", "latest"], (
            "SELECT a.id, l.latest FROM %s a\nCROSS JOIN LATERAL (SELECT max(b.%s) AS latest FROM %s b "
            "WHERE b.parent_id = a.id) l" % (a.name, y, b.name))

    def write_views(self):
        width = len(str(self.args.views))
        for i in range(self.args.views):
            name = "v%d" % i
            columns, body = self.view_body(i)
            path = "analytics/views/v%0*d.sql" % (width, i)
            self.views.append((name, columns, body, path))
            self.files[path] = "-- %s: one of the team's reports\nCREATE VIEW %s AS\n%s;\n" % (name, name, body)

    # ---- dbt ------------------------------------------------------------------------------
    def write_dbt(self):
        count = self.args.dbt_models
        if count == 0:
            return
        root = "analytics/dbt/"
        self.files[root + "dbt_project.yml"] = (
            "name: warehouse\nversion: \"1.0.0\"\nconfig-version: 2\nprofile: warehouse\n\n"
            "model-paths: [\"models\"]\n\nmodels:\n  warehouse:\n    +materialized: view\n"
            "    staging:\n      +schema: staging\n    marts:\n      +schema: marts\n")
        staged = self.sql_tables[:max(1, min(len(self.sql_tables), count // 2))]
        sources = "".join("      - name: %s\n" % t.name for t in staged)
        self.files[root + "models/staging/_sources.yml"] = (
            "version: 2\n\nsources:\n  - name: app\n    schema: raw_app\n    tables:\n" + sources)
        for t in staged:
            cols = ",\n    ".join(["id as %s_id" % t.name, "parent_id", "status", "created_at"] + t.numeric)
            self.files[root + "models/staging/stg_%s.sql" % t.name] = (
                "with source as (\n    select * from {{ source('app', '%s') }}\n)\n\nselect\n    %s\n"
                "from source\nwhere status <> 'deleted'\n" % (t.name, cols))
        marts = []
        for i in range(count - len(staged)):
            a, b = self.pick(staged), self.pick(staged)
            x = self.pick(b.numeric)
            if marts and self.rng.randrange(3) == 0:
                prev = self.pick(marts)
                sql = ("{{ config(materialized='table') }}\n\nselect m.day, m.orders, m.total * 2 as total\n"
                       "from {{ ref('%s') }} as m\nwhere m.orders > 0\n" % prev)
            else:
                sql = ("with joined as (\n    select a.%s_id as id, b.%s, b.created_at\n"
                       "    from {{ ref('stg_%s') }} as a\n    join {{ ref('stg_%s') }} as b on b.parent_id = a.%s_id\n)\n\n"
                       "select date_trunc('day', created_at) as day, count(*) as orders, sum(%s) as total\n"
                       "from joined\n{%% if var('only_recent', false) %%}where created_at > now() - interval '90 days'\n"
                       "{%% endif %%}group by 1\n" % (a.name, x, a.name, b.name, a.name, x))
            name = "mart_%d" % i
            marts.append(name)
            self.files[root + "models/marts/%s.sql" % name] = sql

    # ---- the repository -------------------------------------------------------------------
    def config(self):
        lines = ["migrations:", "  - path: db/migrations", "    kind: sql"]
        if self.args.alembic:
            lines += ["  - path: migrations/versions", "    kind: alembic"]
        lines += ["views:", "  - path: analytics/views"]
        if self.args.dbt_models:
            # The ELT tool copies the production tables into raw_app, where dbt's sources read.
            lines += ["  - dbt: analytics/dbt", "warehouse:", "  mirrors:", "    raw_app: public"]
        return "\n".join(lines) + "\n"

    def pr_migration(self):
        # A column of a table the SQL history owns (the Alembic tables replay after it).
        sql_names = {t.name for t in self.sql_tables}
        owned = [use for use in self.uses if use[0] in sql_names]
        table, column = owned[0] if owned else (self.sql_tables[0].name, "status")
        path = "db/migrations/V%0*d__drop_%s_%s.sql" % (len(str(self.args.sql_migrations + 1)),
                                                       self.args.sql_migrations + 1, table, column)
        return path, "ALTER TABLE %s DROP COLUMN %s;\n" % (table, column)

    def meta(self):
        schema = {t.name: dict(t.columns) for t in self.sql_tables + self.app_tables}
        views = []
        for name, columns, body, path in self.views:
            schema[name] = {c: "text" for c in columns}
            views.append({"name": name, "file": path, "select": body, "columns": columns})
        return {"schema": schema, "views": views}


def git(out, *args, env=None):
    subprocess.run(["git", "-C", out] + list(args), check=True, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def write_files(out, files):
    for rel, text in files.items():
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("out")
    p.add_argument("--sql-migrations", type=int, default=5000)
    p.add_argument("--alembic", type=int, default=1000)
    p.add_argument("--views", type=int, default=2000)
    p.add_argument("--dbt-models", type=int, default=200)
    p.add_argument("--tables", type=int, default=300)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--meta", help="write the peers' schema and views here (JSON)")
    p.add_argument("--force", action="store_true", help="replace OUT when it exists")
    args = p.parse_args()
    if min(args.sql_migrations, args.views) < 1 or min(args.alembic, args.dbt_models) < 0:
        p.error("needs at least one SQL migration and one view")
    if os.path.exists(args.out):
        if not args.force:
            p.error("%s exists (use --force to replace it)" % args.out)
        shutil.rmtree(args.out)
    os.makedirs(args.out)

    g = Generator(args)
    g.write_sql_migrations()
    g.write_alembic()
    g.write_views()
    g.write_dbt()
    g.files["downstream.yml"] = g.config()
    write_files(args.out, g.files)

    env = dict(os.environ, GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.com",
               GIT_COMMITTER_NAME="bench", GIT_COMMITTER_EMAIL="bench@example.com",
               GIT_AUTHOR_DATE="2026-01-01T00:00:00Z", GIT_COMMITTER_DATE="2026-01-01T00:00:00Z")
    subprocess.run(["git", "init", "-q", "-b", "main", args.out], check=True, env=env)
    git(args.out, "add", "-A", env=env)
    git(args.out, "commit", "-q", "-m", "base: the generated history", env=env)
    git(args.out, "checkout", "-q", "-b", "pr", env=env)
    path, sql = g.pr_migration()
    write_files(args.out, {path: sql})
    git(args.out, "add", "-A", env=env)
    git(args.out, "commit", "-q", "-m", "pr: one migration", env=env)
    if args.meta:
        with open(args.meta, "w", encoding="utf-8") as f:
            json.dump(g.meta(), f, indent=1, sort_keys=True)
    print("%s: %d SQL migrations, %d Alembic revisions, %d views, %d dbt models, %d tables; "
          "branch pr adds %s" % (args.out, args.sql_migrations, args.alembic, args.views, args.dbt_models,
                                 len(g.sql_tables) + len(g.app_tables), path))


if __name__ == "__main__":
    sys.exit(main())
