/**
 * `tertial-export/1`: everything of one year in one JSON document, restorable without loss.
 *
 *   { "format": "tertial-export/1", "year": 2025,
 *     "meta": { year, organisation, body, importedAt } | null,
 *     "plan": <tertial-plan/1 document: the live goals and activities> | null,
 *     "archived": { "goals": [Goal], "activities": [Activity] },   // archived items, domain form
 *     "owners": [Owner],          // everyone owning an activity of the year or having reported in its rounds, in full
 *     "rounds": [Round],
 *     "reports": [StatusReport],  // with full history
 *     "assessments": [GoalAssessment],   // with every decision
 *     "outcomes": [MeasureOutcome],      // measure outcomes with every version (optional: older exports have none)
 *     "summaries": [RoundSummary],       // the ledningsgrupp's written Sammanfattning per round, every version (optional; absent when none is written)
 *     "conversations": { users, channels },   // where people and channels are reached (side-effects.ts)
 *     "publications": { link, rounds },       // the ledningsgrupp channel and the cards posted per round
 *     "dispatch": { entries, waves } }        // the reminders that went out, and the completed waves
 *   "archived" may hold "measures": [Measure] too. The last three are optional (older exports have
 *   none); with them a restore repeats no reminder and no channel post.
 *
 * Everything is sorted so two exports of the same data are byte-identical.
 */
import { z } from 'zod';
import type { Activity, GoalAssessment, Goal, Measure, MeasureOutcome, Owner, PlanMeta, Round, StatusReport } from '../domain/model';
import { ASSESSMENT_CODES, GOAL_KINDS, STATUS_CODES, TERTIALS } from '../domain/vocabulary';
import { ValidationError } from '../errors';
import type { RoundSummary } from '../ports/repositories';
import { requireFormat, type PlanDocument } from '../plan/plan-format';
import { conversationsSchema, dispatchSchema, publicationsSchema, type ConversationsSection, type DispatchSection, type PublicationsSection } from './side-effects';

export const EXPORT_FORMAT = 'tertial-export/1';

export interface ExportDocument {
  format: typeof EXPORT_FORMAT;
  year: number;
  meta: PlanMeta | null;
  plan: PlanDocument | null;
  archived: { goals: Goal[]; activities: Activity[]; measures?: Measure[] };
  owners: Owner[];
  rounds: Round[];
  reports: StatusReport[];
  assessments: GoalAssessment[];
  outcomes?: MeasureOutcome[];
  summaries?: RoundSummary[];
  conversations?: ConversationsSection;
  publications?: PublicationsSection;
  dispatch?: DispatchSection;
}

const str = z.string();
const nullableStr = z.string().nullable();
const instant = z.string().min(1);
const actor = z.object({ id: str, name: str });
const source = z.enum(['teams', 'cli', 'import']);

const version = z.object({ status: z.enum(STATUS_CODES).nullable(), comment: nullableStr, by: actor, onBehalfOf: actor.optional(), at: instant, source, submitId: z.string().max(64).optional() });
const measureValue = z.union([z.number(), z.string()]);
const outcomeVersion = z.object({ value: measureValue.nullable(), comment: nullableStr, by: actor, at: instant, source });
const summaryVersion = z.object({ text: str, by: actor, at: instant, source });
const decision = z.object({ assessment: z.enum(ASSESSMENT_CODES), comment: nullableStr, by: actor, at: instant, source });

const schema = z.object({
  format: z.literal(EXPORT_FORMAT),
  year: z.number().int(),
  meta: z.object({ year: z.number().int(), organisation: str, body: str, importedAt: instant }).nullable(),
  plan: z.unknown(),
  archived: z.object({
    goals: z.array(
      z.object({ year: z.number().int(), ref: str, kind: z.enum(GOAL_KINDS), title: str, parentRef: nullableStr, order: z.number(), archived: z.literal(true) }),
    ),
    activities: z.array(
      z.object({
        year: z.number().int(),
        ref: str,
        goalRef: str,
        title: str,
        description: nullableStr,
        start: nullableStr,
        end: str,
        units: z.array(str),
        order: z.number(),
        archived: z.literal(true),
      }),
    ),
    measures: z
      .array(
        z.object({
          year: z.number().int(),
          ref: str,
          goalRef: str,
          name: str,
          unit: str,
          kind: z.enum(['number', 'text']),
          direction: z.enum(['higher', 'lower']).nullable(),
          baseline: z.object({ period: str, value: measureValue }).nullable(),
          target: z.object({ value: measureValue }).nullable(),
          ownerId: nullableStr,
          order: z.number(),
          archived: z.literal(true),
        }),
      )
      .optional(),
  }),
  owners: z.array(
    z.object({
      aadObjectId: str,
      name: str,
      email: nullableStr,
      units: z.array(str),
      activities: z.array(z.object({ year: z.number().int(), ref: str })),
      removed: z
        .object({ at: instant, by: actor, units: z.array(str), activities: z.array(z.object({ year: z.number().int(), ref: str })) })
        .nullable()
        .optional(),
    }),
  ),
  rounds: z.array(
    z.object({
      id: str,
      year: z.number().int(),
      tertial: z.union(TERTIALS.map((t) => z.literal(t))),
      deadline: str,
      waves: z.array(z.number()),
      sendTime: str,
      graceDays: z.number(),
      state: z.enum(['scheduled', 'closed', 'cancelled']),
      closedAt: z.string().nullable(),
      createdAt: instant,
      source: z.enum(['scheduled', 'import']),
      substitutions: z
        .array(
          z.object({
            ownerId: str,
            ownerName: str,
            substituteId: str,
            substituteName: str,
            activityRef: nullableStr,
            by: actor,
            at: instant,
            endedAt: z.string().nullable(),
            endedBy: actor.nullable(),
          }),
        )
        .optional(),
    }),
  ),
  reports: z.array(z.object({ roundId: str, activityRef: str, ownerId: str, current: version, history: z.array(version).min(1) })),
  assessments: z.array(z.object({ roundId: str, goalRef: str, current: decision, history: z.array(decision).min(1) })),
  outcomes: z.array(z.object({ year: z.number().int(), measureRef: str, period: str, current: outcomeVersion, history: z.array(outcomeVersion).min(1) })).optional(),
  summaries: z.array(z.object({ roundId: str, current: summaryVersion, history: z.array(summaryVersion).min(1) })).optional(),
  conversations: conversationsSchema.optional(),
  publications: publicationsSchema.optional(),
  dispatch: dispatchSchema.optional(),
});

/** Checks the shape of an export document (not yet against the store); throws a ValidationError listing every problem. */
export function parseExportDocument(input: unknown): ExportDocument {
  requireFormat(input, EXPORT_FORMAT);
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `fält "${i.path.map(String).join('.')}": ${i.message}`);
    throw new ValidationError(`Exportfilen är felaktig: ${problems.length} fel; inget har ändrats (invalid export document)`, problems);
  }
  return parsed.data as ExportDocument;
}
