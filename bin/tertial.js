#!/usr/bin/env node
// The `tertial` command. Built by `npm install` (prepare → tsc) into dist/.
require('../dist/cli/main.js');
