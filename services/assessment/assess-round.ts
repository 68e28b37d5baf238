/** Proposals for every KS and economic goal of a round, and every KF goal with measures, in plan order. */
import type { MeasureOutcome, Owner, Plan, StatusReport } from '../domain/model';
import type { Tertial } from '../domain/vocabulary';
import { proposeAssessment } from './propose-assessment';
import { goalStates } from './round-state';
import { DEFAULT_ASSESSMENT_RULES, type AssessmentRules } from './rules';
import type { GoalState, Proposal } from './types';

export interface RoundProposals {
  goals: GoalState[];
  proposals: Proposal[];
}

export function assessRound(
  plan: Plan,
  tertial: Tertial,
  reports: readonly StatusReport[],
  rules: AssessmentRules = DEFAULT_ASSESSMENT_RULES,
  owners: readonly Owner[] = [],
  outcomes: readonly MeasureOutcome[] = [],
): RoundProposals {
  const goals = goalStates(plan, reports, owners, { outcomes, tertial });
  const ctx = { year: plan.meta.year, tertial };
  return { goals, proposals: goals.map((g) => proposeAssessment(g, ctx, rules)) };
}
