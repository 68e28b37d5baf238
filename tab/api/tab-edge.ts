/**
 * Wiring of the Teams tab for the composition root (bot/app.ts): the built front end at /tab and its
 * API at /api/tab over the services of tab-services.ts, with the sign-in the configuration allows
 * (tab-auth.ts).
 */
import { DEMO_KOMMUNCHEF, DEMO_USERS } from '../../demo/demo-users';
import type { Config } from '../../services/config/config';
import { TokenError } from './entra-token';
import { EntraAuthenticator, LocalAuthenticator, type TabAuthenticator } from './tab-auth';
import { tabApiRouter, type TabDeps } from './tab-routes';
import { tabStaticRouter } from './tab-static';

/** app credentials without a tenant: SSO tokens cannot be checked, so every API call is refused */
class UnconfiguredAuthenticator implements TabAuthenticator {
  readonly mode = 'entra' as const;
  async authenticate(): Promise<never> {
    throw new TokenError(401, 'Fliken kan inte kontrollera inloggningar: MicrosoftAppTenantId (eller TEAMS_TENANT_ID) saknas i konfigurationen.');
  }
}

export function tabAuthenticator(config: Config): TabAuthenticator {
  const { clientId, tenantId, domain, openIdConfigUrl } = config.tab;
  if (clientId) return tenantId ? new EntraAuthenticator({ clientId, tenantId, domain, openIdConfigUrl }) : new UnconfiguredAuthenticator();
  // no app registration: bot/app.ts has already refused to start on anything but loopback
  if (!config.bot.anonymous) throw new Error('local sign-in is only for an anonymous app on loopback');
  const roles = (id: string, owner: boolean) =>
    [config.admins.includes(id) ? 'admin' : null, config.ledningsgrupp.includes(id) ? 'ledningsgrupp' : null, owner ? 'ägare' : null].filter((r): r is string => r !== null);
  return new LocalAuthenticator([
    ...[...config.admins, ...config.ledningsgrupp]
      .filter((id, i, all) => all.indexOf(id) === i && id !== DEMO_KOMMUNCHEF.aadObjectId && !DEMO_USERS.some((u) => u.aadObjectId === id))
      .map((id) => ({ aadObjectId: id, name: `Person ${id.slice(-4)}`, roles: roles(id, false) })),
    { aadObjectId: DEMO_KOMMUNCHEF.aadObjectId, name: DEMO_KOMMUNCHEF.name, roles: roles(DEMO_KOMMUNCHEF.aadObjectId, false) },
    ...DEMO_USERS.map((u) => ({ aadObjectId: u.aadObjectId, name: u.name, roles: roles(u.aadObjectId, true) })),
  ]);
}

export function tabMounts(deps: TabDeps) {
  return [
    { path: '/tab', handlers: [tabStaticRouter()] },
    { path: '/api/tab', handlers: [tabApiRouter(deps, tabAuthenticator(deps.config))] },
  ];
}
