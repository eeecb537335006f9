// Validates a SARIF file against the official SARIF 2.1.0 JSON schema (draft-04) with Ajv.
// Usage: node validate_sarif.js <schema.json> <file.sarif>; exit 0 when valid, 1 with the errors.
'use strict';
const fs = require('fs');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const [schemaPath, dataPath] = process.argv.slice(2);
// The schema's language pattern is not valid with the u flag, so patterns are compiled without it.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
if (validate(JSON.parse(fs.readFileSync(dataPath, 'utf8')))) {
  console.log('valid');
  process.exit(0);
}
console.log(JSON.stringify(validate.errors, null, 2));
process.exit(1);
