#!/usr/bin/env bash
# How our static read of a dbt project compares with dbt's own target/manifest.json of it, on
# public repositories that commit both (README, "Measured on real projects"). Not part of the
# test suite: the projects are not in the repository (nor in CI).
#
#   scripts/measure-manifests.sh [mirror folder]     (default /work/.mirror)
#
# The mirror folder holds bare git mirrors named <owner>+<name>/repo; a project whose mirror is
# missing is skipped. Each project's files at the mirror's HEAD are copied twice into fresh
# one-commit repositories under a temporary folder, one with `views: - dbt: <project>` and one
# with `views: - dbt: <project>/target/manifest.json` (both with the adapter's dialect), and
# `downstream lineage --format json` runs in each. A project that commits no profiles.yml gets
# the target schema its manifest was built with (the schema of its models without a custom one)
# as the static entry's `schema:`, as its user would write it. One line per project: dbt's version and
# manifest schema, the root package's models in the manifest, the models both reads found (by
# file), how many of those have the same relation (schema.name, case-blind: Snowflake folds),
# the same output columns (names in order, case-blind), and the diagnostics of each read by code.
# DS names the binary (default build/src/cli/downstream); KEEP=1 keeps the temporary folder (its
# path is printed) with each run's JSON, stdout and stderr; DETAIL=1 lists the models that differ.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mirrors=${1:-/work/.mirror}
ds=${DS:-$here/build/src/cli/downstream}
[[ -x "$ds" ]] || { echo "measure-manifests: no binary at $ds (build first, or set DS)" >&2; exit 2; }
work=$(mktemp -d)
if [[ "${KEEP:-0}" = 1 ]]; then
  echo "measure-manifests: working in $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

# extract <mirror> <dest> <paths...> (scripts/mirror-extract.sh)
# shellcheck source=scripts/mirror-extract.sh
source "$here/scripts/mirror-extract.sh"

# run <dir> <mirror> <project folder> <downstream.yml> <json>: the project's files at the
# mirror's HEAD in a fresh repository, read once.
run() {
  local dir=$1 mirror=$2 project=$3 config=$4 out=$5
  mkdir -p "$dir"
  extract "$mirror" "$dir" "$project"
  printf '%s\n' "$config" >"$dir/downstream.yml"
  git -C "$dir" init -q
  git -C "$dir" add -A
  git -C "$dir" -c user.email=measure@localhost -c user.name=measure commit -qm measure
  (cd "$dir" && "$ds" lineage --format json --output "$out" >"$out.out" 2>"$out.err") || true
}

# compare <name> <manifest> <static json> <manifest json>
compare() {
  python3 - "$@" <<'PY'
import collections, json, os, sys
name, project, manifest_path, static_path, manifest_run = sys.argv[1:]
prefix = "" if project == "." else project.rstrip("/").lower() + "/"
with open(manifest_path, encoding="utf-8") as f:
    manifest = json.load(f)
meta = manifest.get("metadata", {})
version = meta.get("dbt_version", "?")
schema = meta.get("dbt_schema_version", "?").rsplit("/", 1)[-1].removesuffix(".json")
root = meta.get("project_name")
if not root:  # before manifest v10 the metadata names no project: the models' commonest package
    packages = collections.Counter(n.get("package_name") for n in manifest.get("nodes", {}).values()
                                   if n.get("resource_type") == "model")
    root = packages.most_common(1)[0][0] if packages else None
models = [n for n in manifest.get("nodes", {}).values()
          if n.get("resource_type") == "model" and n.get("package_name") == root]

def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return {}, collections.Counter()
    views = {}
    for v in data.get("views", []):
        key = v.get("file", "").replace("\\", "/").lower().removeprefix(prefix)
        views[key] = (v.get("name", "").lower(), [c.get("name", "").lower() for c in v.get("columns", [])])
    codes = collections.Counter(d.get("code") for d in data.get("diagnostics", []))
    return views, codes

static, static_codes = load(static_path)
read, read_codes = load(manifest_run)
files = [n.get("original_file_path", "").replace("\\", "/").lower() for n in models]
matched = [f for f in files if f in static and f in read]
relations = [f for f in matched if static[f][0] == read[f][0]]
columns = [f for f in matched if static[f][1] == read[f][1]]
codes = lambda c: ", ".join(f"{k} {n}" for k, n in sorted(c.items())) or "none"
print(f"{name}: dbt {version} ({schema}); models in manifest {len(models)}, matched by name {len(matched)}, "
      f"relations equal {len(relations)}, columns equal {len(columns)}; diagnostics static [{codes(static_codes)}] "
      f"manifest [{codes(read_codes)}]")
if os.environ.get("DETAIL") == "1":
    for f in files:
        s, m = static.get(f), read.get(f)
        if s is None or m is None or s != m:
            print(f"  {f}: static {s}\n  {' ' * len(f)}  manifest {m}")
PY
}

# measure <name> <mirror> <project folder> <dialect> [manifest, default <project>/target/manifest.json]
#   [more lines of the static entry, e.g. the target the manifest was built for]
measure() {
  local name=$1 mirror=$mirrors/$2/repo project=$3 dialect=$4 manifest=${5:-$3/target/manifest.json} more=${6:-}
  [[ -n "$manifest" ]] || manifest=$project/target/manifest.json
  if [[ ! -d "$mirror" ]]; then
    echo "$name: skipped (no mirror at $mirror)"
    return
  fi
  local schema=
  local listing
  listing=$(git --git-dir="$mirror" ls-tree -r --name-only HEAD -- "$project")
  if ! grep -qE '(^|/)profiles\.yml$' <<<"$listing"; then
    schema=$(git --git-dir="$mirror" show "HEAD:${manifest#./}" | python3 -c '
import collections, json, sys
nodes = json.load(sys.stdin).get("nodes", {}).values()
plain = collections.Counter(n.get("schema") for n in nodes
                            if n.get("resource_type") == "model" and not (n.get("config") or {}).get("schema"))
print(plain.most_common(1)[0][0] if plain else "")')
  fi
  local static_config=$'views:\n  - dbt: '"$project"$'\n    dialect: '"$dialect"
  [[ -n "$schema" ]] && static_config+=$'\n    schema: '"$schema"
  [[ -n "$more" ]] && static_config+=$'\n    '"$more"
  run "$work/$name-static" "$mirror" "$project" "$static_config" "$work/$name-static.json"
  run "$work/$name-manifest" "$mirror" "$project" $'views:\n  - dbt: '"$manifest"$'\n    dialect: '"$dialect" "$work/$name-manifest.json"
  compare "$name" "$project" "$work/$name-manifest/$manifest" "$work/$name-static.json" "$work/$name-manifest.json"
}

measure jaffle-shop-snowflake Bhagyesh-bhut+dbt-jaffle_shop . snowflake
measure dbt-piperider Balurc+dbt_piperider . snowflake "" "schema: analytics_dev"   # profiles.yml: env_var
measure dbt-analytics AndrewStaus+dbt_analytics . snowflake
measure etl-pipeline-duckdb AdamAtito+dbt-etl-pipeline-duckdb . duckdb
measure datavault-postgres 9161517284b-png+dbt-datavault-postgres . postgres
measure bigquery-fusion A7med-3laa227+dbt_bigquery_project . bigquery
measure fivetran-redshift AshRaichurkar+dbt_fivetran . redshift
measure shopverse-parsed AvinashAnalytics+shopverse-dbt-snowflake-pipeline . snowflake
measure data-platform-state AndrewStaus+data-platform packages/data_foundation/dbt snowflake \
  packages/data_foundation/dbt/state/manifest.json "target: prod"   # profiles.yml's default is dev
