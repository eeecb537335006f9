#!/usr/bin/env bash
# Replays a repository's history as pull requests: `downstream check` on every first-parent commit
# that touches PATHSPEC, against its parent, as the GitHub Action would see each merge. Prints one
# line per commit with findings (rule:count) and a summary: findings per rule, diagnostics, exit
# codes, wall time. Measurement only (the README's tables); nothing is written to the repository.
#
#   scripts/replay-history.sh GIT_DIR [PATHSPEC] [MAX_COMMITS]
#   scripts/replay-history.sh /work/.mirror/LemmyNet+lemmy/repo migrations 400
set -euo pipefail
repo=${1:?usage: replay-history.sh GIT_DIR [PATHSPEC] [MAX_COMMITS]}
pathspec=${2:-.}
max=${3:-100000}
here=$(cd "$(dirname "$0")/.." && pwd)
binary=${DOWNSTREAM:-$here/build/src/cli/downstream}
command -v jq >/dev/null || { echo "replay-history.sh needs jq" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
git -C "$repo" log --first-parent --reverse --format=%H -- "$pathspec" | tail -n "$max" >"$out/commits"
start=$(date +%s.%N)
n=0
while read -r sha; do
  parent=$(git -C "$repo" rev-parse -q --verify "$sha^" 2>/dev/null) || continue
  n=$((n + 1))
  set +e
  "$binary" check -q --repo "$repo" --base "$parent" --head "$sha" --format json >"$out/r.json" 2>"$out/err"
  code=$?
  set -e
  echo "$code" >>"$out/codes"
  if [ "$code" = 2 ]; then
    echo "${sha:0:10} exit 2: $(head -c 200 "$out/err")"
    continue
  fi
  jq -r '.findings[] | .rule + (if .acknowledged then "(ack)" else "" end)' "$out/r.json" >>"$out/rules"
  jq -r '.diagnostics | length' "$out/r.json" >>"$out/diagnostics"
  line=$(jq -r '[.findings[].rule] | group_by(.) | map("\(.[0]):\(length)") | join(" ")' "$out/r.json")
  [ -n "$line" ] && echo "${sha:0:10} $line"
done <"$out/commits"
end=$(date +%s.%N)
echo
echo "commits replayed: $n, wall $(echo "$end - $start" | bc) s"
echo "exit codes: $(sort "$out/codes" 2>/dev/null | uniq -c | awk '{printf "%s x%s  ", $2, $1}')"
echo "diagnostics: $(awk '{s += $1} END {print s + 0}' "$out/diagnostics" 2>/dev/null)"
echo "findings by rule:"
sort "$out/rules" 2>/dev/null | uniq -c | sort -rn | sed 's/^/  /'
