/**
 * A status report submitted from a card: validate (zod), check the round is open, ask the access policy
 * (`report.submit` on that owner and activity: the owner, the owner's substitute in this round, or an
 * admin reporting for an owner who owns it), then append a version (history kept) while the round as
 * stored allows it.
 * A rejection carries a Swedish reason naming what is wrong, stores nothing, and is logged by the caller.
 */
import { z } from 'zod';
import { requireAccess, type Principal } from '../access/access-policy';
import type { Activity, Actor, Owner, Plan, ReportVersion, Round, StatusReport } from '../domain/model';
import { isStatusCode, STATUS_LABELS, STATUSES_REQUIRING_COMMENT } from '../domain/vocabulary';
import { catalogued, isTertialError } from '../errors';
import { ownerResource } from '../owners/ownership';
import { substituteIdsFor } from '../substitutes/substitutions';
import type { ReportRepository } from '../ports/repositories';
import type { VersionedRound } from './reference-data';
import { isRoundOpen } from '../rounds/round-calendar';

export const MAX_COMMENT_LENGTH = 2000;

/**
 * The longest value each field of a submit may have. Checked before anything else is done with the
 * payload, so an oversized field costs nothing and is never echoed back.
 */
export const SUBMIT_FIELD_LIMITS = { roundId: 20, activityRef: 40, ownerId: 64, status: 40, comment: MAX_COMMENT_LENGTH, submitId: 64 } as const;

/** the field names a person reads */
const FIELD_NAMES: Readonly<Record<keyof typeof SUBMIT_FIELD_LIMITS, string>> = {
  roundId: 'omgång',
  activityRef: 'aktivitet',
  ownerId: 'ägare',
  status: 'status',
  comment: 'kommentar',
  submitId: 'kortets id',
};

const ref = z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z.\-_]+$/);

/** what an Action.Execute submit carries: the action's data merged with the inputs */
export const submitPayloadSchema = z.object({
  roundId: z.string().trim().regex(/^\d{4}-T[123]$/),
  activityRef: ref,
  /** an admin reporting on an owner's behalf; an owner reports for themselves */
  ownerId: z.string().trim().min(1).max(64).optional(),
  /** a string on the wire, a status code once parsed; parseSubmitPayload names the choices in Swedish */
  status: z.string().trim().refine(isStatusCode),
  /** the card's key for this submit (cards/report-form-card.ts): a retry of the same card stores once */
  submitId: z.string().regex(/^[0-9A-Za-z-]{8,64}$/).optional(),
  comment: z
    .string()
    .optional()
    .nullable()
    .transform((c) => (c ?? '').replace(/\r\n/g, '\n').trim()),
});

/**
 * Bounds first: each known field must be a string (comment and ownerId may be absent) no longer than
 * its limit. A comment over the limit is refused with its length; nothing the user typed is repeated.
 */
export function checkSubmitBounds(data: unknown): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw catalogued('input.not-an-object', {});
  const record = data as Record<string, unknown>;
  for (const [field, max] of Object.entries(SUBMIT_FIELD_LIMITS) as [keyof typeof SUBMIT_FIELD_LIMITS, number][]) {
    const value = record[field];
    if (value === undefined || (value === null && field === 'comment')) continue;
    if (typeof value !== 'string') throw catalogued('input.field-wrong-type', { field: FIELD_NAMES[field] });
    // a comment's length is counted as the person sees it (\r\n is one line break)
    const length = field === 'comment' ? value.replace(/\r\n/g, '\n').trim().length : value.length;
    if (length > max) {
      throw field === 'comment'
        ? catalogued('report.comment-too-long', { length, max })
        : catalogued('input.field-too-long', { field: FIELD_NAMES[field], length: value.length, max });
    }
  }
  return record;
}

const roundParts = (id: string) => ({ year: Number(id.slice(0, 4)), tertial: Number(id.slice(-1)) });

export type SubmitPayload = z.input<typeof submitPayloadSchema>;

export interface SubmitDeps {
  reports: Pick<ReportRepository, 'append'>;
  /** the round as last read here, with its version (no read when one is known) */
  knownRound(id: string): Promise<VersionedRound>;
  /** the round as stored now, with its version */
  currentRound(id: string): Promise<VersionedRound>;
  plan(year: number): Promise<Plan | null>;
  owner(aadObjectId: string): Promise<Owner | null>;
  now(): Date;
}

export interface SubmitAccepted {
  report: StatusReport;
  round: Round;
  activity: Activity;
  plan: Plan;
}

/**
 * parses and checks the payload's own rules (bounds, status, comment); throws a catalogued TertialError 'invalid-input'.
 * A malformed field is named first; a status that is no code is refused listing the statuses in Swedish.
 */
export function parseSubmitPayload(data: unknown): z.output<typeof submitPayloadSchema> {
  const bounded = checkSubmitBounds(data);
  if (bounded.status === undefined || (typeof bounded.status === 'string' && bounded.status.trim() === '')) throw catalogued('report.status-missing', {});
  const parsed = submitPayloadSchema.safeParse(bounded);
  if (!parsed.success) {
    // zod's messages do not name the field as a person reads it: name the fields in Swedish here
    const paths = new Set(parsed.error.issues.map((i) => String(i.path[0])));
    // the bounds passed, so the status is a string: its only fault can be that it is no status code
    if (paths.size === 1 && paths.has('status')) throw catalogued('report.status-unknown', { choices: Object.values(STATUS_LABELS).join(', ') });
    paths.delete('status');
    const fields = [...new Set([...paths].map((p) => FIELD_NAMES[p as keyof typeof FIELD_NAMES] ?? 'okänt fält'))];
    const details = fields.map((f) => `${f} saknas eller är ogiltig`);
    throw catalogued('input.fields-invalid', { fields: details.join('; ') }, details);
  }
  const p = parsed.data;
  if (STATUSES_REQUIRING_COMMENT.has(p.status) && p.comment.length === 0) {
    throw p.status === 'on-hold' ? catalogued('report.comment-required-on-hold', {}) : catalogued('report.comment-required-deviation', { status: STATUS_LABELS[p.status] });
  }
  return p;
}

/**
 * Checks the submit against the round as last read here, and writes the report under a RoundGuard: the
 * write itself tells whether the round has changed since (services/rounds/report-fence.ts), and then
 * the submit is checked again against the round as stored now. A refusal is always confirmed against
 * the round as stored now: the round may have opened, or a handover begun, since it was read here.
 */
export async function submitReport(deps: SubmitDeps, submitter: Principal, data: unknown): Promise<SubmitAccepted> {
  const payload = parseSubmitPayload(data);
  const now = deps.now();
  const ownerId = payload.ownerId ?? submitter.actor.id;

  const check = async (round: Round | null) => {
    if (!round) throw catalogued('report.round-unknown', roundParts(payload.roundId));
    if (!isRoundOpen(round, now)) throw catalogued('report.round-not-open', { year: round.year, tertial: round.tertial });
    const plan = await deps.plan(round.year);
    const activity = plan?.activities.find((a) => a.ref === payload.activityRef && !a.archived);
    if (!plan || !activity) throw catalogued('report.activity-unknown', { ref: payload.activityRef, year: round.year });
    const owner = await deps.owner(ownerId);
    // for someone else: the owner's substitutes in this round (while it is open)
    const substituteIds = ownerId !== submitter.actor.id ? substituteIdsFor(round, now, ownerId, activity.ref) : [];
    requireAccess(submitter, 'report.submit', { ...ownerResource(ownerId, owner, activity), substituteIds });
    return { round, plan, activity, owner };
  };

  let checkedAgainst = await deps.knownRound(payload.roundId);
  let accepted: Awaited<ReturnType<typeof check>>;
  try {
    accepted = await check(checkedAgainst.round);
  } catch (e) {
    if (!isTertialError(e)) throw e;
    checkedAgainst = await deps.currentRound(payload.roundId);
    accepted = await check(checkedAgainst.round);
  }

  const by: Actor = { id: submitter.actor.id, name: submitter.actor.name };
  const version: ReportVersion = {
    status: payload.status,
    comment: payload.comment.length > 0 ? payload.comment : null,
    by,
    // reported by someone else: the history names both
    ...(ownerId !== submitter.actor.id ? { onBehalfOf: { id: ownerId, name: accepted.owner?.name ?? ownerId } } : {}),
    at: now.toISOString(),
    source: 'teams',
    ...(payload.submitId ? { submitId: payload.submitId } : {}),
  };
  let written = false;
  const report = await deps.reports.append(accepted.round.id, accepted.activity.ref, ownerId, version, {
    version: checkedAgainst.version,
    confirm: async () => {
      const current = await deps.currentRound(payload.roundId);
      const rechecked = await check(current.round);
      // a confirm after the write only vouches for the report's ETag: the answer is the write's
      if (!written) accepted = rechecked;
      return current.version;
    },
  });
  written = true;
  return { report, round: accepted.round, activity: accepted.activity, plan: accepted.plan };
}
