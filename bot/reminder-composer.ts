/**
 * The dispatcher's reminder content in production: engineer B's reminder card (cards/reminder-card.ts)
 * over the owner's items (services/collection/owner-items.ts). What every owner of a wave shares (plan,
 * owners, last tertial's reports, the round's reports) is read once per wave; the owner's own reports
 * are read fresh, so a card never offers "Rapportera" for something they just reported.
 */
import { renderReminderCard } from '../cards/reminder-card';
import { buildOwnerItems, previousRoundId } from '../services/collection/owner-items';
import type { Owner, Plan, StatusReport } from '../services/domain/model';
import type { ReminderComposer, ReminderContext } from '../services/dispatch/reminder-composer';
import type { Repositories } from '../services/ports';

interface WaveData {
  plan: Plan | null;
  owners: Owner[];
  reports: StatusReport[];
  previousReports: StatusReport[];
}

export function createCardReminderComposer(repos: Pick<Repositories, 'plans' | 'owners' | 'reports'>): ReminderComposer {
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
      if (!data.plan) return renderReminderCard([], ctx.round);
      const reports = [...data.reports.filter((r) => r.ownerId !== ctx.owner.aadObjectId), ...own];
      const items = buildOwnerItems({ plan: data.plan, owner: ctx.owner, owners: data.owners, reports, previousReports: data.previousReports });
      return renderReminderCard(items, ctx.round);
    },
  };
}
