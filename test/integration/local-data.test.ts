/**
 * `npm start` with the embedded store keeps its data: a snapshot under the data folder, written shortly
 * after each change and at a graceful stop, loaded at the next start; demo data only into an empty
 * store; --reset starts over and moves the old data aside.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../bot/app';
import { runCli } from '../../cli/run-cli';
import { loadConfig } from '../../services/config/config';
import { configureLogger } from '../../services/logging/logger';
import { FakeClock } from '../../services/ports/clock';
import { SNAPSHOT_DELAY_MS } from '../../services/store/local-snapshot';

const ENV = { PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', LOG_LEVEL: 'info' };
const FRITID = '00000000-0000-0000-0000-000000000001';
const NEW_OWNER = '0000000a-1111-4222-8333-444444444444';

describe('npm start keeps the embedded store’s data across restarts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tertial-data-'));
  const file = join(dir, 'store.json');
  const logs: string[] = [];
  const clock = new FakeClock('2026-11-23T10:00:00Z');
  let app: RunningApp | null = null;
  const start = async (reset = false) => {
    app = await startApp(loadConfig(ENV), { playground: false, clock, localData: { dir, reset } });
    return app;
  };
  const cli = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runCli(argv, { env: { ...ENV, LOG_LEVEL: 'silent', EMBEDDED_COSMOS_PORT: String(app!.embedded!.port) }, stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
    return { code, out, err };
  };

  beforeAll(() => {
    configureLogger({ level: 'info', destination: { write: (line: string) => logs.push(line) } });
  });
  afterEach(async () => {
    await app?.close();
    app = null;
  });
  afterAll(() => configureLogger({ level: 'silent' }));

  it('first start: demo data into the empty store; the log says where the data lives', async () => {
    const a = await start();
    expect((await a.store.owners.get(FRITID))!.units).toEqual(['Fritid Kultur Turism']);
    expect(logs.join('')).toContain(`local data is kept in ${file}`);
  });

  it('an import is written to disk shortly after, without a stop; a removal survives a restart and the demo data does not come back over it', async () => {
    await start();
    const csv = join(dir, 'owners.csv');
    writeFileSync(csv, `aadObjectId;name;unit;remove\n${NEW_OWNER};Ny chef;Näringsliv;\n${FRITID};;;ja\n`);
    const imported = await cli('import', 'owners', csv);
    expect([imported.code, imported.err]).toEqual([0, '']);
    // written within a moment of the change (the app is still running)
    const deadline = Date.now() + SNAPSHOT_DELAY_MS * 5;
    while (!(existsSync(file) && readFileSync(file, 'utf8').includes(NEW_OWNER)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(readFileSync(file, 'utf8')).toContain(NEW_OWNER);

    // a decision made just before a graceful stop is in the snapshot too
    await app!.store.assessments.append('2025-T3', '3.1.1', { assessment: 'met', comment: 'Sparat vid stopp', by: { id: 'lg', name: 'LG' }, at: clock.now().toISOString(), source: 'teams' });
    await app!.close();
    app = null;
    expect(readFileSync(file, 'utf8')).toContain('Sparat vid stopp');

    const b = await start();
    expect(await b.store.owners.get(NEW_OWNER)).toMatchObject({ name: 'Ny chef', units: ['Näringsliv'] });
    expect(await b.store.owners.get(FRITID)).toMatchObject({ units: [], removed: { units: ['Fritid Kultur Turism'] } });
    expect((await b.store.assessments.get('2025-T3', '3.1.1'))!.current.comment).toBe('Sparat vid stopp');
    expect(logs.join('')).toContain('the store already holds data: demo data not loaded');
  });

  it('--reset starts over with the demo data and keeps the earlier file aside', async () => {
    const c = await start(true);
    expect(await c.store.owners.get(NEW_OWNER)).toBeNull();
    expect((await c.store.owners.get(FRITID))!.units).toEqual(['Fritid Kultur Turism']);
    const aside = readdirSync(dir).filter((f) => f.startsWith('store-reset-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toContain(NEW_OWNER);
  });

  it('leases of the process that wrote the snapshot are not loaded: the new process sends at once', async () => {
    const until = new Date(clock.now().getTime() + 3_600_000).toISOString();
    writeFileSync(
      file,
      JSON.stringify({
        format: 'tertial-local-snapshot/1',
        savedAt: clock.now().toISOString(),
        containers: {
          owners: [{ id: NEW_OWNER, aadObjectId: NEW_OWNER, name: 'Ny chef', email: null, units: ['Näringsliv'], activities: [] }],
          outbox: [{ id: 'sender-lease', roundId: '_dispatch', type: 'lease', holder: 'dead-process', leaseUntil: until }],
        },
      }),
    );
    const d = await start();
    expect(await d.store.owners.get(NEW_OWNER)).toMatchObject({ name: 'Ny chef' });
    expect(await d.store.outbox.senderLease(clock.now().toISOString())).toBeNull();
  });

  it('an unreadable data file stops the start with a Swedish reason and is left as it was', async () => {
    writeFileSync(file, '{"format":"tertial-local-snapshot/1","containers":{"owners":[{"name":"utan id"}]}}');
    const before = readFileSync(file, 'utf8');
    await expect(start()).rejects.toMatchObject({ message: expect.stringMatching(/kan inte läsas: container "owners": varje post ska vara ett objekt med ett id.*--reset/) });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
