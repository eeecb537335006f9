#!/usr/bin/env bash
# Installs what downstream needs to build and test on Debian 12, skipping what is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

packages=(
  build-essential cmake ninja-build pkg-config git ca-certificates ccache
  libgit2-dev libpg-query-dev libprotobuf-c-dev libtree-sitter-dev nlohmann-json3-dev
  libcli11-dev doctest-dev libyaml-cpp-dev libcurl4-openssl-dev libmimalloc-dev
)
if [ "${1:-}" = "--test" ]; then
  # Real programs the tests use as referees: PostgreSQL, Alembic and Django (offline SQL),
  # ActiveRecord (Rails migrations), DuckDB (from npm, below), pre-commit, Google Benchmark and
  # sqlglot for bench/, clang with libFuzzer for the sanitizer build and fuzz/, cmark-gfm (renders
  # the PR comment as GitHub does), Docker and debootstrap (the action's image is built from the
  # Dockerfile on a Debian base made locally, and run as a runner runs it).
  packages+=(postgresql python3-alembic python3-django python3-psycopg2 ruby-activerecord ruby-pg pre-commit
             libbenchmark-dev python3-sqlglot clang libclang-rt-14-dev cmark-gfm docker.io debootstrap)
fi
# npm for the tests' referees and validators (DuckDB, Ajv); the build itself needs none.
if [ "${1:-}" = "--test" ]; then
  command -v npm >/dev/null 2>&1 || packages+=(npm)
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ "${1:-}" = "--test" ]; then
  # DuckDB's C library (pinned in cmake/DuckDb.cmake), the referee of the duckdb dialect, fetched
  # from the npm registry into build/_grammars beside the tree-sitter grammars; no-op when there.
  cmake -DDUCKDB_DEST="$root/build/_grammars" -P "$root/cmake/DuckDb.cmake"
fi
