/**
 * Rounds: create, update, cancel, close, list. Validation in round-rules.ts; every refusal is a
 * ValidationError (code 'invalid-input') or TertialError naming what is wrong, and changes nothing.
 */
import type { Actor, Round } from '../domain/model';
import { roundId } from '../domain/model';
import { catalogued } from '../errors';
import type { Clock } from '../ports/clock';
import type { RoundRepository } from '../ports/repositories';
import { DEFAULT_GRACE_DAYS, DEFAULT_SEND_TIME, DEFAULT_WAVES, roundPhase, type RoundPhase } from './round-calendar';
import { checkRoundSettings, type RoundSettings } from './round-rules';
import { roundNotes } from './round-notes';
import { loadRoundProgress, type ProgressDeps, type RoundProgress } from './round-progress';
import { stockholmDate } from './stockholm-time';

export interface RoundServiceDeps {
  rounds: RoundRepository;
  clock: Clock;
  /** what progress() and notes() read besides the round; without it, they are unavailable */
  progress?: Omit<ProgressDeps, 'rounds' | 'clock'>;
}

export interface CreateRoundInput {
  year: number;
  tertial: number;
  deadline: string;
  waves?: number[];
  sendTime?: string;
  graceDays?: number;
}

export type UpdateRoundInput = Partial<Pick<RoundSettings, 'deadline' | 'waves' | 'sendTime' | 'graceDays'>>;

export interface RoundView extends Round {
  phase: RoundPhase;
}

export class RoundService {
  constructor(private readonly deps: RoundServiceDeps) {}

  private today(): string {
    return stockholmDate(this.deps.clock.now());
  }

  private validate(input: CreateRoundInput): RoundSettings {
    const checked = checkRoundSettings(
      {
        year: input.year,
        tertial: input.tertial,
        deadline: input.deadline,
        waves: input.waves ?? [...DEFAULT_WAVES],
        sendTime: input.sendTime ?? DEFAULT_SEND_TIME,
        graceDays: input.graceDays ?? DEFAULT_GRACE_DAYS,
      },
      this.today(),
    );
    if (!checked.ok) throw catalogued('round.invalid', { problems: checked.problems.join('; ') }, checked.problems);
    return checked.value;
  }

  async create(input: CreateRoundInput, _by?: Actor): Promise<Round> {
    const s = this.validate(input);
    const round: Round = {
      id: roundId(s.year, s.tertial),
      year: s.year,
      tertial: s.tertial,
      deadline: s.deadline,
      waves: s.waves,
      sendTime: s.sendTime,
      graceDays: s.graceDays,
      state: 'scheduled',
      closedAt: null,
      createdAt: this.deps.clock.now().toISOString(),
      source: 'scheduled',
    };
    return this.deps.rounds.create(round);
  }

  async get(year: number, tertial: number): Promise<Round> {
    const id = roundId(year, tertial);
    const round = await this.deps.rounds.get(id);
    if (!round) throw catalogued('round.not-found', { year, tertial });
    return round;
  }

  async list(): Promise<RoundView[]> {
    const now = this.deps.clock.now();
    return (await this.deps.rounds.list()).map((r) => ({ ...r, phase: roundPhase(r, now) }));
  }

  /** who reported, who is missing, each reminder delivery and unreachable owners */
  async progress(year: number, tertial: number): Promise<RoundProgress> {
    if (!this.deps.progress) throw new Error('RoundService was built without the repositories progress() reads');
    return loadRoundProgress({ ...this.deps.progress, rounds: this.deps.rounds, clock: this.deps.clock }, year, tertial);
  }

  /** what the admin scheduling a round should know: no plan for its year yet, waves that fall on the same day (round-notes.ts) */
  async notes(round: Pick<Round, 'year' | 'deadline' | 'waves' | 'sendTime'>): Promise<string[]> {
    if (!this.deps.progress) throw new Error('RoundService was built without the repositories notes() reads');
    return roundNotes(round, (await this.deps.progress.plans.get(round.year)) !== null);
  }

  /** changes deadline, waves, time or grace of a scheduled round; re-validated as a whole */
  async update(year: number, tertial: number, change: UpdateRoundInput): Promise<Round> {
    const current = await this.get(year, tertial);
    const check = (r: Round): Round => {
      if (r.state !== 'scheduled') throw catalogued('round.not-changeable', { year: r.year, tertial: r.tertial, state: r.state === 'closed' ? 'stängd' : 'inställd' });
      const s = this.validate({
        year: r.year,
        tertial: r.tertial,
        deadline: change.deadline ?? r.deadline,
        waves: change.waves ?? r.waves,
        sendTime: change.sendTime ?? r.sendTime,
        graceDays: change.graceDays ?? r.graceDays,
      });
      return { ...r, deadline: s.deadline, waves: s.waves, sendTime: s.sendTime, graceDays: s.graceDays };
    };
    check(current); // fail before writing
    return this.deps.rounds.update(current.id, check);
  }

  /** closes the round now: no more reminders, no more reports. Closing a closed round is a no-op. */
  async close(year: number, tertial: number): Promise<Round> {
    const current = await this.get(year, tertial);
    if (current.state === 'cancelled') throw catalogued('round.cancelled', { year: current.year, tertial: current.tertial });
    if (current.state === 'closed') return current;
    const at = this.deps.clock.now().toISOString();
    return this.deps.rounds.update(current.id, (r) => (r.state === 'scheduled' ? { ...r, state: 'closed', closedAt: at } : r));
  }

  /** cancels a round that is not closed: it never opens (or stops), nothing is sent for it any more */
  async cancel(year: number, tertial: number): Promise<Round> {
    const current = await this.get(year, tertial);
    if (current.state === 'closed') throw catalogued('round.already-closed', { year: current.year, tertial: current.tertial });
    if (current.state === 'cancelled') return current;
    const at = this.deps.clock.now().toISOString();
    return this.deps.rounds.update(current.id, (r) => (r.state === 'scheduled' ? { ...r, state: 'cancelled', closedAt: at } : r));
  }
}
