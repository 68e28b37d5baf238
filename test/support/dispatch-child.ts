/**
 * A dispatcher in its own process, for the kill -9 and SIGTERM tests: connects to the given Cosmos and
 * mock connector, runs ticks until the wave is done (or it is killed). On SIGTERM it stops as the bot
 * does (dispatcher.stop(): drains), prints "stopped" and exits 0. Started with scripts/ts-register.js.
 * env: COSMOS_ENDPOINT, COSMOS_KEY, COSMOS_DATABASE, SERVICE_URL, CLOCK_OFFSET_MS, CONCURRENCY;
 * optional: LEASE_MS (default: the production lease), INSTANCE_ID (default 'child'), TICK_MS (the wait
 * between ticks while the wave is not done, as the scheduled tick would; default 0), FOLLOW=1 (follow
 * another instance's sender lease, as the app does).
 */
import { Dispatcher } from '../../services/dispatch/dispatcher';
import { plainReminderComposer } from './plain-reminder-composer';
import { configureLogger } from '../../services/logging/logger';
import { systemTimer } from '../../services/ports/scheduler';
import { openStore } from '../../services/store';
import { ConnectorMessenger } from './connector-messenger';
import { mockConversationId } from './mock-connector';
import { ShiftedClock } from './shifted-clock';

async function main() {
  const env = process.env;
  configureLogger({ level: (env.LOG_LEVEL as 'info' | undefined) ?? 'silent' });
  const store = await openStore({ endpoint: env.COSMOS_ENDPOINT!, key: env.COSMOS_KEY!, database: env.COSMOS_DATABASE! });
  const owners = await store.owners.list();
  const messenger = new ConnectorMessenger(env.SERVICE_URL!, new Map(owners.map((o) => [o.aadObjectId, mockConversationId(o.aadObjectId)])));
  const clock = new ShiftedClock(new Date(), Number(env.CLOCK_OFFSET_MS));
  const dispatcher = new Dispatcher(
    { ...store, messenger, composer: plainReminderComposer, clock, timer: systemTimer },
    {
      instanceId: env.INSTANCE_ID ?? 'child',
      leaseMs: env.LEASE_MS ? Number(env.LEASE_MS) : undefined,
      concurrency: Number(env.CONCURRENCY),
      followLease: env.FOLLOW === '1',
    },
  );
  process.once('SIGTERM', () => {
    void dispatcher.stop().then(async () => {
      await store.close();
      process.stdout.write('stopped\n');
      process.exit(0);
    });
  });
  process.stdout.write('ready\n');
  for (;;) {
    const results = await dispatcher.tick();
    if (results.length === 0 || results.every((r) => r.complete)) break;
    if (env.TICK_MS) await new Promise((resolve) => setTimeout(resolve, Number(env.TICK_MS)));
  }
  process.stdout.write('done\n');
  await store.close();
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exit(1);
});
