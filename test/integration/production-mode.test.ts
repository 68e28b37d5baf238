/**
 * Production mode: app credentials set, a Cosmos store whose database and containers exist beforehand.
 * The app starts without creating a database or container (every write to the store is recorded),
 * refuses to start without a real store, loads no demo data, and refuses requests without a
 * valid Bot Framework token, also while the token metadata cannot be fetched.
 */
import net from 'node:net';
import { startApp, type RunningApp } from '../../bot/app';
import { loadConfig } from '../../services/config/config';
import { isTertialError } from '../../services/errors';
import { configureLogger } from '../../services/logging/logger';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos } from '../../services/store';
import { startOpenIdStub, type OpenIdStub } from '../support/openid-stub';
import { botClaims, postInvoke, TEST_CREDENTIALS } from '../support/signed-invoke';

configureLogger({ level: 'silent' });

/** a port nothing listens on */
async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

describe('configuration with app credentials', () => {
  it('refuses to start without COSMOS_ENDPOINT, naming the variable in Swedish', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '0', ...TEST_CREDENTIALS });
    } catch (e) {
      error = e;
    }
    expect(isTertialError(error) && error.code === 'config').toBe(true);
    const details = (error as { details: string[] }).details;
    expect(details).toEqual([expect.stringMatching(/^COSMOS_ENDPOINT: krävs när MicrosoftAppId är satt/)]);
  });

  it('loads no demo data into a real store unless DEMO_DATA asks for it', () => {
    const env = { PORT: '0', ...TEST_CREDENTIALS, COSMOS_ENDPOINT: 'https://tertial.documents.azure.com:443/' };
    expect(loadConfig(env)).toMatchObject({ demoData: false, host: '0.0.0.0' });
    expect(loadConfig({ ...env, DEMO_DATA: 'true' }).demoData).toBe(true);
  });

  it('names every bad variable in Swedish without echoing its value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'nittio', COSMOS_ENDPOINT: 'not a url', DEMO_DATA: 'kanske' });
    } catch (e) {
      error = e;
    }
    const details = (error as { details: string[] }).details;
    expect(details).toEqual([
      'PORT: ogiltigt värde, ska vara ett portnummer 0–65535',
      'COSMOS_ENDPOINT: ogiltigt värde, ska vara en URL som https://<konto>.documents.azure.com:443/',
      'DEMO_DATA: ogiltigt värde, ska vara true eller false',
    ]);
    expect(details.join(' ')).not.toMatch(/nittio|not a url|kanske/);
  });
});

describe('a configured store that does not answer at start', () => {
  it('stops the start with a Swedish reason naming COSMOS_ENDPOINT, not a stack', async () => {
    const endpoint = `https://localhost:${await deadPort()}`;
    const config = { ...loadConfig({ PORT: '0', ...TEST_CREDENTIALS, COSMOS_ENDPOINT: endpoint, COSMOS_KEY: 'a2V5' }), host: '127.0.0.1' };
    const start = startApp(config);
    await expect(start).rejects.toMatchObject({ name: 'TertialError', code: 'store-unavailable' });
    await expect(start).rejects.toThrow(new RegExp(`^Cosmos DB på ${endpoint} svarar inte \\(COSMOS_ENDPOINT\\)`));
  });
});

/** creating a database (POST /dbs) or a container (POST /dbs/{db}/colls) */
const isCreate = (w: { method: string; path: string }) => w.method === 'POST' && /^\/dbs(\/[^/]+\/colls)?\/?$/.test(w.path);

describe('the app in production mode', () => {
  let cosmos: EmbeddedCosmos;
  let openId: OpenIdStub;
  let app: RunningApp;
  const database = 'tertial-prod';
  /** every write the store answered, from the moment the app starts */
  let writes: { method: string; path: string }[] | null = null;
  const created: { method: string; path: string }[] = [];

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos(0, {
      onWrite: (w) => {
        if (isCreate(w)) created.push(w);
        writes?.push(w);
      },
    });
    // the database and its containers exist before the app starts (as the Bicep declares them)
    await (await openStore({ endpoint: cosmos.endpoint, key: cosmos.key, database })).close();
    openId = await startOpenIdStub();
    const config = loadConfig({ PORT: '0', ...TEST_CREDENTIALS, COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key, COSMOS_DATABASE: database });
    writes = [];
    app = await startApp(config, { botAuth: { openIdMetadataUrl: openId.url, tokenIssuer: openId.issuer } });
  });
  afterAll(async () => {
    await app?.close();
    await openId?.close();
    await cosmos?.close();
  });

  it('starts without creating anything: no database, no container (they exist beforehand)', () => {
    // the provisioning before the start did create them: the recording sees creates
    expect(created.filter((w) => w.path === '/dbs')).toHaveLength(1);
    expect(created.length).toBeGreaterThan(1);
    // from the start on, no request creates a database or a container
    expect(writes!.filter(isCreate)).toEqual([]);
  });

  it('starts on every interface, on the given store, ready, with no demo data', async () => {
    expect(app.config.host).toBe('0.0.0.0');
    expect(app.embedded).toBeNull();
    const ready = await fetch(`${app.http.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', store: 'cosmos' });
    expect(await app.store.plans.get(2025)).toBeNull();
    expect(await app.store.rounds.list()).toEqual([]);
  });

  it('answers POST /api/messages without a valid token with 401', async () => {
    expect((await postInvoke(app.http.url)).status).toBe(401);
    expect((await postInvoke(app.http.url, { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
    const forged = openId.forge(botClaims(openId.issuer));
    expect((await postInvoke(app.http.url, { authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('runs the turn for a valid token', async () => {
    const token = openId.sign(botClaims(openId.issuer));
    const res = await postInvoke(app.http.url, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(200);
  });
});

describe('tokens while the OpenID metadata is unreachable', () => {
  let cosmos: EmbeddedCosmos;
  let app: RunningApp;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos(0);
    const config = { ...loadConfig({ PORT: '0', ...TEST_CREDENTIALS, COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key }), host: '127.0.0.1' };
    app = await startApp(config, { botAuth: { openIdMetadataUrl: `http://127.0.0.1:${await deadPort()}/openid`, tokenIssuer: 'https://local-issuer.tertial.test' } });
  });
  afterAll(async () => {
    await app?.close();
    await cosmos?.close();
  });

  it('refuses a forged token with 503 and Retry-After (never 500), and a missing or malformed one with 401', async () => {
    const stub = await startOpenIdStub();
    const forged = stub.forge(botClaims(stub.issuer));
    await stub.close();
    const forgedAnswer = await postInvoke(app.http.url, { authorization: `Bearer ${forged}` });
    // the key cannot be fetched, so the token cannot be checked: refused for now, the channel retries later
    expect(forgedAnswer.status).toBe(503);
    expect(Number(forgedAnswer.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await forgedAnswer.json()).toEqual({ error: 'token validation unavailable' });
    // no token, or one that is not a JWT: refused before any key is needed
    expect((await postInvoke(app.http.url)).status).toBe(401);
    expect((await postInvoke(app.http.url, { authorization: 'Bearer not-a-jwt' })).status).toBe(401);
  });
});

describe('tokens while the OpenID metadata does not answer', () => {
  let cosmos: EmbeddedCosmos;
  let blackhole: net.Server;
  const held: net.Socket[] = [];
  let app: RunningApp;

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos(0);
    // accepts connections and never answers: a blackholed metadata endpoint
    blackhole = net.createServer((socket) => held.push(socket));
    await new Promise<void>((r) => blackhole.listen(0, '127.0.0.1', r));
    const openIdMetadataUrl = `http://127.0.0.1:${(blackhole.address() as net.AddressInfo).port}/openid`;
    const config = { ...loadConfig({ PORT: '0', ...TEST_CREDENTIALS, COSMOS_ENDPOINT: cosmos.endpoint, COSMOS_KEY: cosmos.key }), host: '127.0.0.1' };
    app = await startApp(config, { botAuth: { openIdMetadataUrl, tokenIssuer: 'https://local-issuer.tertial.test', authTimeoutMs: 800 } });
  });
  afterAll(async () => {
    await app?.close();
    for (const s of held) s.destroy();
    await new Promise<void>((r) => blackhole.close(() => r()));
    await cosmos?.close();
  });

  it('refuses a token it cannot check in time with 503 and Retry-After', async () => {
    const stub = await startOpenIdStub();
    const token = stub.sign(botClaims(stub.issuer));
    await stub.close();
    const res = await postInvoke(app.http.url, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await res.json()).toEqual({ error: 'token validation unavailable' });
  });
});
