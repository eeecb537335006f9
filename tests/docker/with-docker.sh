#!/usr/bin/env bash
# with-docker.sh <command...>
#
# Runs the command with DOWNSTREAM_IMAGE set to an image built from the repository's Dockerfile,
# as a GitHub runner builds a container action. Nothing can be pulled here: the Debian 12 base
# (tagged debian:12 and debian:12-slim, the Dockerfile's two FROM lines) is made once with
# debootstrap from the mirror apt already uses, with the machine's local CA certificates, and
# `docker import`ed. A Docker daemon is started
# when none answers, and stopped afterwards, even when the command fails. The image is built once
# per run (Docker's layer cache keeps the compile when the sources did not change).
# Exits with the command's status; 2 when Docker or the image cannot be had.
set -u

if [ "$#" -eq 0 ]; then
  echo "usage: with-docker.sh <command...>" >&2
  exit 2
fi
root="$(cd "$(dirname "$0")/../.." && pwd)"
image="${DOWNSTREAM_IMAGE:-downstream:test}"
work="$(mktemp -d "${TMPDIR:-/tmp}/downstream-docker-XXXXXX")" || exit 2

daemon_pid=""
cleanup() {
  if [ -n "$daemon_pid" ]; then
    kill "$daemon_pid" 2>/dev/null
    for _ in $(seq 1 100); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

fail() {
  echo "with-docker.sh: $*" >&2
  exit 2
}

# One Docker client for every build of the run, the daemon's own (Debian's docker.io puts it in
# /usr/bin): another client on PATH (a newer CLI in /usr/local/bin) packs the build context
# differently, and the layer cache is not shared between them: each build would compile again.
if [ -x /usr/bin/docker ]; then export PATH="/usr/bin:$PATH"; fi
for tool in docker dockerd debootstrap; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool not found (scripts/install-deps.sh --test installs docker.io and debootstrap)"
done

if ! docker info >/dev/null 2>&1; then
  dockerd >"$work/dockerd.log" 2>&1 &
  daemon_pid=$!
  for _ in $(seq 1 300); do
    docker info >/dev/null 2>&1 && break
    kill -0 "$daemon_pid" 2>/dev/null || fail "dockerd stopped: $(tail -3 "$work/dockerd.log")"
    sleep 0.1
  done
  docker info >/dev/null 2>&1 || fail "dockerd did not answer within 30 s: $(tail -3 "$work/dockerd.log")"
fi

# The base image, once per machine: Debian 12 from the mirror apt uses.
if ! docker image inspect debian:12 >/dev/null 2>&1 || ! docker image inspect debian:12-slim >/dev/null 2>&1; then
  mirror="$(grep -rhoE '^(URIs:|deb) *https?://[^ ]+/debian\b' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
            head -1 | grep -oE 'https?://[^ ]+')"
  mirror="${mirror:-http://deb.debian.org/debian}"
  debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    fail "debootstrap from $mirror failed: $(tail -3 "$work/debootstrap.log")"
  # The machine's own trust anchors (a TLS-inspecting egress proxy's CA, as on this workplace's
  # machines), where Debian's ca-certificates looks for local ones: the image's build stage
  # fetches from npm and apt through the same network as the host.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    mkdir -p "$work/rootfs/usr/local/share/ca-certificates"
    cp /usr/local/share/ca-certificates/*.crt "$work/rootfs/usr/local/share/ca-certificates/"
  fi
  tar -C "$work/rootfs" -c . | docker import - debian:12 >/dev/null || fail "docker import failed"
  docker tag debian:12 debian:12-slim || fail "docker tag failed"
  rm -rf "$work/rootfs"
fi

if ! docker build -q -t "$image" "$root" >"$work/build.log" 2>&1; then
  fail "docker build failed: $(tail -20 "$work/build.log")"
fi

export DOWNSTREAM_IMAGE="$image"
"$@"
