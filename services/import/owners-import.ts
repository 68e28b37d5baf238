/**
 * Owners (enhetschefer) from semicolon-separated CSV: one row per assignment.
 *
 * Columns (header row required, any order, case-insensitive):
 *   aadObjectId   required, the person's Entra object id (a GUID)
 *   name          required, display name (the same on every row of that person)
 *   email         optional, e-mail address (the same on every row of that person)
 *   unit          a unit the person answers for: every activity of that unit, every year
 *   year, activity   OR a single activity of that year's plan, by ref
 *   remove        optional: "ja" (or x, yes, true, 1) removes the person (left the organisation); the
 *                 row has no unit, year or activity, and name may be empty
 * Each row has either unit, or year + activity, or remove. A person listed in the file gets exactly
 * the assignments in the file (a full replacement); a removed person's assignments end (see
 * owners/owner-removal.ts); people not in the file are not touched.
 * All or nothing: every problem is listed and nothing is written.
 */
import type { Actor, Owner } from '../domain/model';
import { ValidationError } from '../errors';
import type { Clock } from '../ports/clock';
import type { Repositories } from '../ports';
import { removeOwners } from '../owners/owner-removal';
import { canonicalJson } from '../plan/plan-compare';
import { parseSemicolonCsv } from './csv';
import { decodeUtf8 } from './text-input';

export const OWNER_CSV_COLUMNS = ['aadobjectid', 'name', 'email', 'unit', 'year', 'activity', 'remove'] as const;

const REMOVE_YES = new Set(['ja', 'x', 'yes', 'true', '1']);
const REMOVE_NO = new Set(['', 'nej', 'no', 'false', '0']);

/** what an owners file asks for: these owners with exactly these assignments, and these people removed */
export interface OwnersFile {
  owners: Owner[];
  remove: string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@;,]+@[^\s@;,]+\.[^\s@;,]+$/;

export interface OwnersImportResult {
  added: number;
  updated: number;
  unchanged: number;
  owners: Owner[];
  /** ids of the people removed by the file (already removed ones included) */
  removed: string[];
}

/** Parses and checks the owners CSV against the stored plans; throws one ValidationError listing every problem. */
export async function parseOwnersCsv(text: string, repos: Pick<Repositories, 'plans'>): Promise<Owner[]> {
  const file = await parseOwnersFile(text, repos);
  if (file.remove.length > 0) {
    throw new ValidationError('Ägarfilen tar bort personer; använd en import som tar bort (remove not supported here)', file.remove.map((id) => `aadObjectId ${id}: remove`));
  }
  return file.owners;
}

/** Parses and checks an owners CSV, remove rows included; throws one ValidationError listing every problem. */
export async function parseOwnersFile(text: string, repos: Pick<Repositories, 'plans'>): Promise<OwnersFile> {
  const table = parseSemicolonCsv(text, { known: OWNER_CSV_COLUMNS, required: ['aadobjectid', 'name'], label: 'Ägar-CSV' });
  const problems: string[] = [];
  const owners = new Map<string, Owner & { line: number }>();
  const removals = new Map<string, number>();
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
    const removeText = r.get('remove').toLowerCase();
    if (!GUID.test(id)) problems.push(`${at}, fält "aadObjectId": "${r.get('aadobjectid')}" är inget Entra-objekt-id (expected a GUID)`);
    if (!REMOVE_YES.has(removeText) && !REMOVE_NO.has(removeText)) {
      problems.push(`${at}, fält "remove": "${r.get('remove')}" ska vara "ja" (ta bort personen) eller tomt`);
      continue;
    }
    if (REMOVE_YES.has(removeText)) {
      if (unit || yearText || activity) problems.push(`${at}: en rad med remove tar bort personen och kan inte också ha unit, year eller activity`);
      if (!GUID.test(id)) continue;
      if (owners.has(id)) problems.push(`${at}: ${id} tas bort men har uppdrag på rad ${owners.get(id)!.line}`);
      if (!removals.has(id)) removals.set(id, r.line);
      continue;
    }
    if (GUID.test(id) && removals.has(id)) problems.push(`${at}: ${id} har uppdrag men tas bort på rad ${removals.get(id)}`);
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
  return { owners: [...owners.values()].map(({ line: _line, ...o }) => o), remove: [...removals.keys()] };
}

/** who removes people through a file import */
export const OWNERS_FILE_ACTOR: Actor = { id: 'cli', name: 'Ägarimport' };

/**
 * Writes the owners of a file: new and changed ones upserted, the removed ones' assignments ended.
 * People to remove must exist (checked before anything is written).
 */
export async function importOwners(
  repos: Pick<Repositories, 'owners'>,
  owners: Owner[],
  removal: { ids: string[]; clock: Clock; by?: Actor } | null = null,
): Promise<OwnersImportResult> {
  const result: OwnersImportResult = { added: 0, updated: 0, unchanged: 0, owners, removed: [] };
  if (removal && removal.ids.length > 0) {
    const missing = (await Promise.all(removal.ids.map(async (id) => ((await repos.owners.get(id)) ? null : id)))).filter((x): x is string => x !== null);
    if (missing.length > 0) {
      throw new ValidationError(
        `Ägarfilen tar bort ${missing.length} person(er) som inte finns bland ägarna; inget har ändrats (unknown owner to remove)`,
        missing.map((id) => `aadObjectId ${id}: ingen ägare med det id:t (remove)`),
      );
    }
  }
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
  if (removal && removal.ids.length > 0) {
    await removeOwners(repos, removal.clock, removal.ids, removal.by ?? OWNERS_FILE_ACTOR);
    result.removed = removal.ids;
  }
  return result;
}

export async function importOwnersFile(repos: Pick<Repositories, 'owners' | 'plans'>, bytes: Uint8Array, clock: Clock, by?: Actor): Promise<OwnersImportResult> {
  const file = await parseOwnersFile(decodeUtf8(bytes, 'ägarfilen'), repos);
  return importOwners(repos, file.owners, { ids: file.remove, clock, by });
}
