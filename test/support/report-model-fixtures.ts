/** Report models grown from a real one, for tests of the .docx at sizes a kommun's plan reaches. */
import { reportGoals, type ReportModel } from '../../services/report/report-model';

/** `base` with `count` activities: its own, repeated in turn over all its goals */
export function withActivities(base: ReportModel, count: number): ReportModel {
  const m = structuredClone(base);
  const goals = reportGoals(m);
  const own = goals.flatMap((g) => g.activities);
  for (const g of goals) g.activities = [];
  for (let i = 0; i < count; i++) {
    const a = own[i % own.length]!;
    goals[i % goals.length]!.activities.push({ ...a, ref: `${a.ref}.${i}` });
  }
  return m;
}
