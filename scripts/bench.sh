#!/usr/bin/env bash
# The benchmark: downstream beside its floor and its peers, measured in one run.
#
#   scripts/bench.sh            # 5,000 SQL migrations + 1,000 Alembic revisions + 2,000 views
#   scripts/bench.sh --small    # a tiny repository: proves the bench runs (CI)
#
# Generates a repository (scripts/generate-repo.py, seed 7), builds downstream and bench/parse_floor
# in $BUILD_DIR (default build/), installs squawk-cli with npm into $BENCH_CACHE (default
# ~/.cache/downstream-bench) when npm is there, and prints wall time, CPU time and peak memory of:
# the floor (libpg_query parsing every .sql file once), `downstream check` on the one-migration
# pull request, `downstream lineage --format json`, sqlglot's lineage of the same views (the first
# $SQLGLOT_VIEWS, default 200: sqlglot takes tens of milliseconds a column) and squawk linting the
# same SQL migrations. Sizes: SQL_MIGRATIONS, ALEMBIC, VIEWS, DBT_MODELS, TABLES.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
build="${BUILD_DIR:-build}"
if [ "${1:-}" = "--small" ]; then
  : "${SQL_MIGRATIONS:=60}" "${ALEMBIC:=20}" "${VIEWS:=40}" "${DBT_MODELS:=10}" "${TABLES:=30}"
  : "${SQLGLOT_VIEWS:=10}" "${SQUAWK:=skip}"
fi
: "${SQL_MIGRATIONS:=5000}" "${ALEMBIC:=1000}" "${VIEWS:=2000}" "${DBT_MODELS:=200}" "${TABLES:=300}"
: "${SQLGLOT_VIEWS:=200}" "${SQUAWK:=}"

if [ ! -f "$build/build.ninja" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if ! cmake --build "$build" --target downstream parse_floor -j"$(nproc)" >"$work/build.log" 2>&1; then
  cat "$work/build.log" >&2
  exit 1
fi
/usr/bin/python3 scripts/generate-repo.py "$work/repo" --meta "$work/meta.json" \
  --sql-migrations "$SQL_MIGRATIONS" --alembic "$ALEMBIC" --views "$VIEWS" \
  --dbt-models "$DBT_MODELS" --tables "$TABLES"

squawk_args=()
if [ "$SQUAWK" = "skip" ]; then
  squawk_args=(--squawk-note "skipped (--small)")
elif [ -n "$SQUAWK" ]; then
  squawk_args=(--squawk "$SQUAWK")
elif command -v npm >/dev/null 2>&1; then
  cache="${BENCH_CACHE:-$HOME/.cache/downstream-bench}"
  if [ ! -x "$cache/node_modules/.bin/squawk" ]; then
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-audit --no-fund --silent squawk-cli >/dev/null 2>&1 || true
  fi
  # The npm package is a launcher; its binary comes in an optional per-platform package.
  if [ -x "$cache/node_modules/.bin/squawk" ] && "$cache/node_modules/.bin/squawk" --version >/dev/null 2>&1; then
    squawk_args=(--squawk "$cache/node_modules/.bin/squawk")
  else
    squawk_args=(--squawk-note "squawk-cli did not install from npm here")
  fi
else
  squawk_args=(--squawk-note "npm is not installed")
fi

/usr/bin/python3 scripts/bench.py --repo "$work/repo" --meta "$work/meta.json" \
  --downstream "$root/$build/src/cli/downstream" --floor "$root/$build/bench/parse_floor" \
  --sqlglot-views "$SQLGLOT_VIEWS" "${squawk_args[@]}"
