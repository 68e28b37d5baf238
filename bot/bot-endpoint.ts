/**
 * POST /api/messages: Express parses the JSON body (at most MESSAGES_BODY_LIMIT) and hands it to
 * CloudAdapter.processActivity, which authenticates (JWT when MicrosoftAppId is set) and runs the bot.
 * Any failed token check is a 401 (never a 500, never the error text); one turn-error boundary logs and
 * answers politely.
 */
import type { Activity, CloudAdapter } from 'botbuilder';
import express, { type Router } from 'express';
import type { TertialAdapter } from './bot-adapter';
// the error class the JWT check throws (botbuilder's own dependency)
import { AuthenticationError } from 'botframework-connector';
import { BOT_TEXTS } from '../cards/bot-texts';
import type { Logger } from '../services/logging/logger';
import type { TertialBot } from './tertial-bot';

/**
 * The largest activity accepted. Teams caps a message or card at about 40 KB, so a real activity with
 * its card data and channel data stays far below this; anything larger is refused (413) before it is parsed.
 */
export const MESSAGES_BODY_LIMIT = '256kb';
/** failures of the JWT check (botframework-connector's AuthenticationError, jsonwebtoken's errors) */
export function isAuthenticationFailure(err: unknown): boolean {
  const e = err as { name?: string; statusCode?: number } | null;
  if (!e) return false;
  return (
    e instanceof AuthenticationError ||
    e.statusCode === 401 ||
    ['AuthenticationError', 'JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError'].includes(e.name ?? '')
  );
}

/** the signing keys could not be fetched (network error, or the metadata endpoint answered an error) */
export function isMetadataFailure(err: unknown): boolean {
  const e = err as { name?: string; statusCode?: number; message?: string } | null;
  if (!e) return false;
  return e.name === 'FetchError' || (e instanceof AuthenticationError && e.statusCode === 500) || /^Failed to load (openID config|Keys)/.test(e.message ?? '');
}

/** seconds the channel is asked to wait when tokens cannot be validated */
export const AUTH_RETRY_AFTER_S = 10;

export function installTurnErrorBoundary(adapter: CloudAdapter, logger: Logger): void {
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type, conversationId: context.activity.conversation?.id }, 'turn failed');
    if (context.activity.type === 'message' || context.activity.type === 'conversationUpdate') {
      await context.sendActivity(BOT_TEXTS.turnError).catch((err: unknown) => logger.warn({ err }, 'could not tell the user about the error'));
    }
  };
}

/** how long the token check may take (fetching the signing keys included) before the request is refused with 503 */
export const AUTH_TIMEOUT_MS = 5000;

class AuthenticationTimeout extends Error {
  override name = 'AuthenticationTimeout';
}

export function messagesRouter(adapter: TertialAdapter, bot: TertialBot, logger: Logger, options: { authTimeoutMs?: number } = {}): Router {
  const authTimeoutMs = options.authTimeoutMs ?? AUTH_TIMEOUT_MS;
  const router = express.Router();
  // the channel sends JSON; the body is read as JSON whatever content type it declares
  router.post('/', express.json({ limit: MESSAGES_BODY_LIMIT, type: () => true }), async (req, res) => {
    const body = req.body as Record<string, unknown> | undefined;
    if (!body || typeof body !== 'object' || Array.isArray(body) || typeof body.type !== 'string') {
      res.status(400).json({ error: 'not an activity' });
      return;
    }
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    let invokeResponse: { status: number; body?: unknown } | undefined;
    // set once the token is accepted and the turn runs: what fails before that is authentication's
    let turnStarted = false;
    // set when the token check took too long and the request was refused: the turn must then never run
    let abandoned = false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const turn = adapter.handle(authHeader, body as unknown as Activity, async (context) => {
        if (abandoned) return;
        turnStarted = true;
        await bot.run(context);
      });
      turn.catch(() => undefined); // an abandoned check's late failure is not an unhandled rejection
      const authDeadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          if (turnStarted) return;
          abandoned = true;
          reject(new AuthenticationTimeout(`the token check took longer than ${authTimeoutMs} ms`));
        }, authTimeoutMs);
      });
      invokeResponse = await Promise.race([turn, authDeadline]);
    } catch (err) {
      if (!turnStarted && isAuthenticationFailure(err) && !isMetadataFailure(err)) {
        logger.warn({ reason: (err as Error).message }, 'request to /api/messages refused: no valid Bot Framework token');
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      if (!turnStarted) {
        // the token could not be checked (signing keys unreachable): refused, and the channel retries later
        logger.error({ err }, 'request to /api/messages refused: the token could not be validated');
        res.status(503).set('retry-after', String(AUTH_RETRY_AFTER_S)).json({ error: 'token validation unavailable' });
        return;
      }
      logger.error({ err }, 'activity could not be processed');
      res.status(500).json({ error: 'internal error' });
      return;
    } finally {
      clearTimeout(timer);
    }
    if (invokeResponse?.body !== undefined) {
      // written directly: an invoke's answer is never cached, so Express's ETag (a SHA-1 of every card
      // answered) and its charset parsing are work for nothing
      res.statusCode = invokeResponse.status;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(invokeResponse.body));
      return;
    }
    const status = invokeResponse?.status ?? 200;
    // an invoke the bot does not handle (501) or refused without a body still answers JSON
    if (status >= 400) {
      res.status(status).json({ error: status === 501 ? 'invoke not supported' : 'invoke refused' });
      return;
    }
    res.status(status).end();
  });
  return router;
}
