/**
 * Linear code for the embedded server's query engine (@zeit/cosmosdb-query). Only this in-process
 * test and development server uses the engine; a real Cosmos DB account is not affected.
 *
 * The engine compiles each SQL query to JavaScript: its transformer builds a Babel AST, which is
 * printed and run with `new Function`. The FROM clause becomes an accumulation over the whole
 * container, `$c.reduce(($, c) => typeof c !== "undefined" ? [...$, { c: c }] : $, [])`, and each JOIN
 * one more `reduce(($, { c }) => [...$, ...rows], [])`. Each step copies the accumulator, so a query
 * over a container of n items copies n²/2 references (≈ 78 million at 12,500 items) whatever it
 * returns: a WHERE that selects one item costs as much as one that selects all.
 *
 * `useLinearQueryCode` wraps the transformer, which the engine calls through its module object, and
 * rewrites exactly those two reducer bodies on the AST to append in place:
 *   `(typeof c !== "undefined" ? $.push({ c: c }) : 0, $)` and
 *   `((acc, rows) => { for (const row of rows) acc.push(row); return acc; })($, …)`.
 * The accumulator is a fresh `[]` per reduce and nothing else holds it, and the expressions are
 * evaluated in the same order, so every query returns the same items in the same order, with the same
 * continuation tokens and errors.
 *
 * Guarded: before wrapping, a probe query must compile to exactly the code of the engine version the
 * rewrite is written for (0.7.2 with @babel/generator 7.6.2), and after wrapping to exactly the
 * rewritten code. Otherwise the engine is left as it is and a warning is logged: queries stay correct,
 * only slower.
 */
import path from 'node:path';
import { moduleLogger } from '../logging/logger';

/** a Babel AST node as the transformer builds it: plain objects */
type AstNode = { type: string } & Record<string, unknown>;

interface Transformer {
  default: ((sqlAst: unknown) => AstNode) & { [LINEAR]?: (sqlAst: unknown) => AstNode };
}

/** marks the wrapper and holds the engine's own transformer */
const LINEAR = Symbol.for('tertial.linearQueryCode');

/** a FROM with a JOIN: exercises both reducer shapes the rewrite replaces */
export const PROBE_QUERY = 'SELECT c.id, t FROM c JOIN t IN c.tags';

/** the probe as the engine compiles it (whitespace removed, so only the code is compared, not its layout) */
const PROBE_ENGINE_CODE =
  '($a,$b,$c,$h,udf,$p,$maxItemCount,$continuation,$compositeIndexes,$_,$__)=>{return$h.paginate($h.sort(' +
  '$c.reduce(($,c)=>typeofc!=="undefined"?[...$,{c:c}]:$,[])' +
  '.reduce(($,{c})=>[...$,...(c.tags||[]).map(t=>({c,t:t}))],[])' +
  ',$=>$.c._rid).map(({c,t})=>[{id:($_=c,typeof$_==="object"&&$_?$_.id:undefined),t:t},{c,t}]),$maxItemCount,$continuation,$=>$.c._rid);}';

/** the probe with the rewrite */
const PROBE_LINEAR_CODE =
  '($a,$b,$c,$h,udf,$p,$maxItemCount,$continuation,$compositeIndexes,$_,$__)=>{return$h.paginate($h.sort(' +
  '$c.reduce(($,c)=>(typeofc!=="undefined"?$.push({c:c}):0,$),[])' +
  '.reduce(($,{c})=>((acc,rows)=>{for(constrowofrows)acc.push(row);returnacc;})($,(c.tags||[]).map(t=>({c,t:t}))),[])' +
  ',$=>$.c._rid).map(({c,t})=>[{id:($_=c,typeof$_==="object"&&$_?$_.id:undefined),t:t},{c,t}]),$maxItemCount,$continuation,$=>$.c._rid);}';

const compact = (code: string) => code.replace(/\s+/g, '');

const identifier = (name: string): AstNode => ({ type: 'Identifier', name });
const isIdentifier = (node: unknown, name: string): boolean => (node as AstNode | null)?.type === 'Identifier' && (node as { name?: unknown }).name === name;
const isSpreadOfAccumulator = (node: unknown): boolean => (node as AstNode | null)?.type === 'SpreadElement' && isIdentifier((node as { argument?: unknown }).argument, '$');
const pushCall = (target: AstNode, value: unknown): AstNode => ({
  type: 'CallExpression',
  callee: { type: 'MemberExpression', object: target, property: identifier('push'), computed: false },
  arguments: [value],
});

/** `((acc, rows) => { for (const row of rows) acc.push(row); return acc; })($, rows)` */
function appendAll(rows: unknown): AstNode {
  const appender: AstNode = {
    type: 'ArrowFunctionExpression',
    params: [identifier('acc'), identifier('rows')],
    body: {
      type: 'BlockStatement',
      body: [
        {
          type: 'ForOfStatement',
          await: false,
          left: { type: 'VariableDeclaration', kind: 'const', declarations: [{ type: 'VariableDeclarator', id: identifier('row'), init: null }] },
          right: identifier('rows'),
          body: { type: 'ExpressionStatement', expression: pushCall(identifier('acc'), identifier('row')) },
        },
        { type: 'ReturnStatement', argument: identifier('acc') },
      ],
      directives: [],
    },
  };
  return { type: 'CallExpression', callee: appender, arguments: [identifier('$'), rows] };
}

/**
 * If `node` is `x.reduce(($, d) => test ? [...$, row] : $, [])` or `x.reduce(($, d) => [...$, ...rows], [])`,
 * replaces the reducer's body with one that appends to `$` in place.
 */
function linearizeReduce(node: AstNode): void {
  if (node.type !== 'CallExpression') return;
  const callee = node.callee as AstNode;
  const args = node.arguments as AstNode[];
  if (callee?.type !== 'MemberExpression' || callee.computed || !isIdentifier(callee.property, 'reduce')) return;
  if (args.length !== 2 || args[1]!.type !== 'ArrayExpression' || (args[1]!.elements as unknown[]).length !== 0) return;
  const reducer = args[0]!;
  if (reducer.type !== 'ArrowFunctionExpression' || (reducer.params as unknown[]).length !== 2 || !isIdentifier((reducer.params as unknown[])[0], '$')) return;
  const body = reducer.body as AstNode;
  if (body.type === 'ConditionalExpression' && isIdentifier(body.alternate, '$')) {
    const consequent = body.consequent as AstNode;
    const elements = consequent.type === 'ArrayExpression' ? (consequent.elements as AstNode[]) : [];
    if (elements.length !== 2 || !isSpreadOfAccumulator(elements[0]) || elements[1]!.type === 'SpreadElement') return;
    reducer.body = {
      type: 'SequenceExpression',
      expressions: [{ type: 'ConditionalExpression', test: body.test, consequent: pushCall(identifier('$'), elements[1]), alternate: { type: 'NumericLiteral', value: 0 } }, identifier('$')],
    };
    return;
  }
  if (body.type === 'ArrayExpression') {
    const elements = body.elements as AstNode[];
    if (elements.length !== 2 || !isSpreadOfAccumulator(elements[0]) || elements[1]!.type !== 'SpreadElement') return;
    reducer.body = appendAll(elements[1]!.argument);
  }
}

/** rewrites every matching reduce in the tree (children first; nodes the transformer shares are visited once) */
export function linearizeQueryAst(root: AstNode): AstNode {
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    for (const v of Object.values(value)) visit(v);
    if (typeof (value as AstNode).type === 'string') linearizeReduce(value as AstNode);
  };
  visit(root);
  return root;
}

function engineModule<T>(subpath: string): T {
  const file = require.resolve(`@zeit/cosmosdb-query${subpath}`, { paths: [path.dirname(require.resolve('@vercel/cosmosdb-server'))] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as T;
}

const engine = () => engineModule<{ default: (sql: string) => { code: string } }>('');
const transformer = () => engineModule<Transformer>('/lib/transformer');

export type EnginePatch = { applied: true } | { applied: false; reason: string };

/** Installs the rewrite (once per engine module; later calls only report). */
export function useLinearQueryCode(): EnginePatch {
  return warnIfSkipped(installLinearQueryCode());
}

function warnIfSkipped(result: EnginePatch): EnginePatch {
  if (!result.applied) {
    moduleLogger('embedded-cosmos').warn(
      { reason: result.reason },
      'embedded Cosmos DB server: its query engine is not the version the linear-code patch is written for; queries run as the engine compiles them (correct, but quadratic in the items of a container)',
    );
  }
  return result;
}

function installLinearQueryCode(): EnginePatch {
  let module: Transformer;
  let compile: (sql: string) => { code: string };
  try {
    module = transformer();
    compile = engine().default;
  } catch (err) {
    return { applied: false, reason: `@zeit/cosmosdb-query could not be loaded: ${(err as Error).message}` };
  }
  if (typeof module.default !== 'function' || typeof compile !== 'function') return { applied: false, reason: 'its transformer or entry point is not a function' };
  if (module.default[LINEAR]) return { applied: true };
  const own = module.default;
  if (compact(compile(PROBE_QUERY).code) !== PROBE_ENGINE_CODE) return { applied: false, reason: 'the probe query compiles to different code' };
  const linear = Object.assign((sqlAst: unknown) => linearizeQueryAst(own(sqlAst)), { [LINEAR]: own });
  module.default = linear;
  if (compact(compile(PROBE_QUERY).code) !== PROBE_LINEAR_CODE) {
    module.default = own;
    return { applied: false, reason: 'the rewritten probe query is not the expected code' };
  }
  return { applied: true };
}

/** the engine's `stripUndefined` helper, as `useLinearStripUndefined` expects to find it (whitespace removed) */
const ENGINE_STRIP_UNDEFINED = compact(`(obj) => {
    if (Array.isArray(obj)) {
        // remove \`undefined\` from array unlike JSON
        return obj.reduce((o, v) => (typeof v !== "undefined" ? [...o, exports.stripUndefined(v)] : o), []);
    }
    if (obj && typeof obj === "object") {
        return Object.entries(obj).reduce((o, [k, v]) => {
            if (typeof v !== "undefined") {
                // eslint-disable-next-line no-param-reassign
                o[k] = exports.stripUndefined(v);
            }
            return o;
        }, {});
    }
    return obj;
}`);

/** the same as the engine's helper (undefined left out of arrays and objects, recursively), in linear time */
export function linearStripUndefined(obj: unknown): unknown {
  if (Array.isArray(obj)) {
    const out: unknown[] = [];
    for (const v of obj) if (typeof v !== 'undefined') out.push(linearStripUndefined(v));
    return out;
  }
  if (obj && typeof obj === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(obj)) if (typeof v !== 'undefined') out[k] = linearStripUndefined(v);
    return out;
  }
  return obj;
}

/**
 * The engine strips `undefined` from every result page with `reduce((o, v) => [...o, v])`, which copies
 * the page once per row: quadratic, so a page of 5,000 rows copies 12.5 million references and spends
 * most of a query in the garbage collector. This replaces that helper, which the engine calls through
 * its module object, with `linearStripUndefined`. Guarded: only the helper whose source is exactly the
 * one above is replaced; otherwise a warning is logged and the engine keeps its own.
 */
export function useLinearStripUndefined(): EnginePatch {
  let helpers: { stripUndefined?: unknown };
  try {
    helpers = engineModule<{ stripUndefined?: unknown }>('/lib/helpers');
  } catch (err) {
    return warnIfSkipped({ applied: false, reason: `@zeit/cosmosdb-query could not be loaded: ${(err as Error).message}` });
  }
  if (helpers.stripUndefined === linearStripUndefined) return { applied: true };
  if (typeof helpers.stripUndefined !== 'function' || compact(String(helpers.stripUndefined)) !== ENGINE_STRIP_UNDEFINED) {
    return warnIfSkipped({ applied: false, reason: 'its stripUndefined helper is not the one the patch replaces' });
  }
  helpers.stripUndefined = linearStripUndefined;
  return { applied: true };
}

/** Puts the engine's own transformer back (tests compare both); queries compiled since keep their code. */
export function restoreEngineQueryCode(): void {
  const module = transformer();
  const own = module.default[LINEAR];
  if (own) module.default = own;
}

/** whether queries compiled now get the linear code */
export function linearQueryCodeInstalled(): boolean {
  return Boolean(transformer().default[LINEAR]);
}
