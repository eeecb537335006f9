#!/usr/bin/env bash
# Referee for the Rails frontend: the schema replayed from a repository's migrations
# (`downstream schema --format json`, db/migrate and db/post_migrate read as kind rails, never the
# committed dump) against the repository's committed db/structure.sql loaded into a throwaway
# PostgreSQL (tests/pg/with-postgres.sh) and read from the catalog. Prints recall and precision of
# (table, column) pairs and of their types, then every difference. Measurement only (the README's
# "Real histories" table); nothing is written to the repository.
#
#   scripts/rails-referee.sh GIT_DIR [REV] [--views]
#   scripts/rails-referee.sh /work/.mirror/getlago+lago-api/repo
#
# Out of scope (counted apart, never compared): schema_migrations and ar_internal_metadata (Rails'
# bookkeeping), relations an extension owns (pg_depend 'e'), partitions (attached at run time),
# the schemas pg_partman manages (partman). Extensions this PostgreSQL lacks are left out of the
# load; PostGIS's geometry/geography become domains over bytea without their typmods, so such a
# column's type is compared without them. Views (and materialized views) are compared by name on a
# separate line (the replay's JSON lists no view columns); --views lists their differences.
# Types are format_type()'s text (information_schema.data_type loses lengths and precisions),
# unqualified when in public.
set -euo pipefail
if [ "${1:-}" = "--load" ]; then  # inner step, under with-postgres.sh
  dump=$2 out=$3
  psql -q -X -v ON_ERROR_STOP=0 -d postgres -f "$dump" >"$out.load" 2>&1 || true
  psql -q -X -A -t -F $'\t' -d postgres >"$out" <<'SQL'
SET search_path = public;
SELECT n.nspname, c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod)
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
  AND NOT c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                  AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, a.attnum;
SQL
  exit 0
fi
repo=${1:?usage: rails-referee.sh GIT_DIR [REV] [--views]}
rev=${2:-HEAD}
views=${3:-}
here=$(cd "$(dirname "$0")/.." && pwd)
binary=${DOWNSTREAM:-$here/build/src/cli/downstream}
work=$(mktemp -d)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT

{
  echo "migrations:"
  for dir in db/migrate db/post_migrate; do
    if git --git-dir="$repo" cat-file -e "$rev:$dir" 2>/dev/null; then
      printf '  - path: %s\n    kind: rails\n' "$dir"
    fi
  done
} >"$work/downstream.yml"
"$binary" schema -q --repo "$repo" --rev "$rev" --config "$work/downstream.yml" --format json \
  >"$work/replay.json" 2>"$work/replay.err" || { cat "$work/replay.err" >&2; exit 2; }

# The dump, without the extensions this server lacks (PostGIS: stand-in domains).
available=$(ls /usr/share/postgresql/*/extension/ 2>/dev/null | sed -n 's/\.control$//p' | sort -u)
git --git-dir="$repo" show "$rev:db/structure.sql" | python3 -c '
import re, sys
available = set(sys.argv[1].split())
text = sys.stdin.read()
missing = set()
def drop(m):
    name = m.group(1).strip("\"")
    if name in available:
        return m.group(0)
    missing.add(name)
    return "-- (not installed here) " + m.group(0)
text = re.sub(r"^CREATE EXTENSION IF NOT EXISTS (\S+).*$", drop, text, flags=re.M)
text = re.sub(r"^COMMENT ON EXTENSION (\S+).*$", drop, text, flags=re.M)
prelude = ""
if "postgis" in missing:
    prelude = "CREATE DOMAIN public.geometry AS bytea; CREATE DOMAIN public.geography AS bytea;\n"
    text = re.sub(r"\b((?:public\.)?(?:geometry|geography))\([^)]*\)", r"\1", text)
sys.stdout.write(prelude + text)
sys.stderr.write("extensions not installed here (left out of the load): %s\n" % (", ".join(sorted(missing)) or "none"))
' "$available" >"$work/structure.sql" 2>"$work/missing"
chmod 644 "$work/structure.sql"
touch "$work/truth.tsv" "$work/truth.tsv.load"
chmod 666 "$work/truth.tsv" "$work/truth.tsv.load"
"$here/tests/pg/with-postgres.sh" "$0" --load "$work/structure.sql" "$work/truth.tsv"

python3 - "$work/replay.json" "$work/truth.tsv" "$views" "$work/missing" "$work/truth.tsv.load" <<'PY'
import json, re, sys
replay_path, truth_path, views_flag, missing_path, load_path = sys.argv[1:6]
BOOKKEEPING = {"schema_migrations", "ar_internal_metadata"}
def name(schema, rel):
    return rel if schema == "public" else schema + "." + rel
postgis_stubbed = "postgis" in open(missing_path).read().split(":")[-1]
def norm_type(t):
    t = t.strip().lower()
    t = t[len("public."):] if t.startswith("public.") else t
    if postgis_stubbed:  # the stand-in domains have no typmods
        t = re.sub(r"^(geometry|geography)\(.*\)", r"\1", t)
    return t

truth = {"table": {}, "view": {}}
excluded = {}
for line in open(truth_path):
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 5:
        continue
    schema, rel, kind, col, typ = parts
    if rel in BOOKKEEPING or schema == "partman":
        excluded.setdefault(name(schema, rel), 1)
        continue
    side = "view" if kind in ("v", "m") else "table"
    truth[side].setdefault(name(schema, rel), {})[col] = norm_type(typ)

replay_doc = json.load(open(replay_path))
replay = {"table": {}, "view": {}}
for t in replay_doc.get("tables", []):
    schema, _, rel = t["name"].rpartition(".")
    if rel in BOOKKEEPING:
        continue
    replay["table"][name(schema or "public", rel)] = {c["name"]: norm_type(c["type"]) for c in t["columns"]}
for v in replay_doc.get("views", []):
    schema, _, rel = v["name"].rpartition(".")
    replay["view"][name(schema or "public", rel)] = {c["name"]: norm_type(c.get("type", "")) for c in v.get("columns", [])}

def pairs(side):
    return {(r, c): t for r, cols in side.items() for c, t in cols.items()}

def pct(a, b):
    return "%.2f%%" % (100.0 * a / b) if b else "n/a"

print("excluded (bookkeeping, partman): %s" % (", ".join(sorted(excluded)) or "none"))
print(open(missing_path).read().strip())
errors = [l for l in open(load_path) if "ERROR" in l]
print("dump load errors: %d%s" % (len(errors), "".join("\n  " + e.strip() for e in errors[:5])))
diags = replay_doc.get("diagnostics", [])
print("replay diagnostics: %d" % len(diags))
for side in ("table", "view"):
    if side == "view":  # `schema --format json` lists views without columns: compared by name
        hit = set(truth["view"]) & set(replay["view"])
        print("views (by name): %d in structure.sql, %d replayed, %d both; recall %s, precision %s" % (
            len(truth["view"]), len(replay["view"]), len(hit), pct(len(hit), len(truth["view"])),
            pct(len(hit), len(replay["view"]))))
        if views_flag == "--views":
            for r in sorted(set(truth["view"]) - set(replay["view"])):
                print("  missing view %s" % r)
            for r in sorted(set(replay["view"]) - set(truth["view"])):
                print("  extra view %s" % r)
        continue
    want, got = pairs(truth[side]), pairs(replay[side])
    hit = set(want) & set(got)
    typed = [k for k in hit if want[k] == got[k]]
    rels_hit = set(truth[side]) & set(replay[side])
    print("%ss: %d in structure.sql, %d replayed, %d both; columns: %d / %d, recall %s, precision %s; "
          "types equal %d of %d (%s)" % (side, len(truth[side]), len(replay[side]), len(rels_hit),
          len(want), len(got), pct(len(hit), len(want)), pct(len(hit), len(got)),
          len(typed), len(hit), pct(len(typed), len(hit))))
    if side == "view" and views_flag != "--views":
        continue
    for r in sorted(set(truth[side]) - set(replay[side])):
        print("  missing %s %s (%d columns)" % (side, r, len(truth[side][r])))
    for r in sorted(set(replay[side]) - set(truth[side])):
        print("  extra %s %s (%d columns)" % (side, r, len(replay[side][r])))
    for k in sorted(set(want) - set(got)):
        if k[0] in replay[side]:
            print("  missing column %s.%s %s" % (k[0], k[1], want[k]))
    for k in sorted(set(got) - set(want)):
        if k[0] in truth[side]:
            print("  extra column %s.%s %s" % (k[0], k[1], got[k]))
    for k in sorted(hit):
        if want[k] != got[k]:
            print("  type %s.%s: structure.sql %s, replay %s" % (k[0], k[1], want[k], got[k]))
PY
