#!/bin/sh
# Validates a SARIF file against the SARIF 2.1.0 JSON schema. The validator (Ajv) and the schema
# (shipped in @microsoft/jest-sarif) come from the npm registry into CACHE_DIR, once; nothing
# third-party is committed.  Usage: validate-sarif.sh CACHE_DIR FILE.sarif
set -eu
cache=$1
file=$2
here=$(cd "$(dirname "$0")" && pwd)
schema="$cache/sarif-2.1.0-rtm.5.json"
if [ ! -f "$schema" ] || [ ! -d "$cache/node_modules/ajv-draft-04" ]; then
  mkdir -p "$cache"
  (cd "$cache" \
    && npm install --silent --no-audit --no-fund --no-save --prefix . \
         ajv@8 ajv-draft-04@1.0.0 ajv-formats@3.0.1 >/dev/null \
    && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null \
    && tar xzf microsoft-jest-sarif-1.0.0-beta.0.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json \
    && mv package/lib/schemas/sarif-2.1.0-rtm.5.json "$schema" \
    && rm -rf package microsoft-jest-sarif-1.0.0-beta.0.tgz)
fi
NODE_PATH="$cache/node_modules" exec node "$here/validate_sarif.js" "$schema" "$file"
