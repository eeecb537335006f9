#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (PostgreSQL included);
# then the benchmark at a tiny size (it runs; it is not timed), the whole suite again under
# AddressSanitizer + UndefinedBehaviorSanitizer (build-asan/), and each libFuzzer target briefly.
#   SANITIZE=0            skip the sanitizer suite and fuzzing (a quick local run)
#   FUZZ_SECONDS=<n>      seconds per fuzz target (default 20)
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --test
./scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
BUILD_DIR=build ./scripts/bench.sh --small
if [ "${SANITIZE:-1}" != "0" ]; then
  ./scripts/sanitize.sh
  ./scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
fi
