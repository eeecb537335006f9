#!/usr/bin/python3
"""sqlglot's side of the parser comparison on real models (bench/dialect_bench is ours).

    scripts/sqlglot-models.py FOLDER DIALECT [--repeat N] [--show-failures]

Parses every .sql file under FOLDER (e.g. the models bench/render_models wrote) as one query with
sqlglot.parse_one(sql, read=DIALECT), and prints: models, parsed, failed, queries, ms/model. Time is the
CPU time spent inside parse_one only (files are read first; Python's start-up and imports are left
out), failures included, as dialect_bench times ours (Google Benchmark's CPU time): on a shared
machine, wall time would charge one tool for the other jobs' load. With --repeat N the fastest of N passes is
reported, as a benchmark loop would. "Parsed" means sqlglot raised no error; sqlglot also accepts
text that is no query (a bare expression such as `__macro__.f()`, what our renderer leaves for a
macro it cannot expand, or a command), so "queries" counts the parses that are a SELECT, set
operation, VALUES or parenthesized query: the measure comparable to dialect_bench's "parsed".
"""
import argparse
import logging
import pathlib
import sys
import time

import sqlglot
from sqlglot import exp


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("dialect")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--show-failures", action="store_true")
    args = p.parse_args()
    # sqlglot logs a warning per construct it rewrites (Trino's 1-based array index, ...): noise
    # here, and its formatting would be timed as parsing.
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    paths = sorted(pathlib.Path(args.folder).rglob("*.sql"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    if not texts:
        sys.exit(f"sqlglot-models: no .sql files under {args.folder}")
    best = None
    for _ in range(max(1, args.repeat)):
        failed, queries = [], 0
        start = time.process_time()
        for path, sql in zip(paths, texts):
            try:
                tree = sqlglot.parse_one(sql, read=args.dialect)
                queries += isinstance(tree, exp.Unionable)  # Select, Union, Values, Subquery
            except Exception as e:  # any failure of the peer is counted, not fatal
                failed.append((path, e))
        seconds = time.process_time() - start
        best = seconds if best is None else min(best, seconds)
    if args.show_failures:
        for path, e in failed:
            first = str(e).splitlines()[0] if str(e) else type(e).__name__
            print(f"{path.relative_to(args.folder)}: {first}", file=sys.stderr)
    models = len(texts)
    print(f"models {models} parsed {models - len(failed)} failed {len(failed)} queries {queries} "
          f"ms/model {best * 1000 / models:.3f} CPU (sqlglot {sqlglot.__version__}, {args.dialect})")


if __name__ == "__main__":
    main()
