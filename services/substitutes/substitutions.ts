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

/** what one owner has handed to one substitute, in force now: the activities (null: all the owner's) */
export interface Share {
  ownerId: string;
  ownerName: string;
  substituteId: string;
  substituteName: string;
  activityRefs: string[] | null;
}

/** whether an activity is in a share's activities (null: all) */
export const inShare = (activityRefs: readonly string[] | null, activityRef: string): boolean => activityRefs === null || activityRefs.includes(activityRef);

/** the substitutions in force now, one share per owner and substitute, in the order they were made */
function sharesInForce(round: Round, now: Date, keep: (s: Substitution) => boolean): Share[] {
  const shares = new Map<string, Share>();
  for (const s of activeSubstitutions(round, now)) {
    if (!keep(s)) continue;
    const key = `${s.ownerId}\u0000${s.substituteId}`;
    const share = shares.get(key) ?? { ownerId: s.ownerId, ownerName: s.ownerName, substituteId: s.substituteId, substituteName: s.substituteName, activityRefs: [] };
    if (s.activityRef === null) share.activityRefs = null;
    else share.activityRefs?.push(s.activityRef);
    shares.set(key, share);
  }
  return [...shares.values()];
}

/** the owners a person stands in for now, each with the activities covered (null: all) */
export function standingInFor(round: Round, now: Date, substituteId: string): Share[] {
  return sharesInForce(round, now, (s) => s.substituteId === substituteId);
}

/** the persons standing in for an owner now, each with the owner's activities handed to them (null: all) */
export function substitutesOf(round: Round, now: Date, ownerId: string): Share[] {
  return sharesInForce(round, now, (s) => s.ownerId === ownerId);
}

/** the owner has handed over every activity for the round: reminders go to the substitute */
export function wholeHandover(round: Round, now: Date, ownerId: string): Substitution | null {
  return activeSubstitutions(round, now).find((s) => s.ownerId === ownerId && s.activityRef === null) ?? null;
}
