/**
 * The tab in Chromium, outside Teams: the app on loopback with demo data and the local sign-in, the
 * built front end (built here first, so the test drives the current source), and a local channel
 * connector that records what the ledningsgrupp channel receives. Helpers run axe-core on the page
 * and save screenshots (to docs/screenshots/ when UPDATE_SCREENSHOTS=1).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startApp, type RunningApp } from '../../../bot/app';
import { loadConfig } from '../../../services/config/config';
import { configureLogger } from '../../../services/logging/logger';
import { startChannelConnector, type ChannelConnector } from '../../support/channel-connector';
import { requireChromium } from './playground-harness';

const ROOT = path.join(__dirname, '..', '..', '..');
const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

export interface TabHarness {
  app: RunningApp;
  connector: ChannelConnector;
  browser: Browser;
  page: Page;
  /** opens the tab and signs in as a demo person */
  signIn(person: { aadObjectId: string; name: string }): Promise<void>;
  /** axe-core's serious and critical violations on the page as it is now */
  axeViolations(): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]>;
  /** the whole page, or only the viewport (fullPage: false) */
  screenshot(name: string, options?: { fullPage?: boolean }): Promise<string>;
  close(): Promise<void>;
}

let built = false;
/** builds the front end once per test process */
export function buildTab(): void {
  if (built) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', path.join(ROOT, 'tab', 'app', 'vite.config.mjs')], { cwd: ROOT, stdio: 'pipe' });
  built = true;
}

export async function startTab(env: Record<string, string>): Promise<TabHarness> {
  const executablePath = requireChromium();
  configureLogger({ level: process.env.E2E_LOG_LEVEL ?? 'silent' });
  buildTab();
  const connector = await startChannelConnector();
  // roles set and empty unless the test names them (unset, local demo mode would make the Kommunchef admin and ledningsgrupp)
  const config = loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', DEMO_DATA: 'true', LOG_LEVEL: 'silent', TERTIAL_ADMINS: '', TERTIAL_LEDNINGSGRUPP: '', ...env });
  const app = await startApp(config);
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  } catch (err) {
    await app.close();
    await connector.close();
    throw err;
  }
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const shotDir = process.env.UPDATE_SCREENSHOTS === '1' ? SCREENSHOTS : fs.mkdtempSync(path.join(os.tmpdir(), 'tertial-tab-'));
  fs.mkdirSync(shotDir, { recursive: true });
  return {
    app,
    connector,
    browser,
    page,
    async signIn(person) {
      await page.goto(`${app.http.url}/tab/`);
      await page.getByLabel('Person').selectOption(person.aadObjectId);
      await page.getByRole('button', { name: 'Logga in' }).click();
      await page.getByRole('banner').getByText(person.name).waitFor();
    },
    async axeViolations() {
      // evaluated through the DevTools protocol: the page's CSP (script-src 'self') does not apply
      if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
      const result = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: object, opts: object): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
        // tabster's focus sentinels (Fluent UI's keyboard navigation) are aria-hidden and focusable by
        // design: focus landing on one is moved on at once, so axe's aria-hidden-focus does not apply
        return axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
      });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
    },
    async screenshot(name, options = {}) {
      const file = path.join(shotDir, `${name}.png`);
      await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
      return file;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await app.close();
      await connector.close();
    },
  };
}
