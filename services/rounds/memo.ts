/**
 * A pure function's answers, kept by key (`keyOf`, the argument itself when absent): at most `limit`
 * of them (when full, all are dropped and gathered again). The calendar functions are asked the same
 * few questions on every round check.
 */
export function memoized<A, V>(limit: number, compute: (arg: A) => V, keyOf: (arg: A) => unknown = (arg) => arg): (arg: A) => V {
  const known = new Map<unknown, V>();
  return (arg) => {
    const key = keyOf(arg);
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = compute(arg);
    if (known.size >= limit) known.clear();
    known.set(key, value);
    return value;
  };
}
