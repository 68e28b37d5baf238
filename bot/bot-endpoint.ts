/**
 * POST /api/messages: the body is parsed here and handed to CloudAdapter.process, which authenticates
 * (JWT when MicrosoftAppId is set; 401 otherwise) and runs the bot. One turn-error boundary logs and
 * answers politely.
 */
import type { CloudAdapter } from 'botbuilder';
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

/** the minimal Response CloudAdapter.process writes to */
function responseFor(res: http.ServerResponse) {
  let body: unknown = undefined;
  const response = {
    socket: res.socket,
    status(code: number) {
      res.statusCode = code;
      return response;
    },
    header(name: string, value: unknown) {
      res.setHeader(name, String(value));
      return response;
    },
    send(value: unknown) {
      body = value;
      return response;
    },
    end() {
      if (res.writableEnded) return response;
      if (body === undefined || body === null) {
        res.end();
      } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
        res.end(body);
      } else {
        const text = JSON.stringify(body);
        if (!res.hasHeader('content-type')) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(text);
      }
      return response;
    },
  };
  return response;
}

export function installTurnErrorBoundary(adapter: CloudAdapter, logger: Logger): void {
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activityType: context.activity.type, conversationId: context.activity.conversation?.id }, 'turn failed');
    if (context.activity.type === 'message' || context.activity.type === 'conversationUpdate') {
      await context.sendActivity(BOT_TEXTS.turnError).catch((err: unknown) => logger.warn({ err }, 'could not tell the user about the error'));
    }
  };
}

export function messagesRoute(adapter: CloudAdapter, bot: TertialBot, logger: Logger): RouteHandler {
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
    await adapter.process(
      { body, headers: req.headers as Record<string, string | string[] | undefined>, method: req.method },
      responseFor(res),
      (context) => bot.run(context),
    );
    if (!res.writableEnded) {
      logger.warn('adapter left the response open');
      res.end();
    }
  };
}
