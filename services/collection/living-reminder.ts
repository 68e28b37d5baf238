/**
 * One living reminder per person and round: the latest reminder message a person got (from a wave,
 * from `påminn nu`, on first contact or from `status`) is updated in place whenever they report, so it
 * always shows their progress ("2 av 5 klara") and the days left. Earlier cards are left as they are.
 *
 * Where the latest one is: a wave's send is in the outbox (its activity id and sentAt); a card the bot
 * posted in a reply is remembered on the person's conversation record. The newer of the two wins.
 *
 * A person's latest reminder, once read, is kept for REMINDER_POINTER_CACHE_MS, so a report's redraw
 * costs no read: what this instance posts (remember, and every send the dispatcher records through
 * `watching`: a wave's, "påminn nu"'s, "Påminn igen"'s) updates it at once; a reminder another
 * instance sends becomes the redrawn one at the latest that long after (until then the redraw goes to
 * the one before it).
 */
import type { IsoInstant, Round } from '../domain/model';
import { moduleLogger, type Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { ConversationRepository, UserConversation } from '../ports/conversations';
import type { Messenger, OutgoingCard } from '../ports/messenger';
import type { OutboxEntry, OutboxRepository } from '../ports/outbox';
import type { OwnerItem } from './owner-items';

export interface ReminderPointer {
  activityId: string;
  at: IsoInstant;
}

/** the conversation record with the reminders the bot posted itself, per round id */
type WithReminders = UserConversation & { reminders?: Record<string, ReminderPointer> };

/** how long a person's latest reminder, as read, serves the redraws after their reports */
export const REMINDER_POINTER_CACHE_MS = 60_000;
/** past this many people cached, expired entries are dropped */
const POINTER_CACHE_PRUNE_AT = 5_000;

export type RenderLivingReminder = (items: readonly OwnerItem[], round: Round, now: Date) => OutgoingCard;

export interface LivingReminderDeps {
  outbox: Pick<OutboxRepository, 'listRound' | 'listSentTo'>;
  conversations: Pick<ConversationRepository, 'getUser' | 'upsertUser'>;
  messenger: Pick<Messenger, 'updateForUser'>;
  items(ownerId: string, round: Round): Promise<OwnerItem[]>;
  render: RenderLivingReminder;
  clock: Clock;
}

export type RefreshOutcome = 'updated' | 'no-reminder' | 'is-this-card' | 'not-supported' | 'failed';

export class LivingReminders {
  private readonly logger: Logger;
  /** per `${roundId}|${ownerId}`: the latest reminder as read, until (monotonic ms) */
  private readonly pointers = new Map<string, { until: number; pointer: ReminderPointer | null }>();

  constructor(private readonly deps: LivingReminderDeps) {
    this.logger = moduleLogger('living-reminder');
  }

  /** a reminder card the bot posted itself (first contact, `status`): it becomes the living one */
  async remember(ownerId: string, roundId: string, activityId: string): Promise<void> {
    if (!activityId) return;
    const at = this.deps.clock.now().toISOString();
    try {
      const stored = await this.deps.conversations.getUser(ownerId);
      if (!stored) return;
      await this.deps.conversations.upsertUser(ownerId, (current) => {
        const base = (current ?? stored) as WithReminders;
        return { ...base, reminders: { ...(base.reminders ?? {}), [roundId]: { activityId, at } } } as UserConversation;
      });
      this.note(ownerId, roundId, { activityId, at });
    } catch (err) {
      // a lost pointer costs only the in-place update of this card, never the person's answer
      this.logger.warn({ err, ownerId, roundId }, 'could not remember the reminder card');
    }
  }

  /** when the bot last posted the person a reminder card itself in the round (null: never) */
  async postedAt(ownerId: string, roundId: string): Promise<string | null> {
    const conversation = (await this.deps.conversations.getUser(ownerId)) as WithReminders | null;
    return conversation?.reminders?.[roundId]?.at ?? null;
  }

  /**
   * The outbox as the dispatcher writes it, with every send this instance records noted (noteSent): a
   * wave's, "påminn nu"'s and "Påminn igen"'s reminder becomes the person's living one at once.
   */
  watching(outbox: OutboxRepository): OutboxRepository {
    return Object.assign(Object.create(outbox) as OutboxRepository, {
      replace: async (entry: OutboxEntry, version: string) => {
        const written = await outbox.replace(entry, version);
        if (written) this.noteSent(written.entry);
        return written;
      },
    });
  }

  /** a reminder sent through the outbox by this instance: it may be the person's latest now */
  noteSent(entry: Pick<OutboxEntry, 'roundId' | 'ownerId' | 'state' | 'activityId' | 'sentAt'>): void {
    if (entry.state === 'sent' && entry.activityId && entry.sentAt) this.note(entry.ownerId, entry.roundId, { activityId: entry.activityId, at: entry.sentAt });
  }

  /**
   * A newer reminder than the one cached replaces it. Nothing cached: it is kept as expired, so the next
   * redraw still reads, and a read already under way (which may have missed it) cannot hide it.
   */
  private note(ownerId: string, roundId: string, pointer: ReminderPointer): void {
    const key = `${roundId}|${ownerId}`;
    const cached = this.pointers.get(key);
    if (!cached) this.pointers.set(key, { until: 0, pointer });
    else if (!cached.pointer || pointer.at >= cached.pointer.at) cached.pointer = pointer;
  }

  /** the person's latest reminder in the round, wherever it came from (cached, see above) */
  async latest(ownerId: string, roundId: string): Promise<ReminderPointer | null> {
    const key = `${roundId}|${ownerId}`;
    const now = performance.now();
    const cached = this.pointers.get(key);
    if (cached && cached.until > now) return cached.pointer;
    const read = await this.read(ownerId, roundId);
    // every pointer noted here is stored, so the newer of it and the read is the latest
    const noted = this.pointers.get(key)?.pointer;
    const pointer = noted && (!read || noted.at > read.at) ? noted : read;
    if (this.pointers.size >= POINTER_CACHE_PRUNE_AT) {
      for (const [k, v] of this.pointers) if (v.until <= now) this.pointers.delete(k);
    }
    this.pointers.set(key, { until: now + REMINDER_POINTER_CACHE_MS, pointer });
    return pointer;
  }

  private async read(ownerId: string, roundId: string): Promise<ReminderPointer | null> {
    const [conversation, sent] = await Promise.all([this.deps.conversations.getUser(ownerId), this.sentTo(roundId, ownerId)]);
    const candidates: ReminderPointer[] = sent.map((e) => ({ activityId: e.activityId, at: e.sentAt }));
    const own = (conversation as WithReminders | null)?.reminders?.[roundId];
    if (own) candidates.push(own);
    return candidates.reduce<ReminderPointer | null>((best, c) => (!best || c.at > best.at ? c : best), null);
  }

  /** the owner's sent outbox entries in the round: only theirs, never the round's whole outbox */
  private async sentTo(roundId: string, ownerId: string): Promise<{ activityId: string; sentAt: string }[]> {
    const outbox = this.deps.outbox;
    if (outbox.listSentTo) return outbox.listSentTo(roundId, ownerId);
    return (await outbox.listRound(roundId))
      .filter((e) => e.ownerId === ownerId && e.state === 'sent' && e.activityId && e.sentAt)
      .map((e) => ({ activityId: e.activityId!, sentAt: e.sentAt! }));
  }

  /**
   * Redraws the person's latest reminder with their progress now. `exceptActivityId` is the card the
   * person acted on: the answer to that action already replaces it, so it is not overwritten here.
   */
  async refresh(ownerId: string, round: Round, exceptActivityId?: string): Promise<RefreshOutcome> {
    const update = this.deps.messenger.updateForUser;
    if (!update) return 'not-supported';
    try {
      const latest = await this.latest(ownerId, round.id);
      if (!latest) return 'no-reminder';
      if (exceptActivityId && latest.activityId === exceptActivityId) return 'is-this-card';
      const card = this.deps.render(await this.deps.items(ownerId, round), round, this.deps.clock.now());
      const result = await update.call(this.deps.messenger, ownerId, latest.activityId, card);
      if (result.outcome === 'sent') return 'updated';
      this.logger.info({ ownerId, roundId: round.id, outcome: result.outcome, reason: result.reason }, 'living reminder not updated');
      return 'failed';
    } catch (err) {
      this.logger.warn({ err, ownerId, roundId: round.id }, 'living reminder not updated');
      return 'failed';
    }
  }
}
