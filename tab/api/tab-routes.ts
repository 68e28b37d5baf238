/**
 * The tab's API under /api/tab: thin like bot/. Each route parses its input, asks the access policy,
 * calls a service and renders JSON (or a file). Every route but /config and the local sign-in needs
 * a signed-in user (tab-auth.ts): no valid token → 401, a role without the right → 403 with the
 * policy's Swedish reason, bad input → 400 naming what is wrong (nothing changed).
 */
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import { decide, personPrincipal, type AccessLists, type Action, type Principal } from '../../services/access/access-policy';
import { DECIDABLE, isDecidable, NOT_DECIDABLE } from '../../services/assessment/assessment-service';
import type { Config } from '../../services/config/config';
import { ASSESSMENT_LABELS, STATUS_LABELS, type Tertial } from '../../services/domain/vocabulary';
import { isTertialError, TertialError, ValidationError, type ErrorCode } from '../../services/errors';
import type { Logger } from '../../services/logging/logger';
import { isReportFormat } from '../../services/report/report-service';
import { roundCalendar } from '../../services/rounds/round-calendar-view';
import { progressCsv, progressRows } from '../../services/rounds/progress-export';
import { MAX_SUMMARY_LENGTH, type RoundSummaryService } from '../../services/summary/round-summary-service';
import { requireUser, type LocalAuthenticator, type TabAuthenticator, type TabUser } from './tab-auth';
import type { ApiErrorBody, TabApi, TabDownloads, TabQueries, TabRequests } from './tab-contract';
import type { TabServices } from './tab-services';

/** a plan file is at most this large (the Ånge plan is ~60 KB) */
export const MAX_PLAN_BYTES = 5 * 1024 * 1024;

/** what the tab (its front end and API) is built from, in the composition root (bot/app.ts) */
export interface TabDeps {
  /** the sign-in (tab.*), the admins and the ledningsgrupp */
  config: Config;
  /** built once by tabServices (tab-services.ts) */
  services: TabServices;
  logger: Logger;
}

const STATUS_BY_CODE: Record<ErrorCode, number> = {
  'invalid-input': 400,
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
  'round-closed': 409,
  'store-unavailable': 503,
  unavailable: 503,
  config: 500,
};

const ROUND_ID = /^(\d{4})-T([123])$/;

function roundParam(req: Request): { year: number; tertial: Tertial; id: string } {
  const m = ROUND_ID.exec(String(req.params.roundId ?? ''));
  if (!m) throw new ValidationError(`"${String(req.params.roundId)}" är ingen omgång (ÅÅÅÅ-T1, -T2 eller -T3)`, ['omgång: ogiltigt id']);
  return { year: Number(m[1]), tertial: Number(m[2]) as Tertial, id: m[0] };
}

/** the body as its schema parses it (codes narrowed), or a ValidationError headed `headline` naming each field that is wrong */
function parse<T extends z.ZodType>(schema: T, body: unknown, what: string, headline = `Ogiltig ${what}`): z.output<T> {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`);
    throw new ValidationError(`${headline}: ${details.join('; ')}`, details);
  }
  return parsed.data;
}

/** the query a route reads, by the names the contract declares for it (TabQueries, TabDownloads); a renamed parameter fails tsc here */
const queryOf = <K extends keyof TabQueries | keyof TabDownloads>(req: Request, _route: K) =>
  req.query as Partial<Record<K extends keyof TabQueries ? keyof TabQueries[K] : K extends keyof TabDownloads ? keyof TabDownloads[K] : never, unknown>>;

const user = (res: Response) => res.locals.user as TabUser;
const principal = (res: Response) => res.locals.principal as Principal;

type Handler = (req: Request, res: Response) => Promise<void>;
/** runs a handler; a TertialError becomes its status with the Swedish message and details */
const run =
  (handler: Handler): RequestHandler =>
  (req, res, next) => {
    handler(req, res).catch((e: unknown) => {
      if (!isTertialError(e)) return next(e);
      res.status(STATUS_BY_CODE[e.code]).json({ error: e.message, code: e.code, details: e.details } satisfies ApiErrorBody);
    });
  };

/** A and B accept each other and have the same fields */
export type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? ([keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false) : false) : false;

/**
 * A body schema, taking `In` on the wire and yielding `Out`, carries the contract's body B when it takes
 * every B and yields exactly B. A field may be wider on the wire than in B (a string where B has a code):
 * the schema narrows it and refuses anything else with a Swedish message.
 */
export type Carries<In, Out, B> = [B] extends [In] ? Agree<Out, B> : false;

/** holds a route's body schema to carry the body the contract declares (tab-contract.ts); a mismatch fails tsc here */
const bodyOf =
  <K extends keyof TabRequests>(_route: K) =>
  <S extends z.ZodType>(
    schema: S & (Carries<z.input<S>, z.output<S>, TabRequests[K]> extends true ? unknown : { 'takes or yields another body than the contract declares': TabRequests[K] }),
  ): S =>
    schema;

const waveDays = 'heltal dagar före sista svarsdag, från -60 till 120';
const waves = z
  .array(z.number({ error: waveDays }).int(waveDays).min(-60, waveDays).max(120, waveDays))
  .min(1, 'minst en påminnelse')
  .max(20, 'högst 20 påminnelser');
const year = 'ett år mellan 2000 och 2100';
const graceDays = 'ett heltal dagar från 0 till 60';
const createRound = bodyOf('POST /rounds')(
  z.object({
    year: z.number({ error: year }).int(year).min(2000, year).max(2100, year),
    tertial: z.union([z.literal(1), z.literal(2), z.literal(3)], { error: 'tertial ska vara 1, 2 eller 3' }),
    deadline: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'datum som ÅÅÅÅ-MM-DD'),
    waves: waves.optional(),
    sendTime: z.string().regex(/^\d{2}:\d{2}$/, 'tid som TT:MM').optional(),
    graceDays: z.number({ error: graceDays }).int(graceDays).min(0, graceDays).max(60, graceDays).optional(),
  }),
);
const updateRound = bodyOf('PATCH /rounds/:roundId')(
  createRound.omit({ year: true, tertial: true }).partial().extend({ deadline: createRound.shape.deadline.optional() }),
);
const decision = bodyOf('POST /rounds/:roundId/assessments/:goalRef')(
  z.object({
    /** a string on the wire, a decidable code once parsed; anything else is refused in the assessment service's words */
    assessment: z.string({ error: 'välj en bedömning' }).min(1, { error: 'välj en bedömning', abort: true }).refine(isDecidable, { error: NOT_DECIDABLE }),
    comment: z.string().max(4000, 'högst 4 000 tecken').nullable().optional(),
  }),
);
const outcome = bodyOf('POST /measures/:year/:ref/outcome')(
  z.object({
    period: z.string().trim().min(1, 'saknas'),
    value: z.union([z.string().max(200, 'högst 200 tecken'), z.number(), z.null()], { error: 'ett tal, en text eller null' }),
    comment: z.string().max(4000, 'högst 4 000 tecken').nullable().optional(),
  }),
);
const handover = bodyOf('POST /substitutes')(
  z.object({
    roundId: z.string().trim().min(1, 'saknas'),
    ownerId: z.string().trim().min(1, 'saknas'),
    substituteId: z.string().trim().min(1, 'välj en ersättare'),
    /** one activity; null or absent: all of the owner's */
    activityRef: z.string().trim().nullable().optional(),
  }),
);
const takeBack = bodyOf('POST /substitutes/take-back')(handover.omit({ substituteId: true }));
const summaryBody = bodyOf('PUT /rounds/:roundId/summary')(
  z.object({
    text: z.string({ error: 'ska vara en text' }),
    /** the number of versions the writer saw; another version written meanwhile is not overwritten */
    expectedVersions: z.number().int().min(0).optional(),
  }),
);
const assign = bodyOf('POST /owners')(
  z.object({
    aadObjectId: z.string().trim().min(1, 'saknas'),
    name: z.string().trim().min(1, 'saknas'),
    email: z.string().trim().nullable().optional(),
    unit: z.string().trim().min(1, 'saknas'),
  }),
);

/** the API under /api/tab, signing people in with `auth` (tab-edge.ts picks it from the configuration) */
export function tabApiRouter(deps: TabDeps, auth: TabAuthenticator): Router {
  const router = express.Router();
  const { rounds, progress, plans, owners, assessments, reports, publishing, measures, substitutes, collection, dispatcher } = deps.services;
  const access: AccessLists = { admins: deps.config.admins, ledningsgrupp: deps.config.ledningsgrupp };
  const json = express.json({ limit: '64kb' });
  const raw = express.raw({ type: () => true, limit: MAX_PLAN_BYTES });
  /** this process's cached rounds, plans and owners (the card flow's) are read again after a change */
  const changed = <T>(value: T): T => {
    collection.reference.invalidate();
    return value;
  };

  /** allowed when the policy grants any of the actions; 403 with the first action's reason otherwise */
  const gate =
    (...actions: Action[]): RequestHandler =>
    (_req, res, next) => {
      const p = principal(res);
      const decisions = actions.map((a) => decide(p, a));
      if (decisions.some((d) => d.allowed)) return next();
      const first = decisions[0]!;
      res.status(403).json({ error: first.allowed ? 'Åtkomst nekad.' : first.reason } satisfies ApiErrorBody);
    };

  // what the front end needs before anyone signs in
  router.get('/config', (_req, res) => {
    const local = auth.mode === 'local' ? (auth as LocalAuthenticator) : null;
    res.json({ auth: auth.mode, clientId: deps.config.tab.clientId ?? null, people: local ? local.people : [] } satisfies TabApi['GET /config']);
  });
  if (auth.mode === 'local') {
    const local = auth as LocalAuthenticator;
    router.post(
      '/local/sign-in',
      json,
      run(async (req, res) => {
        const signed = await local.signIn((req.body as Partial<Record<keyof TabRequests['POST /local/sign-in'], unknown>> | undefined)?.aadObjectId);
        if (!signed) {
          res.status(400).json({ error: 'Välj en av demopersonerna.' } satisfies ApiErrorBody);
          return;
        }
        res.json(signed satisfies TabApi['POST /local/sign-in']);
      }),
    );
  }

  router.use(
    requireUser(auth, (e, req) => deps.logger.info({ path: req.path, status: e.status, reason: e.detail }, 'tab request refused')),
    (_req: Request, res: Response, next: NextFunction) => {
      const u = user(res);
      res.locals.principal = personPrincipal({ id: u.aadObjectId, name: u.name }, access);
      res.set('Cache-Control', 'no-store');
      next();
    },
  );

  router.get(
    '/me',
    run(async (_req, res) => {
      const p = principal(res);
      const owner = await owners.hasAssignments(user(res).aadObjectId);
      const can = (a: Action) => decide(p, a).allowed;
      res.json({
        user: user(res),
        roles: { admin: can('round.manage'), ledningsgrupp: can('assessment.decide'), owner },
      } satisfies TabApi['GET /me']);
    }),
  );

  // rounds: admins manage them; the ledningsgrupp picks one for its assessment board
  router.get(
    '/rounds',
    gate('round.view', 'assessment.view'),
    run(async (_req, res) => {
      res.json((await rounds.list()).sort((a, b) => b.id.localeCompare(a.id)) satisfies TabApi['GET /rounds']);
    }),
  );
  router.post(
    '/rounds',
    gate('round.manage'),
    json,
    run(async (req, res) => {
      const input = parse(createRound, req.body, 'omgång');
      res.status(201).json(changed(await rounds.create(input, { id: user(res).aadObjectId, name: user(res).name })) satisfies TabApi['POST /rounds']);
    }),
  );
  router.patch(
    '/rounds/:roundId',
    gate('round.manage'),
    json,
    run(async (req, res) => {
      const { year, tertial } = roundParam(req);
      res.json(changed(await rounds.update(year, tertial, parse(updateRound, req.body, 'ändring'))) satisfies TabApi['PATCH /rounds/:roundId']);
    }),
  );
  for (const verb of ['close', 'cancel'] as const) {
    router.post(
      `/rounds/:roundId/${verb}`,
      gate('round.manage'),
      run(async (req, res) => {
        const { year, tertial } = roundParam(req);
        res.json(changed(await rounds[verb](year, tertial)) satisfies TabApi[`POST /rounds/:roundId/${typeof verb}`]);
      }),
    );
  }
  router.get(
    '/rounds/:roundId/calendar',
    gate('round.view', 'assessment.view'),
    run(async (req, res) => {
      const { year, tertial } = roundParam(req);
      res.json(roundCalendar(await rounds.get(year, tertial)) satisfies TabApi['GET /rounds/:roundId/calendar']);
    }),
  );
  router.post(
    '/rounds/:roundId/remind',
    gate('reminders.send'),
    json,
    run(async (req, res) => {
      const { year, tertial } = roundParam(req);
      const body = req.body as Partial<Record<keyof TabRequests['POST /rounds/:roundId/remind'], unknown>> | undefined;
      const ownerId = body?.ownerId;
      if (ownerId !== undefined && (typeof ownerId !== 'string' || ownerId.length === 0)) throw new ValidationError('Ogiltig mottagare', ['ownerId: ska vara ett objekt-id']);
      // one person: keyed by the press (the view's key), so a double click sends once
      if (ownerId !== undefined && typeof body?.press !== 'string') throw new ValidationError('Knapptrycket saknar sin nyckel', ['press: ska vara nyckeln från vyn']);
      const result = ownerId ? await dispatcher.remindOwner(year, tertial, ownerId, body!.press as string) : await dispatcher.remindNow(year, tertial);
      progress.invalidate(year, tertial);
      res.json(result satisfies TabApi['POST /rounds/:roundId/remind']);
    }),
  );
  router.get(
    '/rounds/:roundId/progress',
    gate('round.view'),
    run(async (req, res) => {
      const { year, tertial, id } = roundParam(req);
      const { progress: round, readAt } = await progress.get(year, tertial);
      const rows = progressRows(round);
      if (queryOf(req, 'GET /rounds/:roundId/progress').format === 'csv') {
        res.set('Content-Type', 'text/csv; charset=utf-8');
        res.set('Content-Disposition', `attachment; filename="framsteg-${id}.csv"`);
        res.send(progressCsv(rows));
        return;
      }
      res.json({
        round: round.round,
        phase: round.phase,
        readAt: readAt.toISOString(),
        totals: round.totals,
        waves: round.waves,
        planMissing: round.planMissing,
        owners: rows,
        unowned: round.unowned,
      } satisfies TabApi['GET /rounds/:roundId/progress']);
    }),
  );

  // the plan: preview the file, then import it (the same all-or-nothing import as the CLI)
  router.post(
    '/plan/preview',
    gate('plan.import'),
    raw,
    run(async (req, res) => {
      res.json((await plans.preview(bodyBytes(req))) satisfies TabApi['POST /plan/preview']);
    }),
  );
  router.post(
    '/plan/import',
    gate('plan.import'),
    raw,
    run(async (req, res) => {
      res.json(changed(await plans.import(bodyBytes(req))) satisfies TabApi['POST /plan/import']);
    }),
  );
  router.get(
    '/plan/years',
    gate('plan.import', 'assessment.view'),
    run(async (_req, res) => {
      res.json((await plans.years()) satisfies TabApi['GET /plan/years']);
    }),
  );

  // owners by unit
  /** the plan of ?year=, else this year's, else the latest */
  const planOf = (req: Request, route: 'GET /owners' | 'GET /owners/:ownerId/removal' | 'GET /measures') => {
    const asked = Number(queryOf(req, route).year);
    return plans.shown(Number.isInteger(asked) ? asked : null);
  };
  router.get(
    '/owners',
    gate('plan.import'),
    run(async (req, res) => {
      res.json((await owners.overview(await planOf(req, 'GET /owners'))) satisfies TabApi['GET /owners']);
    }),
  );
  router.post(
    '/owners',
    gate('plan.import'),
    json,
    run(async (req, res) => {
      res.json(changed(await owners.assignUnit(parse(assign, req.body, 'tilldelning'))) satisfies TabApi['POST /owners']);
    }),
  );
  router.delete(
    '/owners/:ownerId/units/:unit',
    gate('plan.import'),
    run(async (req, res) => {
      res.json(changed(await owners.unassignUnit(String(req.params.ownerId), String(req.params.unit))) satisfies TabApi['DELETE /owners/:ownerId/units/:unit']);
    }),
  );
  router.get(
    '/owners/:ownerId/removal',
    gate('plan.import'),
    run(async (req, res) => {
      res.json((await owners.removalPreview(String(req.params.ownerId), await planOf(req, 'GET /owners/:ownerId/removal'))) satisfies TabApi['GET /owners/:ownerId/removal']);
    }),
  );
  router.delete(
    '/owners/:ownerId',
    gate('plan.import'),
    run(async (req, res) => {
      res.json(changed(await owners.remove(String(req.params.ownerId), principal(res).actor)) satisfies TabApi['DELETE /owners/:ownerId']);
    }),
  );

  // the ledningsgrupp's assessment board
  router.get(
    '/rounds/:roundId/assessments',
    gate('assessment.view'),
    run(async (req, res) => {
      const { year, tertial } = roundParam(req);
      const round = await assessments.roundAssessments(year, tertial);
      res.json({
        roundId: round.roundId,
        year,
        tertial,
        title: `Målavstämning, tertial ${tertial} ${year} — ${round.plan.meta.body}`,
        unreported: round.unreported,
        decidable: DECIDABLE,
        labels: { assessments: ASSESSMENT_LABELS, statuses: STATUS_LABELS },
        chapters: [
          ...round.kfGoals.map((kf) => ({ ref: kf.ref, title: kf.title, kind: 'kf', goals: round.goals.filter((g) => g.goal.parentRef === kf.ref && g.goal.kind === 'ks') })),
          { ref: 'economic', title: 'Verksamhetsmål för god ekonomisk hushållning', kind: 'economic', goals: round.goals.filter((g) => g.goal.kind === 'economic') },
        ].filter((c) => c.goals.length > 0),
      } satisfies TabApi['GET /rounds/:roundId/assessments']);
    }),
  );
  router.post(
    '/rounds/:roundId/assessments/:goalRef',
    gate('assessment.decide'),
    json,
    run(async (req, res) => {
      const { year, tertial } = roundParam(req);
      // headed as the assessment service heads a decision it refuses, so a bad decision reads the same from either
      const body = parse(decision, req.body, 'bedömning', 'Ogiltigt beslut');
      const goalRef = String(req.params.goalRef);
      const view = await assessments.decide(principal(res), { year, tertial, goalRef, assessment: body.assessment, comment: body.comment ?? null, source: 'teams' });
      // the channel's card of that goal shows the decision (when the round is published there)
      const channelUpdated = await publishing.refreshGoal(year, tertial, goalRef).catch((err: unknown) => {
        deps.logger.warn({ err, goalRef }, 'channel card not refreshed');
        return false;
      });
      res.json({ view, channelUpdated } satisfies TabApi['POST /rounds/:roundId/assessments/:goalRef']);
    }),
  );
  // the ledningsgrupp's Sammanfattning of the round (chapter 5 of the report)
  const summaryService = (): RoundSummaryService => {
    if (!deps.services.summaries) throw new TertialError('store-unavailable', 'Sammanfattningar sparas inte i den här lagringen.');
    return deps.services.summaries;
  };
  router.get(
    '/rounds/:roundId/summary',
    gate('assessment.view'),
    run(async (req, res) => {
      const { id } = roundParam(req);
      res.json({ roundId: id, maxLength: MAX_SUMMARY_LENGTH, summary: await summaryService().get(id) } satisfies TabApi['GET /rounds/:roundId/summary']);
    }),
  );
  router.put(
    '/rounds/:roundId/summary',
    gate('summary.write'),
    json,
    run(async (req, res) => {
      const { id } = roundParam(req);
      const body = parse(summaryBody, req.body, 'sammanfattning');
      const summary = await summaryService().write(principal(res), { roundId: id, text: body.text, expectedVersions: body.expectedVersions, source: 'teams' });
      res.json({ roundId: id, maxLength: MAX_SUMMARY_LENGTH, summary } satisfies TabApi['PUT /rounds/:roundId/summary']);
    }),
  );
  router.post(
    '/rounds/:roundId/publish',
    gate('round.publish'),
    run(async (req, res) => {
      const { year, tertial } = roundParam(req);
      res.json((await publishing.publish(principal(res), year, tertial)) satisfies TabApi['POST /rounds/:roundId/publish']);
    }),
  );
  router.get(
    '/rounds/:roundId/report',
    gate('report.export'),
    run(async (req, res) => {
      const { year, tertial } = roundParam(req);
      const format = queryOf(req, 'GET /rounds/:roundId/report').format ?? 'docx';
      if (!isReportFormat(format)) throw new ValidationError(`Okänt format ${String(format)} (docx, md eller json)`, ['format: docx, md eller json']);
      const report = await reports.render(year, tertial, format);
      res.set('Content-Type', report.contentType);
      res.set('Content-Disposition', `attachment; filename="${report.fileName}"`);
      res.send(Buffer.from(report.bytes));
    }),
  );

  // measures (mått): an admin enters an outcome, the same service as `tertial measure set`
  router.get(
    '/measures',
    gate('measure.report'),
    run(async (req, res) => {
      res.json((await measures.overview(await planOf(req, 'GET /measures'))) satisfies TabApi['GET /measures']);
    }),
  );
  router.post(
    '/measures/:year/:ref/outcome',
    json,
    run(async (req, res) => {
      const year = Number(req.params.year);
      if (!Number.isInteger(year)) throw new ValidationError(`"${String(req.params.year)}" är inget år`, ['år: ogiltigt']);
      const body = parse(outcome, req.body, 'utfall', 'Ogiltigt utfall');
      // who may is the policy's 'measure.report' on the measure's owner (the service asks it)
      const saved = await measures.setOutcome(principal(res), { year, ref: String(req.params.ref), period: body.period, value: body.value, comment: body.comment ?? null, source: 'teams' });
      res.json({ period: saved.period, value: saved.current.value, comment: saved.current.comment, by: saved.current.by.name, at: saved.current.at } satisfies TabApi['POST /measures/:year/:ref/outcome']);
    }),
  );

  // substitutes: an owner (or an admin for them) hands one activity or all to a colleague for the round
  router.get(
    '/substitutes',
    run(async (req, res) => {
      const asked = queryOf(req, 'GET /substitutes').ownerId;
      const ownerId = typeof asked === 'string' && asked ? asked : user(res).aadObjectId;
      const { round, ...choices } = await substitutes.handoverChoices(principal(res), ownerId);
      res.json({ round: round ? { id: round.id, year: round.year, tertial: round.tertial, deadline: round.deadline } : null, ...choices } satisfies TabApi['GET /substitutes']);
    }),
  );
  router.post(
    '/substitutes',
    json,
    run(async (req, res) => {
      const body = parse(handover, req.body, 'ersättare');
      res.status(201).json(changed(await substitutes.delegate(principal(res), { ...body, activityRef: body.activityRef ?? null })) satisfies TabApi['POST /substitutes']);
    }),
  );
  router.post(
    '/substitutes/take-back',
    json,
    run(async (req, res) => {
      const body = parse(takeBack, req.body, 'ersättare');
      res.json(changed(await substitutes.takeBack(principal(res), { ...body, activityRef: body.activityRef ?? null })) satisfies TabApi['POST /substitutes/take-back']);
    }),
  );

  // the owner's own activities in the open rounds ("Mina aktiviteter"), reported like the card does
  router.get(
    '/my/items',
    run(async (_req, res) => {
      const items = await collection.openItems(user(res).aadObjectId);
      res.json(
        items.map(({ round, items: list }) => ({
          round: { id: round.id, year: round.year, tertial: round.tertial, deadline: round.deadline },
          items: list.map((i) => ({
            ref: i.activity.ref,
            title: i.activity.title,
            description: i.activity.description,
            end: i.activity.end,
            goalPath: i.goalPath,
            status: i.own?.current.status ?? null,
            comment: i.own?.current.comment ?? null,
            reportedAt: i.own?.current.at ?? null,
            previous: i.previous ? { status: i.previous.status, comment: i.previous.comment } : null,
          })),
        })) satisfies TabApi['GET /my/items'],
      );
    }),
  );
  router.post(
    '/my/report',
    json,
    run(async (req, res) => {
      const outcome = await collection.submit(principal(res), { ...(req.body as object), ownerId: undefined });
      if (!outcome.ok) throw new TertialError(outcome.code as ErrorCode, outcome.reason);
      res.json({ status: outcome.report.current.status, comment: outcome.report.current.comment, at: outcome.report.current.at } satisfies TabApi['POST /my/report']);
    }),
  );

  return router;
}

function bodyBytes(req: Request): Uint8Array {
  const body: unknown = req.body;
  if (!Buffer.isBuffer(body) || body.length === 0) throw new ValidationError('Ingen fil skickades', ['fil: tom']);
  return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
}
