#!/usr/bin/python3
"""Runs the measurements of scripts/bench.sh on a generated repository and prints the table.

    scripts/bench.py --repo R --meta M --downstream BIN --floor BIN [--sqlglot-views N] [--squawk BIN]

Every program runs as a child of a fresh measuring process, so its peak memory (max RSS of the
process and its children) is its own; CPU time is user + system of the children.
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(argv, cwd=None, stdout=subprocess.DEVNULL):
    """Runs argv in a measuring child; returns (wall s, cpu s, peak MB, exit code, stdout)."""
    probe = ("import resource, subprocess, sys, time\n"
             "t = time.perf_counter()\n"
             "p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)\n"
             "w = time.perf_counter() - t\n"
             "r = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
             "sys.stderr.write('%f %f %d %d\\n' % (w, r.ru_utime + r.ru_stime, r.ru_maxrss, p.returncode))\n"
             "sys.stdout.buffer.write(p.stdout)\n")
    p = subprocess.run(["/usr/bin/python3", "-c", probe] + argv, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=True)
    wall, cpu, rss_kb, code = p.stderr.decode().split()
    return float(wall), float(cpu), int(rss_kb) / 1024.0, int(code), p.stdout.decode(errors="replace")


def row(name, wall, cpu, mb, note):
    return "%-46s %9.3f %9.3f %9.1f   %s" % (name, wall, cpu, mb, note)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repo", required=True)
    p.add_argument("--meta", required=True)
    p.add_argument("--downstream", required=True)
    p.add_argument("--floor", required=True)
    p.add_argument("--sqlglot-views", type=int, default=200)
    p.add_argument("--squawk", default="")
    p.add_argument("--squawk-note", default="")
    args = p.parse_args()
    repo = os.path.abspath(args.repo)
    lines, verdicts = [], []

    fw, fc, fm, _, out = measure([args.floor, repo])
    files, nbytes, parse_s, _ = out.split()
    lines.append(row("floor: libpg_query, %s .sql files once" % files, fw, fc, fm,
                     "1.00x (%.1f MB of SQL, parse alone %.3f s)" % (int(nbytes) / 1e6, float(parse_s))))

    cw, cc, cm, code, out = measure([args.downstream, "check", "--repo", repo, "--base", "main",
                                     "--head", "pr", "--format", "json", "--fail-on", "never"])
    if code != 0:
        sys.exit("bench: downstream check failed (exit %d)" % code)
    findings = len(json.loads(out)["findings"])
    lines.append(row("downstream check, 1-migration PR (cold)", cw, cc, cm,
                     "%.2fx floor (%d findings)" % (cw / fw, findings)))

    lw, lc, lm, code, out = measure([args.downstream, "lineage", "--repo", repo, "--rev", "pr",
                                     "--format", "json"])
    if code != 0:
        sys.exit("bench: downstream lineage failed (exit %d)" % code)
    views = len(json.loads(out)["views"])
    lines.append(row("downstream lineage --format json, all views", lw, lc, lm,
                     "%d views, %.3f ms/view all included" % (views, lw / max(views, 1) * 1e3)))
    # What the views themselves cost: lineage minus the same run without views (schema replays
    # the same migrations): reading, parsing, replaying, tracing and printing each view.
    mw, mc, mm, code, _ = measure([args.downstream, "schema", "--repo", repo, "--rev", "pr",
                                   "--format", "json"])
    ours_per_view = max(lw - mw, 1e-6) / max(views, 1)
    lines.append(row("downstream schema (the same replay, no views)", mw, mc, mm,
                     "views alone: %.3f ms/view" % (ours_per_view * 1e3)))

    sw, sc, sm, code, out = measure([os.path.join(HERE, "bench-sqlglot.py"), args.meta,
                                     "--views", str(args.sqlglot_views)])
    if code == 0:
        sv, scols, ss, serr = out.split()
        glot_per_view = float(ss) / max(int(sv), 1)
        ratio = glot_per_view / ours_per_view
        lines.append(row("sqlglot lineage, %s views, %s columns" % (sv, scols), sw, sc, sm,
                         "%.2f ms/view in lineage(): %.0fx ours (views alone); %s columns failed"
                         % (glot_per_view * 1e3, ratio, serr)))
        verdicts.append(("lineage >= 100x faster than sqlglot per view", ratio >= 100, "%.0fx" % ratio))
    else:
        lines.append("%-46s   not run: sqlglot is not installed (apt-get install python3-sqlglot)"
                     % "sqlglot lineage")

    if args.squawk:
        migrations = sorted(os.path.join("db/migrations", f)
                            for f in os.listdir(os.path.join(repo, "db/migrations")))
        qw, qc, qm, code, _ = measure([args.squawk] + migrations, cwd=repo)
        lines.append(row("squawk, %d SQL migrations" % len(migrations), qw, qc, qm,
                         "%.2fx ours (check) wall" % (qw / cw)))
    else:
        lines.append("%-46s   not run: %s" % ("squawk", args.squawk_note or "not installed"))

    verdicts.insert(0, ("check end to end under 1 s", cw < 1.0, "%.3f s" % cw))
    verdicts.insert(1, ("check under 3x the floor", cw < 3 * fw, "%.2fx" % (cw / fw)))
    peak = max(cm, lm)
    verdicts.append(("peak memory under 300 MB", peak < 300, "%.0f MB" % peak))

    print("%-46s %9s %9s %9s   %s" % ("", "wall s", "cpu s", "peak MB", "ratio"))
    print("\n".join(lines))
    print()
    for name, ok, value in verdicts:
        print("%-4s %-46s %s" % ("met" if ok else "MISS", name, value))


if __name__ == "__main__":
    sys.exit(main())
