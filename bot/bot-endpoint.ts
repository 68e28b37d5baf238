/**
 * POST /api/messages: the body is parsed here and handed to CloudAdapter.processActivity, which
 * authenticates (JWT when MicrosoftAppId is set) and runs the bot. Any failed token check is a 401
 * (never a 500, never the error text); one turn-error boundary logs and answers politely.
 */
import type { Activity, CloudAdapter } from 'botbuilder';
import type { TertialAdapter } from './bot-adapter';
// the error class the JWT check throws (botbuilder's own dependency)
import { AuthenticationError } from 'botframework-connector';
import type http from 'node:http';
import { BOT_TEXTS } from '../cards/bot-texts';
import type { Logger } from '../services/logging/logger';
import { sendJson, type RouteHandler } from './http-server';
import type { TertialBot } from './tertial-bot';

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: http.IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

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

export function installTurnErrorBoundary(adapter: CloudAdapter, logger: Logger): void {
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type, conversationId: context.activity.conversation?.id }, 'turn failed');
    if (context.activity.type === 'message' || context.activity.type === 'conversationUpdate') {
      await context.sendActivity(BOT_TEXTS.turnError).catch((err: unknown) => logger.warn({ err }, 'could not tell the user about the error'));
    }
  };
}

export function messagesRoute(adapter: TertialAdapter, bot: TertialBot, logger: Logger): RouteHandler {
  return async (req, res) => {
    const text = await readBody(req);
    if (text === null) return sendJson(res, 413, { error: 'body too large' });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return sendJson(res, 400, { error: 'body is not JSON' });
    }
    if (!body || typeof body !== 'object' || typeof body.type !== 'string') return sendJson(res, 400, { error: 'not an activity' });
    const authHeader = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
    let invokeResponse: { status: number; body?: unknown } | undefined;
    try {
      invokeResponse = await adapter.handle(authHeader, body as unknown as Activity, (context) => bot.run(context));
    } catch (err) {
      if (isAuthenticationFailure(err)) {
        logger.warn({ reason: (err as Error).message }, 'request to /api/messages refused: no valid Bot Framework token');
        return sendJson(res, 401, { error: 'unauthorized' });
      }
      logger.error({ err }, 'activity could not be processed');
      return sendJson(res, 500, { error: 'internal error' });
    }
    if (invokeResponse?.body !== undefined) return sendJson(res, invokeResponse.status, invokeResponse.body);
    res.writeHead(invokeResponse?.status ?? 200);
    res.end();
  };
}
