/**
 * The messages between the bot's thread and the worker that writes the .docx (docx-worker.ts), and the
 * worker's side of them. A request carries the report model, which is plain data (strings, numbers,
 * booleans, null, arrays and objects) and so crosses the thread boundary by structured clone; the answer
 * carries the file's bytes as a transferred ArrayBuffer (moved, not copied) and the worker's threadId.
 */
import { threadId, type MessagePort } from 'node:worker_threads';
import type { ReportModel } from './report-model';

export interface DocxRequest {
  id: number;
  model: ReportModel;
}

export type DocxReply = { id: number; ok: true; bytes: ArrayBuffer; threadId: number } | { id: number; ok: false; reason: string };

/** an ArrayBuffer holding exactly `bytes`: a Buffer may be a view into a larger (pooled) one */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.slice().buffer as ArrayBuffer;
}

/** answers each request on `port` with `render`'s bytes, or with the reason a render failed */
export function serveDocxRenders(port: MessagePort, render: (model: ReportModel) => Promise<Uint8Array>): void {
  port.on('message', async ({ id, model }: DocxRequest) => {
    let reply: DocxReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const bytes = ownBuffer(await render(model));
      reply = { id, ok: true, bytes, threadId };
      transfer = [bytes];
    } catch (e) {
      reply = { id, ok: false, reason: e instanceof Error ? (e.stack ?? e.message) : String(e) };
    }
    port.postMessage(reply, transfer);
  });
}
