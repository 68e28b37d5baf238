/**
 * Who is calling the tab API. Two modes, chosen by the composition root:
 *
 * - `entra`: the Teams SSO access token, verified by EntraTokenVerifier (401 / 503 with Retry-After).
 * - `local`: no app registration, loopback only (the app refuses to start otherwise): the tab's local
 *   sign-in as one of the demo people hands out a session token signed with a key that lives only in
 *   this process. Never offered when app credentials are configured.
 */
import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { errors, jwtVerify, SignJWT } from 'jose';
import { EntraTokenVerifier, RETRY_AFTER_SECONDS, TokenError, type EntraSettings, type TokenUser } from './entra-token';
import type { ApiErrorBody, LocalPerson } from './tab-contract';

export interface TabUser {
  aadObjectId: string;
  name: string;
}

export interface TabAuthenticator {
  readonly mode: 'entra' | 'local';
  authenticate(authorization: string | undefined): Promise<TabUser>;
}

export class EntraAuthenticator implements TabAuthenticator {
  readonly mode = 'entra' as const;
  private readonly verifier: EntraTokenVerifier;
  constructor(settings: EntraSettings) {
    this.verifier = new EntraTokenVerifier(settings);
  }
  async authenticate(authorization: string | undefined): Promise<TokenUser> {
    return this.verifier.verify(authorization);
  }
}

const LOCAL_ISSUER = 'tertial-local-sign-in';
const LOCAL_TTL = '12h';

export class LocalAuthenticator implements TabAuthenticator {
  readonly mode = 'local' as const;
  private readonly key = randomBytes(32);

  constructor(readonly people: readonly LocalPerson[]) {}

  /** a session token for one of the known local people; null for anyone else */
  async signIn(aadObjectId: unknown): Promise<{ token: string; user: TabUser } | null> {
    const person = this.people.find((p) => p.aadObjectId === aadObjectId);
    if (!person) return null;
    const user: TabUser = { aadObjectId: person.aadObjectId, name: person.name };
    const token = await new SignJWT({ oid: user.aadObjectId, name: user.name })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LOCAL_ISSUER)
      .setIssuedAt()
      .setExpirationTime(LOCAL_TTL)
      .sign(this.key);
    return { token, user };
  }

  async authenticate(authorization: string | undefined): Promise<TabUser> {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw new TokenError(401, 'Inloggning krävs: logga in som en demoperson.', 'no bearer token');
    try {
      const { payload } = await jwtVerify(match[1]!, this.key, { issuer: LOCAL_ISSUER, algorithms: ['HS256'] });
      const person = this.people.find((p) => p.aadObjectId === payload.oid);
      if (!person) throw new TokenError(401, 'Okänd person; logga in igen.', 'unknown oid');
      return { aadObjectId: person.aadObjectId, name: person.name };
    } catch (e) {
      if (e instanceof TokenError) throw e;
      if (e instanceof errors.JWTExpired) throw new TokenError(401, 'Inloggningen har gått ut; logga in igen.', e.message);
      throw new TokenError(401, 'Ogiltig token; logga in igen.', e instanceof Error ? e.message : String(e));
    }
  }
}

/** Express middleware: res.locals.user, or 401/503 with a Swedish reason (and Retry-After on 503). */
export function requireUser(auth: TabAuthenticator, onRefused?: (e: TokenError, req: Request) => void): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    auth.authenticate(req.get('authorization')).then(
      (user) => {
        res.locals.user = { aadObjectId: user.aadObjectId, name: user.name } satisfies TabUser;
        next();
      },
      (e: unknown) => {
        if (!(e instanceof TokenError)) return next(e);
        onRefused?.(e, req);
        if (e.status === 503) res.set('Retry-After', String(RETRY_AFTER_SECONDS));
        else res.set('WWW-Authenticate', 'Bearer');
        res.status(e.status).json({ error: e.message } satisfies ApiErrorBody);
      },
    );
  };
}
