/**
 * Serves the built tab (dist/tab-web, from `npm run build:tab`) at /tab/: hashed assets cached for a
 * year, index.html never cached (it names the current assets). Without a build, /tab/ says how to make one.
 */
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** the project root: the nearest directory above this file with a package.json */
function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
  return dir;
}

export const TAB_BUILD_DIR = path.join(projectRoot(), 'dist', 'tab-web');

export function tabStaticRouter(dir: string = TAB_BUILD_DIR): Router {
  const router = express.Router();
  router.use('/assets', express.static(path.join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.get('/', (_req, res) => {
    const index = path.join(dir, 'index.html');
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain; charset=utf-8').send('Fliken är inte byggd: kör npm run build (tab built files missing).');
      return;
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
