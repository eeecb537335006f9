#!/bin/sh
# Validates JSON files against a schema of docs/schemas. Ajv comes from the npm registry into
# CACHE_DIR, once; nothing third-party is committed.
# Usage: validate-json.sh CACHE_DIR SCHEMA_NAME FILE.json...
set -eu
cache=$1
schema=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$cache/node_modules/ajv" ]; then
  mkdir -p "$cache"
  (cd "$cache" && npm install --silent --no-audit --no-fund --no-save --prefix . ajv@8 ajv-formats@3.0.1 >/dev/null)
fi
NODE_PATH="$cache/node_modules" exec node "$here/validate_json.js" "$here/../../docs/schemas" "$schema" "$@"
