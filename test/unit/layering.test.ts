/**
 * The layers, read from the source: services/ never imports the Teams SDK or the HTTP framework,
 * and the handlers in bot/, cli/ and the tab's API (tab/api/) never reach a repository. Only the composition roots, which open
 * the store and build the services over it, may. The tab API's contract (tab/api/tab-contract.ts), which
 * the browser build compiles too, holds types only, imported only from the plain domain model. Imports
 * are read with the TypeScript parser, so comments and strings never count.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

/** bare module names services/ may not import: the Teams SDK and the HTTP framework and its middleware */
const EDGE_PACKAGES = /^(botbuilder(-[\w-]+)?|botframework-[\w-]+|express|helmet)(\/.*)?$/;

/** repository types from services/ports: the aggregate and every `…Repository` port */
const REPOSITORY_TYPE = /^Repositories$|Repository$/;

/** the edges: their handlers parse, ask the access policy, call a service and render */
const EDGES = ['bot', 'cli', 'tab/api'];

/** files in the edges that may hold repositories, each with why */
const COMPOSITION_ROOTS: Record<string, string> = {
  'bot/app.ts': "the bot's composition root: opens the store and builds every service over it",
  'bot/assessment-edge.ts': "part of bot/app.ts's wiring: builds the assessment, report and publishing services from the store",
  'cli/cli-services.ts': "the CLI's composition root: builds CliServices over the open store",
  'cli/run-cli.ts': 'opens (or is handed) the store for one command line and hands it to cli/cli-services.ts',
  'cli/store-connection.ts': 'where the CLI connects to the configured store',
  'tab/api/tab-services.ts': "the tab API's composition root: builds TabServices over the store bot/app.ts opened",
};

/** the tab API's request and answer types, shared by its routes and the browser build (tab/app) */
const CONTRACT = 'tab/api/tab-contract.ts';
/** what the contract may take types from: plain data that compiles without Node or Express */
const CONTRACT_SOURCES = ['services/domain/model', 'services/domain/vocabulary', 'services/domain/progress-views', 'services/domain/owner-views'];

interface Violation {
  file: string;
  line: number;
  what: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

interface ImportOf {
  specifier: string;
  /** the names imported; null for a namespace import (`* as x`) or `export * from` */
  names: string[] | null;
  line: number;
}

/** every import, re-export, `import()` and `require()` of a file */
function importsOf(source: ts.SourceFile): ImportOf[] {
  const out: ImportOf[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const names =
        bindings && ts.isNamespaceImport(bindings)
          ? null
          : [...(clause?.name ? [clause.name.text] : []), ...(bindings && ts.isNamedImports(bindings) ? bindings.elements.map((e) => (e.propertyName ?? e.name).text) : [])];
      out.push({ specifier: node.moduleSpecifier.text, names, line: lineOf(node) });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const names = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements.map((e) => (e.propertyName ?? e.name).text) : null;
      out.push({ specifier: node.moduleSpecifier.text, names, line: lineOf(node) });
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require')) &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0]!)
    ) {
      out.push({ specifier: (node.arguments[0] as ts.StringLiteralLike).text, names: null, line: lineOf(node) });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      // import('../services/ports').Repositories in a type position
      out.push({ specifier: node.argument.literal.text, names: node.qualifier ? [ts.isIdentifier(node.qualifier) ? node.qualifier.text : node.qualifier.right.text] : null, line: lineOf(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** where a relative specifier points, relative to the repository ('services/store/index'); null for packages */
function target(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
}

const under = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);

/** the identifier `repos` in code: `ctx.repos.plans`, `repos.plans.get`, `{ repos: store }`, `{ ...ctx.repos }` */
function reposMentions(source: ts.SourceFile): number[] {
  const lines: number[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === 'repos') lines.push(source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return lines;
}

/** the contract's breaches: a value (it would reach the bundle), a value import, or a type from beyond the domain model */
function contractViolations(file: string, source: ts.SourceFile): Violation[] {
  const found: Violation[] = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  for (const statement of source.statements) {
    const line = lineOf(statement);
    if (ts.isImportDeclaration(statement) || (ts.isExportDeclaration(statement) && statement.moduleSpecifier)) {
      const specifier = (statement.moduleSpecifier as ts.StringLiteral).text;
      const typeOnly = ts.isImportDeclaration(statement) ? statement.importClause?.isTypeOnly === true : statement.isTypeOnly;
      if (!typeOnly) found.push({ file, line, what: `the contract imports values from ${specifier} (import type only)` });
      const to = target(file, specifier);
      if (!to || !CONTRACT_SOURCES.includes(to)) found.push({ file, line, what: `the contract imports ${specifier} (only ${CONTRACT_SOURCES.join(', ')})` });
    } else if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly) found.push({ file, line, what: 'the contract re-exports without export type' });
    } else if (!ts.isInterfaceDeclaration(statement) && !ts.isTypeAliasDeclaration(statement)) {
      found.push({ file, line, what: `the contract declares a value (${ts.SyntaxKind[statement.kind]}); it holds types only` });
    }
  }
  return found;
}

/** what a file breaks; `file` is its path relative to the repository root */
function layeringViolations(file: string, text: string): Violation[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Violation[] = [];
  if (under(file, 'services')) {
    for (const imp of importsOf(source)) {
      if (EDGE_PACKAGES.test(imp.specifier)) found.push({ file, line: imp.line, what: `services/ imports ${imp.specifier}` });
    }
  }
  if (EDGES.some((edge) => under(file, edge)) && !(file in COMPOSITION_ROOTS)) {
    for (const imp of importsOf(source)) {
      const to = target(file, imp.specifier);
      if (!to) continue;
      if (under(to, 'services/store')) found.push({ file, line: imp.line, what: `imports the store (${imp.specifier})` });
      else if (under(to, 'services/ports')) {
        if (imp.names === null) found.push({ file, line: imp.line, what: `imports all of ${imp.specifier} (name the ports it uses)` });
        for (const name of (imp.names ?? []).filter((n) => REPOSITORY_TYPE.test(n))) found.push({ file, line: imp.line, what: `imports the repository type ${name} from ${imp.specifier}` });
      }
    }
    for (const line of reposMentions(source)) found.push({ file, line, what: 'reaches for repos' });
  }
  if (file === CONTRACT) found.push(...contractViolations(file, source));
  return found;
}

describe('layering', () => {
  it('services/ imports neither the Teams SDK nor Express; bot/, cli/ and tab/api/ handlers reach no repository; the tab contract holds types only', () => {
    const files = [...sourceFiles('services'), ...EDGES.flatMap((edge) => sourceFiles(edge))];
    expect(files).toContain('tab/api/tab-routes.ts');
    expect(files).toContain(CONTRACT);
    expect(files.length).toBeGreaterThan(100);
    const found = files.flatMap((f) => layeringViolations(f, fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(found.map((v) => `${v.file}:${v.line} ${v.what}`)).toEqual([]);
  });

  it('every allowed composition root exists (a moved file must not leave a stale exception)', () => {
    for (const file of Object.keys(COMPOSITION_ROOTS)) expect(fs.existsSync(path.join(ROOT, file))).toBe(true);
    for (const source of CONTRACT_SOURCES) expect(fs.existsSync(path.join(ROOT, `${source}.ts`))).toBe(true);
  });

  describe('the rules catch what they are for', () => {
    const whats = (file: string, text: string) => layeringViolations(file, text).map((v) => v.what);

    it('a service importing botbuilder, express or helmet', () => {
      expect(whats('services/x/y.ts', "import { TurnContext } from 'botbuilder';")).toEqual(['services/ imports botbuilder']);
      expect(whats('services/x/y.ts', "import type { Request } from 'express';\nimport helmet from 'helmet';")).toEqual(['services/ imports express', 'services/ imports helmet']);
      expect(whats('services/x/y.ts', "const b = require('botbuilder-core');")).toEqual(['services/ imports botbuilder-core']);
      expect(whats('services/x/y.ts', "import { z } from 'zod';\nimport { CosmosClient } from '@azure/cosmos';")).toEqual([]);
      // a mention in a comment or string is no import
      expect(whats('services/x/y.ts', "// bot/ implements this with botbuilder\nconst s = 'express';")).toEqual([]);
    });

    it('a bot/, cli/ or tab/api/ handler importing the store or a repository type, or using repos', () => {
      expect(whats('cli/commands/x.ts', "import type { Repositories } from '../../services/ports';")).toEqual(['imports the repository type Repositories from ../../services/ports']);
      expect(whats('bot/commands/x.ts', "import type { PlanRepository } from '../../services/ports/repositories';")).toEqual([
        'imports the repository type PlanRepository from ../../services/ports/repositories',
      ]);
      expect(whats('bot/x.ts', "import { openStore } from '../services/store';")).toEqual(['imports the store (../services/store)']);
      expect(whats('cli/commands/x.ts', 'export async function run(ctx: any) { return ctx.repos.plans.get(2025); }')).toEqual(['reaches for repos']);
      expect(whats('cli/commands/x.ts', 'const p = (x: { repos: unknown }) => x;')).toEqual(['reaches for repos']);
      expect(whats('bot/x.ts', "type R = import('../services/ports').Repositories;")).toEqual(['imports the repository type Repositories from ../services/ports']);
      expect(whats('tab/api/x.ts', "import type { Repositories } from '../../services/ports';")).toEqual(['imports the repository type Repositories from ../../services/ports']);
      expect(whats('tab/api/x.ts', 'export const r = (deps: any) => deps.repos.owners.list();')).toEqual(['reaches for repos']);
      expect(whats('tab/api/x.ts', "import { openStore } from '../../services/store';")).toEqual(['imports the store (../../services/store)']);
    });

    it('the tab contract declaring a value, importing a value, or importing from beyond the domain model', () => {
      expect(whats(CONTRACT, 'export const LABELS = { open: "Öppen" };')).toEqual(['the contract declares a value (FirstStatement); it holds types only']);
      expect(whats(CONTRACT, 'export function f(): void {}')).toEqual(['the contract declares a value (FunctionDeclaration); it holds types only']);
      expect(whats(CONTRACT, "import { roundId } from '../../services/domain/model';")).toEqual(['the contract imports values from ../../services/domain/model (import type only)']);
      // a type-only name inside a value import still loads the module at run time under some bundler settings
      expect(whats(CONTRACT, "import { type Round } from '../../services/domain/model';")).toEqual(['the contract imports values from ../../services/domain/model (import type only)']);
      expect(whats(CONTRACT, "import type { WaveResult } from '../../services/dispatch/wave-result';")).toEqual([
        'the contract imports ../../services/dispatch/wave-result (only services/domain/model, services/domain/vocabulary, services/domain/progress-views, services/domain/owner-views)',
      ]);
      expect(whats(CONTRACT, "import type { Request } from 'express';")).toEqual(['the contract imports express (only services/domain/model, services/domain/vocabulary, services/domain/progress-views, services/domain/owner-views)']);
      expect(whats(CONTRACT, "export type { Round } from '../../services/rounds/round-service';")).toEqual([
        'the contract imports ../../services/rounds/round-service (only services/domain/model, services/domain/vocabulary, services/domain/progress-views, services/domain/owner-views)',
      ]);
      expect(
        whats(CONTRACT, "import type { Round } from '../../services/domain/model';\nexport type { Round };\nexport interface Me { name: string }\nexport type Rounds = Round[];"),
      ).toEqual([]);
      // the rule is the contract's only: a route may import values
      expect(whats('tab/api/tab-routes.ts', "import { roundId } from '../../services/domain/model';")).toEqual([]);
    });

    it('leaves alone what is allowed: other ports, services, comments, and the composition roots', () => {
      expect(whats('cli/commands/x.ts', "import type { PlanSaveSummary } from '../../services/ports';\nimport type { Clock } from '../../services/ports/clock';")).toEqual([]);
      expect(whats('bot/x.ts', "import { RoundService } from '../services/rounds/round-service';\n// ctx.repos is gone")).toEqual([]);
      expect(whats('cli/cli-services.ts', "import type { Repositories } from '../services/ports';\nconst m = (repos: Repositories) => repos.plans;")).toEqual([]);
      expect(whats('tab/api/tab-services.ts', "import type { Repositories } from '../../services/ports';\nconst p = (store: Repositories) => store.plans;")).toEqual([]);
    });
  });
});
