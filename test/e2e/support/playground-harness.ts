/**
 * End-to-end harness: the app (startApp, embedded Cosmos, demo data) on free ports, the Microsoft 365
 * Agents Playground (msteams channel) pointed at it, and headless Debian Chromium (playwright-core)
 * on the Playground's web UI. Reused by every e2e test (B, C, D).
 *
 *   const h = await startE2e({ currentUser: DEMO_USERS[0] });
 *   await h.openPersonalChat();          // the Playground's personal chat with the bot
 *   await h.sendMessage('status');
 *   ... h.page (playwright Page), h.app (RunningApp: store, messenger, collection, config)
 *   await h.close();
 *
 * Nothing here uses a fixed port. If /usr/bin/chromium is missing it fails with a clear message
 * (.ci/run installs Debian's chromium).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startApp, type RunningApp } from '../../../bot/app';
import { loadConfig } from '../../../services/config/config';
import { configureLogger } from '../../../services/logging/logger';
import type { Clock } from '../../../services/ports/clock';
import { DEMO_KOMMUNCHEF, DEMO_USERS } from '../../../demo/demo-users';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export function requireChromium(): string {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `End-to-end tests need Debian's Chromium at ${CHROMIUM_PATH}: run \`apt-get install -y chromium\` (.ci/run does it), never a downloaded browser build.`,
    );
  }
  return CHROMIUM_PATH;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface PlaygroundPerson {
  aadObjectId: string;
  name: string;
  email?: string;
}

const yamlString = (s: string) => JSON.stringify(s);

/** a .m365agentsplayground.yml with `currentUser` signed in and the demo people as the other users */
export function playgroundYaml(currentUser: PlaygroundPerson, others: readonly PlaygroundPerson[] = [...DEMO_USERS, DEMO_KOMMUNCHEF]): string {
  const person = (p: PlaygroundPerson, id: string, indent: string) =>
    [
      `${indent}id: ${yamlString(id)}`,
      `${indent}name: ${yamlString(p.name)}`,
      `${indent}userPrincipleName: ${yamlString(p.email ?? `${p.aadObjectId}@demo.tertial.example`)}`,
      `${indent}aadObjectId: ${yamlString(p.aadObjectId)}`,
      `${indent}givenName: ${yamlString(p.name)}`,
      `${indent}surname: ${yamlString('Demo')}`,
      `${indent}email: ${yamlString(p.email ?? `${p.aadObjectId}@demo.tertial.example`)}`,
    ].join('\n');
  // the Playground accepts at most 5 other users; keep the last ones (the kommunchef is last by default)
  const rest = others.filter((o) => o.aadObjectId !== currentUser.aadObjectId).slice(-5);
  return [
    'version: "0.1.1"',
    'tenantId: 00000000-0000-0000-0000-0000000000aa',
    'bot:',
    '  id: 00000000-0000-0000-0000-0000000000bb',
    '  name: Tertial',
    'currentUser:',
    person(currentUser, `user-${currentUser.aadObjectId.slice(-4)}`, '  '),
    'users:',
    // the other users' id is their aadObjectId: the Playground's person picker answers with the id, as
    // Teams' (graph.microsoft.com/users) answers with the Entra object id
    ...rest.map((p) => person(p, p.aadObjectId, '    ').replace(/^ {4}/, '  - ')),
    'personalChat:',
    `  id: personal-${currentUser.aadObjectId.slice(-4)}`,
    'groupChat:',
    '  id: group-chat-tertial',
    '  name: Tertial demo',
    'team:',
    '  id: team-ledningsgrupp',
    '  name: Ledningsgrupp',
    '  aadGroupId: 00000000-0000-0000-0000-0000000000cc',
    '  channels:',
    '    - id: channel-ledningsgrupp-malavstamning',
    '      name: Målavstämning',
    '',
  ].join('\n');
}

export interface E2eOptions {
  /** who is signed in to the Playground (default: Enhetschef Fritid, an owner) */
  currentUser?: PlaygroundPerson;
  /** extra environment for loadConfig (TERTIAL_ADMINS, …); ports are always free ones */
  env?: Record<string, string>;
  clock?: Clock;
  /** Chromium viewport */
  viewport?: { width: number; height: number };
}

export interface E2eHarness {
  app: RunningApp;
  playgroundUrl: string;
  /** the Chromium context (a fresh user-data-dir per harness) */
  browser: BrowserContext;
  page: Page;
  workDir: string;
  /** opens the web UI and waits until the chat is ready (the bot's greeting arrives on its own) */
  openPersonalChat(): Promise<void>;
  /** types a message in the compose box and sends it */
  sendMessage(text: string): Promise<void>;
  close(): Promise<void>;
}

export async function startE2e(options: E2eOptions = {}): Promise<E2eHarness> {
  const executablePath = requireChromium();
  configureLogger({ level: process.env.E2E_LOG_LEVEL ?? 'silent' });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tertial-e2e-'));
  const configPath = path.join(workDir, '.m365agentsplayground.yml');
  fs.writeFileSync(configPath, playgroundYaml(options.currentUser ?? DEMO_USERS[0]!));
  const playgroundPort = await freePort();
  const config = loadConfig({
    PORT: '0',
    EMBEDDED_COSMOS_PORT: '0',
    PLAYGROUND_PORT: String(playgroundPort),
    DEMO_DATA: 'true',
    LOG_LEVEL: 'silent',
    // set and empty: nobody is admin or ledningsgrupp unless a test names them (unset, local demo mode would make the Kommunchef both)
    TERTIAL_ADMINS: '',
    TERTIAL_LEDNINGSGRUPP: '',
    ...options.env,
  });
  const app = await startApp(config, { clock: options.clock, playground: true, playgroundConfigPath: configPath });
  let browser: BrowserContext;
  try {
    browser = await chromium.launchPersistentContext(path.join(workDir, 'chromium'), {
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      viewport: options.viewport ?? { width: 1280, height: 1000 },
      locale: 'sv-SE',
    });
  } catch (err) {
    await app.close();
    throw err;
  }
  const page = browser.pages()[0] ?? (await browser.newPage());
  const playgroundUrl = app.playground!.url;
  const b = browser;
  return {
    app,
    playgroundUrl,
    browser: b,
    page,
    workDir,
    async openPersonalChat() {
      await page.goto(playgroundUrl, { waitUntil: 'domcontentloaded' });
      await composeBox(page).waitFor({ state: 'visible', timeout: 30_000 });
    },
    async sendMessage(text: string) {
      const box = composeBox(page);
      await box.click();
      await box.fill(text);
      await box.press('Enter');
    },
    async close() {
      await b.close().catch(() => undefined);
      await app.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/** writes a new post in the open channel, mentioning the bot */
export async function postMentioningBot(page: Page, text: string): Promise<void> {
  const editor = page.locator('[data-lexical-editor="true"][role="textbox"]').first();
  await editor.click();
  await page.keyboard.type('@Ter');
  await page.locator('#typeahead-menu').getByRole('menuitem', { name: /Tertial/ }).click();
  await page.keyboard.type(` ${text}`);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
}

/** the Playground's message compose box */
export function composeBox(page: Page) {
  return page.locator('[data-lexical-editor="true"][role="textbox"]').last();
}

/** with SCREENSHOT_DIR set (docs/screenshots), saves what the page shows now under `name` */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, name), fullPage: false });
}
