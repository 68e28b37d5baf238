/**
 * A local stand-in for Application Insights' ingestion endpoint (Breeze, POST …/v2.1/track): collects the
 * telemetry envelopes the Azure Monitor exporter sends (JSON array, gzip or not) and answers 200.
 *
 * The exporter always speaks HTTPS, so the stub serves a self-signed certificate for 127.0.0.1 made with
 * openssl for this run; a child process trusts it through NODE_EXTRA_CA_CERTS (caFile), nothing else does.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface Envelope {
  name: string;
  data?: { baseType?: string; baseData?: Record<string, unknown> };
}

export interface IngestionStub {
  /** a connection string pointing at the stub */
  connectionString: string;
  envelopes: Envelope[];
  /** the stub's certificate (PEM), for NODE_EXTRA_CA_CERTS in the process that sends */
  caFile: string;
  close(): Promise<void>;
}

function selfSignedCertificate(dir: string): { key: string; cert: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  return { key, cert };
}

export async function startIngestionStub(): Promise<IngestionStub> {
  const envelopes: Envelope[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tertial-ingestion-'));
  const files = selfSignedCertificate(dir);
  const server = https.createServer({ key: fs.readFileSync(files.key), cert: fs.readFileSync(files.cert) }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
      const text = body.toString('utf8').trim();
      let received = 0;
      if (req.method === 'POST' && text) {
        const parsed = (text.startsWith('[') ? JSON.parse(text) : text.split('\n').map((l) => JSON.parse(l))) as Envelope[];
        envelopes.push(...parsed);
        received = parsed.length;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: received, itemsAccepted: received, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    connectionString: `InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=${base};LiveEndpoint=${base}`,
    envelopes,
    caFile: files.cert,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }).finally(() => fs.rmSync(dir, { recursive: true, force: true })),
  };
}
