// Validates JSON files against one of downstream's own JSON Schemas (docs/schemas, draft-07) with
// Ajv; every schema of the folder is loaded so that $refs between them resolve. A .yml / .yaml
// file (downstream.yml) is read with js-yaml's core schema: dates stay strings, as downstream
// reads them.
// Usage: node validate_json.js <schema dir> <schema file name> <file.json|.yml>...; exit 0 when
// all are valid, 1 with the errors.
'use strict';
const fs = require('fs');
const path = require('path');
const Ajv = require('ajv');

const [dir, main, ...files] = process.argv.slice(2);
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });

function load(file) {
  const text = fs.readFileSync(file, 'utf8');
  if (!/\.ya?ml$/.test(file)) return JSON.parse(text);
  const yaml = require('js-yaml');
  const document = yaml.load(text, { schema: yaml.CORE_SCHEMA });
  return document === undefined ? null : document;
}
for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort()) {
  ajv.addSchema(JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')));
}
const validate = ajv.getSchema('https://downstream.dev/schemas/' + main);
let failed = false;
for (const file of files) {
  if (!validate(load(file))) {
    console.log(file + ': ' + JSON.stringify(validate.errors, null, 2));
    failed = true;
  }
}
if (!failed) console.log('valid');
process.exit(failed ? 1 : 0);
