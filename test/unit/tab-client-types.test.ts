/**
 * The tab's API client (tab/app/src/api.ts) takes its paths, parameters, bodies and queries from the
 * contract (tab/api/tab-contract.ts) and answers the contract's type. tab/app/src/api-typecheck.ts holds
 * calls it must refuse, each under a `@ts-expect-error` naming the message; `tsc -p tab/app/tsconfig.json`
 * only says that each such line has some error. Here the file is compiled as the browser build compiles
 * it, once as it is (no error) and once without the directives: then each marked line, and no other,
 * must fail with the message its directive names.
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

describe('the tab API client', () => {
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

  it('refuses a misspelled path, a path of another method, a missing or misspelled parameter, a wrong body or query, and a wrong answer type, each with its message', () => {
    const found = [...bare.byLine].map(([line, messages]) => ({ line, call: lines[line - 1]!.trim(), messages }));
    expect(found.map((f) => f.line)).toEqual([...expected.keys()]);
    for (const f of found) {
      const wanted = expected.get(f.line)!;
      const matched = f.messages.some((m) => m.includes(wanted));
      expect({ call: f.call, error: matched ? wanted : f.messages }).toEqual({ call: f.call, error: wanted });
    }
  });
});
