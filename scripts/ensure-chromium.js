#!/usr/bin/env node
// `npm test` (pretest): the end-to-end tests drive Debian's Chromium at /usr/bin/chromium through
// playwright-core. On a fresh machine it is installed here with apt (never a downloaded browser build).
const { existsSync } = require('node:fs');
const { execFileSync } = require('node:child_process');

const CHROMIUM = '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  process.stderr.write(
    `The end-to-end tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n  sudo apt-get install -y chromium\n`,
  );
  process.exit(1);
}
process.stdout.write(`Installing Debian's chromium for the end-to-end tests (apt-get) …\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env });
if (!existsSync(CHROMIUM)) {
  process.stderr.write(`apt-get finished but ${CHROMIUM} is still missing\n`);
  process.exit(1);
}
