#!/bin/sh
# The container action's entrypoint: annotations on the pull request's migration lines.
set -eu
set -- check --repo "${GITHUB_WORKSPACE:-.}" --format github --fail-on "${DOWNSTREAM_FAIL_ON:-error}"
[ -n "${DOWNSTREAM_CONFIG:-}" ] && set -- "$@" --config "$DOWNSTREAM_CONFIG"
[ -n "${DOWNSTREAM_BASE:-}" ] && set -- "$@" --base "$DOWNSTREAM_BASE"
[ -n "${DOWNSTREAM_HEAD:-}" ] && set -- "$@" --head "$DOWNSTREAM_HEAD"
exec /usr/local/bin/downstream "$@"
