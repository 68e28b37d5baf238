/**
 * A small plan, owners and an open round for the status-collection unit tests (in memory).
 * KF 3.1 → KS 3.1.1 with activities 3.1.1.1 (Fritid), 3.1.1.2 (Fritid + HR: shared), and an
 * economic goal 4.1 with 4.1.1 (HR). The round 2026-T3 is open on 2026-11-23.
 */
import type { Activity, Owner, Plan, Round } from '../../services/domain/model';
import { FakeClock } from '../../services/ports/clock';
import { MemoryOwners, MemoryPlans, MemoryReports, MemoryRounds } from './memory-repositories';

export const FRITID = 'aad-fritid';
export const HR = 'aad-hr';
export const STRANGER = 'aad-stranger';
export const ADMIN = 'aad-admin';
export const OPEN_NOW = '2026-11-23T10:00:00.000Z';

export function activity(ref: string, goalRef: string, units: string[], extra: Partial<Activity> = {}): Activity {
  return {
    year: 2026,
    ref,
    goalRef,
    title: `Aktivitet ${ref}`,
    description: `Beskrivning av ${ref}`,
    start: '2026-01-01',
    end: '2026-12-31',
    units,
    order: Number(ref.replace(/\./g, '')),
    archived: false,
    ...extra,
  };
}

export function fixturePlan(activities?: Activity[]): Plan {
  return {
    meta: { year: 2026, organisation: 'Testkommun', body: 'Kommunstyrelsen', importedAt: '2026-01-10T08:00:00.000Z' },
    goals: [
      { year: 2026, ref: '3.1', kind: 'kf', title: 'Ett tryggt Testkommun', parentRef: null, order: 1, archived: false },
      { year: 2026, ref: '3.1.1', kind: 'ks', title: 'Fler mötesplatser', parentRef: '3.1', order: 2, archived: false },
      { year: 2026, ref: '4.1', kind: 'economic', title: 'Sjukfrånvaron ska minska', parentRef: null, order: 3, archived: false },
    ],
    activities: activities ?? [
      activity('3.1.1.1', '3.1.1', ['Fritid']),
      activity('3.1.1.2', '3.1.1', ['Fritid', 'HR']),
      activity('4.1.1', '4.1', ['HR']),
      activity('3.1.1.9', '3.1.1', ['Fritid'], { archived: true }),
    ],
  };
}

export const fixtureOwners: Owner[] = [
  { aadObjectId: FRITID, name: 'Enhetschef Fritid', email: null, units: ['Fritid'], activities: [] },
  { aadObjectId: HR, name: 'HR-chef', email: null, units: ['HR'], activities: [] },
  { aadObjectId: STRANGER, name: 'Ingen ägare', email: null, units: ['Annan'], activities: [] },
];

export function fixtureRound(extra: Partial<Round> = {}): Round {
  return {
    id: '2026-T3',
    year: 2026,
    tertial: 3,
    deadline: '2026-12-04',
    waves: [28, 14, 7, 2, 0, -2],
    sendTime: '09:00',
    graceDays: 7,
    state: 'scheduled',
    closedAt: null,
    createdAt: '2026-10-01T08:00:00.000Z',
    source: 'scheduled',
    ...extra,
  };
}

export async function collectionFixture(options: { plan?: Plan; round?: Round } = {}) {
  const rounds = new MemoryRounds();
  const owners = new MemoryOwners();
  const plans = new MemoryPlans();
  const reports = new MemoryReports();
  await plans.save(options.plan ?? fixturePlan());
  await owners.upsertMany(fixtureOwners);
  await rounds.create(options.round ?? fixtureRound());
  const clock = new FakeClock(OPEN_NOW);
  return { rounds, owners, plans, reports, clock };
}
