/** What a wave pass reports: counts per outcome, for the scheduler's log and the admin's "påminn nu" answer. */

export type WaveKind = 'first' | 'later' | 'manual';

/** a recipient the wave did not reach, with the reason the outbox recorded */
export interface DeliveryProblem {
  ownerId: string;
  name: string;
  state: 'unreachable' | 'failed';
  /** the connector's reason as recorded ("403: MessageWritesBlocked"); the edge explains it */
  reason: string | null;
  /** true: it ended so in an earlier pass of the same wave (e.g. the first "påminn nu" of the day) */
  earlier: boolean;
}

export interface WaveResult {
  roundId: string;
  wave: string;
  kind: WaveKind;
  recipients: number;
  sent: number;
  unreachable: number;
  failed: number;
  skipped: number;
  /** recipients whose entry was already terminal before this pass */
  alreadyDone: number;
  /** of those, the ones actually sent (the rest were unreachable, failed or skipped: see problems) */
  alreadySent: number;
  /** every recipient not reached, in this pass or an earlier pass of the wave, with the reason */
  problems: DeliveryProblem[];
  /** claimed by another live instance, or left for the next tick after a store error */
  deferred: number;
  /** "påminn nu" only: owners left out because a scheduled wave reached them today */
  remindedToday: number;
  complete: boolean;
  /** the pass did not start (or stopped early) because another instance holds the sender lease */
  senderBusy: boolean;
}

/** how one recipient's delivery ended in this pass ('done': its entry was already terminal) */
export type Outcome = 'sent' | 'unreachable' | 'failed' | 'skipped' | 'done' | 'deferred';

export const emptyResult = (roundId: string, wave: string, kind: WaveKind): WaveResult => ({
  roundId,
  wave,
  kind,
  recipients: 0,
  sent: 0,
  unreachable: 0,
  failed: 0,
  skipped: 0,
  alreadyDone: 0,
  alreadySent: 0,
  problems: [],
  deferred: 0,
  remindedToday: 0,
  complete: false,
  senderBusy: false,
});

export function count(result: WaveResult, outcome: Outcome): void {
  if (outcome === 'done') result.alreadyDone++;
  else result[outcome]++;
}

/** what a reminder to one person (Dispatcher.remindOwner) came to, for the edges' outcome line */
export type OneReminderOutcome =
  /** sent now */
  | { outcome: 'sent' }
  /** this press was answered before (a double click, a retried request) and that reminder was sent */
  | { outcome: 'already' }
  /** it did not arrive, now or at the earlier handling of this press; the reason as the outbox recorded it */
  | { outcome: 'not-reached'; state: 'unreachable' | 'failed'; reason: string | null }
  /** claimed and under way elsewhere (the same press still being sent), or held back to be sent shortly */
  | { outcome: 'pending' }
  /** the person has nothing left to report: no reminder */
  | { outcome: 'nothing-left' };

export function oneReminderOutcome(r: WaveResult): OneReminderOutcome {
  if (r.sent > 0) return { outcome: 'sent' };
  const problem = r.problems[0];
  if (problem) return { outcome: 'not-reached', state: problem.state, reason: problem.reason };
  if (r.alreadySent > 0) return { outcome: 'already' };
  if (r.deferred > 0 || r.senderBusy) return { outcome: 'pending' };
  return { outcome: 'nothing-left' };
}
