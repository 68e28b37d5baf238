/**
 * One living reminder per person and round: the latest reminder message a person got (from a wave,
 * from `påminn nu`, on first contact or from `status`) is updated in place whenever they report, so it
 * always shows their progress ("2 av 5 klara") and the days left. Earlier cards are left as they are.
 *
 * A substitute's reminder "för" an owner is a living one too: the latest one the substitute got for that
 * owner is redrawn with what is handed to them (everything, or their activities) whenever something
 * they stand in for is reported, by them or by the owner.
 *
 * Where the latest one is: a wave's send is in the outbox (its activity id and sentAt; whose chat it is
 * in, by the entry's key and `deliverTo`); a card the bot posted itself (a reply, or the card a substitute
 * is told with) is remembered on the owner's conversation record. The newer of the two wins.
 *
 * An owner's latest reminders (their own and each substitute's for them), once read, are kept for
 * REMINDER_POINTER_CACHE_MS, so a report's redraw costs no read: what this instance posts (remember,
 * and every send the dispatcher records through `watching`: a wave's, "påminn nu"'s, "Påminn igen"'s)
 * updates them at once; a reminder another instance sends becomes the redrawn one at the latest that
 * long after (until then the redraw goes to the one before it).
 */
import type { IsoInstant, Round } from '../domain/model';
import { moduleLogger, type Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { ConversationRepository, UserConversation } from '../ports/conversations';
import type { Messenger, OutgoingCard } from '../ports/messenger';
import { reminderReader, type OutboxEntry, type OutboxRepository, type SentReminder } from '../ports/outbox';
import { inShare, substitutesOf, type Share } from '../substitutes/substitutions';
import type { OwnerItem } from './owner-items';

export interface ReminderPointer {
  activityId: string;
  at: IsoInstant;
}

/**
 * the owner's conversation record with the reminders the bot posted itself, per round id: the owner's
 * own, and those it posted to a substitute "för" the owner, per substitute
 */
type WithReminders = UserConversation & {
  reminders?: Record<string, ReminderPointer>;
  substituteReminders?: Record<string, Record<string, ReminderPointer>>;
};

/** how long a person's latest reminder, as read, serves the redraws after their reports */
export const REMINDER_POINTER_CACHE_MS = 60_000;
/** past this many people cached, expired entries are dropped */
const POINTER_CACHE_PRUNE_AT = 5_000;

/** `forOwner`: the card is a substitute's, for that owner; `measures`: how many measures (mått) it points to */
export type RenderLivingReminder = (items: readonly OwnerItem[], round: Round, now: Date, extras?: { forOwner?: { id: string; name: string }; measures?: number }) => OutgoingCard;

export interface LivingReminderDeps {
  outbox: Pick<OutboxRepository, 'listRound' | 'listSentTo'>;
  conversations: Pick<ConversationRepository, 'getUser' | 'upsertUser'>;
  messenger: Pick<Messenger, 'updateForUser'>;
  items(ownerId: string, round: Round): Promise<OwnerItem[]>;
  /** how many measures (mått) the owner reports in the round's year: a redrawn card points to them as the wave's did */
  measures?(ownerId: string, round: Round): Promise<number>;
  render: RenderLivingReminder;
  clock: Clock;
}

export type RefreshOutcome = 'updated' | 'no-reminder' | 'is-this-card' | 'not-supported' | 'failed';

export interface RefreshOptions {
  /** who acted on the card `exceptActivityId` names: only that person's chat holds it (absent: any) */
  actorId?: string;
  /** the activity reported: only substitutes it is handed to are redrawn (absent: every substitute of the owner) */
  activityRef?: string;
}

/** the outcome of a redraw for the owner, and for each substitute standing in for them (by id) */
export interface RefreshOutcomes {
  owner: RefreshOutcome;
  substitutes: Record<string, RefreshOutcome>;
}

/** an owner's latest reminders in a round, by whose chat each is in (the owner's id, or a substitute's) */
type Latest = Map<string, ReminderPointer>;

/** the newer pointer wins (a tie: the one offered later) */
function offer(latest: Latest, readerId: string, pointer: ReminderPointer): void {
  const current = latest.get(readerId);
  if (!current || pointer.at >= current.at) latest.set(readerId, pointer);
}

export class LivingReminders {
  private readonly logger: Logger;
  /** per `${roundId}|${ownerId}`: the owner's latest reminders as read (theirs and their substitutes'), until (monotonic ms) */
  private readonly pointers = new Map<string, { until: number; latest: Latest }>();

  constructor(private readonly deps: LivingReminderDeps) {
    this.logger = moduleLogger('living-reminder');
  }

  /**
   * A reminder card the bot posted itself (first contact, `status`): it becomes the living one. With
   * `readerId`, a card "för" the owner the bot posted to that substitute (when the owner hands over); it
   * is kept on the owner's record, which a redraw reads anyway.
   */
  async remember(ownerId: string, roundId: string, activityId: string, readerId = ownerId): Promise<void> {
    if (!activityId) return;
    const at = this.deps.clock.now().toISOString();
    const pointer = { activityId, at };
    try {
      const stored = await this.deps.conversations.getUser(ownerId);
      // an owner without a chat with the bot has no record to keep it on: this instance still knows it
      if (!stored) return this.note(ownerId, roundId, readerId, pointer);
      await this.deps.conversations.upsertUser(ownerId, (current) => {
        const base = (current ?? stored) as WithReminders;
        if (readerId === ownerId) return { ...base, reminders: { ...(base.reminders ?? {}), [roundId]: pointer } } as UserConversation;
        const all = base.substituteReminders ?? {};
        return { ...base, substituteReminders: { ...all, [roundId]: { ...(all[roundId] ?? {}), [readerId]: pointer } } } as UserConversation;
      });
      this.note(ownerId, roundId, readerId, pointer);
    } catch (err) {
      // a lost pointer costs only the in-place update of this card, never the person's answer
      this.logger.warn({ err, ownerId, readerId, roundId }, 'could not remember the reminder card');
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

  /** a reminder sent through the outbox by this instance: it may be the person's latest now (the owner's own, or a substitute's for them) */
  noteSent(entry: Pick<OutboxEntry, 'roundId' | 'ownerId' | 'deliverTo' | 'state' | 'activityId' | 'sentAt'>): void {
    if (entry.state !== 'sent' || !entry.activityId || !entry.sentAt) return;
    const { ownerId, readerId } = reminderReader(entry);
    this.note(ownerId, entry.roundId, readerId, { activityId: entry.activityId, at: entry.sentAt });
  }

  /**
   * A newer reminder than the one cached replaces it. Nothing cached: it is kept as expired, so the next
   * redraw still reads, and a read already under way (which may have missed it) cannot hide it.
   */
  private note(ownerId: string, roundId: string, readerId: string, pointer: ReminderPointer): void {
    const key = `${roundId}|${ownerId}`;
    const cached = this.pointers.get(key);
    if (!cached) this.pointers.set(key, { until: 0, latest: new Map([[readerId, pointer]]) });
    else offer(cached.latest, readerId, pointer);
  }

  /**
   * The person's latest reminder in the round for the owner's items, wherever it came from (cached, see
   * above): the owner's own (readerId absent), or the one substitute `readerId` got "för" the owner.
   */
  async latest(ownerId: string, roundId: string, readerId = ownerId): Promise<ReminderPointer | null> {
    return (await this.latestOf(ownerId, roundId)).get(readerId) ?? null;
  }

  /** the owner's latest reminders, theirs and their substitutes', read at most once per REMINDER_POINTER_CACHE_MS */
  private async latestOf(ownerId: string, roundId: string): Promise<Latest> {
    const key = `${roundId}|${ownerId}`;
    const now = performance.now();
    const cached = this.pointers.get(key);
    if (cached && cached.until > now) return cached.latest;
    const latest = await this.read(ownerId, roundId);
    // every pointer noted here is stored, so the newer of it and the read is the latest
    for (const [readerId, pointer] of this.pointers.get(key)?.latest ?? []) {
      const read = latest.get(readerId);
      if (!read || pointer.at > read.at) latest.set(readerId, pointer);
    }
    if (this.pointers.size >= POINTER_CACHE_PRUNE_AT) {
      for (const [k, v] of this.pointers) if (v.until <= now) this.pointers.delete(k);
    }
    this.pointers.set(key, { until: now + REMINDER_POINTER_CACHE_MS, latest });
    return latest;
  }

  private async read(ownerId: string, roundId: string): Promise<Latest> {
    const [conversation, sent] = await Promise.all([this.deps.conversations.getUser(ownerId), this.sentFor(roundId, ownerId)]);
    const latest: Latest = new Map();
    for (const e of sent) {
      const whose = reminderReader(e);
      if (whose.ownerId === ownerId) offer(latest, whose.readerId, { activityId: e.activityId, at: e.sentAt });
    }
    const record = conversation as WithReminders | null;
    const own = record?.reminders?.[roundId];
    if (own) offer(latest, ownerId, own);
    for (const [readerId, pointer] of Object.entries(record?.substituteReminders?.[roundId] ?? {})) offer(latest, readerId, pointer);
    return latest;
  }

  /** the sent outbox entries of the owner's reminders in the round (theirs and their substitutes'), never the round's whole outbox */
  private async sentFor(roundId: string, ownerId: string): Promise<SentReminder[]> {
    const outbox = this.deps.outbox;
    if (outbox.listSentTo) return outbox.listSentTo(roundId, ownerId);
    return (await outbox.listRound(roundId))
      .filter((e) => reminderReader(e).ownerId === ownerId && e.state === 'sent' && e.activityId && e.sentAt)
      .map((e) => ({ activityId: e.activityId!, sentAt: e.sentAt!, ownerId: e.ownerId, deliverTo: e.deliverTo ?? null }));
  }

  /**
   * Redraws the owner's latest reminder with their progress now, and the latest one each substitute
   * standing in for them got "för" them. `exceptActivityId` is the card the person acted on: the answer
   * to that action already replaces it, so it is not overwritten here. Returns the owner's outcome.
   */
  async refresh(ownerId: string, round: Round, exceptActivityId?: string, options: RefreshOptions = {}): Promise<RefreshOutcome> {
    return (await this.refreshAll(ownerId, round, exceptActivityId, options)).owner;
  }

  /** refresh, with the outcome for each substitute too; never throws (a failure is logged) */
  async refreshAll(ownerId: string, round: Round, exceptActivityId?: string, options: RefreshOptions = {}): Promise<RefreshOutcomes> {
    const now = this.deps.clock.now();
    const standIns = substitutesFor(round, now, ownerId, options.activityRef);
    const all = (outcome: RefreshOutcome): RefreshOutcomes => ({ owner: outcome, substitutes: Object.fromEntries(standIns.map((s) => [s.substituteId, outcome])) });
    const update = this.deps.messenger.updateForUser;
    if (!update) return all('not-supported');
    let latest: Latest;
    try {
      latest = await this.latestOf(ownerId, round.id);
    } catch (err) {
      this.logger.warn({ err, ownerId, roundId: round.id }, 'living reminder not updated');
      return all('failed');
    }
    // the owner's items are read once for every card redrawn
    let items: Promise<OwnerItem[]> | null = null;
    let measureCount: Promise<number> | null = null;
    const redraw = async (readerId: string, share?: Share): Promise<RefreshOutcome> => {
      try {
        const pointer = latest.get(readerId);
        if (!pointer) return 'no-reminder';
        if (exceptActivityId && pointer.activityId === exceptActivityId && (!options.actorId || options.actorId === readerId)) return 'is-this-card';
        const owned = await (items ??= this.deps.items(ownerId, round));
        // the measures stay with the owner, unless they handed over everything (as the wave's reminder says)
        const ownersMeasures = await (measureCount ??= this.deps.measures?.(ownerId, round) ?? Promise.resolve(0));
        const measures = share?.activityRefs ? 0 : ownersMeasures;
        const card = share
          ? this.deps.render(owned.filter((i) => inShare(share.activityRefs, i.activity.ref)), round, now, { forOwner: { id: ownerId, name: share.ownerName }, measures })
          : this.deps.render(owned, round, now, { measures });
        const result = await update.call(this.deps.messenger, readerId, pointer.activityId, card);
        if (result.outcome === 'sent') return 'updated';
        this.logger.info({ ownerId, readerId, roundId: round.id, outcome: result.outcome, reason: result.reason }, 'living reminder not updated');
        return 'failed';
      } catch (err) {
        this.logger.warn({ err, ownerId, readerId, roundId: round.id }, 'living reminder not updated');
        return 'failed';
      }
    };
    const [owner, ...substitutes] = await Promise.all([redraw(ownerId), ...standIns.map((s) => redraw(s.substituteId, s))]);
    return { owner: owner!, substitutes: Object.fromEntries(standIns.map((s, i) => [s.substituteId, substitutes[i]!])) };
  }
}

/** the substitutes standing in for the owner in the round now, those `activityRef` is handed to when given */
function substitutesFor(round: Round, now: Date, ownerId: string, activityRef: string | undefined): Share[] {
  return substitutesOf(round, now, ownerId).filter((s) => s.substituteId !== ownerId && (activityRef === undefined || inShare(s.activityRefs, activityRef)));
}
