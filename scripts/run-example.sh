#!/usr/bin/env bash
# The main job on the bundled example: installs what is missing, builds, makes the example shop
# repository (examples/shop/history/*, one commit per step, the last one on a branch as a pull
# request would be) and runs `downstream check` on it. Extra arguments go to `downstream check`.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
./scripts/build.sh
repo="$(./examples/make-example-repo.sh examples/shop build/example-shop)"
echo "\$ downstream check   (in $repo, on branch $(git -C "$repo" branch --show-current))" >&2
set +e
./build/src/cli/downstream check --repo "$repo" "$@"
status=$?
set -e
echo "(exit status $status: 1 means findings at or above --fail-on)" >&2
exit 0
