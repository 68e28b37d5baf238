/** Plans, owners and a recording messenger for dispatch tests and the fan-out benchmark. */
import type { Activity, Owner, Plan, Round, Substitution } from '../../services/domain/model';
import type { Messenger, OutgoingCard, SendResult } from '../../services/ports/messenger';

export const ownerId = (i: number) => `owner-${String(i).padStart(5, '0')}`;

/** a plan with one goal and `n` activities, activity i owned by unit `Enhet i` */
export function makePlan(year: number, n: number): Plan {
  const activities: Activity[] = Array.from({ length: n }, (_, i) => ({
    year,
    ref: `1.1.${i + 1}`,
    goalRef: '1.1',
    title: `Aktivitet ${i + 1}`,
    description: null,
    start: null,
    end: `${year}-12-31`,
    units: [`Enhet ${i}`],
    order: i,
    archived: false,
  }));
  return {
    meta: { year, organisation: 'Testkommun', body: 'Kommunstyrelsen', importedAt: `${year}-01-01T00:00:00.000Z` },
    goals: [{ year, ref: '1.1', kind: 'ks', title: 'Mål', parentRef: null, order: 0, archived: false }],
    activities,
  };
}

export function makeOwners(n: number): Owner[] {
  return Array.from({ length: n }, (_, i) => ({ aadObjectId: ownerId(i), name: `Ägare ${i}`, email: null, units: [`Enhet ${i}`], activities: [] }));
}

export function makeRound(over: Partial<Round> = {}): Round {
  return {
    id: '2026-T1',
    year: 2026,
    tertial: 1,
    deadline: '2026-04-30',
    waves: [28, 14, 7, 2, 0, -2],
    sendTime: '09:00',
    graceDays: 7,
    state: 'scheduled',
    closedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    source: 'scheduled',
    ...over,
  };
}

/** a handover in force, recorded by an admin: `owner` hands every activity (or `over.activityRef`) to `substitute` */
export function makeHandover(owner: { id: string; name: string }, substitute: { id: string; name: string }, over: Partial<Substitution> = {}): Substitution {
  return {
    ownerId: owner.id,
    ownerName: owner.name,
    substituteId: substitute.id,
    substituteName: substitute.name,
    activityRef: null,
    by: { id: 'admin', name: 'Admin' },
    at: '2026-04-01T08:00:00.000Z',
    endedAt: null,
    endedBy: null,
    ...over,
  };
}

export interface Delivery {
  ownerId: string;
  summary: string;
  at: number;
}

/** Records every accepted message; `respond` decides each answer (default: sent). */
export class RecordingMessenger implements Messenger {
  readonly delivered: Delivery[] = [];
  readonly calls = new Map<string, number>();
  constructor(
    private readonly now: () => number = () => 0,
    public respond: (ownerId: string, call: number) => SendResult | Promise<SendResult> = () => ({ outcome: 'sent', activityId: 'a', conversationId: 'c' }),
  ) {}
  async sendToUser(aadObjectId: string, message: OutgoingCard): Promise<SendResult> {
    const call = (this.calls.get(aadObjectId) ?? 0) + 1;
    this.calls.set(aadObjectId, call);
    const result = await this.respond(aadObjectId, call);
    if (result.outcome === 'sent') this.delivered.push({ ownerId: aadObjectId, summary: message.summary, at: this.now() });
    return result;
  }
  async postToChannel(): Promise<SendResult> {
    return { outcome: 'failed', status: null, reason: 'not used' };
  }
  async updateInChannel(): Promise<SendResult> {
    return { outcome: 'failed', status: null, reason: 'not used' };
  }
  countsByOwner(): Map<string, number> {
    const m = new Map<string, number>();
    for (const d of this.delivered) m.set(d.ownerId, (m.get(d.ownerId) ?? 0) + 1);
    return m;
  }
  duplicates(): number {
    let n = 0;
    for (const c of this.countsByOwner().values()) if (c > 1) n += c - 1;
    return n;
  }
}
