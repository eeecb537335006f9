#!/usr/bin/env bash
# Coverage and wall time of `downstream lineage --format json` on real dbt and lea projects, as a
# user would run them: the README's "coverage on real projects" table. Not part of the test
# suite: the projects are not in the repository (nor in CI).
#
#   scripts/measure-projects.sh [mirror folder]     (default /work/.mirror)
#
# The mirror folder holds bare git mirrors named <owner>+<name>/repo (dbt-labs+jaffle-shop,
# carbonfact+lea, mattermost+mattermost-data-warehouse, duneanalytics+spellbook); a project whose
# mirror is missing is skipped. Each project's folders at the mirror's HEAD are copied into a
# fresh one-commit repository under a temporary folder, with a downstream.yml of one `views:`
# entry per dbt project. DS names the binary (default build/src/cli/downstream); KEEP=1 keeps
# the temporary folder (its path is printed) with each run's JSON, stdout and stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mirrors=${1:-/work/.mirror}
ds=${DS:-$here/build/src/cli/downstream}
[[ -x "$ds" ]] || { echo "measure-projects: no binary at $ds (build first, or set DS)" >&2; exit 2; }
work=$(mktemp -d)
if [[ "${KEEP:-0}" = 1 ]]; then
  echo "measure-projects: working in $work" >&2
else
  trap 'rm -rf "$work"' EXIT
fi

# extract <mirror> <dest> <paths...> (scripts/mirror-extract.sh)
# shellcheck source=scripts/mirror-extract.sh
source "$here/scripts/mirror-extract.sh"

# summary <name> <json> <seconds>: the coverage row (as /work/scenarios/measure.sh printed it).
summary() {
  python3 - "$@" <<'PY'
import collections, json, sys
name, path, seconds = sys.argv[1:]
try:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
except (OSError, ValueError) as e:
    print(f"{name}: no JSON output ({e})"); sys.exit()
coverage = data.get("coverage", {})
r = coverage.get("relations", {})
codes = collections.Counter(g["code"] for g in coverage.get("gaps", []) if g.get("side") == "relation")
top = ", ".join(f"{code} {n}" for code, n in codes.most_common(5))
print(f"{name}: {float(seconds):.2f} s; {len(data.get('views', []))} views traced; relations {r.get('total')}: full {r.get('full')} / "
      f"partial {r.get('partial')} / unread {r.get('unread')}; top gaps: {top or 'none'}")
PY
}

# measure <name> <mirror> "<paths>" "<downstream.yml>"
measure() {
  local name=$1 mirror=$mirrors/$2/repo paths=$3 config=$4 repo=$work/$1
  if [[ ! -d "$mirror" ]]; then
    echo "$name: skipped (no mirror at $mirror)"
    return
  fi
  mkdir -p "$repo"
  # shellcheck disable=SC2086  # paths is a list of folders
  extract "$mirror" "$repo" $paths
  printf '%s\n' "$config" >"$repo/downstream.yml"
  git -C "$repo" init -q
  git -C "$repo" add -A
  git -C "$repo" -c user.email=measure@localhost -c user.name=measure commit -qm "$name"
  local start end
  start=$(date +%s.%N)
  (cd "$repo" && "$ds" lineage --format json --output "$work/$name.json" >"$work/$name.out" 2>"$work/$name.err") || true
  end=$(date +%s.%N)
  summary "$name" "$work/$name.json" "$(python3 -c "print($end - $start)")"
}

measure jaffle-shop dbt-labs+jaffle-shop . $'views:\n  - dbt: .'
measure lea-jaffle-shop carbonfact+lea examples/jaffle_shop \
  $'views:\n  - lea: examples/jaffle_shop/scripts\n    dialect: duckdb'
measure mattermost-analytics mattermost+mattermost-data-warehouse transform/mattermost-analytics \
  $'views:\n  - dbt: transform/mattermost-analytics\n    dialect: snowflake'
measure mattermost-snowflake-dbt mattermost+mattermost-data-warehouse transform/snowflake-dbt \
  $'views:\n  - dbt: transform/snowflake-dbt\n    dialect: snowflake'
measure spellbook-tokens duneanalytics+spellbook "dbt_subprojects/tokens dbt_macros sources" \
  $'views:\n  - dbt: dbt_subprojects/tokens\n    dialect: trino'
# The whole of spellbook: every dbt project under dbt_subprojects/, read in one run.
spellbook=views:
for project_file in $(git --git-dir="$mirrors/duneanalytics+spellbook/repo" ls-tree -r --name-only HEAD \
                      dbt_subprojects 2>/dev/null | grep '^dbt_subprojects/[^/]*/dbt_project.yml$'); do
  spellbook+=$'\n'"  - dbt: ${project_file%/dbt_project.yml}"$'\n    dialect: trino'
done
measure spellbook duneanalytics+spellbook "dbt_subprojects dbt_macros sources" "$spellbook"
