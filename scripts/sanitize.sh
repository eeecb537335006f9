#!/usr/bin/env bash
# The whole test suite under AddressSanitizer + UndefinedBehaviorSanitizer (clang, -O1), in its
# own build folder ($ASAN_BUILD_DIR, default build-asan). The same build carries libFuzzer's
# coverage instrumentation, so scripts/fuzz.sh reuses it instead of compiling everything again.
#   scripts/sanitize.sh            # configure, build, run ctest
#   scripts/sanitize.sh --build    # configure and build only
#   scripts/sanitize.sh --configure
# Debian's libraries (libgit2, libpg_query, yaml-cpp, tree-sitter) are not instrumented; the
# LeakSanitizer suppressions in scripts/lsan.supp say which of their leaks are known.
set -euo pipefail
cd "$(dirname "$0")/.."
build="${ASAN_BUILD_DIR:-build-asan}"
flags="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
flags+=" -fsanitize=fuzzer-no-link"
launcher=()
if command -v ccache >/dev/null 2>&1; then  # as scripts/build.sh: rebuilds of unchanged files are free
  launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=None "${launcher[@]}" \
    -DCMAKE_CXX_FLAGS="$flags" -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" \
    -DDOWNSTREAM_BUILD_BENCH=OFF -DDOWNSTREAM_BUILD_FUZZ=ON >/dev/null
fi
[ "${1:-}" = "--configure" ] && exit 0
cmake --build "$build" -j"$(nproc)"
[ "${1:-}" = "--build" ] && exit 0

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
# docker_image runs the image's own (uninstrumented) binary: the release suite ran it already.
ctest --test-dir "$build" --output-on-failure -j"$(nproc)" -E '^(lineage_bench|docker_image)$'
