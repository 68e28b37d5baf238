/**
 * Which stored reports a change to a round fences.
 *
 * An instance accepts a card submit against the round as it last read it, and writes the report under
 * the ETag it holds from its own last guarded write of that report (services/store/report-store.ts).
 * A round change that may take back what such a submit relies on (the round closed, cancelled or moved,
 * a handover ended or changed) rewrites the reports it concerns, so every ETag held elsewhere goes
 * stale: the next submit's write is refused by the store, and the submit is checked again against the
 * round as stored now. That is how a round closed by the CLI or another instance refuses the very next
 * submit without a read of the round on every submit.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Round, Substitution } from '../domain/model';

/** every report of the round, or the reports of these owners */
export type FenceScope = { all: true } | { all: false; owners: readonly string[] };

/** the fields a substitute's right to report rests on, one key per handover */
const handoverKey = (s: Substitution) => JSON.stringify([s.substituteId, s.activityRef, s.endedAt]);

/** the handovers of each owner, as keys */
function handoversByOwner(round: Round): Map<string, Set<string>> {
  const byOwner = new Map<string, Set<string>>();
  for (const s of round.substitutions ?? []) {
    const keys = byOwner.get(s.ownerId) ?? new Set<string>();
    keys.add(handoverKey(s));
    byOwner.set(s.ownerId, keys);
  }
  return byOwner;
}

const sameKeys = (a: Set<string> | undefined, b: Set<string> | undefined) =>
  (a?.size ?? 0) === (b?.size ?? 0) && [...(a ?? [])].every((k) => b?.has(k) === true);

/**
 * What a change from `before` to `after` fences: every report when anything but the handovers changed
 * (state, dates, waves, send time, grace: whether the round is open rests on them), the owners whose
 * handovers changed in any way, or nothing. A change that only widens (a new handover) is fenced too:
 * telling the ways apart would be a second copy of the access rules, and a fence costs a write per report.
 */
export function reportFence(before: Round, after: Round): FenceScope | null {
  const { substitutions: beforeHandovers, ...beforeRest } = before;
  const { substitutions: afterHandovers, ...afterRest } = after;
  if (!isDeepStrictEqual(beforeRest, afterRest)) return { all: true };
  if (beforeHandovers === afterHandovers) return null;
  const was = handoversByOwner(before);
  const is = handoversByOwner(after);
  const owners = [...new Set([...was.keys(), ...is.keys()])].filter((o) => !sameKeys(was.get(o), is.get(o))).sort();
  return owners.length > 0 ? { all: false, owners } : null;
}

/** both scopes together: a fence still owed and the one a new change adds */
export function mergeFence(a: FenceScope | null | undefined, b: FenceScope | null | undefined): FenceScope | null {
  if (!a) return b ?? null;
  if (!b) return a;
  if (a.all || b.all) return { all: true };
  return { all: false, owners: [...new Set([...a.owners, ...b.owners])].sort() };
}
