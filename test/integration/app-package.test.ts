/** npm run package: placeholders from the environment or an env file, offline schema validation, the zip. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { pngSize, type PackageOptions, type PackageResult } from '../../scripts/app-package';

const ROOT = path.resolve(__dirname, '../..');
const APP_ID = '5d9f2c1e-8a41-4c3b-9b7e-2f6a1d0c3e55';
const TEAMS_APP_ID = 'c0ffee00-1234-4abc-8def-0123456789ab';
const DOMAIN = 'tertial-ange-app.azurewebsites.net';

function runPackage(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['MicrosoftAppId', 'TEAMS_APP_ID', 'BOT_DOMAIN'].includes(k)),
  ) as Record<string, string>;
  return new Promise((resolve) => {
    execFile(process.execPath, ['-r', './scripts/ts-register.js', 'scripts/package-app.ts', ...args], { cwd: ROOT, env: { ...base, ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** buildAppPackage in a child process: the manifest library needs Node's require() of ES modules, which jest lacks */
function buildAppPackage(options: Omit<PackageOptions, 'env'> & { env: Record<string, string> }): Promise<PackageResult> {
  const code = `require('./scripts/app-package').buildAppPackage(${JSON.stringify(options)}).then((r) => process.stdout.write(JSON.stringify(r)))`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-r', './scripts/ts-register.js', '-e', code], { cwd: ROOT }, (err, stdout, stderr) => {
      if (err) reject(new Error(stderr || err.message));
      else resolve(JSON.parse(stdout) as PackageResult);
    });
  });
}

describe('app package', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tertial-package-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('refuses with exit 2 and names each missing variable, writing nothing', async () => {
    const result = await runPackage(['--out', tmp], { BOT_DOMAIN: DOMAIN });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Variabeln MicrosoftAppId saknas');
    expect(result.stderr).toContain('Variabeln TEAMS_APP_ID saknas');
    expect(result.stderr).not.toContain('Variabeln BOT_DOMAIN saknas');
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('fills the placeholders from the environment, validates and prints the zip path last', async () => {
    const result = await runPackage(['--out', tmp], { MicrosoftAppId: APP_ID, TEAMS_APP_ID, BOT_DOMAIN: DOMAIN });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    const zipPath = lines[lines.length - 1];
    expect(zipPath).toBe(path.join(tmp, 'tertial.zip'));

    const files = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const text = new TextDecoder().decode(files['manifest.json']);
    expect(text).not.toContain('${{');
    const manifest = JSON.parse(text);
    expect(manifest.manifestVersion).toBe('1.30');
    expect(manifest.id).toBe(TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(APP_ID);
    expect(manifest.bots[0].scopes).toEqual(['personal', 'team']);
    expect(manifest.bots[0].commandLists.map((l: { scopes: string[] }) => l.scopes[0]).sort()).toEqual(['personal', 'team']);
    expect(manifest.webApplicationInfo).toEqual({ id: APP_ID, resource: `api://${DOMAIN}/${APP_ID}` });
    expect(manifest.validDomains).toEqual([DOMAIN]);
    const tabs = Object.fromEntries(manifest.staticTabs.filter((t: { contentUrl?: string }) => t.contentUrl).map((t: { name: string; contentUrl: string }) => [t.name, t.contentUrl]));
    expect(tabs['Mina aktiviteter']).toBe(`https://${DOMAIN}/tab/?view=mine`);
    expect(tabs['Översikt']).toBe(`https://${DOMAIN}/tab/?view=admin`);
    expect(pngSize(files['color.png'])).toEqual({ width: 192, height: 192 });
    expect(pngSize(files['outline.png'])).toEqual({ width: 32, height: 32 });
  });

  it('reads an env/.env.<name> file; the environment wins over it', async () => {
    const envFile = path.join(tmp, '.env.test');
    // as teams app create --env writes it (CLIENT_ID), plus the two the package needs
    fs.writeFileSync(envFile, `# test\nCLIENT_ID=${APP_ID}\nCLIENT_SECRET=not-used\nTEAMS_APP_ID="${TEAMS_APP_ID}"\nBOT_DOMAIN=file.example.org\n`);
    const result = await buildAppPackage({ manifestDir: path.join(ROOT, 'manifest'), outDir: tmp, env: { BOT_DOMAIN: DOMAIN }, envFile });
    if (!result.ok) throw new Error([...result.missing, ...result.problems].join('; '));
    expect(path.basename(result.path)).toBe('tertial-test.zip');
    expect(result.manifest.validDomains).toEqual([DOMAIN]);
    expect(result.manifest.id).toBe(TEAMS_APP_ID);
    expect((result.manifest.bots as { botId: string }[])[0].botId).toBe(APP_ID);
    expect(JSON.stringify(result.manifest)).not.toContain('not-used');
  });

  it('names values of the wrong shape', async () => {
    const result = await buildAppPackage({
      manifestDir: path.join(ROOT, 'manifest'),
      outDir: tmp,
      env: { MicrosoftAppId: 'not-a-guid', TEAMS_APP_ID, BOT_DOMAIN: `https://${DOMAIN}/` },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(/MicrosoftAppId måste vara ett GUID/);
    expect(result.problems.join('\n')).toMatch(/BOT_DOMAIN måste vara ett värdnamn/);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('refuses a manifest the bundled schema rejects, and an icon of the wrong size', async () => {
    const dir = path.join(tmp, 'manifest');
    fs.cpSync(path.join(ROOT, 'manifest'), dir, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
    manifest.accentColor = 'blue';
    manifest.icons.outline = 'color.png';
    fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
    const out = path.join(tmp, 'out');
    const result = await buildAppPackage({ manifestDir: dir, outDir: out, env: { MicrosoftAppId: APP_ID, TEAMS_APP_ID, BOT_DOMAIN: DOMAIN } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.some((p) => p.includes('följer inte schemat v1.30') && p.includes('accentColor'))).toBe(true);
    expect(result.problems.some((p) => p.includes('32×32') && p.includes('192×192'))).toBe(true);
    expect(fs.existsSync(out)).toBe(false);
  });
});
