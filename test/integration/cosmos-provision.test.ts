/**
 * Creating or checking the database and containers at start: with a key, instances started together
 * all come up (409 means another created it); with managed identity ('check') nothing is created and
 * whatever is missing is named.
 */
import { CosmosClient } from '@azure/cosmos';
import https from 'node:https';
import { connectCosmos } from '../../services/store/cosmos-connection';
import { CONTAINERS } from '../../services/store/containers';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../services/store';
import { isTertialError, type TertialError } from '../../services/errors';

describe('Cosmos provisioning at start', () => {
  let server: EmbeddedCosmos;
  let admin: CosmosClient;
  beforeAll(async () => {
    server = await startEmbeddedCosmos(0);
    admin = new CosmosClient({
      endpoint: server.endpoint,
      key: server.key,
      agent: new https.Agent({ rejectUnauthorized: false }),
      connectionPolicy: { enableEndpointDiscovery: false },
    });
  });
  afterAll(async () => {
    admin.dispose();
    await server.close();
  });

  const containerIds = async (database: string) =>
    (await admin.database(database).containers.readAll().fetchAll()).resources.map((c) => c.id).sort();

  it('instances started at the same moment against a fresh store all come up, with every container', async () => {
    const target = { endpoint: server.endpoint, key: server.key, database: 'fresh-race' };
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => connectCosmos(target)));
    const failures = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
    for (const r of results) if (r.status === 'fulfilled') r.value.dispose();
    expect(await containerIds('fresh-race')).toEqual(Object.values(CONTAINERS).map((c) => c.id).sort());
  });

  async function checkFails(database: string): Promise<TertialError> {
    const error = await connectCosmos({ endpoint: server.endpoint, key: server.key, database, provision: 'check' }).then(
      () => null,
      (e: unknown) => e,
    );
    if (!isTertialError(error)) throw new Error(`expected a TertialError, got ${String(error)}`);
    return error;
  }

  it('checking only: names a missing database and creates nothing', async () => {
    const error = await checkFails('not-provisioned');
    expect(error.code).toBe('config');
    expect(error.message).toContain('databasen "not-provisioned" finns inte');
    expect(error.message).toContain('infra/main.bicep');
    const { resources } = await admin.databases.readAll().fetchAll();
    expect(resources.map((d) => d.id)).not.toContain('not-provisioned');
  });

  it('checking only: names each missing container and one with the wrong partition key', async () => {
    const { database } = await admin.databases.createIfNotExists({ id: 'half-provisioned' });
    await database.containers.create({ id: 'plans', partitionKey: { paths: ['/year'] } });
    await database.containers.create({ id: 'owners', partitionKey: { paths: ['/name'] } });
    const error = await checkFails('half-provisioned');
    expect(error.details).toContain('containern "owners" har partitionsnyckeln /name, ska vara /id');
    const missing = Object.values(CONTAINERS).filter((c) => c.id !== 'plans' && c.id !== 'owners');
    for (const c of missing) expect(error.details).toContain(`containern "${c.id}" (partitionsnyckel ${c.partitionKey}) saknas`);
    expect(error.details).toHaveLength(missing.length + 1);
    expect(await containerIds('half-provisioned')).toEqual(['owners', 'plans']);
  });

  it('checking only: opens a store that was provisioned beforehand', async () => {
    const { database } = await admin.databases.createIfNotExists({ id: 'provisioned' });
    for (const c of Object.values(CONTAINERS)) await database.containers.create({ id: c.id, partitionKey: { paths: [c.partitionKey] } });
    const connection = await connectCosmos({ endpoint: server.endpoint, key: server.key, database: 'provisioned', provision: 'check' });
    await connection.container('owners').items.create({ id: 'x' });
    connection.dispose();
  });
});
