/**
 * Connects @azure/cosmos to an account: a key, or managed identity (DefaultAzureCredential) when
 * no key is given. TLS verification is skipped only for a loopback endpoint (the embedded server
 * and the emulator have self-signed certificates), never for a remote one, never process-wide.
 */
import { CosmosClient, type Container, type Database } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import https from 'node:https';
import { CONTAINERS, type ContainerName } from './containers';

export interface CosmosTarget {
  endpoint: string;
  key?: string;
  database: string;
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

export function createCosmosClient(target: Pick<CosmosTarget, 'endpoint' | 'key'>): CosmosClient {
  const loopback = isLoopbackEndpoint(target.endpoint);
  const agent = loopback ? new https.Agent({ rejectUnauthorized: false, keepAlive: true }) : undefined;
  const connectionPolicy = loopback ? { enableEndpointDiscovery: false } : undefined;
  return target.key
    ? new CosmosClient({ endpoint: target.endpoint, key: target.key, agent, connectionPolicy })
    : new CosmosClient({ endpoint: target.endpoint, aadCredentials: new DefaultAzureCredential(), agent, connectionPolicy });
}

/** Opens the database, creating it and every container if missing. */
export async function connectCosmos(target: CosmosTarget): Promise<CosmosConnection> {
  const client = createCosmosClient(target);
  const { database } = await client.databases.createIfNotExists({ id: target.database });
  for (const def of Object.values(CONTAINERS)) {
    await database.containers.createIfNotExists({ id: def.id, partitionKey: { paths: [def.partitionKey] } });
  }
  return {
    client,
    database,
    container: (name) => database.container(CONTAINERS[name].id),
    dispose: () => client.dispose(),
  };
}
