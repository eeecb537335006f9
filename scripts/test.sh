#!/usr/bin/env bash
# The test command: installs what is missing, builds, and runs every test (PostgreSQL included).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh --test
./scripts/build.sh
ctest --test-dir build --output-on-failure -j"$(nproc)"
