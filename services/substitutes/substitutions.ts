/**
 * Who stands in for whom in a round: pure rules over `Round.substitutions`. A substitution is in force
 * while it is not taken back and the round is open; when the round closes, every one ends with it.
 */
import type { Round, Substitution } from '../domain/model';
import { isRoundOpen } from '../rounds/round-calendar';

/** the substitutions in force now (the round open, not taken back) */
export function activeSubstitutions(round: Round, now: Date): Substitution[] {
  if (!isRoundOpen(round, now)) return [];
  return (round.substitutions ?? []).filter((s) => s.endedAt === null);
}

/** whether a substitution covers this activity (null: every activity of the owner) */
export function covers(s: Substitution, activityRef: string | null): boolean {
  return s.activityRef === null || activityRef === null || s.activityRef === activityRef;
}

/** the persons standing in for the owner now: for one activity, or (activityRef null) for any of theirs */
export function substituteIdsFor(round: Round, now: Date, ownerId: string, activityRef: string | null): string[] {
  return [...new Set(activeSubstitutions(round, now).filter((s) => s.ownerId === ownerId && covers(s, activityRef)).map((s) => s.substituteId))];
}

/** the owners a person stands in for now, each with the activities covered (null: all) */
export function standingInFor(round: Round, now: Date, substituteId: string): { ownerId: string; ownerName: string; activityRefs: string[] | null }[] {
  const byOwner = new Map<string, { ownerId: string; ownerName: string; activityRefs: string[] | null }>();
  for (const s of activeSubstitutions(round, now)) {
    if (s.substituteId !== substituteId) continue;
    const entry = byOwner.get(s.ownerId) ?? { ownerId: s.ownerId, ownerName: s.ownerName, activityRefs: [] };
    if (s.activityRef === null) entry.activityRefs = null;
    else if (entry.activityRefs !== null) entry.activityRefs.push(s.activityRef);
    byOwner.set(s.ownerId, entry);
  }
  return [...byOwner.values()];
}

/** the owner has handed over every activity for the round: reminders go to the substitute */
export function wholeHandover(round: Round, now: Date, ownerId: string): Substitution | null {
  return activeSubstitutions(round, now).find((s) => s.ownerId === ownerId && s.activityRef === null) ?? null;
}
