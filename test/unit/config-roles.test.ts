import { DEMO_KOMMUNCHEF } from '../../demo/demo-users';
import { loadConfig } from '../../services/config/config';

const CREDENTIALS = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant', REPORT_LINK_KEY: 'k'.repeat(32) };

describe('admin and ledningsgrupp lists', () => {
  it('name the demo Kommunchef in local demo mode when the variables are not set', () => {
    const config = loadConfig({ PORT: '0' });
    expect(config.demoData).toBe(true);
    expect(config.admins).toEqual([DEMO_KOMMUNCHEF.aadObjectId]);
    expect(config.ledningsgrupp).toEqual([DEMO_KOMMUNCHEF.aadObjectId]);
  });

  it('take a set but empty variable as nobody, each on its own', () => {
    const config = loadConfig({ PORT: '0', TERTIAL_ADMINS: '' });
    expect(config.admins).toEqual([]);
    expect(config.ledningsgrupp).toEqual([DEMO_KOMMUNCHEF.aadObjectId]);
    expect(loadConfig({ TERTIAL_ADMINS: ' ', TERTIAL_LEDNINGSGRUPP: '' })).toMatchObject({ admins: [], ledningsgrupp: [] });
  });

  it('take a set list as it is', () => {
    expect(loadConfig({ TERTIAL_ADMINS: 'a, b', TERTIAL_LEDNINGSGRUPP: 'c' })).toMatchObject({ admins: ['a', 'b'], ledningsgrupp: ['c'] });
  });

  it('name nobody by default outside local demo mode: with app credentials, a real store, or without demo data', () => {
    const cases = [
      { ...CREDENTIALS, COSMOS_ENDPOINT: 'https://acct.documents.azure.com:443/', DEMO_DATA: 'true' },
      { COSMOS_ENDPOINT: 'https://localhost:8081/', DEMO_DATA: 'true' },
      { DEMO_DATA: 'false' },
    ];
    for (const env of cases) expect(loadConfig(env)).toMatchObject({ admins: [], ledningsgrupp: [] });
  });
});
