/**
 * Work a turn hands off to run after its answer: a card action answers at once and, for example,
 * refreshes the channel's copy of the card afterwards. A task that fails is logged with its label,
 * never thrown into a turn that has already answered. `idle()` waits for every task started so far
 * (a graceful stop, and tests that look at the effect).
 */
import type { Logger } from '../services/logging/logger';

export type AfterTurn = (label: string, task: () => Promise<unknown>) => void;

export class AfterTurnTasks {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  readonly run: AfterTurn = (label, task) => {
    const done: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(task)
      .then(
        () => undefined,
        (err: unknown) => this.logger.warn({ err, task: label }, 'work after the answer failed'),
      )
      .finally(() => this.running.delete(done));
    this.running.add(done);
  };

  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
