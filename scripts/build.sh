#!/usr/bin/env bash
# Configures and builds downstream into build/ (tree-sitter grammars are fetched with npm pack).
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" >/dev/null
cmake --build build -j"$(nproc)"
