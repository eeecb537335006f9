#!/usr/bin/env bash
# render-comment.sh COMMENT.md OUT.png [HEIGHT]
# The pull request comment as GitHub shows it, as a picture: cmark-gfm (GitHub's markdown
# library, with its extensions), mermaid for the diagrams, in headless Chromium at the width of
# GitHub's conversation column (900 px), every <details> opened. For the before/after pictures of a
# change to the comment (docs/comment/). Needs Debian's chromium and cmark-gfm; mermaid comes from
# the npm registry into build/_render, once.
set -euo pipefail
md=$(realpath "$1")
out=$(realpath -m "$2")
height=${3:-2400}
root="$(cd "$(dirname "$0")/.." && pwd)"
cache="$root/build/_render"
mermaid_version=11.17.2
if [ ! -f "$cache/package/dist/mermaid.min.js" ]; then
  mkdir -p "$cache"
  (cd "$cache" && npm pack "mermaid@$mermaid_version" --silent >/dev/null && tar xzf "mermaid-$mermaid_version.tgz")
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{
  cat <<'HEAD'
<!doctype html><html><head><meta charset="utf-8"><style>
body { width: 868px; margin: 16px; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; color: #1f2328; }
table { border-collapse: collapse; display: block; overflow: auto; max-width: 100%; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code, pre { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; }
a { color: #0969da; text-decoration: none; }
h3 { font-size: 1.25em; }
summary { cursor: pointer; }
</style></head><body>
HEAD
  cmark-gfm --unsafe -e table -e autolink -e strikethrough -e tagfilter "$md"
  cat <<TAIL
<script src="file://$cache/package/dist/mermaid.min.js"></script>
<script>
for (const d of document.querySelectorAll('details')) d.open = true;
for (const code of document.querySelectorAll('code.language-mermaid')) {
  const pre = document.createElement('pre');
  pre.className = 'mermaid';
  pre.textContent = code.textContent;
  code.parentElement.replaceWith(pre);
}
mermaid.initialize({ startOnLoad: false });
mermaid.run();
</script></body></html>
TAIL
} >"$work/comment.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$work/profile" --hide-scrollbars \
  --allow-file-access-from-files --window-size="900,$height" --virtual-time-budget=5000 \
  --screenshot="$out" "file://$work/comment.html" >/dev/null 2>&1
echo "$out"
