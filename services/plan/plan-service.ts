/**
 * The plans of the years, as the tab reads and imports them: which years have a plan, the plan a view
 * shows when none or an unknown year is asked for, and a plan file previewed or imported (the same
 * all-or-nothing import as `tertial import plan`, plan-import.ts).
 */
import type { Plan } from '../domain/model';
import { importPlanFile, previewPlanImport, type PlanImportPreview, type PlanImportResult } from '../import/plan-import';
import type { Clock } from '../ports/clock';
import type { PlanRepository } from '../ports/repositories';

export class PlanService {
  constructor(private readonly deps: { plans: PlanRepository; clock: Clock }) {}

  /** the years that have a plan, ascending */
  years(): Promise<number[]> {
    return this.deps.plans.years();
  }

  /** the asked year's plan, else this year's, else the latest; null when no plan is imported */
  async shown(asked: number | null): Promise<Plan | null> {
    const years = await this.deps.plans.years();
    const thisYear = this.deps.clock.now().getUTCFullYear();
    const year = asked !== null && years.includes(asked) ? asked : years.includes(thisYear) ? thisYear : years[years.length - 1];
    return year === undefined ? null : this.deps.plans.get(year);
  }

  /** what importing the file would change, or every problem it would be refused for; writes nothing */
  preview(bytes: Uint8Array): Promise<PlanImportPreview> {
    return previewPlanImport(this.deps, this.deps.clock, bytes);
  }

  import(bytes: Uint8Array): Promise<PlanImportResult> {
    return importPlanFile(this.deps, this.deps.clock, bytes);
  }
}
