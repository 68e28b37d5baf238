/** The `delegera` card as it stands for a person and round: their activities, colleagues to pick, handovers in force. */
import { renderSubstituteCard } from '../cards/substitute-card';
import type { Round } from '../services/domain/model';
import type { BotServices, BotUser } from './bot-context';

export async function substituteCardFor(services: BotServices, user: BotUser, round: Round, notice?: { text: string; good: boolean }) {
  const [items, owners, listed] = await Promise.all([
    services.collection.itemsFor(user.aadObjectId, round),
    services.collection.reference.allOwners(),
    services.substitutes.list(round.id),
  ]);
  return renderSubstituteCard({
    round: listed.round,
    activities: items.map((i) => ({ ref: i.activity.ref, title: i.activity.title })),
    people: owners.filter((o) => o.aadObjectId !== user.aadObjectId).map((o) => ({ id: o.aadObjectId, name: o.name })).sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    current: listed.active.filter((s) => s.ownerId === user.aadObjectId),
    notice,
  });
}

/** the round a handover is for: the open one, else the next one coming */
export function roundForHandover(services: BotServices): Promise<Round | null> {
  return services.substitutes.roundForHandover();
}
