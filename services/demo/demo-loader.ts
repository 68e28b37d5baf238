/**
 * The demo data `npm start` loads into the embedded store (config.demoData):
 * - the Ånge kommun 2025 plan and its T3 2025 results (demo/ange-2025/, public municipal data),
 * - the demo owners (demo/demo-users.ts, the same as demo/owners.csv),
 * - a plan for the CURRENT year (the 2025 plan with its dates moved to that year, organisation
 *   labelled "(demodata)", activities carrying their owners' units),
 * - a round for the current tertial that is OPEN now: deadline about ten days ahead, default waves,
 *   so the first waves have passed and the bot has something to remind about.
 * Idempotent: running it again (any day) changes nothing; it never overwrites a plan or round that
 * is not the demo's own.
 */
import planDocument from '../../demo/ange-2025/plan.json';
import resultsDocument from '../../demo/ange-2025/t3-results.json';
import { DEMO_SOURCE_YEAR, DEMO_USERS } from '../../demo/demo-users';
import { roundId, type Owner, type Plan, type Round } from '../domain/model';
import type { Tertial } from '../domain/vocabulary';
import { importOwners } from '../import/owners-import';
import { importPlan } from '../import/plan-import';
import { parseResultsDocument } from '../import/results-format';
import { importResults } from '../import/results-import';
import { moduleLogger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { Repositories } from '../ports';
import { samePlanContent } from '../plan/plan-compare';
import { parsePlanDocument, type PlanDocument } from '../plan/plan-format';
import { DEFAULT_GRACE_DAYS, DEFAULT_SEND_TIME, DEFAULT_WAVES } from '../rounds/round-calendar';
import { addDays, isValidIsoDate, stockholmDate } from '../rounds/stockholm-time';
import { previousWorkingDay } from '../rounds/working-days';

export const DEMO_ORGANISATION_LABEL = '(demodata)';
/** days from today to the demo round's deadline */
export const DEMO_DEADLINE_DAYS = 10;

export interface DemoLoadSummary {
  year: number;
  tertial: Tertial;
  roundId: string;
  /** what was written this time; empty when everything was already there */
  written: string[];
}

export function tertialOf(date: string): Tertial {
  const month = Number(date.slice(5, 7));
  return month <= 4 ? 1 : month <= 8 ? 2 : 3;
}

/** the demo owners as stored: a unit each, and their 2025 activities by ref */
export function demoOwners(): Owner[] {
  return DEMO_USERS.map((u) => ({
    aadObjectId: u.aadObjectId,
    name: u.name,
    email: u.email,
    units: [u.unit],
    activities: u.activities.map((ref) => ({ year: DEMO_SOURCE_YEAR, ref })),
  }));
}

function moveDate(date: string | null, years: number): string | null {
  if (date === null) return null;
  const moved = `${Number(date.slice(0, 4)) + years}${date.slice(4)}`;
  return isValidIsoDate(moved) ? moved : addDays(`${moved.slice(0, 8)}01`, 27); // 29 Feb → 28 Feb
}

/** The 2025 plan moved to `year`: dates shifted, organisation labelled demo, units from the demo owners. */
export function demoPlanDocument(year: number): PlanDocument {
  const years = year - DEMO_SOURCE_YEAR;
  const doc = structuredClone(planDocument) as PlanDocument;
  const unitsOf = (ref: string) => DEMO_USERS.filter((u) => u.activities.includes(ref)).map((u) => u.unit);
  const visit = (goals: PlanDocument['goals']) => {
    for (const g of goals) {
      visit(g.children ?? []);
      for (const a of g.activities ?? []) {
        a.start = moveDate(a.start, years);
        a.end = moveDate(a.end, years)!;
        a.units = unitsOf(a.ref);
      }
    }
  };
  visit(doc.goals);
  return { ...doc, year, organisation: `${doc.organisation} ${DEMO_ORGANISATION_LABEL}` };
}

/** Saves the plan unless the year already has a different (not demo) plan. */
async function savePlanIfFree(repos: Repositories, plan: Plan, written: string[]): Promise<void> {
  const existing = await repos.plans.get(plan.meta.year);
  if (existing && !samePlanContent(existing, plan)) {
    moduleLogger('demo').warn({ year: plan.meta.year }, 'a different plan exists for this year: demo plan not loaded');
    return;
  }
  if ((await importPlan(repos, plan)).written) written.push(`plan ${plan.meta.year}`);
}

export async function loadDemoData(deps: { repos: Repositories; clock: Clock }): Promise<DemoLoadSummary> {
  const { repos, clock } = deps;
  const logger = moduleLogger('demo');
  const now = clock.now();
  const importedAt = now.toISOString();
  const today = stockholmDate(now);
  const year = Number(today.slice(0, 4));
  const tertial = tertialOf(today);
  const written: string[] = [];

  await savePlanIfFree(repos, parsePlanDocument(planDocument, { importedAt }), written);
  const results = await importResults(repos, clock, parseResultsDocument(resultsDocument));
  if (results.roundCreated || results.reports.added > 0 || results.assessments.added > 0) written.push(`resultat ${results.roundId}`);
  const owners = await importOwners(repos, demoOwners());
  if (owners.added + owners.updated > 0) written.push(`${owners.added + owners.updated} ägare`);

  if (year !== DEMO_SOURCE_YEAR) await savePlanIfFree(repos, parsePlanDocument(demoPlanDocument(year), { importedAt }), written);

  const id = roundId(year, tertial);
  if (!(await repos.rounds.get(id))) {
    const round: Round = {
      id,
      year,
      tertial,
      deadline: previousWorkingDay(addDays(today, DEMO_DEADLINE_DAYS)),
      waves: [...DEFAULT_WAVES],
      sendTime: DEFAULT_SEND_TIME,
      graceDays: DEFAULT_GRACE_DAYS,
      state: 'scheduled',
      closedAt: null,
      createdAt: importedAt,
      source: 'scheduled',
    };
    await repos.rounds.create(round);
    written.push(`omgång ${id} (deadline ${round.deadline})`);
  }
  logger.info({ year, tertial, written }, written.length > 0 ? 'demo data loaded' : 'demo data already present');
  return { year, tertial, roundId: id, written };
}
