/**
 * The tab API with Entra SSO: the app runs with an app registration (SingleTenant) whose OpenID
 * metadata and JWKS come from a local stub (ENTRA_OPENID_CONFIG_URL); tokens are minted by the stub.
 * Admins and the ledningsgrupp get the rounds; an owner gets 403 (with the policy's Swedish reason) on
 * admin routes and their own activities on "Mina aktiviteter"; every bad token is a 401; metadata that
 * cannot be fetched is a 503 with Retry-After.
 */
import express from 'express';
import { startApp, type RunningApp } from '../../bot/app';
import { DEMO_USERS } from '../../demo/demo-users';
import { loadConfig } from '../../services/config/config';
import { configureLogger } from '../../services/logging/logger';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../services/store';
import { EntraTokenVerifier, TokenError } from '../../tab/api/entra-token';
import { EntraAuthenticator, requireUser } from '../../tab/api/tab-auth';
import { startOpenIdStub, STUB_CLIENT_ID, STUB_TENANT, type OpenIdStub } from '../support/entra-openid-stub';

configureLogger({ level: 'silent' });

const ADMIN = '0000aaaa-0000-0000-0000-000000000001';
const LG = '0000bbbb-0000-0000-0000-000000000002';
const OWNER = DEMO_USERS[0]!;
const DOMAIN = 'tertial.example.org';

describe('tab API with Entra SSO tokens', () => {
  let stub: OpenIdStub;
  let cosmos: EmbeddedCosmos;
  let app: RunningApp;

  const call = (path: string, token: string | null, init: RequestInit = {}) =>
    fetch(`${app.http.url}/api/tab${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers as Record<string, string>) } });

  beforeAll(async () => {
    stub = await startOpenIdStub();
    cosmos = await startEmbeddedCosmos(0);
    const config = {
      ...loadConfig({
        PORT: '0',
        COSMOS_ENDPOINT: cosmos.endpoint,
        COSMOS_KEY: cosmos.key,
        DEMO_DATA: 'true',
        MicrosoftAppId: STUB_CLIENT_ID,
        MicrosoftAppPassword: 'secret',
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: STUB_TENANT,
        REPORT_LINK_KEY: 'k'.repeat(32),
        PUBLIC_BASE_URL: `https://${DOMAIN}`,
        ENTRA_OPENID_CONFIG_URL: stub.metadataUrl,
        TERTIAL_ADMINS: ADMIN,
        TERTIAL_LEDNINGSGRUPP: LG,
      }),
      host: '127.0.0.1',
    };
    app = await startApp(config);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await cosmos?.close();
    await stub?.close();
  });

  it('answers the rounds as a JSON array to an admin and to the ledningsgrupp', async () => {
    for (const oid of [ADMIN, LG]) {
      const res = await call('/rounds', await stub.token({ oid }));
      expect(res.status).toBe(200);
      const rounds = (await res.json()) as { id: string }[];
      expect(Array.isArray(rounds)).toBe(true);
      expect(rounds.map((r) => r.id)).toContain('2025-T3');
    }
  });

  it('accepts the Application ID URI as audience', async () => {
    const res = await call('/rounds', await stub.token({ oid: ADMIN, audience: `api://${DOMAIN}/${STUB_CLIENT_ID}` }));
    expect(res.status).toBe(200);
  });

  it('refuses an owner the admin routes with 403 and a Swedish reason', async () => {
    const token = await stub.token({ oid: OWNER.aadObjectId, name: OWNER.name });
    const rounds = await call('/rounds', token);
    expect(rounds.status).toBe(403);
    expect(((await rounds.json()) as { error: string }).error).toMatch(/^Bara administratörer kan följa omgångarna/);
    expect((await call('/rounds/2025-T3/progress', token)).status).toBe(403);
    expect((await call('/plan/preview', token, { method: 'POST', body: 'x' })).status).toBe(403);
    const create = await call('/rounds', token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ year: 2031, tertial: 1, deadline: '2031-04-30' }) });
    expect(create.status).toBe(403);
    expect(await app.store.rounds.get('2031-T1')).toBeNull();
    expect((await call('/rounds/2025-T3/assessments', token)).status).toBe(403);
  });

  it('gives the owner their own activities in the open round', async () => {
    const res = await call('/my/items', await stub.token({ oid: OWNER.aadObjectId, name: OWNER.name }));
    expect(res.status).toBe(200);
    const rounds = (await res.json()) as { round: { id: string }; items: { ref: string }[] }[];
    expect(rounds.length).toBeGreaterThan(0);
    expect(rounds[0]!.items.length).toBeGreaterThan(0);
  });

  it('hands one activity or all to a colleague for the open round and takes them back: the owner for themselves, an admin for anyone', async () => {
    const HR = DEMO_USERS[1]!;
    const owner = await stub.token({ oid: OWNER.aadObjectId, name: OWNER.name });
    const admin = await stub.token({ oid: ADMIN });
    const post = (path: string, token: string, body: object) => call(path, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const view = async (token: string, ownerId?: string) => {
      const res = await call(`/substitutes${ownerId ? `?ownerId=${ownerId}` : ''}`, token);
      expect(res.status).toBe(200);
      return (await res.json()) as { round: { id: string }; owner: { name: string }; activities: { ref: string }[]; active: { substituteId: string; activityRef: string | null }[]; people: { id: string }[] };
    };
    const mine = await view(owner);
    expect(mine.owner.name).toBe(OWNER.name);
    expect(mine.activities.length).toBeGreaterThan(1);
    expect(mine.people.map((p) => p.id)).toContain(HR.aadObjectId);
    expect(mine.people.map((p) => p.id)).not.toContain(OWNER.aadObjectId);
    const roundId = mine.round.id;
    const ref = mine.activities[0]!.ref;

    // another owner's handovers are not the owner's to see or change
    expect((await call(`/substitutes?ownerId=${HR.aadObjectId}`, owner)).status).toBe(403);
    const refused = await post('/substitutes', owner, { roundId, ownerId: HR.aadObjectId, substituteId: OWNER.aadObjectId });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/[åäö]/);

    expect((await post('/substitutes', owner, { roundId, ownerId: OWNER.aadObjectId, substituteId: HR.aadObjectId, activityRef: ref })).status).toBe(201);
    expect((await view(owner)).active).toEqual([expect.objectContaining({ substituteId: HR.aadObjectId, activityRef: ref })]);
    // bad input changes nothing
    const bad = await post('/substitutes', owner, { roundId, ownerId: OWNER.aadObjectId, substituteId: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/ersättare/);
    const notOwned = await post('/substitutes', owner, { roundId, ownerId: OWNER.aadObjectId, substituteId: HR.aadObjectId, activityRef: '99.99' });
    expect(notOwned.status).toBe(400);
    expect((await view(owner)).active).toHaveLength(1);

    // the owner takes the one back
    expect((await post('/substitutes/take-back', owner, { roundId, ownerId: OWNER.aadObjectId, activityRef: ref })).status).toBe(200);
    expect((await view(owner)).active).toEqual([]);
    // an admin hands over all of the owner's activities; the owner takes it back
    expect((await post('/substitutes', admin, { roundId, ownerId: OWNER.aadObjectId, substituteId: HR.aadObjectId, activityRef: null })).status).toBe(201);
    expect((await view(admin, OWNER.aadObjectId)).active.map((s) => s.activityRef)).toEqual([null]);
    const back = await post('/substitutes/take-back', owner, { roundId, ownerId: OWNER.aadObjectId });
    expect(back.status).toBe(200);
    expect((await back.json()) as unknown[]).toHaveLength(1);
    expect((await view(owner)).active).toEqual([]);
    expect((await post('/substitutes/take-back', owner, { roundId, ownerId: OWNER.aadObjectId })).status).toBe(400);
  });

  it("lets an admin enter a measure's outcome (the measure's owner too), refuses others, and changes nothing on bad input", async () => {
    const year = Math.max(...(await app.store.plans.years()));
    const plan = (await app.store.plans.get(year))!;
    const goalRef = plan.goals.find((g) => !g.archived && g.kind === 'ks')!.ref;
    const measure = { year, ref: `${goalRef}.M9`, goalRef, name: 'Andel nöjda besökare', unit: '%', kind: 'number' as const, direction: 'higher' as const, baseline: null, target: { value: 80 }, ownerId: OWNER.aadObjectId, order: 0, archived: false };
    await app.store.plans.save({ ...plan, goals: plan.goals.filter((g) => !g.archived), activities: plan.activities.filter((a) => !a.archived), measures: [...(plan.measures ?? []).filter((m) => !m.archived), measure] });
    const admin = await stub.token({ oid: ADMIN });
    const lg = await stub.token({ oid: LG });
    const other = await stub.token({ oid: DEMO_USERS[1]!.aadObjectId, name: DEMO_USERS[1]!.name });
    const owner = await stub.token({ oid: OWNER.aadObjectId, name: OWNER.name });
    const set = (token: string, body: object) =>
      call(`/measures/${year}/${encodeURIComponent(measure.ref)}/outcome`, token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const listed = async () => {
      const res = await call(`/measures?year=${year}`, admin);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { year: number; measures: { ref: string; goalTitle: string; outcomes: { period: string; value: unknown }[] }[] };
      expect(body.year).toBe(year);
      return body.measures.find((m) => m.ref === measure.ref)!;
    };
    expect((await listed()).outcomes).toEqual([]);
    expect((await call(`/measures?year=${year}`, owner)).status).toBe(403);

    const saved = await set(admin, { period: `${year}-T3`, value: '82,5', comment: 'Enkät i november' });
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ period: `${year}-T3`, value: 82.5, comment: 'Enkät i november' });
    // refused: the ledningsgrupp and an owner who does not own the measure
    for (const token of [lg, other]) {
      const res = await set(token, { period: `${year}-T3`, value: 1 });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/[åäö]/);
    }
    // bad input: a text for a number, a period of another year
    const text = await set(admin, { period: `${year}-T3`, value: 'många' });
    expect(text.status).toBe(400);
    expect(((await text.json()) as { error: string }).error).toMatch(/Ogiltigt utfall/);
    expect((await set(admin, { period: `${year - 1}-T3`, value: 3 })).status).toBe(400);
    expect((await listed()).outcomes).toEqual([expect.objectContaining({ period: `${year}-T3`, value: 82.5 })]);
    // the measure's owner may enter it too
    expect((await set(owner, { period: `${year}-T3`, value: 84 })).status).toBe(200);
    expect((await listed()).outcomes).toEqual([expect.objectContaining({ value: 84 })]);
  });

  describe('answers 401 with a Swedish reason for', () => {
    const cases: [string, () => Promise<string | null>][] = [
      ['no token', async () => null],
      ['an expired token', () => stub.token({ oid: ADMIN, expiresIn: -600 })],
      ['a wrong audience', () => stub.token({ oid: ADMIN, audience: 'api://someone-else' })],
      ['a wrong issuer', () => stub.token({ oid: ADMIN, issuer: `https://login.microsoftonline.com/${STUB_TENANT}/v2.0` })],
      ['a bad signature', () => stub.token({ oid: ADMIN, foreignKey: true })],
      ['alg: none', async () => stub.unsignedToken({ oid: ADMIN })],
      ['a token without access_as_user', () => stub.token({ oid: ADMIN, scope: 'User.Read' })],
      ['a token of another tenant', () => stub.token({ oid: ADMIN, extra: { tid: '99999999-0000-0000-0000-000000000000' } })],
      ['a garbled token', async () => 'not.a.jwt'],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const res = await call('/rounds', await make());
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      const body = (await res.json()) as { error: string };
      expect(body.error).toMatch(/[åäö]|Ogiltig|Token/);
    });
  });

  it('previews a plan with its errors, then imports the fixed one (all or nothing)', async () => {
    const token = await stub.token({ oid: ADMIN });
    const header = 'year;organisation;body;kf_ref;kf_title;goal_ref;goal_title;activity_ref;activity_title;start;end;units';
    const bad = [header, '2031;Ånge kommun;Kommunstyrelsen;3.1;KF;3.1.1;KS;3.1.1.1;A;2031-01-01;2031-02-30;Staben'].join('\n');
    const preview = await call('/plan/preview', token, { method: 'POST', body: bad });
    expect(preview.status).toBe(200);
    const p = (await preview.json()) as { ok: boolean; errors: string[] };
    expect(p.ok).toBe(false);
    expect(p.errors.join('\n')).toMatch(/3\.1\.1\.1.*end/);
    const refused = await call('/plan/import', token, { method: 'POST', body: bad });
    expect(refused.status).toBe(400);
    expect(await app.store.plans.get(2031)).toBeNull();

    const good = bad.replace('2031-02-30', '2031-02-28');
    const ok = (await (await call('/plan/preview', token, { method: 'POST', body: good })).json()) as { ok: boolean; activities: { added: number } };
    expect(ok).toMatchObject({ ok: true, activities: { added: 1 } });
    expect(await app.store.plans.get(2031)).toBeNull();
    const imported = await call('/plan/import', token, { method: 'POST', body: good });
    expect(imported.status).toBe(200);
    expect((await app.store.plans.get(2031))!.activities.map((a) => a.ref)).toEqual(['3.1.1.1']);
  });

  it('creates a round and answers its calendar with weekends and Swedish holidays', async () => {
    const token = await stub.token({ oid: ADMIN });
    const res = await call('/rounds', token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ year: 2031, tertial: 3, deadline: '2031-12-29', waves: [7, 4] }),
    });
    expect(res.status).toBe(201);
    const cal = (await (await call('/rounds/2031-T3/calendar', token)).json()) as {
      waves: { offset: number; plannedDate: string; date: string }[];
      months: { month: string; days: { date: string; weekend: boolean; holiday: string | null; waves: number[]; deadline: boolean }[] }[];
    };
    const days = cal.months.flatMap((m) => m.days);
    const day = (d: string) => days.find((x) => x.date === d)!;
    expect(day('2031-12-25').holiday).toBe('juldagen');
    expect(day('2031-12-27').weekend).toBe(true);
    expect(day('2031-12-29').deadline).toBe(true);
    // 4 days before is julafton (not a working day): the wave moves to the 23rd
    expect(cal.waves.find((w) => w.offset === 4)).toMatchObject({ plannedDate: '2031-12-25', date: '2031-12-23' });
    expect(day('2031-12-23').waves).toContain(4);
    const bad = await call('/rounds', token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ year: 2031, tertial: 2, deadline: '31/8' }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/deadline: datum som ÅÅÅÅ-MM-DD/);
  });

  it('changes, closes and cancels rounds for an admin; refuses what the state does not allow', async () => {
    const token = await stub.token({ oid: ADMIN });
    const json = (method: string, body: unknown) => ({ method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await call('/rounds', token, json('POST', { year: 2032, tertial: 1, deadline: '2032-04-30' }))).status).toBe(201);
    expect((await call('/rounds', token, json('POST', { year: 2032, tertial: 2, deadline: '2032-08-31' }))).status).toBe(201);
    const changed = await call('/rounds/2032-T1', token, json('PATCH', { deadline: '2032-04-29', waves: [10, 3] }));
    expect(changed.status).toBe(200);
    expect(await app.store.rounds.get('2032-T1')).toMatchObject({ deadline: '2032-04-29', waves: [10, 3] });
    const badChange = await call('/rounds/2032-T1', token, json('PATCH', { waves: [] }));
    expect(badChange.status).toBe(400);
    expect(((await badChange.json()) as { error: string }).error).toMatch(/minst en påminnelse/);
    expect((await call('/rounds/2032-T1/close', token, { method: 'POST' })).status).toBe(200);
    expect((await app.store.rounds.get('2032-T1'))!.state).toBe('closed');
    expect((await call('/rounds/2032-T1', token, json('PATCH', { deadline: '2032-04-28' }))).status).toBe(409);
    expect((await call('/rounds/2032-T2/cancel', token, { method: 'POST' })).status).toBe(200);
    expect((await app.store.rounds.get('2032-T2'))!.state).toBe('cancelled');
    expect((await call('/rounds/2032-T9/close', token, { method: 'POST' })).status).toBe(400);
    expect((await call('/rounds/2033-T1/close', token, { method: 'POST' })).status).toBe(404);
  });

  it('refuses the ledningsgrupp what only admins do, and an owner the ledningsgrupp board', async () => {
    const lg = await stub.token({ oid: LG });
    for (const [method, path] of [['POST', '/plan/import'], ['POST', '/rounds/2025-T3/publish'], ['GET', '/owners'], ['GET', '/rounds/2025-T3/progress']] as const) {
      const res = await call(path, lg, { method, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect([path, res.status]).toEqual([path, 403]);
      expect(((await res.json()) as { error: string }).error).toMatch(/^Bara administratörer/);
    }
    expect((await call('/rounds/2025-T3/report?format=md', lg)).status).toBe(200);
    // the .docx comes from the app's worker thread (services/report/docx-worker.ts)
    const docx = await call('/rounds/2025-T3/report?format=docx', lg);
    expect([docx.status, docx.headers.get('content-disposition')]).toEqual([200, 'attachment; filename="malavstamning-t3-2025.docx"']);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    const owner = await stub.token({ oid: OWNER.aadObjectId });
    const res = await call('/rounds/2025-T3/assessments/3.6.1', owner, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ assessment: 'met', comment: 'x' }) });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: string }).error).toMatch(/^Bara ledningsgruppen/);
  });

  it('lets the ledningsgrupp change an assessment with a comment', async () => {
    const token = await stub.token({ oid: LG, name: 'Avdelningschef' });
    const res = await call('/rounds/2025-T3/assessments/3.6.1', token, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ assessment: 'not-met', comment: 'Piloten kom aldrig i gång.' }),
    });
    expect(res.status).toBe(200);
    expect((await app.store.assessments.get('2025-T3', '3.6.1'))!.current).toMatchObject({ assessment: 'not-met', comment: 'Piloten kom aldrig i gång.', by: { id: LG } });
  });

  it('refuses an unknown or missing assessment with 400 and a Swedish message naming the choices, storing nothing', async () => {
    const token = await stub.token({ oid: LG, name: 'Avdelningschef' });
    const decide = (body: unknown) =>
      call('/rounds/2025-T3/assessments/3.6.1', token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const before = await app.store.assessments.get('2025-T3', '3.6.1');
    const unknown = await decide({ assessment: 'mett', comment: 'Ett stavfel i koden.' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      error: 'Ogiltigt beslut: assessment: bedömning ska vara en av met, partly-met, barely-met, not-met, missing',
      code: 'invalid-input',
      details: ['assessment: bedömning ska vara en av met, partly-met, barely-met, not-met, missing'],
    });
    // the route heads a bad decision as the service does; an empty, absent or non-text code asks for one in Swedish
    for (const body of [{ assessment: '', comment: 'x' }, { comment: 'x' }, { assessment: 3 }]) {
      const res = await decide(body);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'Ogiltigt beslut: assessment: välj en bedömning', code: 'invalid-input', details: ['assessment: välj en bedömning'] });
    }
    // a comment over the limit is refused in Swedish, naming the field and the limit
    const long = await decide({ assessment: 'met', comment: 'x'.repeat(4001) });
    expect(long.status).toBe(400);
    expect(await long.json()).toEqual({ error: 'Ogiltigt beslut: comment: högst 4 000 tecken', code: 'invalid-input', details: ['comment: högst 4 000 tecken'] });
    expect(await app.store.assessments.get('2025-T3', '3.6.1')).toEqual(before);
  });

  it("refuses a round's numbers out of range in Swedish, naming each field, and anything else without English (zod speaks Swedish), storing nothing", async () => {
    const token = await stub.token({ oid: ADMIN });
    const post = (body: unknown) => call('/rounds', token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const res = await post({ year: 1999, tertial: 1, deadline: '1999-04-30', graceDays: 2.5, waves: [7, 365] });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { details: string[] }).details).toEqual([
      'year: ett år mellan 2000 och 2100',
      'waves.1: heltal dagar före sista svarsdag, från -60 till 120',
      'graceDays: ett heltal dagar från 0 till 60',
    ]);
    // a field of the wrong shape without a message of ours: zod's own, in Swedish
    const odd = await post({ year: 2033, tertial: 1, deadline: '2033-04-30', sendTime: 900 });
    expect(odd.status).toBe(400);
    const { error } = (await odd.json()) as { error: string };
    expect(error).toMatch(/^Ogiltig omgång: sendTime: Ogiltig inmatning/);
    expect(error).not.toMatch(/Invalid input|expected|received/);
    expect(await app.store.rounds.get('1999-T1')).toBeNull();
    expect(await app.store.rounds.get('2033-T1')).toBeNull();
  });

  it('refuses an unknown or missing status on "Mina aktiviteter" with 400 and the Swedish message naming the choices, storing nothing', async () => {
    const token = await stub.token({ oid: OWNER.aadObjectId, name: OWNER.name });
    const mine = (await (await call('/my/items', token)).json()) as { round: { id: string }; items: { ref: string }[] }[];
    const roundId = mine[0]!.round.id;
    const activityRef = mine[0]!.items[0]!.ref;
    const report = (body: object) => call('/my/report', token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ roundId, activityRef, ...body }) });
    const before = await app.store.reports.get(roundId, activityRef, OWNER.aadObjectId);
    const unknown = await report({ status: 'klar', comment: 'Ett stavfel i koden.' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({
      error: 'Den statusen finns inte. Välj en av: Ej påbörjad, Pågående enligt plan, Pågående med avvikelse, Avslutad enligt plan, Avslutad med avvikelse, Vänteläge.',
      code: 'invalid-input',
      details: [],
    });
    const missing = await report({ status: '', comment: 'x' });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'Välj en status.', code: 'invalid-input', details: [] });
    expect(await app.store.reports.get(roundId, activityRef, OWNER.aadObjectId)).toEqual(before);
  });

  it("keeps the ledningsgrupp's Sammanfattning with every version, refuses an owner, and puts the latest text in the report", async () => {
    const lg = await stub.token({ oid: LG, name: 'Avdelningschef' });
    const put = (token: string, body: unknown) =>
      call('/rounds/2025-T3/summary', token, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    const empty = await call('/rounds/2025-T3/summary', lg);
    expect(empty.status).toBe(200);
    expect(((await empty.json()) as { summary: unknown }).summary).toBeNull();

    expect((await put(lg, { text: 'Första utkastet.', expectedVersions: 0 })).status).toBe(200);
    const second = await put(lg, { text: 'Kommunstyrelsen når de flesta mål.\r\n\r\nFokus framåt: tryggheten.  ', expectedVersions: 1 });
    expect(second.status).toBe(200);
    const stored = ((await second.json()) as { summary: { current: { text: string; by: { id: string } }; history: { text: string }[] } }).summary;
    expect(stored.current).toMatchObject({ text: 'Kommunstyrelsen når de flesta mål.\n\nFokus framåt: tryggheten.', by: { id: LG } });
    expect(stored.history.map((v) => v.text)).toEqual(['Första utkastet.', 'Kommunstyrelsen når de flesta mål.\n\nFokus framåt: tryggheten.']);

    // a writer who saw only the first version does not overwrite the second
    const stale = await put(lg, { text: 'Gammal vy.', expectedVersions: 1 });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { error: string }).error).toMatch(/ändrats av någon annan/);
    const tooLong = await put(lg, { text: 'x'.repeat(8001) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: string }).error).toMatch(/8001 tecken.*högst 8000 tecken/);

    const owner = await stub.token({ oid: OWNER.aadObjectId, name: OWNER.name });
    const denied = await put(owner, { text: 'Ägarens text.' });
    expect(denied.status).toBe(403);
    expect(((await denied.json()) as { error: string }).error).toMatch(/^Bara ledningsgruppen.*skriva omgångens sammanfattning/);
    expect((await call('/rounds/2025-T3/summary', owner)).status).toBe(403);
    expect((await app.store.summaries.get('2025-T3'))!.history).toHaveLength(2);

    const md = await call('/rounds/2025-T3/report?format=md', lg);
    expect(md.status).toBe(200);
    const text = await md.text();
    const chapter5 = text.slice(text.indexOf('5 Sammanfattning'));
    expect(chapter5).toContain('Kommunstyrelsen når de flesta mål.\n\nFokus framåt: tryggheten.');
    expect(chapter5).not.toContain('Av kommunstyrelsens');
  });
});

describe('Entra metadata that cannot be fetched', () => {
  it('is a 503 with Retry-After, never a 401 or 500', async () => {
    const stub = await startOpenIdStub();
    try {
      const token = await stub.token({ oid: ADMIN });
      stub.down();
      const verifier = new EntraTokenVerifier({ clientId: STUB_CLIENT_ID, tenantId: STUB_TENANT, openIdConfigUrl: stub.metadataUrl });
      await expect(verifier.verify(`Bearer ${token}`)).rejects.toMatchObject({ status: 503 });

      const app = express();
      app.get('/x', requireUser(new EntraAuthenticator({ clientId: STUB_CLIENT_ID, tenantId: STUB_TENANT, openIdConfigUrl: stub.metadataUrl })), (_req, res) => {
        res.json({ ok: true });
      });
      const server = app.listen(0, '127.0.0.1');
      await new Promise((r) => server.once('listening', r));
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/x`;
      try {
        const down = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        expect(down.status).toBe(503);
        expect(down.headers.get('retry-after')).toBe('30');
        stub.up(); // a failed fetch is not remembered: the next request tries again
        const up = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
        expect(up.status).toBe(200);
      } finally {
        server.closeAllConnections();
        await new Promise((r) => server.close(r));
      }
    } finally {
      await stub.close();
    }
  });

  it('refuses plain http metadata off loopback', () => {
    expect(() => new EntraTokenVerifier({ clientId: STUB_CLIENT_ID, tenantId: STUB_TENANT, openIdConfigUrl: 'http://login.example.org/.well-known/openid-configuration' })).toThrow(/https/);
    expect(() => loadConfig({ ENTRA_OPENID_CONFIG_URL: 'http://login.example.org/x' })).toThrow(/ENTRA_OPENID_CONFIG_URL/);
    expect(TokenError).toBeDefined();
  });
});
