/**
 * Binds an Adaptive Card JSON template with data (adaptivecards-templating). User text is data, never template.
 *
 * Our templates use a small part of the template language: `${name}` or `${$root.name}` as a whole value
 * or inside a string, `$data` on `${name}`, and `$when` on `${name}`, `${!name}`, `${name != ''}` or
 * `${count(name) > 0}`. Such a template is compiled once into plain lookups that bind exactly as the
 * library does, without evaluating an expression per binding: the library allocates tens of KB per card,
 * which every submit's answer would pay. Any other template expands with the library, and so does any
 * render whose data holds a value the lookups do not cover (missing, null, an array where text goes).
 * `test/unit/card-template.test.ts` holds both ways equal over every card template.
 */
import * as ACData from 'adaptivecards-templating';

type Json = unknown;
type Data = Record<string, unknown>;
/**
 * A compiled node: what it expands to, given the root data and the current `$data` scope (the root,
 * or the item of a `$data` list being expanded). An object whose `$when` is false expands to null.
 */
type Render = (root: Data, scope: Data) => Json;
type Lookup = (root: Data, scope: Data) => unknown;

/** a value the compiled lookups do not bind exactly as the library would: this render goes to the library */
class Uncovered extends Error {}
const uncovered = new Uncovered();

const NAME = '(\\$root\\.)?([A-Za-z_][A-Za-z0-9_]*)';
const WHOLE = new RegExp(`^\\$\\{${NAME}\\}$`);
const WHEN = new RegExp(`^\\$\\{(!?)${NAME}( != '')?\\}$`);
const WHEN_ANY = new RegExp(`^\\$\\{count\\(${NAME}\\) > 0\\}$`);
const TOKEN = new RegExp(`\\$\\{${NAME}\\}`, 'g');
/** text around `${...}` that the library's expression parser would read as more than text */
const NOT_PLAIN_TEXT = /[$`\\{}]/;
/** the library's reserved keys: never copied into the card */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

const isPlainObject = (v: unknown): v is Data =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** `name` is read from the current scope, `$root.name` from the root */
function lookup(fromRoot: string | undefined, name: string): Lookup {
  return fromRoot
    ? (root) => (Object.prototype.hasOwnProperty.call(root, name) ? root[name] : undefined)
    : (_root, scope) => (Object.prototype.hasOwnProperty.call(scope, name) ? scope[name] : undefined);
}

/** a value bound as a whole (`"data": "${openData}"`): text, a number, a boolean or a plain object, as it is */
function whole(get: Lookup): Render {
  return (root, scope) => {
    const v = get(root, scope);
    if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)) || isPlainObject(v)) return v;
    throw uncovered;
  };
}

/** a string with bindings inside (`"${ref} "`): text and numbers are written in, anything else goes to the library */
function interpolated(text: string): Render | null {
  const parts: (string | Lookup)[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    parts.push(text.slice(last, m.index), lookup(m[1], m[2]!));
    last = m.index! + m[0].length;
  }
  parts.push(text.slice(last));
  if (parts.some((p) => typeof p === 'string' && NOT_PLAIN_TEXT.test(p))) return null;
  return (root, scope) => {
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else {
        const v = p(root, scope);
        if (typeof v === 'string') out += v;
        else if (typeof v === 'number' && Number.isFinite(v)) out += String(v);
        else throw uncovered;
      }
    }
    return out;
  };
}

/** `$when`: the node is kept only when the condition is the boolean true, as the library decides */
function condition(expr: unknown): ((root: Data, scope: Data) => boolean) | null {
  if (typeof expr !== 'string') return null;
  const any = WHEN_ANY.exec(expr);
  if (any) {
    const get = lookup(any[1], any[2]!);
    return (root, scope) => {
      const v = get(root, scope);
      if (!Array.isArray(v)) throw uncovered;
      return v.length > 0;
    };
  }
  const m = WHEN.exec(expr);
  if (!m) return null;
  const [, not, fromRoot, name, notEmpty] = m as unknown as [string, string, string | undefined, string, string | undefined];
  if (notEmpty && not) return null;
  const get = lookup(fromRoot, name);
  if (notEmpty) {
    return (root, scope) => {
      const v = get(root, scope);
      if (typeof v !== 'string') throw uncovered;
      return v !== '';
    };
  }
  return (root, scope) => {
    const v = get(root, scope);
    if (typeof v !== 'boolean') throw uncovered;
    return not ? !v : v;
  };
}

/** `$data`: the list (or single object) an object is expanded for, each item becoming the scope */
function dataScopes(expr: unknown): ((root: Data, scope: Data) => Data[]) | null {
  const m = typeof expr === 'string' ? WHOLE.exec(expr) : null;
  if (!m) return null;
  const get = lookup(m[1], m[2]!);
  return (root, scope) => {
    const v = get(root, scope);
    if (isPlainObject(v)) return [v];
    if (!Array.isArray(v) || !v.every(isPlainObject)) throw uncovered;
    return v;
  };
}

/** the node compiled, or null when the template uses more than the lookups cover */
function compile(node: Json): Render | null {
  if (typeof node === 'string') {
    if (!node.includes('${')) return () => node;
    const m = WHOLE.exec(node);
    return m ? whole(lookup(m[1], m[2]!)) : interpolated(node);
  }
  if (Array.isArray(node)) {
    const items = node.map(compile);
    if (items.some((i) => i === null)) return null;
    return (root, scope) => {
      const out: Json[] = [];
      for (const item of items as Render[]) {
        const v = item(root, scope);
        // as the library: a dropped (null) item leaves the array, an array item is spread into it
        if (Array.isArray(v)) out.push(...(v as Json[]));
        else if (v !== null) out.push(v);
      }
      return out;
    };
  }
  if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, Json>;
    const scopes = '$data' in record ? dataScopes(record.$data) : undefined;
    const when = '$when' in record ? condition(record.$when) : undefined;
    if (scopes === null || when === null) return null;
    const fields: [string, Render][] = [];
    for (const [key, value] of Object.entries(record)) {
      if (RESERVED.has(key)) continue;
      const render = compile(value);
      if (!render) return null;
      fields.push([key, render]);
    }
    const expand = (root: Data, scope: Data): Record<string, Json> | null => {
      if (when && !when(root, scope)) return null;
      const out: Record<string, Json> = {};
      for (const [key, render] of fields) out[key] = render(root, scope);
      return out;
    };
    if (!scopes) return expand;
    return (root, scope) => {
      const out: Json[] = [];
      for (const item of scopes(root, scope)) {
        const v = expand(root, item);
        if (v !== null) out.push(v);
      }
      // as the library: nothing is null, one is the object itself, more are a list
      return out.length === 0 ? null : out.length === 1 ? out[0] : out;
    };
  }
  return () => node;
}

interface Built {
  library: ACData.Template;
  compiled: Render | null;
}
// Building a Template is the costly step (milliseconds): one per template object, kept with its compiled form.
const built = new WeakMap<object, Built>();

function builtFor(template: object): Built {
  let b = built.get(template);
  if (!b) {
    b = { library: new ACData.Template(template), compiled: compile(template) };
    built.set(template, b);
  }
  return b;
}

/** the library's expansion, always: the reference the compiled form is held to */
export function expandWithLibrary(template: object, data: object): Record<string, unknown> {
  return builtFor(template).library.expand({ $root: data }) as Record<string, unknown>;
}

/** whether the template is bound by compiled lookups (else every render goes to the library) */
export function isCompiled(template: object): boolean {
  return builtFor(template).compiled !== null;
}

/** the compiled form's expansion; undefined when the template or a value is not covered by it */
export function expandCompiled(template: object, data: object): Record<string, unknown> | undefined {
  const compiled = builtFor(template).compiled;
  if (!compiled) return undefined;
  try {
    return compiled(data as Data, data as Data) as Record<string, unknown>;
  } catch (e) {
    if (e !== uncovered) throw e;
    return undefined;
  }
}

export function expandTemplate(template: object, data: object): Record<string, unknown> {
  return expandCompiled(template, data) ?? expandWithLibrary(template, data);
}
