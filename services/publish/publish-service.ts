/**
 * Publishing a round to the ledningsgrupp channel: a summary card and, threaded under it, one card per
 * KF goal (and one for the economic goals). The activity id of every posted card is stored per round
 * and channel before the next send, so publishing again UPDATES the cards in place and never posts a
 * duplicate (a card whose message is gone, 404, is posted anew). Cards are fitted under Teams' 40 KB
 * message limit by shortening comments. Every send takes its rate slot from the app's one pacer (keyed by
 * the channel's conversation, together with reminders and replies) and is retried as the messenger
 * advises (412/429/5xx) under the one retry policy, bounded.
 *
 * Linking and publishing ask the access policy (`channel.link`, `round.publish`); the system publishes at round close as the operator.
 */
import type { Tertial } from '../domain/vocabulary';
import { TertialError } from '../errors';
import { moduleLogger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { Messenger, OutgoingCard, SendOptions, SendResult } from '../ports/messenger';
import type { Metrics } from '../ports/metrics';
import type { ChannelLink, PostedCard, PublicationRepository, RoundPublication } from '../ports/publications';
import type { RoundRepository } from '../ports/repositories';
import { closesAt, roundPhase } from '../rounds/round-calendar';
import { randomUUID } from 'node:crypto';
import type { Timer } from '../ports/scheduler';
import type { AppPacer } from '../dispatch/app-pacer';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from '../dispatch/retry-policy';
import { operatorPrincipal, requireAccess, type Principal } from '../access/access-policy';
import type { AssessmentService, RoundAssessments } from '../assessment/assessment-service';
import { goalCardKey, type CardKey, type ChannelCards, type GoalCardEditing } from './channel-cards';

export type { CardKey } from './channel-cards';
import { linkChannel } from './channel-link';

/** a publish run holds its lease at most this long (a crashed run's lease expires) */
const LEASE_MS = 5 * 60_000;
/** who publishes when a round closes by itself */
export const SYSTEM_CALLER: Principal = operatorPrincipal({ id: 'system', name: 'Tertial' });

export interface PublishResult {
  roundId: string;
  channelKey: string;
  posted: CardKey[];
  updated: CardKey[];
  failed: { key: CardKey; reason: string }[];
}

export interface PublishDeps {
  assessments: AssessmentService;
  publications: PublicationRepository;
  messenger: Messenger;
  cards: ChannelCards;
  clock: Clock;
  timer: Timer;
  /** the app's one gate to the connector (services/dispatch/app-pacer.ts) */
  pacer: Pick<AppPacer, 'call'>;
  /** where the ledningsgrupp fetches the round's report (the bot's report route); null: no link */
  reportUrl?: (year: number, tertial: Tertial) => string | null;
  retry?: RetryPolicy;
  /** publishes, for operators (default: none) */
  metrics?: Metrics;
}

export class PublishService {
  private readonly log = moduleLogger('publish');
  /** this instance's lease holder id */
  private readonly holder = `publish-${randomUUID()}`;

  constructor(private readonly deps: PublishDeps) {}

  async link(caller: Principal, channelKey: string, name: string | null = null): Promise<ChannelLink> {
    return linkChannel(this.deps, caller, channelKey, name);
  }

  /** the round's goal cards as posted in the channel (for the personal chat), one per KF goal + economic */
  async goalCards(year: number, tertial: Tertial): Promise<OutgoingCard[]> {
    const round = await this.deps.assessments.roundAssessments(year, tertial);
    return this.deps.cards.round(round, this.deps.clock.now().toISOString(), null).filter((c) => c.key !== 'summary').map((c) => c.card);
  }

  /** the card (as in the channel) holding one goal of a round the caller holds; with `editing`, that goal's form open with a refusal */
  goalCardIn(round: RoundAssessments, goalRef: string, editing?: GoalCardEditing): OutgoingCard | null {
    const view = round.goals.find((g) => g.goal.ref === goalRef);
    if (!view) return null;
    const key = goalCardKey(view);
    return this.deps.cards.round(round, this.deps.clock.now().toISOString(), null, editing).find((c) => c.key === key)?.card ?? null;
  }

  async currentLink(): Promise<ChannelLink | null> {
    return this.deps.publications.getLink();
  }

  /** posts the round's cards, or updates the ones already posted */
  async publish(caller: Principal, year: number, tertial: Tertial): Promise<PublishResult> {
    requireAccess(caller, 'round.publish');
    const link = await this.deps.publications.getLink();
    if (!link) {
      throw new TertialError(
        'not-found',
        'Ingen ledningsgruppskanal är kopplad. Skriv ”@Tertial ledningsgrupp” i kanalen, eller: tertial ledningsgrupp --channel NYCKEL',
      );
    }
    const round = await this.deps.assessments.roundAssessments(year, tertial);
    const now = this.deps.clock.now().toISOString();
    const until = new Date(this.deps.clock.now().getTime() + LEASE_MS).toISOString();
    if (!(await this.deps.publications.acquireLease(round.roundId, link.channelKey, this.holder, until, now))) {
      throw new TertialError('conflict', `En publicering av ${round.roundId} pågår redan; försök igen om en stund`);
    }
    try {
      return await this.publishLeased(caller, round, link, now);
    } finally {
      await this.deps.publications.releaseLease(round.roundId, link.channelKey, this.holder);
    }
  }

  /**
   * At a scheduler tick: publishes every round that has closed (by an admin or by its deadline and
   * grace period) within the last `withinDays` days and has not been published since it closed.
   * Rounds created by importing results from an earlier system are history and never published here.
   */
  async publishClosedRounds(rounds: RoundRepository, withinDays = 30): Promise<PublishResult[]> {
    const link = await this.deps.publications.getLink();
    if (!link) return [];
    const now = this.deps.clock.now();
    const results: PublishResult[] = [];
    for (const round of await rounds.list()) {
      if (round.source === 'import' || round.state === 'cancelled' || roundPhase(round, now) !== 'closed') continue;
      const closedAt = round.closedAt ? new Date(round.closedAt) : closesAt(round);
      if (now.getTime() - closedAt.getTime() > withinDays * 86_400_000) continue;
      const published = (await this.deps.publications.get(round.id, link.channelKey))?.publishedAt;
      if (published && new Date(published) >= closedAt) continue;
      try {
        results.push(await this.publish(SYSTEM_CALLER, round.year, round.tertial));
      } catch (err) {
        this.log.warn({ err, round: round.id }, 'publishing a closed round failed; the next tick tries again');
      }
    }
    return results;
  }

  private async publishLeased(caller: Principal, round: RoundAssessments, link: ChannelLink, now: string): Promise<PublishResult> {
    const { year, tertial } = round;
    const cards = this.deps.cards.round(round, now, this.deps.reportUrl?.(year, tertial) ?? null);
    let publication = await this.deps.publications.get(round.roundId, link.channelKey);
    const result: PublishResult = { roundId: round.roundId, channelKey: link.channelKey, posted: [], updated: [], failed: [] };

    let root: string | null = null;
    for (const { key, card } of cards) {
      if (key !== 'summary' && root === null) {
        result.failed.push({ key, reason: 'sammanfattningen kunde inte publiceras' });
        continue;
      }
      const replyToId = key === 'summary' ? null : root;
      const outcome = await this.upsert(round.roundId, link.channelKey, key, card, replyToId, publication);
      publication = outcome.publication;
      if (outcome.kind === 'failed') result.failed.push({ key, reason: outcome.reason });
      else {
        (outcome.kind === 'posted' ? result.posted : result.updated).push(key);
        if (key === 'summary') root = outcome.activityId;
      }
    }
    await this.deps.publications.markPublished(round.roundId, link.channelKey, caller.actor, now);
    this.log.info({ round: round.roundId, posted: result.posted.length, updated: result.updated.length, failed: result.failed.length }, 'round published');
    this.deps.metrics?.publish(result.failed.length === 0 ? 'published' : 'failed', round.roundId);
    return result;
  }

  /**
   * After a decision: updates that goal's card AND the round's summary card in the channel, if the
   * round is published there (no new posts), so the summary's counts always agree with the goal cards
   * and the report. `known`: the round as the caller holds it after the decision, so it is not read
   * again. True when the goal's card was updated.
   */
  async refreshGoal(year: number, tertial: Tertial, goalRef: string, known?: RoundAssessments): Promise<boolean> {
    const link = await this.deps.publications.getLink();
    if (!link) return false;
    const round = known && known.year === year && known.tertial === tertial ? known : await this.deps.assessments.roundAssessments(year, tertial);
    let publication = await this.deps.publications.get(round.roundId, link.channelKey);
    if (!publication) return false;
    const goal = round.goals.find((g) => g.goal.ref === goalRef);
    if (!goal) return false;
    const now = this.deps.clock.now().toISOString();
    const cards = this.deps.cards.round(round, publication.publishedAt ?? now, this.deps.reportUrl?.(year, tertial) ?? null);
    let goalUpdated = false;
    for (const key of [goalCardKey(goal), 'summary'] as const) {
      const posted: PostedCard | undefined = publication.posts[key];
      const card = cards.find((c) => c.key === key);
      if (!posted || !card) continue;
      const res = await this.send(link.channelKey, (options) => this.deps.messenger.updateInChannel(link.channelKey, posted.activityId, card.card, posted.replyToId ?? undefined, options));
      if (res.outcome === 'sent') {
        publication = (await this.deps.publications.recordPost(round.roundId, link.channelKey, key, { ...posted, updatedAt: this.deps.clock.now().toISOString() })) ?? publication;
        if (key !== 'summary') goalUpdated = true;
      } else {
        this.log.warn({ key, outcome: res }, 'could not refresh a card after a decision');
      }
    }
    return goalUpdated;
  }

  private async upsert(
    roundId: string,
    channelKey: string,
    key: CardKey,
    card: OutgoingCard,
    replyToId: string | null,
    publication: RoundPublication | null,
  ): Promise<{ kind: 'posted' | 'updated'; activityId: string; publication: RoundPublication | null } | { kind: 'failed'; reason: string; publication: RoundPublication | null }> {
    const now = () => this.deps.clock.now().toISOString();
    const existing = publication?.posts[key];
    // a goal card lives in the summary's thread: if the summary was posted anew, so is the goal card
    if (existing && existing.replyToId === replyToId) {
      const res = await this.send(channelKey, (options) => this.deps.messenger.updateInChannel(channelKey, existing.activityId, card, replyToId ?? undefined, options));
      if (res.outcome === 'sent') {
        const p = await this.deps.publications.recordPost(roundId, channelKey, key, { ...existing, updatedAt: now() });
        return { kind: 'updated', activityId: existing.activityId, publication: p };
      }
      const gone = (res.outcome === 'unreachable' || res.outcome === 'failed') && res.status === 404;
      if (!gone) return { kind: 'failed', reason: describe(res), publication };
      this.log.warn({ key, activityId: existing.activityId }, 'posted card is gone (404): posting it anew');
    }
    const res = await this.send(channelKey, (options) => this.deps.messenger.postToChannel(channelKey, card, replyToId ?? undefined, options));
    if (res.outcome !== 'sent') return { kind: 'failed', reason: describe(res), publication };
    // recorded before the next send: a crash after this point never posts this card twice
    const p = await this.deps.publications.recordPost(roundId, channelKey, key, { activityId: res.activityId, replyToId, postedAt: now(), updatedAt: now() });
    return { kind: 'posted', activityId: res.activityId, publication: p };
  }

  /** one card to the channel: paced by the app's pacer, retried under the retry policy */
  private send(channelKey: string, attempt: (options: SendOptions | undefined) => Promise<SendResult>): Promise<SendResult> {
    const { pacer, messenger, timer } = this.deps;
    return withRetries(this.deps.retry ?? DEFAULT_RETRY_POLICY, timer, () => pacer.call(messenger, channelKey, attempt));
  }
}

function describe(res: SendResult): string {
  return res.outcome === 'sent' ? 'sent' : `${res.outcome}${res.status ? ` ${res.status}` : ''}: ${res.reason}`;
}
