/** Whether two plans say the same thing (import time aside), to keep re-imports and demo loads from writing. */
import type { Plan } from '../domain/model';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** JSON with sorted keys: equal strings ⇔ equal data */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(canonical(value));
}

export function samePlanContent(a: Plan, b: Plan): boolean {
  const strip = (p: Plan) => ({
    meta: { ...p.meta, importedAt: null },
    goals: [...p.goals].sort((x, y) => x.ref.localeCompare(y.ref)),
    activities: [...p.activities].sort((x, y) => x.ref.localeCompare(y.ref)),
    measures: [...(p.measures ?? [])].sort((x, y) => x.ref.localeCompare(y.ref)),
  });
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}
