/** Report models grown from a real one, for tests of the .docx at sizes a kommun's plan reaches. */
import type { ReportGoal, ReportModel } from '../../services/report/report-model';

/** every goal of the report, in the order it is written: each chapter's assessment and goals, then the economic goals */
export function goalsOf(m: ReportModel): ReportGoal[] {
  return [...m.goalWork.chapters.flatMap((c) => (c.assessment ? [c.assessment, ...c.goals] : c.goals)), ...m.economic.goals];
}

/** `base` with `count` activities: its own, repeated in turn over all its goals */
export function withActivities(base: ReportModel, count: number): ReportModel {
  const m = structuredClone(base);
  const goals = goalsOf(m);
  const own = goals.flatMap((g) => g.activities);
  for (const g of goals) g.activities = [];
  for (let i = 0; i < count; i++) {
    const a = own[i % own.length]!;
    goals[i % goals.length]!.activities.push({ ...a, ref: `${a.ref}.${i}` });
  }
  return m;
}
