/**
 * A .docx worker for docx-worker's tests: it answers like docx-render-thread.ts, except for a model whose
 * organisation names a fault: 'kraschar' throws outside the render (the worker dies with an uncaught
 * error), 'avslutas' exits the thread, 'hänger' never returns, 'fel' fails the render and lives on.
 */
import { parentPort } from 'node:worker_threads';
import { serveDocxRenders } from '../../services/report/docx-thread-protocol';
import { renderDocx } from '../../services/report/render-docx';

serveDocxRenders(parentPort!, async (model) => {
  switch (model.organisation) {
    case 'kraschar':
      setImmediate(() => {
        throw new Error('the worker crashes');
      });
      return new Promise<Uint8Array>(() => undefined);
    case 'avslutas':
      process.exit(3);
    case 'hänger':
      for (;;);
    case 'fel':
      throw new Error('the render fails');
    default:
      return renderDocx(model);
  }
});
