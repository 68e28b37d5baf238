/**
 * Assessments of a round: the engine's proposals beside the decisions people made, and the
 * decisions themselves. Whom the access policy allows `assessment.decide` (ledningsgrupp, admins, the
 * operator) confirms or changes a proposal with a comment; everyone else is refused with a
 * 'forbidden' error and nothing is stored. Every
 * decision is appended (who, when, from where); the latest one is final. Until a goal has a
 * decision, report and channel show the proposal, marked as such ("Förslag").
 */
import { z } from 'zod';
import { decide as decideAccess, type Principal } from '../access/access-policy';
import type { AssessmentDecision, Goal, GoalAssessment, MeasureOutcome, Owner, Plan, StatusReport } from '../domain/model';
import { roundId } from '../domain/model';
import { ASSESSMENT_LABELS, TERTIALS, type AssessmentCode, type Tertial } from '../domain/vocabulary';
import { TertialError, ValidationError, catalogued } from '../errors';
import { moduleLogger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { AssessmentRepository, MeasureOutcomeRepository, OwnerRepository, PlanRepository, ReportRepository } from '../ports/repositories';
import { assessRound } from './assess-round';
import { isAssessed } from './propose-assessment';
import { DEFAULT_ASSESSMENT_RULES, type AssessmentRules } from './rules';
import type { GoalState, Proposal } from './types';

/** what a person may decide: the four levels, and Saknas (not assessed this time) */
export const DECIDABLE = ['met', 'partly-met', 'barely-met', 'not-met', 'missing'] as const satisfies readonly AssessmentCode[];
export type DecidableAssessment = (typeof DECIDABLE)[number];
export const isDecidable = (value: unknown): value is DecidableAssessment => (DECIDABLE as readonly unknown[]).includes(value);
/** what a decision naming no decidable assessment is told (the tab's route refuses its body with the same words) */
export const NOT_DECIDABLE = `bedömning ska vara en av ${DECIDABLE.join(', ')}`;
export const MAX_DECISION_COMMENT = 4000;

export interface GoalAssessmentView {
  goal: GoalState;
  proposal: Proposal;
  /** the latest decision, or null while the goal has only the proposal */
  final: AssessmentDecision | null;
  history: AssessmentDecision[];
  /** what report and channel show: the final decision, or the proposal marked as such */
  shown: { assessment: AssessmentCode; label: string; comment: string; isProposal: boolean };
}

export interface RoundAssessments {
  year: number;
  tertial: Tertial;
  roundId: string;
  plan: Plan;
  /** the plan's KF goals, in order (the report's chapters, the channel's goal cards) */
  kfGoals: Goal[];
  /** every KS and economic goal, and every KF goal with measures, in plan order */
  goals: GoalAssessmentView[];
  /** activities of the round without any status yet */
  unreported: number;
  /** whether the rule table assesses goals at this tertial (Ånge: not at T1) */
  assessed: boolean;
}

export interface AssessmentServiceDeps {
  plans: PlanRepository;
  reports: ReportRepository;
  assessments: AssessmentRepository;
  /** to name a shared activity's comments by unit; without it, by the reporter's name */
  owners?: OwnerRepository;
  /** measure outcomes; without it goals with measures are proposed as if no outcome were reported */
  outcomes?: MeasureOutcomeRepository;
  clock: Clock;
  rules?: AssessmentRules;
}

const decisionInput = z.object({
  year: z.number().int().min(2000).max(2100),
  tertial: z.union(TERTIALS.map((t) => z.literal(t)), { error: 'tertial ska vara 1, 2 eller 3' }),
  goalRef: z.string().trim().min(1, 'mål saknas'),
  assessment: z.enum(DECIDABLE, { error: NOT_DECIDABLE }),
  comment: z
    .string()
    .trim()
    .max(MAX_DECISION_COMMENT, `kommentaren får vara högst ${MAX_DECISION_COMMENT} tecken`)
    .nullable()
    .optional(),
  source: z.enum(['teams', 'cli']),
});
export type DecisionInput = z.input<typeof decisionInput>;

/** Proposals beside decisions for every KS and economic goal of a round. Pure: the service and benchmarks share it. */
export function combineRoundAssessments(
  plan: Plan,
  tertial: Tertial,
  reports: readonly StatusReport[],
  decisions: readonly GoalAssessment[],
  rules: AssessmentRules = DEFAULT_ASSESSMENT_RULES,
  owners: readonly Owner[] = [],
  outcomes: readonly MeasureOutcome[] = [],
): RoundAssessments {
  const year = plan.meta.year;
  const id = roundId(year, tertial);
  const { goals, proposals } = assessRound(plan, tertial, reports, rules, owners, outcomes);
  const decided = new Map(decisions.map((d) => [d.goalRef, d]));
  const views = goals.map((goal, i): GoalAssessmentView => {
    const proposal = proposals[i]!;
    const d = decided.get(goal.ref) ?? null;
    const final = d?.current ?? null;
    return {
      goal,
      proposal,
      final,
      history: d?.history ?? [],
      shown: final
        ? { assessment: final.assessment, label: ASSESSMENT_LABELS[final.assessment], comment: final.comment ?? '', isProposal: false }
        : { assessment: proposal.proposed, label: ASSESSMENT_LABELS[proposal.proposed], comment: proposal.draftComment, isProposal: true },
    };
  });
  const unreported = goals.reduce((n, g) => n + g.activities.filter((a) => a.status === null).length, 0);
  const kfGoals = plan.goals.filter((g) => g.kind === 'kf' && !g.archived).sort((a, b) => a.order - b.order);
  return { year, tertial, roundId: id, plan, kfGoals, goals: views, unreported, assessed: isAssessed({ year, tertial }, rules) };
}

export class AssessmentService {
  private readonly log = moduleLogger('assessment');
  private readonly rules: AssessmentRules;

  constructor(private readonly deps: AssessmentServiceDeps) {
    this.rules = deps.rules ?? DEFAULT_ASSESSMENT_RULES;
  }

  /** proposals, decisions and what to show, for every KS and economic goal of the round */
  async roundAssessments(year: number, tertial: Tertial): Promise<RoundAssessments> {
    const plan = await this.deps.plans.get(year);
    if (!plan) throw new TertialError('not-found', `Det finns ingen plan för ${year} (importera den först: tertial import plan FIL)`);
    const id = roundId(year, tertial);
    const hasMeasures = (plan.measures ?? []).some((m) => !m.archived);
    const [reports, decisions, owners, outcomes] = await Promise.all([
      this.deps.reports.listByRound(id),
      this.deps.assessments.listByRound(id),
      this.deps.owners?.list() ?? Promise.resolve([]),
      hasMeasures && this.deps.outcomes ? this.deps.outcomes.listByYear(year) : Promise.resolve([]),
    ]);
    return combineRoundAssessments(plan, tertial, reports, decisions, this.rules, owners, outcomes);
  }

  /**
   * Confirms or changes the assessment of one goal. A change from the proposal needs a comment
   * (why); a confirmation without one keeps the draft comment. Refused callers change nothing.
   * `known`: the round as the caller just read it, so the decision reads nothing again.
   */
  async decide(caller: Principal, input: DecisionInput, known?: RoundAssessments): Promise<GoalAssessmentView> {
    const access = decideAccess(caller, 'assessment.decide');
    if (!access.allowed) {
      this.log.warn({ actor: caller.actor.id, goal: input.goalRef }, 'assessment decision refused by the access policy');
      throw access.error;
    }
    const parsed = decisionInput.safeParse(input);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `${i.path.join('.') || '(indata)'}: ${i.message}`);
      throw new ValidationError(`Ogiltigt beslut: ${details.join('; ')}`, details);
    }
    const d = parsed.data;
    const round = known && known.year === d.year && known.tertial === d.tertial ? known : await this.roundAssessments(d.year, d.tertial);
    const view = round.goals.find((g) => g.goal.ref === d.goalRef);
    if (!view) {
      throw new ValidationError(`Målet ${d.goalRef} finns inte bland ${d.year} års KS-mål och ekonomiska mål`, [`mål: ${d.goalRef} finns inte`]);
    }
    const comment = d.comment && d.comment.length > 0 ? d.comment : null;
    if (d.assessment !== view.proposal.proposed && comment === null) {
      throw catalogued('assessment.comment-required', { proposed: ASSESSMENT_LABELS[view.proposal.proposed] }, ['kommentar: krävs när bedömningen skiljer sig från förslaget']);
    }
    // the form starts from the comment shown (the draft, or the last decision's): kept as it is with
    // another level, it argues for the level it was written for
    const same = (a: string | null | undefined) => comment !== null && !!a && comment.trim() === a.trim();
    const arguesFor =
      same(view.proposal.draftComment) && d.assessment !== view.proposal.proposed
        ? view.proposal.proposed
        : same(view.shown.comment) && d.assessment !== view.shown.assessment
          ? view.shown.assessment
          : null;
    if (arguesFor) {
      throw catalogued('assessment.comment-unchanged', { previous: ASSESSMENT_LABELS[arguesFor], chosen: ASSESSMENT_LABELS[d.assessment] }, ['kommentar: oförändrad']);
    }
    const decision: AssessmentDecision = {
      assessment: d.assessment,
      comment: comment ?? view.proposal.draftComment,
      by: caller.actor,
      at: this.deps.clock.now().toISOString(),
      source: d.source,
    };
    const stored = await this.deps.assessments.append(round.roundId, d.goalRef, decision);
    this.log.info({ actor: caller.actor.id, goal: d.goalRef, assessment: d.assessment, round: round.roundId }, 'assessment decided');
    return {
      ...view,
      final: stored.current,
      history: stored.history,
      shown: { assessment: stored.current.assessment, label: ASSESSMENT_LABELS[stored.current.assessment], comment: stored.current.comment ?? '', isProposal: false },
    };
  }
}

/** the round with one goal's view replaced by the one a decision returned */
export function withDecision(round: RoundAssessments, decided: GoalAssessmentView): RoundAssessments {
  return { ...round, goals: round.goals.map((g) => (g.goal.ref === decided.goal.ref ? decided : g)) };
}
