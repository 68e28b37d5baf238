/**
 * Owners (enhetschefer) from semicolon-separated CSV: one row per assignment.
 *
 * Columns (header row required, any order, case-insensitive):
 *   aadObjectId   required, the person's Entra object id (a GUID)
 *   name          required, display name (the same on every row of that person)
 *   email         optional, e-mail address (the same on every row of that person)
 *   unit          a unit the person answers for: every activity of that unit, every year
 *   year, activity   OR a single activity of that year's plan, by ref
 * Each row has either unit, or year + activity. A person listed in the file gets exactly the
 * assignments in the file (a full replacement); people not in the file are not touched.
 * All or nothing: every problem is listed and nothing is written.
 */
import type { Owner } from '../domain/model';
import { ValidationError } from '../errors';
import type { Repositories } from '../ports';
import { canonicalJson } from '../plan/plan-compare';
import { parseSemicolonCsv } from './csv';
import { decodeUtf8 } from './text-input';

export const OWNER_CSV_COLUMNS = ['aadobjectid', 'name', 'email', 'unit', 'year', 'activity'] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

export interface OwnersImportResult {
  added: number;
  updated: number;
  unchanged: number;
  owners: Owner[];
}

/** Parses and checks the owners CSV against the stored plans; throws one ValidationError listing every problem. */
export async function parseOwnersCsv(text: string, repos: Pick<Repositories, 'plans'>): Promise<Owner[]> {
  const table = parseSemicolonCsv(text, { known: OWNER_CSV_COLUMNS, required: ['aadobjectid', 'name'], label: 'Ägar-CSV' });
  const problems: string[] = [];
  const owners = new Map<string, Owner & { line: number }>();
  const plans = new Map<number, Set<string> | null>();
  const liveRefs = async (year: number) => {
    if (!plans.has(year)) {
      const plan = await repos.plans.get(year);
      plans.set(year, plan ? new Set(plan.activities.filter((a) => !a.archived).map((a) => a.ref)) : null);
    }
    return plans.get(year)!;
  };

  for (const r of table.rows) {
    const at = `rad ${r.line}`;
    const id = r.get('aadobjectid').toLowerCase();
    const name = r.get('name');
    const email = r.get('email') || null;
    const unit = r.get('unit');
    const yearText = r.get('year');
    const activity = r.get('activity');
    if (!GUID.test(id)) problems.push(`${at}, fält "aadObjectId": "${r.get('aadobjectid')}" är inget Entra-objekt-id (expected a GUID)`);
    if (!name) problems.push(`${at}, fält "name": namn saknas`);
    if (email && !EMAIL.test(email)) problems.push(`${at}, fält "email": "${email}" är ingen e-postadress`);
    if (unit && (activity || yearText)) problems.push(`${at}: ange antingen unit eller year + activity, inte båda`);
    if (!unit && !activity) problems.push(`${at}: varken unit eller activity är ifyllt`);
    let year: number | null = null;
    if (activity || yearText) {
      if (!/^\d{4}$/.test(yearText)) problems.push(`${at}, fält "year": "${yearText}" är inget år (YYYY); krävs för activity`);
      else year = Number(yearText);
      if (!activity) problems.push(`${at}, fält "activity": saknas (year är ifyllt)`);
    }
    if (year !== null && activity) {
      const refs = await liveRefs(year);
      if (refs === null) problems.push(`${at}, fält "year": det finns ingen plan för ${year}; importera planen först`);
      else if (!refs.has(activity)) problems.push(`${at}, fält "activity": aktiviteten ${activity} finns inte i planen för ${year} (unknown activity ref)`);
    }
    if (!GUID.test(id)) continue;
    let owner = owners.get(id);
    if (!owner) {
      owner = { aadObjectId: id, name, email, units: [], activities: [], line: r.line };
      owners.set(id, owner);
    } else {
      if (name && owner.name !== name) problems.push(`${at}, fält "name": "${name}" skiljer sig från rad ${owner.line} ("${owner.name}") för ${id}`);
      if (email !== owner.email) problems.push(`${at}, fält "email": "${email ?? ''}" skiljer sig från rad ${owner.line} ("${owner.email ?? ''}") för ${id}`);
    }
    if (unit && !owner.units.includes(unit)) owner.units.push(unit);
    if (year !== null && activity && !owner.activities.some((a) => a.year === year && a.ref === activity)) owner.activities.push({ year, ref: activity });
  }
  if (table.rows.length === 0) problems.push('filen har inga rader under rubrikraden');
  if (problems.length > 0) {
    throw new ValidationError(
      `Ägarfilen innehåller ${problems.length} fel; inget har ändrats (the owners file has ${problems.length} problem(s); nothing was changed)`,
      problems,
    );
  }
  return [...owners.values()].map(({ line: _line, ...o }) => o);
}

export async function importOwners(repos: Pick<Repositories, 'owners'>, owners: Owner[]): Promise<OwnersImportResult> {
  const result: OwnersImportResult = { added: 0, updated: 0, unchanged: 0, owners };
  const changed: Owner[] = [];
  for (const o of owners) {
    const before = await repos.owners.get(o.aadObjectId);
    if (!before) result.added++;
    else if (canonicalJson(before) === canonicalJson(o)) {
      result.unchanged++;
      continue;
    } else result.updated++;
    changed.push(o);
  }
  if (changed.length > 0) await repos.owners.upsertMany(changed);
  return result;
}

export async function importOwnersFile(repos: Pick<Repositories, 'owners' | 'plans'>, bytes: Uint8Array): Promise<OwnersImportResult> {
  const owners = await parseOwnersCsv(decodeUtf8(bytes, 'ägarfilen'), repos);
  return importOwners(repos, owners);
}
