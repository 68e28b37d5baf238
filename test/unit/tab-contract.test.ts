/**
 * The tab API's contract (tab/api/tab-contract.ts). The browser build compiles it too, so it must
 * compile under the front end's compiler options (no Node types) and emit no code. And what the
 * services return must fit what the routes promise: those fits are checked by the compiler here
 * (`tsc -p tsconfig.json`, the first step of `npm test`), next to the routes' own `satisfies`, so a
 * field renamed or retyped in a service or in the contract fails to compile on one side or the other.
 * The routes' own body schemas are held to the contract where they are declared (bodyOf in tab-routes.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import type { z } from 'zod';
import type { submitPayloadSchema } from '../../services/collection/submit-report';
import type { Round as StoredRound } from '../../services/domain/model';
import type { WaveResult } from '../../services/dispatch/wave-result';
import type { PlanImportPreview, PlanImportResult } from '../../services/import/plan-import';
import type { GoalAssessmentView } from '../../services/assessment/assessment-service';
import type { MeasuresOverview } from '../../services/measures/measure-service';
import type { RoundSummary } from '../../services/ports/repositories';
import type { PublishResult } from '../../services/publish/publish-service';
import type { RoundProgress } from '../../services/rounds/round-progress';
import type { RoundView } from '../../services/rounds/round-service';
import type { ReportFormat } from '../../services/report/report-service';
import type { Progress, TabApi, TabDownloads, TabRequests } from '../../tab/api/tab-contract';
import { tabApiRouter, type TabDeps } from '../../tab/api/tab-routes';
import type { TabAuthenticator } from '../../tab/api/tab-auth';

const ROOT = path.resolve(__dirname, '../..');
const CONTRACT = path.join(ROOT, 'tab/api/tab-contract.ts');

/** true when every value of S is a valid W; not spread over unions, so every member must fit */
type Fits<S, W> = [S] extends [W] ? true : false;

/**
 * what the services hand the routes, against what the routes promise (tab-routes.ts passes these on);
 * the calendar, progress rows and waves, the owners views and the handover choices need no entry: the
 * contract re-exports their one declaration in services/domain/
 */
export const serviceResultsFitTheContract = {
  rounds: true satisfies Fits<RoundView[], TabApi['GET /rounds']>,
  createdRound: true satisfies Fits<StoredRound, TabApi['POST /rounds']>,
  remind: true satisfies Fits<WaveResult, TabApi['POST /rounds/:roundId/remind']>,
  progressTotals: true satisfies Fits<RoundProgress['totals'], Progress['totals']>,
  progressUnowned: true satisfies Fits<RoundProgress['unowned'], Progress['unowned']>,
  planPreview: true satisfies Fits<PlanImportPreview, TabApi['POST /plan/preview']>,
  planImport: true satisfies Fits<PlanImportResult, TabApi['POST /plan/import']>,
  goal: true satisfies Fits<GoalAssessmentView, TabApi['POST /rounds/:roundId/assessments/:goalRef']['view']>,
  summary: true satisfies Fits<RoundSummary | null, TabApi['GET /rounds/:roundId/summary']['summary']>,
  publish: true satisfies Fits<PublishResult, TabApi['POST /rounds/:roundId/publish']>,
  measures: true satisfies Fits<MeasuresOverview, TabApi['GET /measures']>,
};

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** the card flow's submit less the owner (the tab reports as the signed-in person), on the wire and parsed */
type SubmitIn = Omit<z.input<typeof submitPayloadSchema>, 'ownerId'>;
type SubmitOut = Omit<z.output<typeof submitPayloadSchema>, 'ownerId'>;
type ReportBody = TabRequests['POST /my/report'];

/**
 * The report body is the card flow's submit: the submit schema takes every report body, with the same
 * fields, and what it parses is one, its status the body's status code (a string on the wire). The
 * report's formats are the report service's.
 */
export const serviceBodiesAgreeWithTheContract = {
  myReport: true satisfies Fits<ReportBody, SubmitIn>,
  myReportFields: true satisfies Same<keyof SubmitIn, keyof ReportBody>,
  myReportParsed: true satisfies Fits<SubmitOut, ReportBody>,
  myReportStatus: true satisfies Same<SubmitOut['status'], ReportBody['status']>,
  myReportStatusIsNoString: false satisfies Fits<string, ReportBody['status']>,
  reportFormat: true satisfies Fits<ReportFormat, NonNullable<TabDownloads['GET /rounds/:roundId/report']['format']>>,
  reportFormatBack: true satisfies Fits<NonNullable<TabDownloads['GET /rounds/:roundId/report']['format']>, ReportFormat>,
};

/** the member names of an interface of the contract, read with the TypeScript parser */
function contractKeys(name: 'TabApi' | 'TabRequests' | 'TabQueries' | 'TabUploads' | 'TabDownloads'): string[] {
  const source = ts.createSourceFile(CONTRACT, fs.readFileSync(CONTRACT, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
  if (!found) throw new Error(`${name} is not in the contract`);
  return found.members.map((m) => (m.name && ts.isStringLiteral(m.name) ? m.name.text : String(m.name?.getText(source))));
}

/** 'METHOD /path' of every route the tab's router declares (local sign-in included) */
function routerRoutes(): string[] {
  const deps = { config: { admins: [], ledningsgrupp: [], tab: {} }, services: {}, logger: {} } as unknown as TabDeps;
  const router = tabApiRouter(deps, { mode: 'local', people: [] } as unknown as TabAuthenticator) as unknown as {
    stack: { route?: { path: string; methods: Record<string, boolean> } }[];
  };
  return router.stack.flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path}`) : []));
}

/** the front end's compiler options (tab/app/tsconfig.json): DOM, no Node types */
function browserOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, 'tab/app/tsconfig.json');
  const json = ts.parseConfigFileTextToJson(file, fs.readFileSync(file, 'utf8'));
  return ts.parseJsonConfigFileContent(json.config, ts.sys, path.dirname(file)).options;
}

describe('the tab API contract', () => {
  it('compiles as the browser build compiles it: no Node types, nothing the bundle would load', () => {
    const options = browserOptions();
    expect(options.types).toEqual([]);
    const program = ts.createProgram([CONTRACT], { ...options, noEmit: true });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(problems).toEqual([]);
    // what reaches the bundle: nothing but the module marker
    const js = ts.transpileModule(fs.readFileSync(CONTRACT, 'utf8'), { compilerOptions: { ...options, noEmit: false }, fileName: CONTRACT }).outputText;
    expect(js.replace(/\/\/.*$/gm, '').trim()).toBe('export {};');
  });

  it('names every route the router declares, and no other: each JSON answer in TabApi, each file in TabDownloads; bodies, files sent and queries under a route of TabApi', () => {
    const routes = routerRoutes();
    expect(routes).toContain('GET /rounds/:roundId/calendar');
    expect(routes).toContain('POST /rounds/:roundId/close');
    const answers = contractKeys('TabApi');
    const downloads = contractKeys('TabDownloads');
    expect(downloads).toContain('GET /rounds/:roundId/report');
    expect([...routes].sort()).toEqual([...new Set([...answers, ...downloads])].sort());
    const bodies = contractKeys('TabRequests');
    const uploads = contractKeys('TabUploads');
    const queries = contractKeys('TabQueries');
    expect(bodies.length).toBeGreaterThan(5);
    expect(uploads.length).toBeGreaterThan(0);
    expect(queries.length).toBeGreaterThan(0);
    expect([...bodies, ...uploads, ...queries].filter((k) => !answers.includes(k))).toEqual([]);
    // a route takes JSON or a file, not both
    expect(uploads.filter((k) => bodies.includes(k))).toEqual([]);
  });
});
