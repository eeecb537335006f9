#!/usr/bin/env bash
# with-postgres.sh <command...>
#
# Starts a throwaway PostgreSQL 15 cluster (Unix socket only, no TCP, fsync off), runs the command
# with PGHOST (the socket folder), PGPORT and PGUSER=postgres exported, then stops the cluster and
# removes its files, even when the command fails. Exits with the command's status (2 when the
# cluster cannot be started).
#
# PostgreSQL refuses to run as root: when root, the server runs as the `postgres` user (runuser);
# otherwise it runs as the current user. PG_BINDIR overrides /usr/lib/postgresql/15/bin.
set -u

if [ "$#" -eq 0 ]; then
  echo "usage: with-postgres.sh <command...>" >&2
  exit 2
fi

bindir="${PG_BINDIR:-/usr/lib/postgresql/15/bin}"
for tool in initdb pg_ctl pg_isready; do
  if [ ! -x "$bindir/$tool" ]; then
    echo "with-postgres.sh: $bindir/$tool not found; install PostgreSQL 15 server binaries" \
      "(Debian: apt-get install postgresql-15) or set PG_BINDIR" >&2
    exit 2
  fi
done

as_server() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
  echo "with-postgres.sh: running as root but there is no 'postgres' user to run the server as" >&2
  exit 2
fi

workdir="$(mktemp -d "${TMPDIR:-/tmp}/downstream-pg-XXXXXX")" || exit 2
datadir="$workdir/data"
sockdir="$workdir/sock"
logfile="$workdir/server.log"
mkdir -p "$sockdir"
if [ "$(id -u)" -eq 0 ]; then
  chown -R postgres: "$workdir"
fi

started=0
cleanup() {
  if [ "$started" -eq 1 ]; then
    as_server "$bindir/pg_ctl" -D "$datadir" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$workdir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! as_server "$bindir/initdb" -D "$datadir" -A trust -U postgres --no-sync -E UTF8 --locale=C \
    >"$workdir/initdb.log" 2>&1; then
  echo "with-postgres.sh: initdb failed:" >&2
  cat "$workdir/initdb.log" >&2
  exit 2
fi

# A free port: no socket file of another cluster in the usual places, and nothing answering.
port_in_use() {
  local p="$1"
  [ -e "/tmp/.s.PGSQL.$p" ] || [ -e "/var/run/postgresql/.s.PGSQL.$p" ] && return 0
  "$bindir/pg_isready" -q -h /tmp -p "$p" >/dev/null 2>&1 && return 0
  "$bindir/pg_isready" -q -h 127.0.0.1 -p "$p" >/dev/null 2>&1 && return 0
  return 1
}

# Several clusters may start at once (ctest -j): retry on the next port if the start fails.
port=$((55432 + RANDOM % 200))
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  while port_in_use "$port"; do port=$((port + 1)); done
  if as_server "$bindir/pg_ctl" -D "$datadir" -l "$logfile" -w -t 60 \
      -o "-k $sockdir -p $port -c listen_addresses='' -c fsync=off" start >/dev/null 2>&1; then
    started=1
    break
  fi
  port=$((port + 1))
done
if [ "$started" -ne 1 ]; then
  echo "with-postgres.sh: could not start PostgreSQL; server log:" >&2
  cat "$logfile" >&2 2>/dev/null
  exit 2
fi

for _ in $(seq 1 100); do
  "$bindir/pg_isready" -q -h "$sockdir" -p "$port" && break
  sleep 0.1
done

export PGHOST="$sockdir" PGPORT="$port" PGUSER=postgres
unset PGDATABASE PGPASSWORD PGSERVICE
"$@"
exit $?
