#!/usr/bin/env node
'use strict';
// Entry point of the `zonelint` command: the esbuild bundle starts fast and never loads aws-cdk-lib.
process.env.ZONELINT_CLI_BUNDLE = '1';
require('../dist/cli.js');
