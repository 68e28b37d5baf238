#!/usr/bin/env node
/**
 * Prints the tab's first-load JavaScript, gzipped: the entry script of dist/tab-web/index.html and the
 * chunks it preloads (views load later, each on first use). Exits 1 above the budget (300 KB gzip).
 */
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const BUDGET = 300 * 1024;
const dir = path.join(__dirname, '..', 'dist', 'tab-web');

function firstLoad() {
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/tab\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(files)];
}

function gzipSize(file) {
  return zlib.gzipSync(fs.readFileSync(path.join(dir, file)), { level: 9 }).length;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function main() {
  const first = firstLoad();
  const all = fs.readdirSync(path.join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const firstBytes = first.reduce((n, f) => n + gzipSize(f), 0);
  const later = all.filter((f) => !first.includes(f));
  const laterBytes = later.reduce((n, f) => n + gzipSize(f), 0);
  process.stdout.write(
    `tab JS first load: ${kb(firstBytes)} gzip in ${first.length} file(s) (budget ${kb(BUDGET)}); views and teams-js on demand: ${kb(laterBytes)} gzip in ${later.length} file(s)\n`,
  );
  if (firstBytes > BUDGET) {
    process.stderr.write(`tab JS first load ${kb(firstBytes)} is over the ${kb(BUDGET)} budget\n`);
    process.exit(1);
  }
  return firstBytes;
}

if (require.main === module) main();
module.exports = { firstLoad, gzipSize, BUDGET };
