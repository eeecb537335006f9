#!/usr/bin/env bash
# The action's one step (action.yml is a composite action): runs downstream's container image
# the way the runner runs a container action. The image is the one published for the action's
# own ref, ghcr.io/<owner>/<name>:<ref> (.github/workflows/release.yml pushes one per version
# tag); only when there is none (a branch, a commit, a fork that never released) is it built from
# the action's own checkout, which takes minutes.
#   DOWNSTREAM_ACTION_REPOSITORY, DOWNSTREAM_ACTION_REF  github.action_repository / action_ref
#   GITHUB_ACTION_PATH, GITHUB_WORKSPACE, GITHUB_EVENT_PATH, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY
#   and the DOWNSTREAM_* inputs, as the runner sets them for the step.
set -euo pipefail

say() { echo "downstream: $*" >&2; }

repository="${DOWNSTREAM_ACTION_REPOSITORY:-}"
ref="${DOWNSTREAM_ACTION_REF:-}"
image=""
if [ -n "$repository" ] && [ -n "$ref" ]; then
  published="ghcr.io/${repository,,}:${ref}"
  if docker image inspect "$published" >/dev/null 2>&1 || docker pull -q "$published" >/dev/null 2>&1; then
    image="$published"
    say "using the published image $published"
  fi
fi
if [ -z "$image" ]; then
  image="downstream-action:${ref:-local}"
  image="${image//[^A-Za-z0-9_.:-]/-}"
  say "no published image for ${repository:-this action}@${ref:-?}: building it from source (a few minutes)"
  if ! docker build -q -t "$image" "${GITHUB_ACTION_PATH:?}" >/dev/null; then
    say "the image could not be built"
    exit 2
  fi
fi

# The runner's files, mounted where a container action sees them.
args=(--rm --network host --workdir /github/workspace -v "${GITHUB_WORKSPACE:?}:/github/workspace")
env_args=(-e GITHUB_WORKSPACE=/github/workspace -e GITHUB_ACTIONS=true)
mount_file() {  # mount_file VARIABLE CONTAINER_DIR
  local path="${!1:-}"
  [ -n "$path" ] || return 0
  args+=(-v "$(dirname "$path"):$2")
  env_args+=(-e "$1=$2/$(basename "$path")")
}
mount_file GITHUB_EVENT_PATH /github/workflow
mount_file GITHUB_OUTPUT /github/file_commands/output
mount_file GITHUB_STEP_SUMMARY /github/file_commands/summary
for name in $(compgen -e); do
  case "$name" in
    DOWNSTREAM_ACTION_*) ;;
    DOWNSTREAM_* | GITHUB_TOKEN | GITHUB_REPOSITORY | GITHUB_SERVER_URL | GITHUB_API_URL | GITHUB_EVENT_NAME | \
      GITHUB_ACTION_REPOSITORY | GITHUB_ACTION_REF | NO_COLOR)
      env_args+=(-e "$name") ;;
  esac
done
# The documentation links point at this action's repository and ref.
env_args+=(-e "GITHUB_ACTION_REPOSITORY=$repository" -e "GITHUB_ACTION_REF=$ref")
exec docker run "${args[@]}" "${env_args[@]}" "$image"
