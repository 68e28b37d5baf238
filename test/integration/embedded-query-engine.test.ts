/**
 * The embedded server's query engine compiles with the linear-code rewrite (services/store/
 * embedded-query-engine.ts): it applies to the installed engine, a changed engine is left as it is with
 * a warning, and every query answers the same with and without it: the same items in the same order,
 * page by page with the same continuation tokens, over a few thousand items through the real SDK.
 */
import type { Container, SqlQuerySpec } from '@azure/cosmos';
import path from 'node:path';
import type { Owner, ReportVersion } from '../../services/domain/model';
import { configureLogger } from '../../services/logging/logger';
import type { OutboxEntry } from '../../services/ports/outbox';
import { openStore, startEmbeddedCosmos, type EmbeddedCosmos, type Store } from '../../services/store';
import { createCosmosClient } from '../../services/store/cosmos-connection';
import {
  linearQueryCodeInstalled,
  linearStripUndefined,
  PROBE_QUERY,
  restoreEngineQueryCode,
  useLinearQueryCode,
  useLinearStripUndefined,
} from '../../services/store/embedded-query-engine';

type Compiled = { code: string; exec(docs: unknown[], options?: Record<string, unknown>): { result: unknown[]; continuation: unknown } };
const engineDir = path.dirname(require.resolve('@vercel/cosmosdb-server'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const compile = (require(require.resolve('@zeit/cosmosdb-query', { paths: [engineDir] })) as { default: (sql: string) => Compiled }).default;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const transformer = require(require.resolve('@zeit/cosmosdb-query/lib/transformer', { paths: [engineDir] })) as { default: (ast: unknown) => unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helpers = require(require.resolve('@zeit/cosmosdb-query/lib/helpers', { paths: [engineDir] })) as { stripUndefined: (v: unknown) => unknown };
/** the engine's own helper, taken before anything replaces it */
const ownStripUndefined = helpers.stripUndefined;

/** the engine's quadratic accumulation: a reducer that spreads its accumulator */
const SPREAD_ACCUMULATOR = /\[\s*\.\.\.\$\s*,/;

/** a deterministic pseudo-random sequence, so a failure can be reproduced */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** plain documents with the shapes ORDER BY and WHERE meet: missing fields, null, mixed types, nesting, arrays */
function documents(n: number): Record<string, unknown>[] {
  const r = random(7);
  return Array.from({ length: n }, (_, i) => {
    const doc: Record<string, unknown> = { id: `d${i}`, _rid: `rid${String(i).padStart(6, '0')}`, part: i % 3 === 0 ? 'B' : 'A', n: Math.floor(r() * 50), name: `Namn ${Math.floor(r() * 400)}` };
    const kind = Math.floor(r() * 6);
    if (kind === 1) doc.mixed = String(Math.floor(r() * 10));
    else if (kind === 2) doc.mixed = null;
    else if (kind === 3) doc.mixed = r() < 0.5;
    else if (kind > 3) doc.mixed = Math.floor(r() * 10);
    if (r() < 0.8) doc.tags = Array.from({ length: Math.floor(r() * 4) }, () => Math.floor(r() * 10));
    if (r() < 0.7) doc.current = { status: r() < 0.8 ? ['ok', 'late', 'risk'][Math.floor(r() * 3)] : undefined, at: `2041-0${1 + Math.floor(r() * 9)}-01` };
    if (r() < 0.5) doc.a = { b: Math.floor(r() * 3) };
    return doc;
  });
}

/** nested values with undefined in arrays and objects, null, numbers, strings, and a __proto__ key */
function nested(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 0 ? 8 : 5));
  if (pick === 0) return undefined;
  if (pick === 1) return null;
  if (pick === 2) return Math.floor(r() * 100);
  if (pick === 3) return `s${Math.floor(r() * 100)}`;
  if (pick === 4) return r() < 0.5;
  if (pick === 5 || pick === 6) return Array.from({ length: Math.floor(r() * 6) }, () => nested(r, depth - 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) o[`k${Math.floor(r() * 9)}`] = nested(r, depth - 1);
  if (r() < 0.1) Object.defineProperty(o, '__proto__', { value: { x: 1 }, enumerable: true, configurable: true, writable: true });
  return o;
}

describe('the embedded query engine’s stripUndefined', () => {
  it('is replaced by the linear one, which answers as the engine’s own', () => {
    const r = random(11);
    const values = Array.from({ length: 400 }, () => nested(r, 4));
    values.push(Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? undefined : { i, u: undefined, a: [i, undefined, null] })));
    // the engine's own helper recurses through its module object: its answers are taken before the replacement
    const own = values.map((v) => ownStripUndefined(v));
    expect(useLinearStripUndefined()).toEqual({ applied: true });
    expect(helpers.stripUndefined).toBe(linearStripUndefined);
    expect(useLinearStripUndefined()).toEqual({ applied: true });
    expect(values.map((v) => linearStripUndefined(v))).toStrictEqual(own);
  });

  it('a helper that is not the engine’s known one is left in place, with a warning', () => {
    const logs: string[] = [];
    configureLogger({ level: 'warn', destination: { write: (line: string) => logs.push(line) } });
    const other = (v: unknown) => v;
    helpers.stripUndefined = other;
    try {
      expect(useLinearStripUndefined()).toEqual({ applied: false, reason: 'its stripUndefined helper is not the one the patch replaces' });
      expect(helpers.stripUndefined).toBe(other);
      expect(logs.join('')).toContain('not the version the linear-code patch is written for');
    } finally {
      helpers.stripUndefined = ownStripUndefined;
      configureLogger({ level: 'silent' });
    }
  });
});

describe('the embedded query engine with linear code', () => {
  afterEach(() => {
    useLinearQueryCode();
  });

  it('applies to the installed engine: the app’s query shapes compile without a spread accumulator', () => {
    restoreEngineQueryCode();
    expect(linearQueryCodeInstalled()).toBe(false);
    expect(compile(PROBE_QUERY).code).toMatch(SPREAD_ACCUMULATOR);
    expect(useLinearQueryCode()).toEqual({ applied: true });
    expect(useLinearQueryCode()).toEqual({ applied: true });
    expect(linearQueryCodeInstalled()).toBe(true);
    for (const sql of [
      PROBE_QUERY,
      'SELECT * FROM c',
      'SELECT c.id, c.aadObjectId, c.name, c.units, c.activities FROM c',
      'SELECT c.activityRef, c.ownerId, c.current.status, c.current.at FROM c WHERE c.roundId = @__pk AND (true)',
      "SELECT * FROM c WHERE c.roundId = @__pk AND (c.type = 'entry' AND c.wave = @wave)",
      'SELECT c.id, (SELECT VALUE COUNT(1) FROM t IN c.tags) AS n FROM c JOIN (SELECT VALUE t FROM t IN c.tags WHERE t > 1) u',
    ]) {
      const { code } = compile(sql);
      expect(code).not.toMatch(SPREAD_ACCUMULATOR);
      expect(code).toContain('.push(');
    }
  });

  it('startEmbeddedCosmos applies it, and the linear stripUndefined', async () => {
    restoreEngineQueryCode();
    helpers.stripUndefined = ownStripUndefined;
    const server = await startEmbeddedCosmos(0);
    try {
      expect(linearQueryCodeInstalled()).toBe(true);
      expect(helpers.stripUndefined).toBe(linearStripUndefined);
    } finally {
      await server.close();
    }
  });

  it('an engine that compiles the probe differently is left as it is, with a warning, and answers as before', () => {
    restoreEngineQueryCode();
    const own = transformer.default;
    const logs: string[] = [];
    configureLogger({ level: 'warn', destination: { write: (line: string) => logs.push(line) } });
    // a "new version" of the engine: the same queries, compiled to different code (an extra pass over the rows)
    transformer.default = (ast: unknown) => {
      const fn = own(ast) as { body: { body: [{ argument: unknown }] } };
      const ret = fn.body.body[0];
      ret.argument = { type: 'CallExpression', callee: { type: 'ArrowFunctionExpression', params: [{ type: 'Identifier', name: 'r' }], body: { type: 'Identifier', name: 'r' } }, arguments: [ret.argument] };
      return fn;
    };
    try {
      const docs = documents(200);
      const result = useLinearQueryCode();
      expect(result.applied).toBe(false);
      expect(linearQueryCodeInstalled()).toBe(false);
      expect(logs.join('')).toContain('not the version the linear-code patch is written for');
      expect(logs.join('')).toContain('the probe query compiles to different code');
      const q = compile("SELECT c.id FROM c WHERE c.part = 'A'");
      expect(q.code).toMatch(SPREAD_ACCUMULATOR);
      expect(q.exec(docs).result).toStrictEqual(docs.filter((d) => d.part === 'A').map((d) => ({ id: d.id })));
    } finally {
      transformer.default = own;
      configureLogger({ level: 'silent' });
    }
  });

  it('compiles every shape to the same answers as the engine’s own code (engine level, incl. JOINs, subqueries, aggregates, errors)', () => {
    const docs = documents(3000);
    const queries: [string, Record<string, unknown>?][] = [
      ['SELECT * FROM c'],
      ['SELECT c.id, c.name, c.current.status FROM c WHERE c.part = @p AND (c.n > 10)', { parameters: [{ name: '@p', value: 'A' }] }],
      ['SELECT * FROM c ORDER BY c.mixed'],
      ['SELECT c.id, c.n FROM c ORDER BY c.n DESC, c.name'],
      ['SELECT TOP 25 c.id FROM c WHERE IS_DEFINED(c.current) ORDER BY c.name DESC'],
      ['SELECT VALUE c.current FROM c'],
      ['SELECT c.id, t FROM c JOIN t IN c.tags WHERE t >= 5'],
      ['SELECT c.id, u FROM c JOIN (SELECT VALUE t FROM t IN c.tags WHERE t > 1) u'],
      ['SELECT c.id FROM c JOIN c.a'],
      ['SELECT * FROM c.a x'],
      ['SELECT c.id, (SELECT VALUE COUNT(1) FROM t IN c.tags) AS n FROM c WHERE EXISTS(SELECT VALUE t FROM t IN c.tags WHERE t = 3)'],
      ['SELECT VALUE COUNT(1) FROM c WHERE c.part = "B"'],
      ['SELECT COUNT(1) AS n, SUM(c.n) AS s, MAX(c.name) AS m FROM c'],
      ['SELECT * FROM c', { maxItemCount: 700 }],
      ['SELECT c.id FROM c ORDER BY c.mixed DESC', { maxItemCount: 333 }],
      ['SELECT * FROM c.tags[0] x'],
    ];
    const run = (sql: string, options: Record<string, unknown> = {}) => {
      const pages: unknown[] = [];
      const q = compile(sql);
      let continuation: unknown = null;
      try {
        do {
          const page = q.exec(docs, { ...options, continuation });
          pages.push(page);
          continuation = page.continuation;
        } while (continuation);
      } catch (err) {
        pages.push({ error: `${(err as Error).name}: ${(err as Error).message}` });
      }
      return { pages, code: q.code };
    };
    for (const [sql, options] of queries) {
      restoreEngineQueryCode();
      const own = run(sql, options);
      useLinearQueryCode();
      const linear = run(sql, options);
      expect(own.code).toMatch(SPREAD_ACCUMULATOR);
      expect(linear.code).not.toMatch(SPREAD_ACCUMULATOR);
      expect({ sql, pages: linear.pages }).toStrictEqual({ sql, pages: own.pages });
    }
  });

  describe('through the SDK and the app’s stores, over a few thousand items', () => {
    const ROUND = '2041-T1';
    const OTHER = '2041-T0';
    const N = 2500;
    let server: EmbeddedCosmos;
    let stores: { own: Store; linear: Store };
    let containers: { own: (name: string) => Container; linear: (name: string) => Container };
    let disposers: (() => void)[] = [];
    const ownerId = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`;

    /** the same items, written one at a time in the same order, so both databases assign the same _rid order */
    async function fill(store: Store, outbox: Container): Promise<void> {
      const at = '2041-03-01T08:00:00.000Z';
      const owners: Owner[] = Array.from({ length: N }, (_, i) => ({
        aadObjectId: ownerId(i),
        name: `Ägare ${(i * 7919) % N}`,
        email: i % 3 === 0 ? null : `a${i}@kommun.se`,
        units: [`Enhet ${i % 40}`],
        activities: i % 5 === 0 ? [] : [{ year: 2041, ref: `1.${i % 9}` }],
      }));
      for (const o of owners) await store.owners.upsertMany([o]);
      const version = (i: number): ReportVersion => ({ status: i % 4 === 0 ? null : 'in-progress', comment: null, by: { id: ownerId(i), name: 'x' }, at, source: 'teams' });
      for (let i = 0; i < N; i++) await store.reports.append(i % 5 === 0 ? OTHER : ROUND, `1.${i % 9}`, ownerId(i % 400), version(i));
      for (let i = 0; i < N; i++) {
        const entry: OutboxEntry = {
          id: `w${i % 2 ? 14 : 7}:${ownerId(i)}`, roundId: i % 5 === 0 ? OTHER : ROUND, wave: i % 2 ? 'w14' : 'w7', ownerId: ownerId(i % 700),
          state: i % 3 === 0 ? 'sending' : 'sent', leaseOwner: null, leaseUntil: null, attempts: i % 3 === 0 ? [] : [{ at, status: 201, outcome: 'sent', reason: null }],
          takeovers: 0, possibleDuplicate: i % 11 === 0, claimedAt: at, updatedAt: at, sentAt: i % 3 === 0 ? null : at, activityId: i % 3 === 0 ? null : `a${i}`, reason: null,
        };
        await store.outbox.claimNew(entry);
      }
      await outbox.items.create({ id: 'wave:w14', roundId: ROUND, type: 'wave', wave: 'w14', state: 'done' });
    }

    beforeAll(async () => {
      server = await startEmbeddedCosmos(0);
      const open = async (database: string) => {
        const target = { endpoint: server.endpoint, key: server.key, database };
        const client = createCosmosClient(target);
        disposers.push(() => client.dispose());
        return { store: await openStore(target), container: (name: string) => client.database(database).container(name) };
      };
      const own = await open('engine-own');
      const linear = await open('engine-linear');
      stores = { own: own.store, linear: linear.store };
      containers = { own: own.container, linear: linear.container };
      await fill(stores.own, containers.own('outbox'));
      await fill(stores.linear, containers.linear('outbox'));
    }, 180_000);

    afterAll(async () => {
      await stores?.own.close();
      await stores?.linear.close();
      for (const d of disposers) d();
      disposers = [];
      await server?.close();
    });

    /** what the app reads; the outbox's ETags (version) differ between the databases and are left out */
    async function appReads(store: Store): Promise<Record<string, unknown>> {
      const pages: unknown[] = [];
      for await (const page of store.owners.pages!(500)) pages.push(page);
      const withoutVersion = <T extends { version: string }>(xs: T[]) => xs.map(({ version: _v, ...rest }) => rest);
      return {
        list: await store.owners.list(),
        assignments: await store.owners.listAssignments!(),
        pages,
        current: await store.reports.listCurrentByRound!(ROUND),
        byRound: await store.reports.listByRound(ROUND),
        byOwner: await store.reports.listByOwner(ROUND, ownerId(17)),
        deliveries: await store.outbox.listDeliveries!(ROUND),
        wave: withoutVersion(await store.outbox.listWave(ROUND, 'w14')),
        round: await store.outbox.listRound(ROUND),
        sentTo: await store.outbox.listSentTo!(ROUND, ownerId(3)),
        markers: await store.outbox.listWaveMarkers!(ROUND),
      };
    }

    it('the stores read the same with the engine’s own code and with the linear code', async () => {
      // each container compiles a query once and keeps it: the first database's with the engine's own code
      restoreEngineQueryCode();
      const own = await appReads(stores.own);
      expect(useLinearQueryCode()).toEqual({ applied: true });
      const linear = await appReads(stores.linear);
      expect((own.list as unknown[]).length).toBe(N);
      expect((own.current as unknown[]).length).toBe(N - N / 5);
      expect((own.byOwner as unknown[]).length).toBeGreaterThan(0);
      expect((own.sentTo as unknown[]).length).toBeGreaterThan(0);
      expect(linear).toStrictEqual(own);
    });

    it('SQL with ORDER BY, TOP, WHERE and projections answers the same pages and continuation tokens', async () => {
      const queries: (SqlQuerySpec & { container: string; partitionKey?: string })[] = [
        { container: 'owners', query: 'SELECT * FROM c' },
        { container: 'owners', query: 'SELECT c.id, c.name, c.email FROM c ORDER BY c.name' },
        { container: 'owners', query: 'SELECT * FROM c ORDER BY c.email DESC' },
        { container: 'owners', query: 'SELECT TOP 100 c.id FROM c WHERE ARRAY_LENGTH(c.activities) > 0 ORDER BY c.name DESC' },
        { container: 'reports', query: 'SELECT c.activityRef, c.ownerId, c.current.status, c.current.at FROM c WHERE c.roundId = @__pk AND (true)', parameters: [{ name: '@__pk', value: ROUND }], partitionKey: ROUND },
        { container: 'reports', query: 'SELECT * FROM c WHERE c.roundId = @__pk AND (c.ownerId = @o) ORDER BY c.activityRef', parameters: [{ name: '@__pk', value: ROUND }, { name: '@o', value: ownerId(17) }], partitionKey: ROUND },
        { container: 'outbox', query: "SELECT c.ownerId, c.state FROM c WHERE c.roundId = @__pk AND (c.type = 'entry') ORDER BY c.ownerId DESC", parameters: [{ name: '@__pk', value: ROUND }], partitionKey: ROUND },
        { container: 'outbox', query: 'SELECT VALUE COUNT(1) FROM c WHERE c.state = "sent"' },
      ];
      for (const pageSize of [-1, 1000, 333]) {
        for (const { container, partitionKey, ...spec } of queries) {
          const read = async (c: Container, query: string) => {
            const pages: { resources: unknown[]; continuationToken?: string }[] = [];
            const it = c.items.query({ ...spec, query }, { maxItemCount: pageSize, ...(partitionKey ? { partitionKey } : {}) });
            while (it.hasMoreResults()) {
              const { resources, continuationToken } = await it.fetchNext();
              pages.push({ resources, continuationToken });
            }
            return pages;
          };
          // the server keeps each compiled query by its text: a trailing space compiles it anew, to the same query
          restoreEngineQueryCode();
          const own = await read(containers.linear(container), `${spec.query} `);
          expect(useLinearQueryCode()).toEqual({ applied: true });
          const linear = await read(containers.linear(container), spec.query);
          expect({ query: spec.query, pageSize, rows: own.flatMap((p) => p.resources).length }).not.toMatchObject({ rows: 0 });
          expect({ query: spec.query, pageSize, pages: linear }).toStrictEqual({ query: spec.query, pageSize, pages: own });
        }
      }
    }, 120_000);
  });
});
