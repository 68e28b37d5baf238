/**
 * Builds the Teams app package from manifest/: fills the ${{NAME}} placeholders from the environment
 * (or an env/.env.<name> file), validates the result offline against the manifest schema that
 * @microsoft/app-manifest bundles (plus the library's own type check and the icon sizes Teams
 * requires), and zips manifest.json with its two icons.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { zipSync } from 'fflate';

/** the variables a package cannot be built without */
export const REQUIRED_VARIABLES = ['MicrosoftAppId', 'TEAMS_APP_ID', 'BOT_DOMAIN'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(:\d{1,5})?$/i;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } } as const;

export interface PackageOptions {
  /** manifest/ with manifest.json and the icons */
  manifestDir: string;
  /** where the zip goes */
  outDir: string;
  /** the environment (process.env) */
  env: Record<string, string | undefined>;
  /** an env/.env.<name> file to read; the environment wins over the file */
  envFile?: string;
  /** the zip's name (default tertial.zip, or tertial-<name>.zip for an env file) */
  fileName?: string;
}

export type PackageResult =
  | { ok: true; path: string; manifest: Record<string, unknown> }
  /** missing: variables not set (exit 2); problems: anything else wrong (exit 1) */
  | { ok: false; missing: string[]; problems: string[] };

/** reads width and height from a PNG's IHDR chunk; null when the bytes are no PNG */
export function pngSize(bytes: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function readVariables(options: PackageOptions): { vars: Record<string, string>; problems: string[] } {
  const vars: Record<string, string> = {};
  const problems: string[] = [];
  if (options.envFile) {
    if (!fs.existsSync(options.envFile)) {
      problems.push(`Filen ${options.envFile} finns inte`);
    } else {
      Object.assign(vars, parseEnv(fs.readFileSync(options.envFile, 'utf8')));
    }
  }
  for (const [key, value] of Object.entries(options.env)) {
    if (value !== undefined && value.trim() !== '') vars[key] = value.trim();
  }
  return { vars, problems };
}

function checkVariables(vars: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const name of ['MicrosoftAppId', 'TEAMS_APP_ID'] as const) {
    if (vars[name] && !GUID.test(vars[name])) problems.push(`${name} måste vara ett GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), inte "${vars[name]}"`);
  }
  if (vars.BOT_DOMAIN && !HOST.test(vars.BOT_DOMAIN)) {
    problems.push(`BOT_DOMAIN måste vara ett värdnamn utan https:// och utan sökväg (t.ex. tertial-ange-app.azurewebsites.net), inte "${vars.BOT_DOMAIN}"`);
  }
  return problems;
}

/** the bundled schema of the manifest's own version, read from the package (never fetched) */
function bundledSchema(manifestVersion: string): object | null {
  const root = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(root, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
}

export async function buildAppPackage(options: PackageOptions): Promise<PackageResult> {
  const { vars, problems } = readVariables(options);
  // the privacy and terms pages default to the app's own start page
  const defaults: Record<string, string> = vars.BOT_DOMAIN
    ? { PRIVACY_URL: `https://${vars.BOT_DOMAIN}/tab/`, TERMS_URL: `https://${vars.BOT_DOMAIN}/tab/` }
    : {};
  // `teams app create --env` writes the bot's client id as CLIENT_ID
  const values: Record<string, string> = { ...defaults, ...vars };
  if (!values.MicrosoftAppId && values.CLIENT_ID) values.MicrosoftAppId = values.CLIENT_ID;
  const missing = REQUIRED_VARIABLES.filter((name) => !values[name]);
  if (missing.length > 0) return { ok: false, missing, problems };
  problems.push(...checkVariables(values));

  const template = fs.readFileSync(path.join(options.manifestDir, 'manifest.json'), 'utf8');
  const unknown = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) {
      unknown.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size > 0) return { ok: false, missing: [...unknown], problems };
  if (problems.length > 0) return { ok: false, missing: [], problems };

  // loaded here: the library pulls in ES modules, which Node loads with require() from 20.19 on
  const { AppManifestUtils, TeamsManifestConverter } = await import('@microsoft/app-manifest');
  let manifest: Record<string, unknown>;
  try {
    // the library's own check: throws when a property has the wrong type
    manifest = JSON.parse(TeamsManifestConverter.manifestToJson(TeamsManifestConverter.jsonToManifest(filled))) as Record<string, unknown>;
  } catch (e) {
    return { ok: false, missing: [], problems: [`manifest.json går inte att läsa som ett Teams-manifest: ${e instanceof Error ? e.message : String(e)}`] };
  }
  const version = String(manifest.manifestVersion ?? '');
  const schema = bundledSchema(version);
  if (!schema) return { ok: false, missing: [], problems: [`manifestVersion ${version} har inget schema i @microsoft/app-manifest`] };
  const schemaErrors = await AppManifestUtils.validateAgainstSchema(manifest as never, schema as never);
  problems.push(...schemaErrors.map((e) => `manifest.json följer inte schemat v${version}: ${e}`));

  const files: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) };
  const icons = (manifest.icons ?? {}) as Record<string, string>;
  for (const [kind, expected] of Object.entries(ICONS)) {
    const name = icons[kind];
    const file = name ? path.join(options.manifestDir, name) : '';
    if (!name || !fs.existsSync(file)) {
      problems.push(`ikonen ${kind} (${name ?? 'saknas i manifestet'}) finns inte i ${options.manifestDir}`);
      continue;
    }
    const bytes = new Uint8Array(fs.readFileSync(file));
    const size = pngSize(bytes);
    if (!size || size.width !== expected.size || size.height !== expected.size) {
      problems.push(`ikonen ${name} måste vara en PNG på ${expected.size}×${expected.size} pixlar${size ? `, inte ${size.width}×${size.height}` : ''}`);
    }
    files[name] = bytes;
  }
  if (problems.length > 0) return { ok: false, missing: [], problems };

  fs.mkdirSync(options.outDir, { recursive: true });
  const envName = options.envFile ? path.basename(options.envFile).replace(/^\.env\./, '') : '';
  const out = path.resolve(options.outDir, options.fileName ?? (envName ? `tertial-${envName}.zip` : 'tertial.zip'));
  fs.writeFileSync(out, zipSync(files, { level: 9 }));
  return { ok: true, path: out, manifest };
}
