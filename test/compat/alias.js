// Preload (`node -r test/compat/alias.js`): makes every `require('aws-cdk-lib…')` and `require('constructs')` — the
// demo's and zonelint's alike — resolve to the aws-cdk-lib installed in ZONELINT_CDK_DIR (test/compat/<version>), so
// the demo app and the aspect run on that version without touching the main lockfile.
'use strict';
const Module = require('module');
const path = require('path');

const dir = process.env.ZONELINT_CDK_DIR;
if (!dir) throw new Error('alias.js: set ZONELINT_CDK_DIR to a folder with node_modules/aws-cdk-lib');
const root = path.resolve(dir);
const original = Module._resolveFilename;
Module._resolveFilename = function (request, parent, isMain, options) {
  if (request === 'aws-cdk-lib' || request.startsWith('aws-cdk-lib/') || request === 'constructs') {
    return original.call(this, request, parent, isMain, { ...options, paths: [root] });
  }
  return original.call(this, request, parent, isMain, options);
};
