/**
 * The report's .docx written in a worker thread (node:worker_threads), for the bot: a report at the
 * page-number limit takes seconds of CPU (docx-page-numbers.ts lays out its pages), and on the bot's
 * own thread those seconds would hold every card submit, Teams message and the dispatcher's pacing.
 *
 * Renders run one at a time (a queue), on one worker started for the first render and kept while renders
 * follow; after `idleMs` without one it ends, so a rarely used report holds no thread. A worker that dies
 * rejects its render with a catalogued Swedish error and the next render starts a new one; a render that
 * runs past `timeoutMs` ends its worker and is refused the same way.
 *
 * The worker's script is docx-render-thread beside this file: compiled .js under dist/ (production), or
 * the .ts source under jest and `node -r scripts/ts-register.js`, which the worker then loads through that
 * same register hook, as the tests' and benchmarks' child processes do.
 */
import { extname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import PQueue from 'p-queue';
import { catalogued } from '../errors';
import { moduleLogger, type Logger } from '../logging/logger';
import type { DocxRenderer } from '../ports/docx-renderer';
import type { DocxReply, DocxRequest } from './docx-thread-protocol';
import type { ReportModel } from './report-model';

export const DOCX_THREAD_ENTRY = join(__dirname, `docx-render-thread${extname(__filename)}`);
const TS_REGISTER = resolve(__dirname, '../../scripts/ts-register.js');

export const DOCX_TIMEOUT_MS = 60_000;
export const DOCX_IDLE_MS = 60_000;

export interface DocxWorkerOptions {
  /** a render still running after this long is ended and refused (default 60 s) */
  timeoutMs?: number;
  /** the worker ends after this long without a render (default 60 s) */
  idleMs?: number;
  /** the worker's script (default docx-render-thread beside this file); it answers by docx-thread-protocol.ts */
  entry?: string;
  logger?: Logger;
  /** after each render that succeeded: the thread it ran on and how long it took, including the wait for a new worker */
  onRendered?: (info: { threadId: number; ms: number; bytes: number }) => void;
}

interface Job {
  worker: Worker;
  id: number;
  resolve: (bytes: Uint8Array) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
  started: number;
}

export class DocxWorker {
  private readonly queue = new PQueue({ concurrency: 1 });
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private readonly entry: string;
  private readonly logger: Logger;
  private worker: Worker | null = null;
  private job: Job | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private nextId = 0;
  private closed = false;

  constructor(private readonly options: DocxWorkerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DOCX_TIMEOUT_MS;
    this.idleMs = options.idleMs ?? DOCX_IDLE_MS;
    this.entry = options.entry ?? DOCX_THREAD_ENTRY;
    this.logger = options.logger ?? moduleLogger('docx-worker');
  }

  /** the port's shape, for the composition roots */
  readonly render: DocxRenderer = (model) => {
    if (this.closed) return Promise.reject(catalogued('report.docx-failed', {}));
    return this.queue.add(() => this.run(model));
  };

  /** ends the worker; a render in flight is refused, and so is every queued or later one */
  async close(): Promise<void> {
    this.closed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = null;
    if (this.job) this.refuse(this.job, catalogued('report.docx-failed', {}));
    if (worker) await worker.terminate();
  }

  private run(model: ReportModel): Promise<Uint8Array> {
    if (this.closed) return Promise.reject(catalogued('report.docx-failed', {}));
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    let worker: Worker;
    try {
      worker = this.worker ?? this.start();
    } catch (err) {
      this.logger.error({ err, entry: this.entry }, 'the .docx worker could not be started');
      return Promise.reject(catalogued('report.docx-failed', {}));
    }
    const id = ++this.nextId;
    return new Promise<Uint8Array>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.job !== job) return;
        this.logger.error({ timeoutMs: this.timeoutMs, threadId: worker.threadId }, 'the .docx render ran too long: its worker is ended');
        this.end(worker);
        this.refuse(job, catalogued('report.docx-timeout', { seconds: Math.round(this.timeoutMs / 1000) }));
      }, this.timeoutMs);
      const job: Job = { worker, id, resolve, reject, timer, started: performance.now() };
      this.job = job;
      // the worker holds the process open only while it renders (settle lets go)
      worker.ref();
      try {
        worker.postMessage({ id, model } satisfies DocxRequest);
      } catch (err) {
        // a model that is not plain data (structured clone refuses it) never reaches the worker
        this.logger.error({ err }, 'the report model could not be sent to the .docx worker');
        this.refuse(job, catalogued('report.docx-failed', {}));
      }
    }).finally(() => this.idleLater());
  }

  private start(): Worker {
    const execArgv = this.entry.endsWith('.ts') ? ['-r', TS_REGISTER] : undefined;
    const worker = new Worker(this.entry, { execArgv });
    worker.unref();
    worker.on('message', (reply: DocxReply) => this.answer(worker, reply));
    // a worker that throws emits 'error' and then 'exit': the first refuses the render, both end the worker
    worker.on('error', (err) => this.died(worker, { err }));
    worker.on('exit', (code) => this.died(worker, { code }));
    this.worker = worker;
    return worker;
  }

  private answer(worker: Worker, reply: DocxReply): void {
    const job = this.job;
    if (!job || job.worker !== worker || job.id !== reply.id) return;
    if (!reply.ok) {
      this.logger.error({ reason: reply.reason }, 'the .docx render failed in its worker');
      this.refuse(job, catalogued('report.docx-failed', {}));
      return;
    }
    this.settle(job);
    const bytes = new Uint8Array(reply.bytes);
    this.options.onRendered?.({ threadId: reply.threadId, ms: performance.now() - job.started, bytes: bytes.byteLength });
    job.resolve(bytes);
  }

  /** the worker stopped on its own (threw, exited, ran out of memory) */
  private died(worker: Worker, how: { err?: Error; code?: number }): void {
    if (this.worker === worker) this.worker = null;
    const job = this.job;
    if (!job || job.worker !== worker) {
      if (how.err) this.logger.warn({ err: how.err }, 'the .docx worker failed between renders');
      return;
    }
    this.logger.error({ ...how, threadId: worker.threadId }, 'the .docx worker stopped during a render');
    this.refuse(job, catalogued('report.docx-failed', {}));
  }

  private refuse(job: Job, e: Error): void {
    this.settle(job);
    job.reject(e);
  }

  private settle(job: Job): void {
    clearTimeout(job.timer);
    job.worker.unref();
    if (this.job === job) this.job = null;
  }

  /** stops `worker` for good (a hung render, idleness); its 'exit' then finds no render to refuse */
  private end(worker: Worker): void {
    if (this.worker === worker) this.worker = null;
    void worker.terminate();
  }

  private idleLater(): void {
    if (this.closed || !this.worker || this.queue.size > 0 || this.idleTimer) return;
    const worker = this.worker;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (this.worker === worker && !this.job) this.end(worker);
    }, this.idleMs);
    this.idleTimer.unref();
  }
}
