/**
 * What the tab's compiler refuses in a call of the API client (api.ts): each line under a
 * `@ts-expect-error` is a compile error, and the directive names the message it must give
 * (test/unit/tab-client-types.test.ts compiles this file without the directives and checks each line's
 * error; `tsc -p tab/app/tsconfig.json` fails here should any of them start compiling). The calls that
 * compile show what each route answers. Nothing imports this file, so none of it reaches the bundle;
 * the function is never called.
 */
import { api } from './api';
import type { Board, DecisionSaved, Me, Progress, RemindResult, ReportSaved, Round } from './types';

export async function callsTheContractRefuses(roundId: string, file: Blob, picked: string): Promise<unknown[]> {
  // what compiles: a path of the contract, its parameters, its body; the answer is the route's
  const me: Me = await api.get('/me');
  const rounds: Round[] = await api.get('/rounds');
  const progress: Progress = await api.get('/rounds/:roundId/progress', { params: { roundId } });
  const reminded: RemindResult = await api.post('/rounds/:roundId/remind', { params: { roundId }, body: { ownerId: 'o', press: 'p' } });
  const remindedAll: RemindResult = await api.post('/rounds/:roundId/remind', { params: { roundId } });
  const saved: ReportSaved = await api.post('/my/report', { body: { roundId, activityRef: '1.1.1', status: 'done' } });
  const decided: DecisionSaved = await api.post('/rounds/:roundId/assessments/:goalRef', { params: { roundId, goalRef: '3.6.1' }, body: { assessment: 'partly-met', comment: 'Delvis.' } });
  const own = await api.get('/substitutes', { query: { ownerId: 'o' } });
  await api.upload('/plan/preview', file);
  await api.download('/rounds/:roundId/report', { params: { roundId }, query: { format: 'md' } }, 'rapport.md');

  // @ts-expect-error Argument of type '"/round"' is not assignable to parameter
  await api.get('/round');
  // @ts-expect-error Argument of type '"/rounds/:roundId/progres"' is not assignable to parameter
  await api.get('/rounds/:roundId/progres', { params: { roundId } });
  // @ts-expect-error Argument of type '"/my/report"' is not assignable to parameter
  await api.get('/my/report');
  // @ts-expect-error Argument of type '"/my/items"' is not assignable to parameter
  await api.post('/my/items');
  // @ts-expect-error Expected 2 arguments, but got 1.
  await api.get('/rounds/:roundId/progress');
  // @ts-expect-error 'round' does not exist in type 'Record<"roundId", string | number>'
  await api.get('/rounds/:roundId/progress', { params: { round: roundId } });
  // @ts-expect-error Property 'goalRef' is missing
  await api.post('/rounds/:roundId/assessments/:goalRef', { params: { roundId }, body: { assessment: 'met' } });
  // @ts-expect-error 'pres' does not exist in type 'RemindBody'
  await api.post('/rounds/:roundId/remind', { params: { roundId }, body: { ownerId: 'o', pres: 'p' } });
  // @ts-expect-error Property 'activityRef' is missing
  await api.post('/my/report', { body: { roundId, status: 'done' } });
  // @ts-expect-error Type '4' is not assignable to type '1 | 2 | 3'
  await api.post('/rounds', { body: { year: 2026, tertial: 4, deadline: '2026-05-15' } });
  // a misspelled code, or a code held as a plain string, does not compile: the body takes the vocabulary's codes
  // @ts-expect-error Type '"dne"' is not assignable to type '"not-started" | "in-progress" | "in-progress-deviation" | "done" | "done-deviation" | "on-hold"'
  await api.post('/my/report', { body: { roundId, activityRef: '1.1.1', status: 'dne' } });
  // @ts-expect-error Type 'string' is not assignable to type '"not-started" | "in-progress" | "in-progress-deviation" | "done" | "done-deviation" | "on-hold"'
  await api.post('/my/report', { body: { roundId, activityRef: '1.1.1', status: picked } });
  // @ts-expect-error Type '"mett"' is not assignable to type '"met" | "partly-met" | "barely-met" | "not-met" | "missing"'
  await api.post('/rounds/:roundId/assessments/:goalRef', { params: { roundId, goalRef: '3.6.1' }, body: { assessment: 'mett' } });
  // @ts-expect-error Type 'string' is not assignable to type '"met" | "partly-met" | "barely-met" | "not-met" | "missing"'
  await api.post('/rounds/:roundId/assessments/:goalRef', { params: { roundId, goalRef: '3.6.1' }, body: { assessment: picked, comment: null } });
  // @ts-expect-error Expected 2 arguments, but got 1.
  await api.post('/local/sign-in');
  // @ts-expect-error Type '{ reason: string; }' is not assignable to type 'undefined'
  await api.post('/rounds/:roundId/publish', { params: { roundId }, body: { reason: 'x' } });
  // @ts-expect-error 'owner' does not exist in type '{ ownerId?: string | undefined; }'
  await api.get('/substitutes', { query: { owner: 'o' } });
  // @ts-expect-error Argument of type '"/rounds"' is not assignable to parameter
  await api.upload('/rounds', file);
  // @ts-expect-error Argument of type '"/plan/preview"' is not assignable to parameter
  await api.post('/plan/preview');
  // @ts-expect-error Argument of type '"/me"' is not assignable to parameter
  await api.download('/me', {}, 'me.json');
  // @ts-expect-error Type '"pdf"' is not assignable to type '"docx" | "md" | "json" | undefined'
  await api.download('/rounds/:roundId/report', { params: { roundId }, query: { format: 'pdf' } }, 'rapport.pdf');
  // @ts-expect-error Type 'Progress' is missing the following properties from type 'Board'
  const board: Board = await api.get('/rounds/:roundId/progress', { params: { roundId } });
  // @ts-expect-error Type 'Round' is missing the following properties from type 'Round[]'
  const created: Round[] = await api.post('/rounds', { body: { year: 2026, tertial: 1, deadline: '2026-05-15' } });

  return [me, rounds, progress, reminded, remindedAll, saved, decided, own, board, created];
}
