#!/usr/bin/env bash
# Fuzzes every frontend with libFuzzer for a fixed budget each.
#   scripts/fuzz.sh [seconds per target, default 60] [target...]
# Targets (fuzz/*_fuzz.cpp): sql_migration view_lineage alembic django rails dbt jinja config. Each
# also mutates by repeating or nesting a slice of its input (fuzz/nesting_mutator.h).
# Builds them in the sanitizer build ($ASAN_BUILD_DIR, default build-asan: ASan + UBSan +
# coverage, see scripts/sanitize.sh), seeds each from the test fixtures (copied at run time into
# <build>/fuzz-seeds/<target>), keeps what it learns in <build>/fuzz-corpus/<target>, and writes
# crashes, hangs (over 10 s) and inputs past 2 GB to <build>/fuzz-artifacts/<target>/. Exits 1
# when any target failed; reproduce with `<build>/fuzz/<target>_fuzz <artifact>`, then copy the
# artifact to tests/fixtures/hostile/fuzz/<target>/ (tests/hostile/fuzz_regressions_test.cpp).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -eq 0 ] && targets=(sql_migration view_lineage alembic django rails dbt jinja config dialect acknowledgement)
build="${ASAN_BUILD_DIR:-build-asan}"

scripts/sanitize.sh --configure
cmake --build "$build" -j"$(nproc)" --target "${targets[@]/%/_fuzz}" >/dev/null

# Seeds: the fixtures, one file per input; multi-file inputs joined with form feeds ('\f').
seed() {  # seed <target> <files...>
  local dir="$build/fuzz-seeds/$1"; shift
  local f
  for f in "$@"; do
    [ -f "$f" ] && cp "$f" "$dir/$(echo "$f" | tr '/' '_')"
  done
}
joined() {  # joined <target> <name> <files...>: one input holding every file
  local dir="$build/fuzz-seeds/$1" name="$2"; shift 2
  /usr/bin/python3 -c 'import sys; sys.stdout.write("\f".join(open(f, encoding="utf-8", errors="replace").read() for f in sys.argv[1:]))' "$@" >"$dir/$name"
}
rm -rf "$build/fuzz-seeds"
for t in "${targets[@]}"; do mkdir -p "$build/fuzz-seeds/$t" "$build/fuzz-corpus/$t" "$build/fuzz-artifacts/$t"; done
for t in "${targets[@]}"; do
  case "$t" in
    sql_migration)
      seed "$t" tests/parsers/fixtures/sql/*.sql $(find tests/fixtures/pg_migrations tests/fixtures/rules -name '*.sql' | sort | head -300) ;;
    view_lineage)
      seed "$t" tests/lineage/fixtures/*.sql tests/fixtures/pg_views/*.sql ;;
    alembic)
      seed "$t" tests/parsers/fixtures/alembic/*.py
      joined "$t" shop_history $(find examples/shop-alembic -path '*/versions/*.py' | sort) ;;
    django)
      seed "$t" $(find tests/parsers/fixtures/django -name '*.py' | sort)
      for d in tests/parsers/fixtures/django/*/; do
        joined "$t" "$(basename "$d")_history" $(find "$d" -name '0*.py' | sort)
      done ;;
    rails)
      seed "$t" $(find tests/parsers/fixtures/rails -name '*.rb' | sort) ;;
    dbt)
      shop=tests/fixtures/dbt/shop
      joined "$t" shop "$shop/dbt_project.yml" "$shop/models/staging/_sources.yml" $(find "$shop/models" -name '*.sql' | sort)
      joined "$t" shop_marts "$shop/dbt_project.yml" "$shop/models/marts/_marts.yml" $(find "$shop/models" -name '*.sql' | sort) ;;
    jinja)
      seed "$t" $(find tests/fixtures/dbt examples -path '*/models/*' -name '*.sql' | sort | head -200) ;;
    dialect)
      seed "$t" tests/dialect/fixtures/*/*.sql tests/lineage/fixtures/*.sql ;;
    acknowledgement)
      seed "$t" $(find tests/fixtures/rules/unused-acknowledgement -path '*/after/*' \( -name '*.sql' -o -name '*.py' -o -name '*.rb' \) | sort) ;;
    config)
      seed "$t" $(find examples tests/fixtures -name 'downstream.yml' -o -name '.downstream.yml' | sort)
      printf 'migrations:\n  - path: db/migrations\n    kind: sql\nviews:\n  - path: analytics/views\n  - dbt: analytics\nwarehouse:\n  mirrors:\n    raw_app: public\ncontracts:\n  public: ["platform.*"]\nowners:\n  "platform.*": "@acme/data"\nrules:\n  drop-column-in-use: warning\n' >"$build/fuzz-seeds/$t/full.yml" ;;
  esac
  # Inputs that once crashed or hung (each a regression test in tests/hostile).
  if [ -d "tests/fixtures/hostile/fuzz/$t" ]; then seed "$t" tests/fixtures/hostile/fuzz/"$t"/*; fi
done

# A smaller quarantine (default 256 MB) keeps the RSS that -rss_limit_mb checks about our own
# memory, not freed blocks ASan holds back.
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:quarantine_size_mb=64"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
failed=()
printf '%-14s %10s %8s %8s  %s\n' target runs seconds corpus result
for t in "${targets[@]}"; do
  log="$build/fuzz-artifacts/$t/last.log"
  status=ok
  "$build/fuzz/${t}_fuzz" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 -artifact_prefix="$build/fuzz-artifacts/$t/" \
    "$build/fuzz-corpus/$t" "$build/fuzz-seeds/$t" >"$log" 2>&1 || status=FAILED
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  [ "$status" = ok ] || failed+=("$t")
  printf '%-14s %10s %8s %8s  %s\n' "$t" "${runs:-?}" "$seconds" "$(ls "$build/fuzz-corpus/$t" | wc -l)" \
    "$status$([ "$status" = ok ] || echo ": $(grep -m1 -E 'ERROR|Test unit written|deadly signal' "$log")")"
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: failures in ${failed[*]}: see $build/fuzz-artifacts/<target>/last.log" >&2
  exit 1
fi
