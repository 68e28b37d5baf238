/**
 * The tab's API client (tab/app/src/api.ts) takes its paths, parameters, bodies and queries from the
 * contract (tab/api/tab-contract.ts) and answers the contract's type. tab/app/src/api-typecheck.ts holds
 * calls it must refuse, each under a `@ts-expect-error` naming the message; `tsc -p tab/app/tsconfig.json`
 * only says that each such line has some error. Here the file is compiled as the browser build compiles
 * it, once as it is (no error) and once without the directives: then each marked line, and no other,
 * must fail with the message its directive names. And no file of the front end but the client calls
 * `fetch`, so no call goes around it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const FILE = path.join(ROOT, 'tab/app/src/api-typecheck.ts');
const DIRECTIVE = /\/\/ @ts-expect-error (.+)$/;

function browserOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, 'tab/app/tsconfig.json');
  const json = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, 'utf8'));
  return ts.parseJsonConfigFileContent(json.config, ts.sys, path.dirname(file)).options;
}

/** line (1-based) → message, for every diagnostic of the file compiled with `text` in its place */
function errors(text: string, options: ts.CompilerOptions, old?: ts.Program): { program: ts.Program; byLine: Map<number, string[]> } {
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError, fresh) =>
    path.resolve(name) === FILE ? ts.createSourceFile(name, text, lang) : read(name, lang, onError, fresh);
  const program = ts.createProgram({ rootNames: [FILE], options: { ...options, noEmit: true }, host, oldProgram: old });
  const byLine = new Map<number, string[]>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
    byLine.set(line, [...(byLine.get(line) ?? []), ts.flattenDiagnosticMessageText(d.messageText, '\n')]);
  }
  return { program, byLine };
}

/** the calls of the global `fetch` in a file of the front end */
function fetchCalls(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'fetch') found.push(node.getText(source));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the tab API client', () => {
  it('is the only way the front end reaches the API: no other file calls fetch', () => {
    const dir = path.join(ROOT, 'tab/app/src');
    const files = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f));
    expect(files).toContain('api.ts');
    expect(files.length).toBeGreaterThan(10);
    const calls = files.filter((f) => f !== 'api.ts').flatMap((f) => fetchCalls(f, fs.readFileSync(path.join(dir, f), 'utf8')).map((c) => `${f}: ${c}`));
    expect(calls).toEqual([]);
    // what it would catch
    expect(fetchCalls('App.tsx', "const c = (await (await fetch('/api/tab/config')).json()) as TabConfig; // fetch(x) in a comment")).toEqual(["fetch('/api/tab/config')"]);
  });

  const source = fs.readFileSync(FILE, 'utf8');
  const lines = source.split('\n');
  /** the line after each directive (1-based) → the message it names */
  const expected = new Map(lines.flatMap((l, i) => (DIRECTIVE.test(l) ? [[i + 2, DIRECTIVE.exec(l)![1]!] as const] : [])));
  const options = browserOptions();
  const asIs = errors(source, options);
  const bare = errors(lines.map((l) => l.replace(DIRECTIVE, '//')).join('\n'), options, asIs.program);

  it('compiles the calls the contract allows, each refused call under its directive', () => {
    expect(expected.size).toBeGreaterThanOrEqual(15);
    expect([...asIs.byLine]).toEqual([]);
  });

  it('refuses a misspelled path, a path of another method, a missing or misspelled parameter, a wrong body (a misspelled or plain-string status or assessment code among them) or query, and a wrong answer type, each with its message', () => {
    const found = [...bare.byLine].map(([line, messages]) => ({ line, call: lines[line - 1]!.trim(), messages }));
    expect(found.map((f) => f.line)).toEqual([...expected.keys()]);
    for (const f of found) {
      const wanted = expected.get(f.line)!;
      const matched = f.messages.some((m) => m.includes(wanted));
      expect({ call: f.call, error: matched ? wanted : f.messages }).toEqual({ call: f.call, error: wanted });
    }
  });
});
