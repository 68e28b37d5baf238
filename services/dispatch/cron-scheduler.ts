/**
 * The Scheduler port on node-cron: every instance ticks; Cosmos (the outbox claims) decides who sends.
 * A tick still running when the next is due is skipped (noOverlap), errors are logged, never thrown.
 */
import cron from 'node-cron';
import { catalogued } from '../errors';
import { moduleLogger } from '../logging/logger';
import type { ScheduledJob, Scheduler } from '../ports/scheduler';

export class CronScheduler implements Scheduler {
  private readonly log = moduleLogger('scheduler');

  schedule(name: string, expression: string, tick: () => Promise<void>): ScheduledJob {
    if (!cron.validate(expression)) throw catalogued('config.cron', { expression });
    const task = cron.schedule(
      expression,
      async () => {
        try {
          await tick();
        } catch (err) {
          this.log.error({ err, job: name }, 'scheduled job failed; it runs again at the next tick');
        }
      },
      { name, noOverlap: true },
    );
    return { stop: () => void task.destroy() };
  }
}
