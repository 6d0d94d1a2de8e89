// The SARIF 2.1.0 JSON schema (vendored test data, see test/data/sarif/NOTICE.md) as an ajv validator.
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'data', 'sarif', 'sarif-2.1.0-rtm.5.json'), 'utf8'));
  // draft-04 → draft-07: `id` became `$id`; nothing else in this schema differs between the drafts.
  schema.$schema = 'http://json-schema.org/draft-07/schema#';
  schema.$id = schema.id;
  delete schema.id;
  // unicodeRegExp off: the schema's language-tag pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is not a valid /u regexp.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile(schema);
}
