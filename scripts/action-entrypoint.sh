#!/bin/sh
# The container action's entrypoint (action.yml passes the inputs as DOWNSTREAM_* variables and
# the token as GITHUB_TOKEN). Annotations on the migration lines, the sticky pull request comment,
# the job summary, the step outputs (findings, errors, warnings) and, when asked, a SARIF file.
# DOWNSTREAM_BIN overrides the binary (tests run this script outside the container).
set -eu
bin=${DOWNSTREAM_BIN:-/usr/local/bin/downstream}
workspace=${GITHUB_WORKSPACE:-$(pwd)}
fail_on=${DOWNSTREAM_FAIL_ON:-error}

fail() {
  echo "downstream: $*" >&2
  exit 2
}

case "${DOWNSTREAM_COMMENT:-false}" in
  true) comment=--comment ;;
  false) comment= ;;
  *) fail "input comment must be true or false, not '${DOWNSTREAM_COMMENT}'" ;;
esac

sarif=${DOWNSTREAM_SARIF_FILE:-}
case "$sarif" in
  "" | /*) ;;
  *) sarif="$workspace/$sarif" ;;  # as github/codeql-action/upload-sarif reads it
esac

dir=${DOWNSTREAM_WORKING_DIRECTORY:-.}
case "$dir" in
  /*) ;;
  *) dir="$workspace/$dir" ;;
esac
cd "$dir" 2>/dev/null || fail "working-directory ${DOWNSTREAM_WORKING_DIRECTORY:-.} does not exist in the workspace"

set -- check --repo .
if [ -n "${DOWNSTREAM_CONFIG:-}" ]; then set -- "$@" --config "$DOWNSTREAM_CONFIG"; fi
if [ -n "${DOWNSTREAM_BASE:-}" ]; then set -- "$@" --base "$DOWNSTREAM_BASE"; fi
if [ -n "${DOWNSTREAM_HEAD:-}" ]; then set -- "$@" --head "$DOWNSTREAM_HEAD"; fi

if [ -n "$sarif" ]; then
  # The SARIF run writes no job summary and no outputs: the main run below does.
  mkdir -p "$(dirname "$sarif")"
  status=0
  GITHUB_STEP_SUMMARY='' GITHUB_OUTPUT='' "$bin" "$@" --format sarif --output "$sarif" --fail-on never || status=$?
  if [ "$status" -ne 0 ]; then exit "$status"; fi
fi

# The log shows the text report in colour (GitHub renders it; NO_COLOR in the workflow turns it
# off), then the annotations' workflow commands.
color=always
if [ -n "${NO_COLOR:-}" ]; then color=never; fi
# shellcheck disable=SC2086 # $comment is empty or one word
exec "$bin" --color "$color" "$@" --format github --fail-on "$fail_on" $comment
