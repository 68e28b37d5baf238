import fs from 'node:fs';
import path from 'node:path';
import { expandCompiled, expandTemplate, expandWithLibrary, isCompiled } from '../../cards/card-template';
import receiptTemplate from '../../cards/report-receipt-card.json';

const CARDS = path.join(__dirname, '../../cards');
const templates = fs
  .readdirSync(CARDS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ file: f, template: JSON.parse(fs.readFileSync(path.join(CARDS, f), 'utf8')) as object }));

type Kind = 'flag' | 'text' | 'list' | 'any';

/** each name a template binds, by how it is used: a `$when` flag or text, a `$data` or `count()` list, or any value */
function boundNames(template: object): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  const note = (name: string, kind: Kind) => {
    const known = kinds.get(name);
    if (!known || known === 'any') kinds.set(name, kind);
  };
  const json = JSON.stringify(template);
  for (const m of json.matchAll(/"\$(when|data)":"\$\{([^}]*)\}"/g)) {
    const expr = m[2]!;
    const name = /([A-Za-z_][A-Za-z0-9_]*)(?:\)| !=|$)/.exec(expr.replace('$root.', ''))![1]!;
    note(name, m[1] === 'data' || expr.startsWith('count(') ? 'list' : expr.includes("!= ''") ? 'text' : 'flag');
  }
  for (const m of json.matchAll(/\$\{(?:\$root\.)?([A-Za-z_][A-Za-z0-9_]*)\}/g)) note(m[1]!, 'any');
  return kinds;
}

/** a small deterministic generator, so a failure repeats */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const TEXTS = ['', 'Rapport sparad · T3 2026', 'Åsa "Ö" <b>fet</b> & 100 %', '${heading} {{DATE(2026-01-01T00:00:00Z, SHORT)}} `x` \\n', 'rad ett\nrad två'];
const ANY: unknown[] = [...TEXTS, true, false, 0, 7, 2.5, { roundId: '2026-T3', activityRef: '1.2' }, {}];
/** values outside the compiled lookups: a render holding one goes to the library */
const UNCOVERED: unknown[] = [undefined, null, ['a', 'b'], Number.NaN, 'text where a flag goes'];

describe('card templates: compiled lookups bind as adaptivecards-templating does', () => {
  test.each(templates)('$file: 400 renders with mixed data equal the library', ({ template }) => {
    const kinds = boundNames(template);
    expect(kinds.size).toBeGreaterThan(0);
    const next = random(kinds.size * 7919 + JSON.stringify(template).length);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!;
    const value = (kind: Kind, depth: number): unknown => {
      if (kind === 'flag') return next() < 0.5;
      if (kind === 'text') return pick(TEXTS);
      if (kind === 'list') return depth > 1 ? [] : Array.from({ length: Math.floor(next() * 4) }, () => record(depth + 1));
      return pick(ANY);
    };
    const record = (depth: number): Record<string, unknown> => Object.fromEntries([...kinds].map(([name, kind]) => [name, value(kind, depth)]));
    let compiled = 0;
    let library = 0;
    for (let i = 0; i < 400; i++) {
      const data = record(0);
      // one render in five holds a value the lookups leave to the library
      if (next() < 0.2) data[pick([...kinds.keys()])] = pick(UNCOVERED);
      let expected: unknown;
      let failure: unknown = null;
      try {
        expected = expandWithLibrary(template, data);
      } catch (e) {
        failure = e;
      }
      const fast = expandCompiled(template, data);
      if (fast === undefined) library++;
      else {
        compiled++;
        expect(failure).toBeNull();
        expect(fast).toEqual(expected);
      }
      if (failure) expect(() => expandTemplate(template, data)).toThrow();
      else expect(expandTemplate(template, data)).toEqual(expected);
    }
    // both ways were taken, many renders by the compiled lookups
    expect(compiled).toBeGreaterThan(120);
    expect(library).toBeGreaterThan(10);
  });

  test('every card template is compiled (the submit receipt above all)', () => {
    expect(isCompiled(receiptTemplate)).toBe(true);
    expect(templates.filter((t) => !isCompiled(t.template)).map((t) => t.file)).toEqual([]);
  });

  test('a template with other functions or expressions is left to the library', () => {
    expect(isCompiled({ type: 'Container', items: [{ $data: '${rows[0]}', type: 'TextBlock', text: '${name}' }] })).toBe(false);
    expect(isCompiled({ type: 'TextBlock', $when: '${count(rows) > 1}', text: 'x' })).toBe(false);
    expect(isCompiled({ type: 'TextBlock', $when: '${a && b}', text: 'x' })).toBe(false);
    expect(isCompiled({ type: 'TextBlock', text: '${toUpper(name)}' })).toBe(false);
    expect(isCompiled({ type: 'TextBlock', text: 'pris: {${price}}' })).toBe(false);
  });

  test('the library rules the compiled form follows: a false $when drops an item, leaves null in a field, and reserved keys go', () => {
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', $when: '${show}', text: '${title}' },
        { type: 'TextBlock', $when: "${note != ''}", text: 'Obs: ${note}.' },
        [{ type: 'TextBlock', text: 'nested' }],
      ],
      selectAction: { $when: '${!show}', type: 'Action.Execute', data: '${data}' },
      $host: 'x',
    };
    expect(isCompiled(template)).toBe(true);
    for (const data of [
      { show: true, title: 'A', note: '', data: { id: 1 } },
      { show: false, title: 'B', note: 'läs', data: { id: 2 } },
    ]) {
      expect(expandTemplate(template, data)).toEqual(expandWithLibrary(template, data));
    }
    expect(expandTemplate(template, { show: true, title: 'A', note: '', data: {} })).toEqual({
      type: 'AdaptiveCard',
      body: [{ type: 'TextBlock', text: 'A' }, { type: 'TextBlock', text: 'nested' }],
      selectAction: null,
    });
  });

  test('a $data list in a field is null when empty, the object itself for one item, a list for more (as the library)', () => {
    const template = { type: 'Container', selectAction: { $data: '${rows}', type: 'Action.Execute', title: '${t}', verb: '${$root.verb}' } };
    expect(isCompiled(template)).toBe(true);
    const rows = [{ t: 'a' }, { t: 'b' }];
    const expanded = [0, 1, 2].map((n) => expandTemplate(template, { rows: rows.slice(0, n), verb: 'v' }).selectAction);
    expect(expanded).toEqual([null, { type: 'Action.Execute', title: 'a', verb: 'v' }, [{ type: 'Action.Execute', title: 'a', verb: 'v' }, { type: 'Action.Execute', title: 'b', verb: 'v' }]]);
    for (const n of [0, 1, 2]) expect(expandTemplate(template, { rows: rows.slice(0, n), verb: 'v' })).toEqual(expandWithLibrary(template, { rows: rows.slice(0, n), verb: 'v' }));
  });

  test('user text is bound as data: a binding inside a value is not expanded', () => {
    const template = { type: 'TextBlock', text: '${title}' };
    expect(expandTemplate(template, { title: '${secret}', secret: 'hemligt' })).toEqual({ type: 'TextBlock', text: '${secret}' });
  });
});
