#!/bin/sh
# Validates JSON (or YAML: downstream.yml) files against a schema of docs/schemas. Ajv and
# js-yaml come from the npm registry into CACHE_DIR, once; nothing third-party is committed.
# Usage: validate-json.sh CACHE_DIR SCHEMA_NAME FILE.json|FILE.yml...
set -eu
cache=$1
schema=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -d "$cache/node_modules/ajv" ] || [ ! -d "$cache/node_modules/js-yaml" ]; then
  mkdir -p "$cache"
  (cd "$cache" && npm install --silent --no-audit --no-fund --no-save --prefix . ajv@8 ajv-formats@3.0.1 js-yaml@4 >/dev/null)
fi
NODE_PATH="$cache/node_modules" exec node "$here/validate_json.js" "$here/../../docs/schemas" "$schema" "$@"
