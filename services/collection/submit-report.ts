/**
 * A status report submitted from a card: validate (zod), authorize (an owner of that activity, or an
 * admin reporting for an owner), check the round is open, then append a version (history kept).
 * A rejection carries a Swedish reason naming what is wrong, stores nothing, and is logged by the caller.
 */
import { z } from 'zod';
import type { Activity, Actor, Owner, Plan, ReportVersion, Round, StatusReport } from '../domain/model';
import { STATUS_CODES, STATUS_LABELS, STATUSES_REQUIRING_COMMENT, type StatusCode } from '../domain/vocabulary';
import { TertialError } from '../errors';
import { ownsActivity } from '../owners/ownership';
import type { ReportRepository } from '../ports/repositories';
import { isRoundOpen } from '../rounds/round-calendar';

export const MAX_COMMENT_LENGTH = 2000;

const ref = z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z.\-_]+$/, 'ogiltig referens');

/** what an Action.Execute submit carries: the action's data merged with the inputs */
export const submitPayloadSchema = z.object({
  roundId: z.string().trim().regex(/^\d{4}-T[123]$/, 'ogiltigt omgångs-id'),
  activityRef: ref,
  /** an admin reporting on an owner's behalf; an owner reports for themselves */
  ownerId: z.string().trim().min(1).max(64).optional(),
  status: z.string({ message: 'välj en status' }).trim().min(1, 'välj en status'),
  comment: z
    .string()
    .optional()
    .nullable()
    .transform((c) => (c ?? '').replace(/\r\n/g, '\n').trim()),
});

export type SubmitPayload = z.input<typeof submitPayloadSchema>;

export interface Submitter {
  aadObjectId: string;
  name: string;
  isAdmin: boolean;
}

export interface SubmitDeps {
  reports: Pick<ReportRepository, 'append'>;
  round(id: string): Promise<Round | null>;
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

const reject = (code: TertialError['code'], message: string, details: string[] = []) => new TertialError(code, message, details);

/** parses and checks the payload's own rules (status, comment); throws TertialError 'invalid-input' */
export function parseSubmitPayload(data: unknown): z.output<typeof submitPayloadSchema> & { status: StatusCode } {
  const parsed = submitPayloadSchema.safeParse(data);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || 'data'}: ${i.message}`);
    throw reject('invalid-input', `Svaret kunde inte läsas: ${details.join('; ')}`, details);
  }
  const p = parsed.data;
  if (!(STATUS_CODES as readonly string[]).includes(p.status)) {
    throw reject('invalid-input', `Ogiltig status "${p.status}". Välj en av: ${Object.values(STATUS_LABELS).join(', ')}.`);
  }
  const status = p.status as StatusCode;
  if (p.comment.length > MAX_COMMENT_LENGTH) {
    throw reject('invalid-input', `Kommentaren är för lång: ${p.comment.length} tecken, högst ${MAX_COMMENT_LENGTH}.`);
  }
  if (STATUSES_REQUIRING_COMMENT.has(status) && p.comment.length === 0) {
    throw reject('invalid-input', `En kommentar krävs för status "${STATUS_LABELS[status]}": beskriv avvikelsen eller varför aktiviteten väntar.`);
  }
  return { ...p, status };
}

export async function submitReport(deps: SubmitDeps, submitter: Submitter, data: unknown): Promise<SubmitAccepted> {
  const payload = parseSubmitPayload(data);
  const round = await deps.round(payload.roundId);
  if (!round) throw reject('not-found', `Okänd omgång ${payload.roundId}.`);
  const now = deps.now();
  if (!isRoundOpen(round, now)) {
    throw reject('round-closed', `Omgången för tertial ${round.tertial} ${round.year} är inte öppen för rapportering.`);
  }
  const plan = await deps.plan(round.year);
  const activity = plan?.activities.find((a) => a.ref === payload.activityRef && !a.archived);
  if (!plan || !activity) throw reject('not-found', `Okänd aktivitet ${payload.activityRef} i planen för ${round.year}.`);

  const ownerId = payload.ownerId ?? submitter.aadObjectId;
  if (ownerId !== submitter.aadObjectId && !submitter.isAdmin) {
    throw reject('forbidden', 'Du kan bara rapportera för dig själv.');
  }
  const owner = await deps.owner(ownerId);
  if (!owner || !ownsActivity(owner, activity)) {
    throw reject(
      'forbidden',
      ownerId === submitter.aadObjectId
        ? `Du är inte ägare till aktivitet ${activity.ref} "${activity.title}" och kan inte rapportera den.`
        : `${owner?.name ?? ownerId} är inte ägare till aktivitet ${activity.ref}.`,
    );
  }
  const by: Actor = { id: submitter.aadObjectId, name: submitter.name };
  const version: ReportVersion = {
    status: payload.status,
    comment: payload.comment.length > 0 ? payload.comment : null,
    by,
    at: now.toISOString(),
    source: 'teams',
  };
  const report = await deps.reports.append(round.id, activity.ref, ownerId, version);
  return { report, round, activity, plan };
}
