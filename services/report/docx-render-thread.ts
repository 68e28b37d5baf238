/** The worker thread that writes the report's .docx for docx-worker.ts. */
import { parentPort } from 'node:worker_threads';
import { serveDocxRenders } from './docx-thread-protocol';
import { renderDocx } from './render-docx';

if (!parentPort) throw new Error('docx-render-thread runs as a worker thread (docx-worker.ts starts it)');
serveDocxRenders(parentPort, renderDocx);
