#!/usr/bin/env bash
# make-example-repo.sh <example folder> <target folder>
# Builds a real git repository from <example>/history/<NN-step>/: each step's files are copied
# over the previous ones and committed (a step's REMOVED file lists paths to delete). Steps are
# committed on main, except the last one, which goes on a branch named after it, as a pull
# request would. Prints the repository's path.
set -euo pipefail
example="$(cd "$1" && pwd)"
target="$2"
rm -rf "$target"
mkdir -p "$target"
target="$(cd "$target" && pwd)"
export GIT_AUTHOR_NAME="Example Dev" GIT_AUTHOR_EMAIL="dev@example.com"
export GIT_COMMITTER_NAME="Example Dev" GIT_COMMITTER_EMAIL="dev@example.com"
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"
git -C "$target" init -q -b main
steps=("$example"/history/*/)
last=$(( ${#steps[@]} - 1 ))
for i in "${!steps[@]}"; do
  step="${steps[$i]%/}"
  name="$(basename "$step")"
  if [ "$i" -eq "$last" ]; then
    git -C "$target" checkout -q -b "${name#*-}"
  fi
  (cd "$step" && find . -type f ! -name REMOVED ! -name MESSAGE -print0 | while IFS= read -r -d '' f; do
    mkdir -p "$target/$(dirname "$f")"
    cp "$f" "$target/$f"
  done)
  if [ -f "$step/REMOVED" ]; then
    while IFS= read -r path; do [ -n "$path" ] && rm -f "$target/$path"; done < "$step/REMOVED"
  fi
  message="$name"
  [ -f "$step/MESSAGE" ] && message="$(cat "$step/MESSAGE")"
  git -C "$target" add -A
  git -C "$target" commit -q -m "$message"
done
echo "$target"
