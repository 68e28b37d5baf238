/**
 * A simulated kill -9 for dispatcher tests, injected through the ports: the dispatcher is built on
 * wrapped outbox, messenger and timer; when `dies` says so at a fault point, the process "dies" there:
 * that call and every later call of any wrapped port never returns, so nothing more is written or sent
 * and nothing is given up (its claims and sender lease expire as a dead instance's would).
 */
import type { Messenger, SendResult } from '../../services/ports/messenger';
import type { OutboxEntry, OutboxRepository } from '../../services/ports/outbox';
import type { Timer } from '../../services/ports/scheduler';

export type FaultPoint = 'after-claim' | 'after-send' | 'after-mark' | 'after-backoff';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);

export class ProcessDeath {
  private dead = false;
  private announce: () => void = () => undefined;
  /** settles when the process dies */
  readonly died: Promise<void> = new Promise<void>((resolve) => (this.announce = resolve));

  /** `dies(point, ownerId)` is asked at each fault point; true kills the process there */
  constructor(private readonly dies: (point: FaultPoint, ownerId: string) => boolean) {}

  get isDead(): boolean {
    return this.dead;
  }

  /** a port call: runs it while alive; afterwards asks `point` whether this is where the process dies */
  private async call<T>(run: () => Promise<T>, point?: (value: T) => [FaultPoint, string] | null): Promise<T> {
    if (this.dead) return never();
    const value = await run();
    if (this.dead) return never();
    const at = point?.(value);
    if (at && this.dies(at[0], at[1])) {
      this.dead = true;
      this.announce();
      return never();
    }
    return value;
  }

  outbox(inner: OutboxRepository): OutboxRepository {
    const written = (entry: OutboxEntry): [FaultPoint, string] | null => {
      if (entry.state === 'sent') return ['after-mark', entry.ownerId];
      if (entry.state === 'backoff') return ['after-backoff', entry.ownerId];
      return null;
    };
    return {
      takeSenderLease: (...a) => this.call(() => inner.takeSenderLease(...a)),
      releaseSenderLease: (...a) => this.call(() => inner.releaseSenderLease(...a)),
      senderLease: (...a) => this.call(() => inner.senderLease(...a)),
      claimNew: (entry) => this.call(() => inner.claimNew(entry), (v) => (v && entry.state === 'sending' ? ['after-claim', entry.ownerId] : null)),
      replace: (entry, version) => this.call(() => inner.replace(entry, version), (v) => (v ? written(entry) : null)),
      get: (...a) => this.call(() => inner.get(...a)),
      listWave: (...a) => this.call(() => inner.listWave(...a)),
      listRound: (...a) => this.call(() => inner.listRound(...a)),
      getWaveMarker: (...a) => this.call(() => inner.getWaveMarker(...a)),
      markWaveComplete: (...a) => this.call(() => inner.markWaveComplete(...a)),
    };
  }

  messenger(inner: Messenger): Messenger {
    return {
      pacesRequests: inner.pacesRequests,
      sendToUser: (id, message, options) => this.call<SendResult>(() => inner.sendToUser(id, message, options), () => ['after-send', id]),
      postToChannel: (...a) => this.call(() => inner.postToChannel(...a)),
      updateInChannel: (...a) => this.call(() => inner.updateInChannel(...a)),
    };
  }

  timer(inner: Timer): Timer {
    return { sleep: (ms, signal) => this.call(() => inner.sleep(ms, signal)) };
  }
}
