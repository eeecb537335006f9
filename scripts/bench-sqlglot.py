#!/usr/bin/python3
"""The sqlglot peer of scripts/bench.sh: sqlglot's column lineage of the generated views.

    scripts/bench-sqlglot.py META.json [--views N]

For each view (the first N; all by default), sqlglot.lineage.lineage() of every output column,
with the same schema downstream replays (every table's and earlier view's columns, from the
generator's --meta file, built once into a MappingSchema), walked to its leaves. Prints one line: views columns seconds errors,
where seconds is the time inside the lineage calls (not Python's start-up or imports).
"""
import argparse
import json
import sys
import time

from sqlglot.lineage import lineage
from sqlglot.schema import MappingSchema


def main():
    p = argparse.ArgumentParser()
    p.add_argument("meta")
    p.add_argument("--views", type=int, default=0)
    args = p.parse_args()
    with open(args.meta, encoding="utf-8") as f:
        meta = json.load(f)
    views = meta["views"][: args.views] if args.views > 0 else meta["views"]
    # Built once, as a user tracing many views would: sqlglot otherwise rebuilds it per call.
    schema = MappingSchema(meta["schema"], dialect="postgres")
    columns = errors = 0
    start = time.perf_counter()
    for view in views:
        for column in view["columns"]:
            columns += 1
            try:
                node = lineage(column, view["select"], schema=schema, dialect="postgres")
                for _ in node.walk():
                    pass
            except Exception:  # a peer's failure is counted, not fatal
                errors += 1
    seconds = time.perf_counter() - start
    print("%d %d %.6f %d" % (len(views), columns, seconds, errors))


if __name__ == "__main__":
    sys.exit(main())
