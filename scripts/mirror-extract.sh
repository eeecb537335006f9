# Sourced by scripts/measure-*.sh: copies files out of the bare git mirrors the `fetch` tool makes.

# extract <mirror> <dest> <paths...>: HEAD's files under the paths. Not `git archive`: mirrors
# may lack some blobs (large binaries), which are skipped here and counted on stderr.
extract() {
  python3 - "$@" <<'PY'
import os, subprocess, sys
mirror, dest, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
listing = subprocess.run(["git", "--git-dir", mirror, "ls-tree", "-r", "-z", "HEAD", "--", *paths],
                         capture_output=True, check=True).stdout
cat = subprocess.Popen(["git", "--git-dir", mirror, "cat-file", "--batch"],
                       stdin=subprocess.PIPE, stdout=subprocess.PIPE)
absent = 0
for entry in filter(None, listing.split(b"\0")):
    meta, path = entry.split(b"\t", 1)
    mode, kind, sha = meta.split()
    if kind != b"blob" or mode == b"120000":  # submodules and symbolic links are not content
        continue
    cat.stdin.write(sha + b"\n"); cat.stdin.flush()
    header = cat.stdout.readline().split()
    if header[1] == b"missing":
        absent += 1
        continue
    data = cat.stdout.read(int(header[2])); cat.stdout.read(1)
    target = os.path.join(dest, os.fsdecode(path))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "wb") as f:
        f.write(data)
if absent:
    print(f"{mirror}: {absent} blob(s) absent from the mirror, not copied", file=sys.stderr)
PY
}
