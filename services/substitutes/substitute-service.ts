/**
 * Substitutes: an owner away for a round hands one activity or all theirs to a colleague, or an admin
 * does it for them; the owner (or an admin) takes it back. Stored on the round under its ETag, so two
 * changes at once never lose one. Who may is the access policy's 'substitute.assign'.
 */
import { requireAccess, type Principal } from '../access/access-policy';
import type { Round, Substitution } from '../domain/model';
import type { HandoverChoices } from '../domain/owner-views';
import { roundLabel } from '../domain/vocabulary';
import { TertialError, ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { Repositories } from '../ports';
import type { ConversationRepository } from '../ports/conversations';
import { ownsActivity } from '../owners/ownership';
import { roundPhase } from '../rounds/round-calendar';

export interface DelegateInput {
  roundId: string;
  ownerId: string;
  substituteId: string;
  /** the substitute's name as the person picker gives it; else the owner list's */
  substituteName?: string | null;
  /** one activity; absent or null: every activity of the owner */
  activityRef?: string | null;
}

export type { HandoverChoices };

export class SubstituteService {
  constructor(
    private readonly deps: {
      repos: Pick<Repositories, 'rounds' | 'plans' | 'owners'>;
      clock: Clock;
      /** names people who are no owners (picked in Teams' person picker) by their chat with the bot */
      conversations?: Pick<ConversationRepository, 'getUser'>;
    },
  ) {}

  /** the round a handover is for: the open one (newest), else the next one coming */
  async roundForHandover(): Promise<Round | null> {
    const now = this.deps.clock.now();
    const rounds = await this.deps.repos.rounds.list();
    const open = rounds.filter((r) => roundPhase(r, now) === 'open').sort((a, b) => b.id.localeCompare(a.id));
    if (open.length > 0) return open[0]!;
    return rounds.filter((r) => roundPhase(r, now) === 'upcoming').sort((a, b) => a.id.localeCompare(b.id))[0] ?? null;
  }

  /** the round, the owner's activities, their handovers in force and the colleagues to pick; refused like delegate() */
  async handoverChoices(principal: Principal, ownerId: string): Promise<HandoverChoices> {
    const owner = await this.deps.repos.owners.get(ownerId);
    requireAccess(principal, 'substitute.assign', { ownerId, ownerName: owner?.name ?? null });
    const round = await this.roundForHandover();
    const plan = round ? await this.deps.repos.plans.get(round.year) : null;
    const people = (await this.deps.repos.owners.list()).filter((o) => o.aadObjectId !== ownerId && !o.removed).map((o) => ({ id: o.aadObjectId, name: o.name }));
    return {
      round,
      owner: { id: ownerId, name: owner?.name ?? ownerId },
      activities: owner && plan ? plan.activities.filter((a) => !a.archived && ownsActivity(owner, a)).map((a) => ({ ref: a.ref, title: a.title })) : [],
      active: round ? (await this.list(round.id)).active.filter((s) => s.ownerId === ownerId) : [],
      people: people.sort((a, b) => a.name.localeCompare(b.name, 'sv')),
    };
  }

  private async openOrUpcoming(roundId: string): Promise<Round> {
    const round = await this.deps.repos.rounds.get(roundId);
    if (!round) throw new ValidationError(`Omgången ${roundId} finns inte`, [`omgång: ${roundId} finns inte`]);
    const phase = roundPhase(round, this.deps.clock.now());
    if (phase === 'closed' || phase === 'cancelled') {
      throw new TertialError('invalid-input', `Omgången ${roundLabel(round.id)} är ${phase === 'closed' ? 'stängd' : 'inställd'}; en ersättare gäller bara en pågående eller kommande omgång.`);
    }
    return round;
  }

  /** hands the owner's activity (or all of them) to the substitute for the round */
  async delegate(principal: Principal, input: DelegateInput): Promise<Substitution> {
    const owner = await this.deps.repos.owners.get(input.ownerId);
    requireAccess(principal, 'substitute.assign', { ownerId: input.ownerId, ownerName: owner?.name ?? null });
    if (!owner) throw new ValidationError(`Ägaren ${input.ownerId} finns inte`, [`ägare: ${input.ownerId} finns inte`]);
    if (input.substituteId === input.ownerId) throw new ValidationError('Ägaren kan inte vara sin egen ersättare', ['ersättare: samma person som ägaren']);
    const round = await this.openOrUpcoming(input.roundId);
    const plan = await this.deps.repos.plans.get(round.year);
    const activityRef = input.activityRef?.trim() || null;
    if (activityRef) {
      const activity = plan?.activities.find((a) => a.ref === activityRef && !a.archived);
      if (!activity || !ownsActivity(owner, activity)) {
        throw new ValidationError(`${owner.name} äger inte aktivitet ${activityRef} i planen för ${round.year}`, [`aktivitet: ${activityRef}`]);
      }
    } else if (!plan || !plan.activities.some((a) => !a.archived && ownsActivity(owner, a))) {
      throw new ValidationError(`${owner.name} har inga aktiviteter i planen för ${round.year}`, ['ägare: inga aktiviteter']);
    }
    const known = await this.deps.repos.owners.get(input.substituteId);
    const substituteName = input.substituteName?.trim() || known?.name || (await this.deps.conversations?.getUser(input.substituteId))?.name;
    if (!substituteName) {
      throw new ValidationError('Ersättaren är okänd för Tertial: välj en kollega som har Tertial, eller be en administratör ange namnet (tertial substitute set --name)', ['ersättare: okänd person']);
    }
    const now = this.deps.clock.now().toISOString();
    const substitution: Substitution = {
      ownerId: owner.aadObjectId,
      ownerName: owner.name,
      substituteId: input.substituteId,
      substituteName,
      activityRef,
      by: principal.actor,
      at: now,
      endedAt: null,
      endedBy: null,
    };
    await this.deps.repos.rounds.update(round.id, (current) => {
      // a new handover of the same scope replaces the one in force (ended, kept as history)
      const list = (current.substitutions ?? []).map((s) =>
        s.ownerId === substitution.ownerId && s.endedAt === null && (s.activityRef === activityRef || activityRef === null) ? { ...s, endedAt: now, endedBy: principal.actor } : s,
      );
      return { ...current, substitutions: [...list, substitution] };
    });
    return substitution;
  }

  /** the owner takes back one activity or (activityRef absent) everything they handed over; returns how many ended */
  async takeBack(principal: Principal, input: { roundId: string; ownerId: string; activityRef?: string | null }): Promise<Substitution[]> {
    const owner = await this.deps.repos.owners.get(input.ownerId);
    requireAccess(principal, 'substitute.assign', { ownerId: input.ownerId, ownerName: owner?.name ?? null });
    const round = await this.deps.repos.rounds.get(input.roundId);
    if (!round) throw new ValidationError(`Omgången ${input.roundId} finns inte`, [`omgång: ${input.roundId} finns inte`]);
    const activityRef = input.activityRef?.trim() || null;
    const now = this.deps.clock.now().toISOString();
    let ended: Substitution[] = [];
    await this.deps.repos.rounds.update(round.id, (current) => {
      ended = [];
      const list = (current.substitutions ?? []).map((s) => {
        if (s.ownerId !== input.ownerId || s.endedAt !== null || (activityRef !== null && s.activityRef !== activityRef)) return s;
        const done = { ...s, endedAt: now, endedBy: principal.actor };
        ended.push(done);
        return done;
      });
      return { ...current, substitutions: list };
    });
    if (ended.length === 0) throw new ValidationError(`${owner?.name ?? input.ownerId} har ingen ersättare${activityRef ? ` för ${activityRef}` : ''} i ${roundLabel(round.id)}`, ['ersättare: ingen att ta tillbaka']);
    return ended;
  }

  /** the substitutions of a round: in force now, and all (history) */
  async list(roundId: string): Promise<{ round: Round; active: Substitution[]; all: Substitution[] }> {
    const round = await this.deps.repos.rounds.get(roundId);
    if (!round) throw new ValidationError(`Omgången ${roundId} finns inte`, [`omgång: ${roundId} finns inte`]);
    const phase = roundPhase(round, this.deps.clock.now());
    const all = round.substitutions ?? [];
    // in force: not taken back, in a round that has not ended (rights to report follow the round being open)
    const active = phase === 'closed' || phase === 'cancelled' ? [] : all.filter((s) => s.endedAt === null);
    return { round, active, all };
  }
}
