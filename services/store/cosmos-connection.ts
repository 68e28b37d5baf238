/**
 * Connects @azure/cosmos to an account: a key, or managed identity (DefaultAzureCredential) when
 * no key is given. TLS verification is skipped only for a loopback endpoint (the embedded server
 * and the emulator have self-signed certificates), never for a remote one, never process-wide.
 */
import { CosmosClient, type ConnectionPolicy, type Container, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import https from 'node:https';
import { TertialError } from '../errors';
import { CONTAINERS, type ContainerName } from './containers';

export interface CosmosTarget {
  endpoint: string;
  key?: string;
  database: string;
  /**
   * 'create': create the database and containers that are missing (needs a key: control-plane rights);
   * 'check': only check that they exist (managed identity). Default: 'create' with a key, else 'check'.
   */
  provision?: 'create' | 'check';
  /** per-request timeout; default STORE_REQUEST_TIMEOUT_MS (LOCAL_STORE_REQUEST_TIMEOUT_MS on loopback) */
  requestTimeoutMs?: number;
}

export interface CosmosConnection {
  client: CosmosClient;
  database: Database;
  container(name: ContainerName): Container;
  dispose(): void;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopbackEndpoint(endpoint: string): boolean {
  try {
    return LOOPBACK_HOSTS.has(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** how long one request to the Cosmos DB account may take before it fails (a network that drops packets) */
export const STORE_REQUEST_TIMEOUT_MS = 3000;
/** the same for a loopback store (the embedded server shares this process's event loop, so its answers wait for the process's own work) */
export const LOCAL_STORE_REQUEST_TIMEOUT_MS = 10_000;
/** throttled (429) requests are retried as the store asks, but for no longer than this in all */
export const STORE_THROTTLE_WAIT_S = 5;

/**
 * Every store call ends within a bound: a request that gets no answer fails after `requestTimeoutMs`,
 * and is not retried. Endpoint discovery is off: the account is single-region (infra/main.bicep), and
 * with discovery on the SDK retries a timed-out read up to 120 times ("timeout failover"), which turns
 * an unreachable store into minutes of waiting. Requests go to the account's endpoint.
 */
export function storeConnectionPolicy(requestTimeoutMs: number): ConnectionPolicy {
  return {
    requestTimeout: requestTimeoutMs,
    enableEndpointDiscovery: false,
    retryOptions: { maxRetryAttemptCount: 9, maxWaitTimeInSeconds: STORE_THROTTLE_WAIT_S },
  };
}

export function createCosmosClient(target: Pick<CosmosTarget, 'endpoint' | 'key' | 'requestTimeoutMs'>): CosmosClient {
  const loopback = isLoopbackEndpoint(target.endpoint);
  const agent = loopback ? new https.Agent({ rejectUnauthorized: false, keepAlive: true }) : undefined;
  const connectionPolicy = storeConnectionPolicy(target.requestTimeoutMs ?? (loopback ? LOCAL_STORE_REQUEST_TIMEOUT_MS : STORE_REQUEST_TIMEOUT_MS));
  return target.key
    ? new CosmosClient({ endpoint: target.endpoint, key: target.key, agent, connectionPolicy })
    : new CosmosClient({ endpoint: target.endpoint, aadCredentials: new DefaultAzureCredential(), agent, connectionPolicy });
}

/**
 * Opens the database. With a key the app may create what is missing (the database and any container
 * of CONTAINERS), tolerating another instance creating it at the same moment (409 means it exists).
 * With managed identity the app has data-plane rights only, which cannot create databases or
 * containers: infra/main.bicep declares them, and the app only checks that each exists with its
 * partition key, naming whatever is missing or different.
 */
export async function connectCosmos(target: CosmosTarget): Promise<CosmosConnection> {
  const client = createCosmosClient(target);
  const provision = target.provision ?? (target.key ? 'create' : 'check');
  try {
    const database = provision === 'create' ? await createMissing(client, target.database) : await checkExisting(client, target.database);
    return {
      client,
      database,
      container: (name) => database.container(CONTAINERS[name].id),
      dispose: () => client.dispose(),
    };
  } catch (e) {
    client.dispose();
    throw e;
  }
}

const statusOf = (e: unknown): number | undefined =>
  typeof e === 'object' && e !== null && 'code' in e && typeof (e as { code: unknown }).code === 'number' ? (e as { code: number }).code : undefined;

/** runs a create; a 409 (another instance created it meanwhile) counts as success */
async function tolerateConflict(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (e) {
    if (statusOf(e) !== 409) throw e;
  }
}

async function createMissing(client: CosmosClient, databaseId: string): Promise<Database> {
  await tolerateConflict(() => client.databases.createIfNotExists({ id: databaseId }));
  const database = client.database(databaseId);
  for (const def of Object.values(CONTAINERS)) {
    await tolerateConflict(() => database.containers.createIfNotExists({ id: def.id, partitionKey: { paths: [def.partitionKey] } }));
  }
  await checkExisting(client, databaseId);
  return database;
}

/** reads the database and every container; throws a 'config' TertialError naming each one missing or different */
async function checkExisting(client: CosmosClient, databaseId: string): Promise<Database> {
  const database = client.database(databaseId);
  const bicep = 'De skapas av infra/main.bicep (az deployment group create); med hanterad identitet skapar appen inga databaser eller containrar.';
  try {
    await database.read();
  } catch (e) {
    if (statusOf(e) !== 404) throw e;
    const detail = `databasen "${databaseId}" finns inte i Cosmos DB-kontot`;
    throw new TertialError('config', `Cosmos DB är inte förberett: ${detail}. ${bicep}`, [detail]);
  }
  const problems: string[] = [];
  for (const def of Object.values(CONTAINERS)) {
    try {
      const { resource } = await database.container(def.id).read();
      const paths = resource?.partitionKey?.paths ?? [];
      if (paths.length !== 1 || paths[0] !== def.partitionKey) {
        problems.push(`containern "${def.id}" har partitionsnyckeln ${paths.join(', ') || '(ingen)'}, ska vara ${def.partitionKey}`);
      }
    } catch (e) {
      if (statusOf(e) !== 404) throw e;
      problems.push(`containern "${def.id}" (partitionsnyckel ${def.partitionKey}) saknas`);
    }
  }
  if (problems.length > 0) {
    throw new TertialError('config', `Cosmos DB-databasen "${databaseId}" är inte förberedd: ${problems.join('; ')}. ${bicep}`, problems);
  }
  return database;
}
