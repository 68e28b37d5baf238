/**
 * Measures of a year: importing definitions and outcomes from CSV (all or nothing), entering one
 * outcome (an admin at the CLI, or the measure's owner), and the CSV export. Every outcome change
 * appends a version with who and when; an identical value and comment adds nothing.
 */
import { requireAccess, type Principal } from '../access/access-policy';
import type { Actor, Measure, MeasureOutcome, MeasureValue, Plan } from '../domain/model';
import { ValidationError } from '../errors';
import { decodeUtf8 } from '../import/text-input';
import type { Clock } from '../ports/clock';
import type { Repositories } from '../ports';
import { measureValueFromText, parseMeasureCsv, writeMeasureCsv, type MeasureCsv } from './measure-csv';
import { formatMeasureValue, parsePeriod, periodsForRound } from './measure-values';
import type { Round } from '../domain/model';

/** One measure an owner reports in a round: its definition, the period asked for, the outcome so far and the last earlier one. */
export interface OwnerMeasure {
  measure: Measure;
  /** the period the round asks for: the tertial's ('2026-T2'); at T3 the year's ('2026') */
  period: string;
  /** the outcome of that period, if reported */
  current: MeasureOutcome | null;
  /** the latest outcome of an earlier period this year, for comparison */
  last: MeasureOutcome | null;
}

/** one outcome as entered: the value as text (decimal comma) or a number; null or '' removes it */
export interface OutcomeInput {
  year: number;
  ref: string;
  period: string;
  value: string | number | null;
  comment?: string | null;
  source: 'teams' | 'cli';
  substituteIds?: readonly string[];
}

export interface MeasureImportResult {
  year: number;
  measures: { added: number; updated: number; unchanged: number };
  outcomes: { added: number; unchanged: number };
}

/** A year's live measures with their goal's title and every period's current outcome, as the tab lists them. */
export interface MeasuresOverview {
  /** the plan's year; null when there is no plan */
  year: number | null;
  measures: (Measure & {
    goalTitle: string;
    /** by period, ascending */
    outcomes: { period: string; value: MeasureValue | null; comment: string | null; by: string; at: string }[];
  })[];
}

export const MAX_OUTCOME_COMMENT = 4000;

async function requirePlan(repos: Pick<Repositories, 'plans'>, year: number): Promise<Plan> {
  const plan = await repos.plans.get(year);
  if (!plan) throw new ValidationError(`Det finns ingen plan för ${year}; importera planen först (no plan for ${year})`, [`år ${year}: ingen plan`]);
  return plan;
}

/** a value as the measure's kind wants it, or a Swedish problem */
function valueFor(m: Pick<Measure, 'kind' | 'name'>, raw: string): MeasureValue | string {
  const v = measureValueFromText(m.kind, raw);
  if (v === null) return m.kind === 'number' ? `"${raw}" är inget tal (${m.name} mäts i tal; decimalkomma, t.ex. 9,32)` : `värdet saknas`;
  return v;
}

/** The plan's measures with the CSV's definitions applied, and every problem found on the way. */
function mergeDefinitions(plan: Plan, csv: MeasureCsv, ownerIdOf: (text: string) => string | null): { measures: Measure[]; problems: string[]; added: number; updated: number } {
  const problems: string[] = [];
  const byRef = new Map((plan.measures ?? []).map((m) => [m.ref, { ...m }]));
  const liveGoals = new Map(plan.goals.filter((g) => !g.archived).map((g) => [g.ref, g]));
  const touched = new Map<string, number>();
  let added = 0;
  let updated = 0;
  const before = new Map((plan.measures ?? []).map((m) => [m.ref, JSON.stringify(m)]));
  for (const d of csv.definitions) {
    const at = `rad ${d.line}, mått ${d.ref}`;
    let m = byRef.get(d.ref);
    if (m?.archived) {
      problems.push(`${at}: måttet är arkiverat i planen för ${csv.year}`);
      continue;
    }
    if (!m) {
      const missing = (['goalRef', 'name', 'kind'] as const).filter((k) => d[k] === undefined);
      if (missing.length > 0) {
        problems.push(`${at}: ett nytt mått behöver ${missing.map((k) => ({ goalRef: 'goal_ref', name: 'name', kind: 'kind' })[k]).join(', ')}`);
        continue;
      }
      m = { year: csv.year, ref: d.ref, goalRef: d.goalRef!, name: d.name!, unit: '', kind: d.kind!, direction: null, baseline: null, target: null, ownerId: null, order: byRef.size, archived: false };
      byRef.set(d.ref, m);
      added++;
    }
    if (touched.has(d.ref) && d.line !== touched.get(d.ref)) {
      // a later row may repeat the definition; if it says something else, that is a problem
      const first = touched.get(d.ref)!;
      const differs = (d.goalRef !== undefined && d.goalRef !== m.goalRef) || (d.name !== undefined && d.name !== m.name) || (d.kind !== undefined && d.kind !== m.kind);
      if (differs) problems.push(`${at}: definitionen skiljer sig från rad ${first}`);
    }
    touched.set(d.ref, touched.get(d.ref) ?? d.line);
    if (d.goalRef !== undefined) m.goalRef = d.goalRef;
    if (d.name !== undefined) m.name = d.name;
    if (d.unit !== undefined) m.unit = d.unit;
    if (d.kind !== undefined) m.kind = d.kind;
    if (d.direction !== undefined) m.direction = d.direction;
    if (m.kind === 'text') m.direction = null;
    if (!liveGoals.has(m.goalRef)) problems.push(`${at}, fält "goal_ref": målet ${m.goalRef} finns inte i planen för ${csv.year}`);
    if (m.kind === 'number' && m.direction === null) problems.push(`${at}, fält "direction": ett mått med tal behöver higher eller lower`);
    if (d.baseline) {
      const v = valueFor(m, d.baseline.raw);
      if (typeof v === 'string' && m.kind === 'number') problems.push(`${at}, fält "baseline_value": ${v}`);
      else m.baseline = { period: d.baseline.period, value: v };
    }
    if (d.target !== undefined) {
      const v = valueFor(m, d.target);
      if (typeof v === 'string' && m.kind === 'number') problems.push(`${at}, fält "target": ${v}`);
      else m.target = { value: v };
    }
    if (d.owner !== undefined) {
      const id = ownerIdOf(d.owner);
      if (!id) problems.push(`${at}, fält "owner": ${d.owner} finns inte bland ägarna (aadObjectId eller e-post)`);
      else m.ownerId = id;
    }
  }
  for (const [ref, json] of before) if (touched.has(ref) && JSON.stringify(byRef.get(ref)) !== json) updated++;
  return { measures: [...byRef.values()], problems, added, updated };
}

export class MeasureService {
  constructor(private readonly deps: { repos: Repositories; clock: Clock }) {}

  /** A measures CSV: definitions into the plan, outcomes appended. Everything is checked before anything is written. */
  async importCsv(principal: Principal, bytes: Uint8Array): Promise<MeasureImportResult> {
    requireAccess(principal, 'plan.import');
    const csv = parseMeasureCsv(decodeUtf8(bytes, 'mått-filen'));
    const { repos } = this.deps;
    const plan = await requirePlan(repos, csv.year);
    const owners = await repos.owners.list();
    const ownerIdOf = (text: string) =>
      owners.find((o) => o.aadObjectId === text || (o.email !== null && o.email.toLowerCase() === text.toLowerCase()))?.aadObjectId ?? null;
    const merged = mergeDefinitions(plan, csv, ownerIdOf);
    const problems = [...merged.problems];
    const measures = new Map(merged.measures.map((m) => [m.ref, m]));
    const values = csv.outcomes.map((o) => {
      const m = measures.get(o.ref);
      if (!m || m.archived) {
        problems.push(`rad ${o.line}, mått ${o.ref}: finns inte i planen för ${csv.year} (lägg till goal_ref, name och kind för ett nytt mått)`);
        return null;
      }
      const v = valueFor(m, o.raw);
      if (typeof v === 'string' && m.kind === 'number') {
        problems.push(`rad ${o.line}, mått ${o.ref}, fält "value": ${v}`);
        return null;
      }
      return v;
    });
    if (problems.length > 0) {
      throw new ValidationError(`Mått-CSV:n innehåller ${problems.length} fel; inget har ändrats (nothing was changed)`, problems);
    }
    const result: MeasureImportResult = { year: csv.year, measures: { added: merged.added, updated: merged.updated, unchanged: 0 }, outcomes: { added: 0, unchanged: 0 } };
    result.measures.unchanged = new Set(csv.definitions.map((d) => d.ref)).size - merged.added - merged.updated;
    if (merged.added + merged.updated > 0) {
      await repos.plans.save({
        ...plan,
        goals: plan.goals.filter((g) => !g.archived),
        activities: plan.activities.filter((a) => !a.archived),
        measures: merged.measures.filter((m) => !m.archived),
      });
    }
    const existing = new Map((await repos.outcomes.listByYear(csv.year)).map((o) => [`${o.measureRef}|${o.period}`, o.current]));
    const at = this.deps.clock.now().toISOString();
    for (const [i, o] of csv.outcomes.entries()) {
      const value = values[i]!;
      const current = existing.get(`${o.ref}|${o.period}`);
      if (current && current.value === value && current.comment === o.comment) {
        result.outcomes.unchanged++;
        continue;
      }
      await repos.outcomes.append(csv.year, o.ref, o.period, { value, comment: o.comment, by: principal.actor, at, source: 'import' });
      result.outcomes.added++;
    }
    return result;
  }

  /** One outcome, entered by an admin (CLI) or the measure's owner or their substitute (Teams). */
  async setOutcome(principal: Principal, input: OutcomeInput): Promise<MeasureOutcome> {
    return (await this.saveOutcome(principal, input)).outcome;
  }

  /** setOutcome, with the saved value as people read it ('9,32 %'; '–' when the outcome was removed) */
  async setOutcomeShown(principal: Principal, input: OutcomeInput): Promise<{ outcome: MeasureOutcome; shownValue: string }> {
    const { measure, outcome } = await this.saveOutcome(principal, input);
    return { outcome, shownValue: formatMeasureValue(measure, outcome.current.value) };
  }

  private async saveOutcome(principal: Principal, input: OutcomeInput): Promise<{ measure: Measure; outcome: MeasureOutcome }> {
    const plan = await requirePlan(this.deps.repos, input.year);
    const m = (plan.measures ?? []).find((x) => x.ref === input.ref && !x.archived);
    if (!m) throw new ValidationError(`Måttet ${input.ref} finns inte i planen för ${input.year}`, [`mått: ${input.ref} finns inte`]);
    requireAccess(principal, 'measure.report', { ownerId: m.ownerId ?? '', substituteIds: input.substituteIds ?? [] });
    const period = parsePeriod(input.period);
    if (!period || period.year !== input.year) {
      throw new ValidationError(`Perioden "${input.period}" hör inte till ${input.year} (YYYY eller YYYY-T1..T3)`, [`period: "${input.period}"`]);
    }
    let value: MeasureValue | null = null;
    if (input.value !== null && input.value !== '') {
      const v = typeof input.value === 'number' ? (m.kind === 'number' ? input.value : String(input.value)) : valueFor(m, input.value);
      if (typeof v === 'string' && m.kind === 'number') throw new ValidationError(`Ogiltigt utfall för ${m.name}: ${v}`, [`värde: ${v}`]);
      value = v;
    }
    const comment = input.comment?.trim() || null;
    if (comment && comment.length > MAX_OUTCOME_COMMENT) {
      throw new ValidationError(`Kommentaren är ${comment.length} tecken; högst ${MAX_OUTCOME_COMMENT}`, [`kommentar: ${comment.length} tecken`]);
    }
    const current = await this.deps.repos.outcomes.get(input.year, m.ref, input.period);
    if (current && current.current.value === value && current.current.comment === comment) return { measure: m, outcome: current };
    const by: Actor = principal.actor;
    const outcome = await this.deps.repos.outcomes.append(input.year, m.ref, input.period, { value, comment, by, at: this.deps.clock.now().toISOString(), source: input.source });
    return { measure: m, outcome };
  }

  /** the measures this person reports in the round (their own), with the period asked for and the outcomes so far */
  async measuresFor(ownerId: string, round: Pick<Round, 'year' | 'tertial'>): Promise<OwnerMeasure[]> {
    const plan = await this.deps.repos.plans.get(round.year);
    const mine = (plan?.measures ?? []).filter((m) => !m.archived && m.ownerId === ownerId).sort((a, b) => a.order - b.order);
    if (mine.length === 0) return [];
    const outcomes = await this.deps.repos.outcomes.listByYear(round.year);
    const period = periodsForRound(round.year, round.tertial)[0]!;
    return mine.map((measure) => {
      const own = outcomes.filter((o) => o.measureRef === measure.ref && o.current.value !== null);
      const earlier = own.filter((o) => o.period !== period).sort((a, b) => (a.current.at < b.current.at ? 1 : -1));
      return { measure, period, current: own.find((o) => o.period === period) ?? null, last: earlier[0] ?? null };
    });
  }

  /** the plan's live measures by goal and order, each with its outcomes (the plan as the view chose it) */
  async overview(plan: Plan | null): Promise<MeasuresOverview> {
    if (!plan) return { year: null, measures: [] };
    const outcomes = await this.deps.repos.outcomes.listByYear(plan.meta.year);
    const goals = new Map(plan.goals.map((g) => [g.ref, g.title]));
    return {
      year: plan.meta.year,
      measures: (plan.measures ?? [])
        .filter((m) => !m.archived)
        .sort((a, b) => a.goalRef.localeCompare(b.goalRef, 'sv', { numeric: true }) || a.order - b.order)
        .map((m) => ({
          ...m,
          goalTitle: goals.get(m.goalRef) ?? '',
          outcomes: outcomes
            .filter((o) => o.measureRef === m.ref)
            .map((o) => ({ period: o.period, value: o.current.value, comment: o.current.comment, by: o.current.by.name, at: o.current.at }))
            .sort((a, b) => a.period.localeCompare(b.period)),
        })),
    };
  }

  /** the year's measures and current outcomes as the CSV Excel opens */
  async exportCsv(year: number): Promise<string> {
    const plan = await requirePlan(this.deps.repos, year);
    const [outcomes, owners] = await Promise.all([this.deps.repos.outcomes.listByYear(year), this.deps.repos.owners.list()]);
    const email = new Map(owners.map((o) => [o.aadObjectId, o.email]));
    return writeMeasureCsv(year, plan.measures ?? [], outcomes, (id) => email.get(id) ?? null);
  }
}
