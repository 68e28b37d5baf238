/**
 * What a reminder says: the dispatcher decides who and when; the composer gathers the owner's items
 * (services/collection/owner-items.ts) and hands them to a render function the edge supplies (the
 * reminder card, cards/reminder-card.ts). What every owner of a wave shares (plan, owners, last
 * tertial's reports, the round's reports) is read once per wave; the owner's own reports are read
 * fresh, so a card never offers "Rapportera" for something they just reported.
 */
import { buildOwnerItems, previousRoundId, type OwnerItem } from '../collection/owner-items';
import type { Activity, Owner, Plan, Round, StatusReport } from '../domain/model';
import type { OutgoingCard } from '../ports/messenger';
import type { Repositories } from '../ports';
import { measuresOwnedBy } from '../measures/measure-values';

export interface ReminderContext {
  round: Round;
  owner: Owner;
  /** the owner's activities in the round */
  activities: Activity[];
  /** those without a report from the owner yet */
  missing: Activity[];
  /** the wave key ('w28', …, 'now-2026-04-01', 'again-<press>') */
  wave: string;
  /** `activities` are a part of the owner's (the rest is handed to substitutes): the reminder lists only these */
  part?: boolean;
  /** the part handed to this substitute for the round: it goes to them, "för" the owner */
  substitute?: { id: string; name: string };
}

export interface ReminderComposer {
  compose(context: ReminderContext): Promise<OutgoingCard> | OutgoingCard;
}

/** what a reminder says besides the items: for whom when a substitute reads it, and how many measures the owner reports */
export interface ReminderExtras {
  forOwner?: { id: string; name: string };
  /** the owner's measures (mått) in the year's plan: the card points to them */
  measures?: number;
}

/** renders the owner's items as the reminder message (the edge's card) */
export type RenderReminder = (items: readonly OwnerItem[], round: Round, extras?: ReminderExtras) => OutgoingCard;

interface WaveData {
  plan: Plan | null;
  owners: Owner[];
  reports: StatusReport[];
  previousReports: StatusReport[];
}

export function createReminderComposer(repos: Pick<Repositories, 'plans' | 'owners' | 'reports'>, render: RenderReminder): ReminderComposer {
  let cached: { key: string; data: Promise<WaveData> } | null = null;
  const waveData = (ctx: ReminderContext): Promise<WaveData> => {
    const key = `${ctx.round.id}|${ctx.wave}`;
    if (!cached || cached.key !== key) {
      const data = Promise.all([repos.plans.get(ctx.round.year), repos.owners.list(), repos.reports.listByRound(ctx.round.id), repos.reports.listByRound(previousRoundId(ctx.round))]).then(
        ([plan, owners, reports, previousReports]) => ({ plan, owners, reports, previousReports }),
      );
      data.catch(() => {
        if (cached?.data === data) cached = null; // a failed read is not cached
      });
      cached = { key, data };
    }
    return cached.data;
  };
  return {
    async compose(ctx) {
      const [data, own] = await Promise.all([waveData(ctx), repos.reports.listByOwner(ctx.round.id, ctx.owner.aadObjectId)]);
      if (!data.plan) return render([], ctx.round);
      const reports = [...data.reports.filter((r) => r.ownerId !== ctx.owner.aadObjectId), ...own];
      const all = buildOwnerItems({ plan: data.plan, owner: ctx.owner, owners: data.owners, reports, previousReports: data.previousReports });
      const refs = new Set(ctx.activities.map((a) => a.ref));
      const items = ctx.part ? all.filter((i) => refs.has(i.activity.ref)) : all;
      const forOwner = { id: ctx.owner.aadObjectId, name: ctx.owner.name };
      // the activities the owner handed to one substitute: theirs to report, "för" the owner (the measures stay with the owner)
      if (ctx.substitute) return { ...render(items, ctx.round, { forOwner, measures: 0 }), deliverTo: ctx.substitute.id };
      // an owner who handed every activity to a substitute for the round: the substitute gets the reminder, "för" the owner
      const handover = (ctx.round.substitutions ?? []).find((s) => s.ownerId === ctx.owner.aadObjectId && s.activityRef === null && s.endedAt === null);
      const measures = measuresOwnedBy(data.plan, ctx.owner.aadObjectId);
      if (handover) return { ...render(items, ctx.round, { forOwner, measures }), deliverTo: handover.substituteId };
      return render(items, ctx.round, { measures });
    },
  };
}
