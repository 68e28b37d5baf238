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
