/**
 * infra/main.bicep cannot be compiled here; this reads it as text and checks what the app relies on:
 * the same containers and partition keys as services/store/containers.ts, Node 22 LTS, readiness as the
 * health check, two or more instances, no Cosmos keys, and the report link key from Key Vault.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONTAINERS } from '../../services/store/containers';

const ROOT = path.resolve(__dirname, '../..');
const bicep = fs.readFileSync(path.join(ROOT, 'infra/main.bicep'), 'utf8');
const configSource = fs.readFileSync(path.join(ROOT, 'services/config/config.ts'), 'utf8');

/** the entries of `var containers = [ … ]` */
function bicepContainers(): Record<string, string> {
  const block = /^var containers = \[\n([\s\S]*?)\n\]/m.exec(bicep);
  if (!block) throw new Error('infra/main.bicep has no `var containers = [ … ]`');
  const entries: Record<string, string> = {};
  for (const line of block[1].split('\n')) {
    const m = /^\s*\{\s*name:\s*'([^']+)',\s*partitionKey:\s*'([^']+)'\s*\}\s*$/.exec(line);
    if (!m) throw new Error(`cannot read container line: ${line}`);
    entries[m[1]] = m[2];
  }
  return entries;
}

/** names of the app settings of the web app */
function appSettingNames(): string[] {
  const block = /appSettings: \[\n([\s\S]*?)\n\s*\]/.exec(bicep);
  if (!block) throw new Error('no appSettings block');
  return [...block[1].matchAll(/\{ name: '([^']+)'/g)].map((m) => m[1]);
}

describe('infra/main.bicep', () => {
  it('declares exactly the containers of services/store/containers.ts, with their partition keys', () => {
    const expected = Object.fromEntries(Object.values(CONTAINERS).map((c) => [c.id, c.partitionKey]));
    expect(bicepContainers()).toEqual(expected);
  });

  it('creates each container of the list under the database, keyed by its partition key', () => {
    const loop = /resource \w+ 'Microsoft\.DocumentDB\/databaseAccounts\/sqlDatabases\/containers@[\d-]+' = \[for c in containers: \{([\s\S]*?)\n\}\]/.exec(bicep);
    expect(loop).not.toBeNull();
    expect(loop![1]).toContain('parent: database');
    expect(loop![1]).toMatch(/partitionKey: \{ paths: \[ c\.partitionKey \]/);
    expect(bicep).toMatch(/disableLocalAuth: true/);
  });

  it('runs Node 22 LTS with readiness as the health check on two or more instances', () => {
    expect(bicep).toContain("linuxFxVersion: 'NODE|22-lts'");
    expect(bicep).toContain("healthCheckPath: '/readyz'");
    expect(bicep).toMatch(/@minValue\(2\)\n[^\n]*\nparam instances int = \d+/);
    expect(bicep).toMatch(/sku: \{ name: planSku, capacity: instances \}/);
  });

  it('gives the app no Cosmos key and its secrets as Key Vault references', () => {
    const names = appSettingNames();
    expect(names).not.toContain('COSMOS_KEY');
    expect(bicep).toMatch(/\{ name: 'REPORT_LINK_KEY', value: '@Microsoft\.KeyVault\(SecretUri=\$\{reportLinkSecret\.properties\.secretUriWithVersion\}\)' \}/);
    expect(bicep).toMatch(/\{ name: 'MicrosoftAppPassword', value: '@Microsoft\.KeyVault\(/);
    expect(bicep).toContain('keyVaultReferenceIdentity: identity.id');
  });

  it('takes the report link key as a required secure parameter, never generated per deployment', () => {
    // a key drawn at deployment (newGuid(), utcNow()) would differ on every redeploy and break published links
    const decl = /((?:@[^\n]*\n)*)param reportLinkKey string([^\n]*)/.exec(bicep);
    expect(decl).not.toBeNull();
    expect(decl![1]).toContain('@secure()');
    expect(decl![1]).toMatch(/@minLength\((\d+)\)/);
    expect(Number(/@minLength\((\d+)\)/.exec(decl![1])![1])).toBeGreaterThanOrEqual(32);
    expect(decl![2].trim()).toBe('');
    expect(bicep).not.toMatch(/newGuid\(|utcNow\(/);
    expect(bicep).toMatch(/resource reportLinkSecret [^\n]*\n[\s\S]*?properties: \{ value: reportLinkKey \}/);
  });

  it('takes the Teams catalogue id as a parameter, so a redeploy keeps proactive install as configured', () => {
    expect(bicep).toMatch(/^param teamsCatalogAppId string/m);
    expect(bicep).toContain("{ name: 'TEAMS_CATALOG_APP_ID', value: teamsCatalogAppId }");
  });

  it('names only parameter files that exist in the repository or that the docs tell the admin to create', () => {
    const named = [...bicep.matchAll(/infra\/([\w.-]+\.(?:json|bicepparam))/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(0);
    for (const file of named) {
      const local = file.replace(/\.local\.json$/, '.json');
      expect(fs.existsSync(path.join(ROOT, 'infra', local))).toBe(true);
    }
  });

  it('sets only app settings the config reads (or the platform and SDKs read)', () => {
    const platform = new Set(['APPLICATIONINSIGHTS_CONNECTION_STRING', 'AZURE_CLIENT_ID']);
    const unknown = appSettingNames().filter((n) => !platform.has(n) && !/^(WEBSITE|SCM)_/.test(n) && !new RegExp(`^\\s+${n}:`, 'm').test(configSource));
    expect(unknown).toEqual([]);
  });

  it('the parameters file holds no secrets', () => {
    const params = JSON.parse(fs.readFileSync(path.join(ROOT, 'infra/main.parameters.json'), 'utf8')).parameters as Record<string, unknown>;
    expect(Object.keys(params)).not.toContain('botAppPassword');
    expect(Object.keys(params)).not.toContain('reportLinkKey');
  });
});
