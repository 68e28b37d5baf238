/** Seeds a test store with the Ånge 2025 fixture: the plan, the T3 reports, optionally the published assessments. */
import type { Repositories } from '../../services/ports';
import { loadAngeFixture, type AngeFixture } from './assessment-fixture';

export async function seedAnge(repos: Repositories, options: { published?: boolean } = {}): Promise<AngeFixture> {
  const fx = loadAngeFixture();
  await repos.plans.save(fx.plan);
  for (const r of fx.reports) await repos.reports.append(r.roundId, r.activityRef, r.ownerId, r.current);
  if (options.published) for (const a of fx.published) await repos.assessments.append(a.roundId, a.goalRef, a.current);
  return fx;
}
