/**
 * An owner's items in a round: each activity they own with its goal path, their own current report,
 * the previous tertial's report, and (for shared activities) the combined status. What the reminder
 * card, the `status` command and C's dispatcher show.
 */
import type { Activity, Goal, Owner, Plan, ReportVersion, Round, StatusReport } from '../domain/model';
import { roundId } from '../domain/model';
import { ownersOfActivity, ownsActivity } from '../owners/ownership';
import type { ReportRepository } from '../ports/repositories';
import { combineStatuses, type CombinedStatus } from './combined-status';

export interface GoalPathStep {
  ref: string;
  title: string;
  kind: Goal['kind'];
}

export interface OwnerItem {
  activity: Activity;
  /** from the top goal down: KF-mål → KS-mål, or the economic goal alone */
  goalPath: GoalPathStep[];
  /** the owner's own report in this round, if any */
  own: StatusReport | null;
  /** last tertial's report of this activity: the owner's own, else the imported one, else another owner's */
  previous: ReportVersion | null;
  /** how many owners the activity has (each reports separately) */
  ownerCount: number;
  /** how many of them have reported a status in this round */
  reportedOwners: number;
  /** combined over every owner's report in this round (services/collection/combined-status.ts) */
  combined: CombinedStatus;
  /** the substitute the owner handed this activity to for the round, while the handover lasts */
  handedTo?: { id: string; name: string };
}

/** the round before: T2 → T1, T1 → last year's T3 */
export function previousRoundId(round: Pick<Round, 'year' | 'tertial'>): string {
  return round.tertial === 1 ? roundId(round.year - 1, 3) : roundId(round.year, round.tertial - 1);
}

export function goalPathOf(plan: Plan, activity: Activity): GoalPathStep[] {
  const byRef = new Map(plan.goals.map((g) => [g.ref, g]));
  const path: GoalPathStep[] = [];
  let goal = byRef.get(activity.goalRef);
  const seen = new Set<string>();
  while (goal && !seen.has(goal.ref)) {
    seen.add(goal.ref);
    path.unshift({ ref: goal.ref, title: goal.title, kind: goal.kind });
    goal = goal.parentRef ? byRef.get(goal.parentRef) : undefined;
  }
  return path;
}

function pickPrevious(reports: readonly StatusReport[], activityRef: string, ownerId: string): ReportVersion | null {
  const forActivity = reports.filter((r) => r.activityRef === activityRef);
  const pick =
    forActivity.find((r) => r.ownerId === ownerId) ?? forActivity.find((r) => r.ownerId === 'import') ?? forActivity[0];
  return pick?.current ?? null;
}

/** pure: builds the items from what was read */
export function buildOwnerItems(input: {
  plan: Plan;
  owner: Owner;
  owners: readonly Owner[];
  reports: readonly StatusReport[];
  previousReports: readonly StatusReport[];
}): OwnerItem[] {
  const { plan, owner, owners, reports, previousReports } = input;
  return plan.activities
    .filter((a) => ownsActivity(owner, a))
    .map((activity) => {
      const activityOwners = ownersOfActivity(activity, owners);
      const ownerIds = new Set([...activityOwners.map((o) => o.aadObjectId), owner.aadObjectId]);
      const reportsForActivity = reports.filter((r) => r.activityRef === activity.ref && ownerIds.has(r.ownerId));
      return {
        activity,
        goalPath: goalPathOf(plan, activity),
        own: reportsForActivity.find((r) => r.ownerId === owner.aadObjectId) ?? null,
        previous: pickPrevious(previousReports, activity.ref, owner.aadObjectId),
        ownerCount: ownerIds.size,
        reportedOwners: reportsForActivity.filter((r) => r.current.status !== null).length,
        combined: combineStatuses(
          reportsForActivity.map((r) => r.current.status),
          ownerIds.size,
        ),
      };
    });
}

/**
 * The owner's activities in the round (every one they own in the round's year plan), with their own
 * current report, last tertial's report and the combined status. Empty when the plan or owner is unknown.
 */
export async function openItemsForOwner(
  deps: {
    reports: Pick<ReportRepository, 'listByRound'>;
    plan(year: number): Promise<Plan | null>;
    owner(aadObjectId: string): Promise<Owner | null>;
    allOwners(): Promise<Owner[]>;
  },
  ownerId: string,
  round: Round,
): Promise<OwnerItem[]> {
  const [plan, owner] = await Promise.all([deps.plan(round.year), deps.owner(ownerId)]);
  if (!plan || !owner) return [];
  const [owners, reports, previousReports] = await Promise.all([
    deps.allOwners(),
    deps.reports.listByRound(round.id),
    deps.reports.listByRound(previousRoundId(round)),
  ]);
  return buildOwnerItems({ plan, owner, owners, reports, previousReports });
}
