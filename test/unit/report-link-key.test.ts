/** Report links are signed with REPORT_LINK_KEY: required with app credentials, never the app password. */
import { reportSigningKey } from '../../bot/assessment-edge';
import { loadConfig } from '../../services/config/config';
import { isTertialError } from '../../services/errors';

const PRODUCTION = {
  MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
  MicrosoftAppPassword: 'app-password',
  MicrosoftAppType: 'MultiTenant',
  COSMOS_ENDPOINT: 'https://tertial.documents.azure.com:443/',
};

function configProblems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (!isTertialError(e)) throw e;
    return e.details;
  }
}

describe('the report link key', () => {
  it('is required when the app has credentials, and named when missing or short', () => {
    expect(configProblems(PRODUCTION)).toEqual([expect.stringMatching(/^REPORT_LINK_KEY: krävs när MicrosoftAppId är satt/)]);
    expect(configProblems({ ...PRODUCTION, REPORT_LINK_KEY: 'short' })).toEqual([expect.stringMatching(/^REPORT_LINK_KEY: ogiltigt värde, ska vara minst 32 tecken/)]);
  });

  it('signs with the configured key, never with the app password', () => {
    const config = loadConfig({ ...PRODUCTION, REPORT_LINK_KEY: 'x'.repeat(40) });
    expect(reportSigningKey(config)).toBe('x'.repeat(40));
    expect(reportSigningKey(config)).not.toBe(config.bot.appPassword);
  });

  it('anonymous local use draws a key per process', () => {
    const config = loadConfig({});
    expect(config.reportLinkKey).toBeUndefined();
    const a = reportSigningKey(config);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(reportSigningKey(config)).not.toBe(a);
  });
});

describe('an unresolved Key Vault reference', () => {
  const reference = (secret: string) =>
    `@Microsoft.KeyVault(SecretUri=https://tertialkv.vault.azure.net/secrets/${secret}/0123456789abcdef0123456789abcdef)`;

  it('is refused as the report link key and as the app password, each named, the value not echoed', () => {
    const env = { ...PRODUCTION, MicrosoftAppPassword: reference('bot-app-password'), REPORT_LINK_KEY: reference('report-link-key') };
    const problems = configProblems(env);
    expect(problems).toEqual([
      expect.stringMatching(/^MicrosoftAppPassword: är en Key Vault-referens som App Service inte har löst upp/),
      expect.stringMatching(/^REPORT_LINK_KEY: är en Key Vault-referens som App Service inte har löst upp/),
    ]);
    for (const p of problems) {
      expect(p).not.toContain('vault.azure.net');
      expect(p).not.toContain('SecretUri');
    }
  });

  it('is refused in any variable the config reads, also next to other bad values, and whatever its case or spacing', () => {
    const problems = configProblems({
      ...PRODUCTION,
      REPORT_LINK_KEY: 'x'.repeat(40),
      COSMOS_ENDPOINT: ' @microsoft.keyvault(VaultName=tertialkv;SecretName=cosmos)',
      PORT: 'not a port',
    });
    expect(problems).toEqual([
      expect.stringMatching(/^COSMOS_ENDPOINT: är en Key Vault-referens/),
      expect.stringMatching(/^PORT: ogiltigt värde/),
    ]);
  });

  it('a resolved value that merely mentions Key Vault is accepted', () => {
    const config = loadConfig({ ...PRODUCTION, REPORT_LINK_KEY: 'key-from-@Microsoft.KeyVault(-lookalike-0123456789' });
    expect(config.reportLinkKey).toBe('key-from-@Microsoft.KeyVault(-lookalike-0123456789');
  });
});

describe('proactive install without app credentials', () => {
  it('is refused in Swedish, naming TEAMS_CATALOG_APP_ID and what it needs', () => {
    expect(configProblems({ TEAMS_CATALOG_APP_ID: 'a1b2c3d4-0000-0000-0000-000000000000' })).toEqual([
      'TEAMS_CATALOG_APP_ID: kräver MicrosoftAppId (installationen via Microsoft Graph görs som botens Entra-app)',
    ]);
  });
});
