/**
 * The parts of a tertial-export/1 document that keep a restore from repeating what already happened in
 * Teams: where people and channels are reached (`conversations`), what was posted to the ledningsgrupp
 * channel (`publications`), and which reminders went out (`dispatch`). Restored, the next dispatcher tick
 * sends no reminder again and publishing updates the posted cards instead of posting new ones.
 *
 *   "conversations": { "users": [UserConversation], "channels": [ChannelConversation] }
 *   "publications":  { "link": ChannelLink | null, "rounds": [RoundPublication] }   // lease left out
 *   "dispatch":      { "entries": [OutboxEntry], "waves": [WaveMarker] }
 *
 * Restore rules, like the rest of the export: what is missing is written; what is identical is skipped;
 * a conversation stored with a newer `updatedAt` is kept; a posted card or a delivery that the store
 * already has in a finished state with the same outcome is kept; anything else is a difference that is
 * listed, and then nothing at all is written.
 */
import { z } from 'zod';
import type { ChannelConversation, ConversationReferenceJson, UserConversation } from '../ports/conversations';
import type { OutboxEntry, WaveMarker } from '../ports/outbox';
import { TERMINAL_OUTBOX_STATES } from '../ports/outbox';
import type { ChannelLink, RoundPublication } from '../ports/publications';
import type { Repositories } from '../ports';
import { canonicalJson } from '../plan/plan-compare';
import { describeDifference } from './restore-diff';

export interface ConversationsSection {
  users: UserConversation[];
  channels: ChannelConversation[];
}
export interface PublicationsSection {
  link: ChannelLink | null;
  rounds: RoundPublication[];
}
export interface DispatchSection {
  entries: OutboxEntry[];
  waves: WaveMarker[];
}

const str = z.string();
const nullableStr = z.string().nullable();
const instant = z.string().min(1);
const reference = z.record(z.string(), z.unknown()) as z.ZodType<ConversationReferenceJson>;
const actor = z.object({ id: str, name: str });

export const conversationsSchema = z.object({
  users: z.array(
    z.object({
      aadObjectId: str,
      name: nullableStr,
      tenantId: nullableStr,
      conversationId: str,
      serviceUrl: str,
      reference,
      state: z.enum(['installed', 'unreachable']),
      unreachable: z.object({ reason: str, at: instant }).nullable(),
      updatedAt: instant,
    }),
  ),
  channels: z.array(
    z.object({
      key: str,
      teamId: nullableStr,
      teamName: nullableStr,
      channelName: nullableStr,
      tenantId: nullableStr,
      serviceUrl: str,
      reference,
      state: z.enum(['installed', 'removed']),
      updatedAt: instant,
    }),
  ),
});

const postedCard = z.object({ activityId: str, replyToId: nullableStr, postedAt: instant, updatedAt: instant });

export const publicationsSchema = z.object({
  link: z.object({ channelKey: str, name: nullableStr, linkedBy: actor, linkedAt: instant }).nullable(),
  rounds: z.array(
    z.object({
      roundId: str,
      channelKey: str,
      posts: z.record(z.string(), postedCard),
      publishedAt: z.string().nullable(),
      publishedBy: actor.nullable(),
      lease: z.null(),
    }),
  ),
});

export const dispatchSchema = z.object({
  entries: z.array(
    z.object({
      id: str,
      roundId: str,
      wave: str,
      ownerId: str,
      state: z.enum(['sending', 'backoff', 'sent', 'unreachable', 'failed', 'skipped']),
      leaseOwner: nullableStr,
      leaseUntil: z.string().nullable(),
      leaseGeneration: z.number().optional(),
      retryAt: z.string().nullable().optional(),
      attempts: z.array(
        z.object({ at: instant, outcome: z.enum(['sent', 'unreachable', 'retry', 'failed', 'error']), status: z.number().nullable(), reason: nullableStr }).passthrough(),
      ),
      takeovers: z.number(),
      possibleDuplicate: z.boolean(),
      claimedAt: instant,
      updatedAt: instant,
      sentAt: z.string().nullable(),
      activityId: nullableStr,
      reason: nullableStr,
    }).passthrough(),
  ),
  waves: z.array(z.object({ roundId: str, wave: str, completedAt: instant, recipients: z.number() })),
});

const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** the side-effect sections of a year: conversations of the people in it and every channel; the rounds' publications and deliveries */
export async function exportSideEffects(
  repos: Repositories,
  roundIds: readonly string[],
  people: ReadonlySet<string>,
): Promise<{ conversations: ConversationsSection; publications: PublicationsSection; dispatch: DispatchSection }> {
  const entries: OutboxEntry[] = [];
  const waves: WaveMarker[] = [];
  const rounds: RoundPublication[] = [];
  for (const id of roundIds) {
    const ofRound = await repos.outbox.listRound(id);
    entries.push(...ofRound);
    if (repos.outbox.listWaveMarkers) waves.push(...(await repos.outbox.listWaveMarkers(id)));
    else {
      for (const wave of new Set(ofRound.map((e) => e.wave))) {
        const marker = await repos.outbox.getWaveMarker(id, wave);
        if (marker) waves.push(marker);
      }
    }
    rounds.push(...(await repos.publications.listRound(id)).map((p) => ({ ...p, lease: null })));
  }
  const reached = new Set([...people, ...entries.map((e) => e.ownerId)]);
  const users = repos.conversations ? (await repos.conversations.listUsers()).filter((u) => reached.has(u.aadObjectId)) : [];
  const channels = repos.conversations ? await repos.conversations.listChannels() : [];
  return {
    conversations: { users: users.sort(byKey((u) => u.aadObjectId)), channels: channels.sort(byKey((c) => c.key)) },
    publications: { link: await repos.publications.getLink(), rounds: rounds.sort(byKey((p) => `${p.roundId}\u0000${p.channelKey}`)) },
    // entries in canonical key order: the dispatcher's fields may grow, and a restored entry is written back
    // in the order it was parsed; the export of a restored store is then byte-identical to its source
    dispatch: {
      entries: entries.sort(byKey((e) => `${e.roundId}\u0000${e.id}`)).map((e) => JSON.parse(canonicalJson(e)) as OutboxEntry),
      waves: waves.sort(byKey((w) => `${w.roundId}\u0000${w.wave}`)),
    },
  };
}

export interface SideEffectsCounts {
  conversations: { added: number; unchanged: number };
  publications: { added: number; unchanged: number };
  dispatch: { added: number; unchanged: number };
}

export interface SideEffectsPlan {
  counts: SideEffectsCounts;
  /** one Swedish line per item that differs from the store, with what kind of item it is */
  conflicts: { kind: 'samtal' | 'publiceringar' | 'påminnelser'; line: string }[];
  /** the writes, run only when there is no conflict anywhere in the restore */
  write(): Promise<void>;
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

const OUTBOX_STATE_LABELS: Record<OutboxEntry['state'], string> = {
  sending: 'skickas',
  backoff: 'väntar på nytt försök',
  sent: 'skickad',
  unreachable: 'onåbar',
  failed: 'misslyckad',
  skipped: 'ej behövd',
};

/** compares the sections with the store and prepares their writes; writes nothing itself */
export async function planSideEffectsRestore(
  repos: Repositories,
  sections: { conversations?: ConversationsSection; publications?: PublicationsSection; dispatch?: DispatchSection },
): Promise<SideEffectsPlan> {
  const counts: SideEffectsCounts = { conversations: { added: 0, unchanged: 0 }, publications: { added: 0, unchanged: 0 }, dispatch: { added: 0, unchanged: 0 } };
  const conflicts: SideEffectsPlan['conflicts'] = [];
  const writes: (() => Promise<unknown>)[] = [];

  const conversations = sections.conversations;
  if (conversations && (conversations.users.length > 0 || conversations.channels.length > 0)) {
    const repo = repos.conversations;
    if (!repo) conflicts.push({ kind: 'samtal', line: 'samtal: databasen tar inte emot samtalsreferenser här (conversations not available)' });
    else {
      for (const u of conversations.users) {
        const stored = await repo.getUser(u.aadObjectId);
        if (!stored) {
          writes.push(() => repo.upsertUser(u.aadObjectId, (current) => current ?? u));
          counts.conversations.added++;
        } else if (same(stored, u) || stored.updatedAt >= u.updatedAt) counts.conversations.unchanged++;
        else conflicts.push({ kind: 'samtal', line: describeDifference(`samtal med ${u.name ?? u.aadObjectId} (${u.aadObjectId}), exporten är nyare`, stored, u, ['reference']) });
      }
      for (const c of conversations.channels) {
        const stored = await repo.getChannel(c.key);
        if (!stored) {
          writes.push(() => repo.upsertChannel(c.key, (current) => current ?? c));
          counts.conversations.added++;
        } else if (same(stored, c) || stored.updatedAt >= c.updatedAt) counts.conversations.unchanged++;
        else conflicts.push({ kind: 'samtal', line: describeDifference(`kanal ${c.channelName ?? c.key}, exporten är nyare`, stored, c, ['reference']) });
      }
    }
  }

  const publications = sections.publications;
  if (publications) {
    if (publications.link) {
      const link = publications.link;
      const stored = await repos.publications.getLink();
      if (!stored) {
        writes.push(() => repos.publications.setLink(link));
        counts.publications.added++;
      } else if (stored.channelKey === link.channelKey) counts.publications.unchanged++;
      else conflicts.push({ kind: 'publiceringar', line: describeDifference('ledningsgruppens kanal', stored, link) });
    }
    for (const p of publications.rounds) {
      const stored = await repos.publications.get(p.roundId, p.channelKey);
      const differing = Object.entries(p.posts).filter(([key, post]) => {
        const s = stored?.posts[key];
        return s && (s.activityId !== post.activityId || s.replyToId !== post.replyToId);
      });
      if (differing.length > 0) {
        for (const [key, post] of differing) {
          conflicts.push({ kind: 'publiceringar', line: describeDifference(`publicerat kort ${key} för ${p.roundId} i ${p.channelKey}`, stored!.posts[key]!, post, ['postedAt', 'updatedAt']) });
        }
        continue;
      }
      const missing = Object.entries(p.posts).filter(([key]) => !stored?.posts[key]);
      if (missing.length === 0 && stored) {
        counts.publications.unchanged++;
        continue;
      }
      counts.publications.added++;
      writes.push(async () => {
        for (const [key, post] of missing) await repos.publications.recordPost(p.roundId, p.channelKey, key, post);
        if (p.publishedAt && p.publishedBy && !stored?.publishedAt) await repos.publications.markPublished(p.roundId, p.channelKey, p.publishedBy, p.publishedAt);
      });
    }
  }

  const dispatch = sections.dispatch;
  if (dispatch) {
    for (const e of dispatch.entries) {
      const stored = (await repos.outbox.get(e.roundId, e.id))?.entry ?? null;
      if (!stored) {
        writes.push(() => repos.outbox.claimNew(e));
        counts.dispatch.added++;
      } else if (same(stored, e) || (TERMINAL_OUTBOX_STATES.has(stored.state) && stored.state === e.state && stored.activityId === e.activityId)) {
        counts.dispatch.unchanged++;
      } else {
        conflicts.push({
          kind: 'påminnelser',
          line: `påminnelse ${e.wave} i ${e.roundId} till ${e.ownerId}: databasen ${OUTBOX_STATE_LABELS[stored.state]} (${stored.sentAt ?? stored.updatedAt}), exporten ${OUTBOX_STATE_LABELS[e.state]} (${e.sentAt ?? e.updatedAt})`,
        });
      }
    }
    for (const w of dispatch.waves) {
      if (await repos.outbox.getWaveMarker(w.roundId, w.wave)) counts.dispatch.unchanged++;
      else {
        writes.push(() => repos.outbox.markWaveComplete(w));
        counts.dispatch.added++;
      }
    }
  }

  return {
    counts,
    conflicts,
    write: async () => {
      for (const w of writes) await w();
    },
  };
}
