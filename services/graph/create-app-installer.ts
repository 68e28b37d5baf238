/**
 * The proactive installer the app uses, or null when it is off (no TEAMS_CATALOG_APP_ID). Graph is
 * called as the bot's Entra app: its client secret when there is one, otherwise the managed identity
 * (DefaultAzureCredential; the permission is then granted to the identity's service principal).
 */
import { ClientSecretCredential, DefaultAzureCredential } from '@azure/identity';
import type { Config } from '../config/config';
import type { AppInstaller } from '../ports/app-installer';
import { GraphAppInstaller } from './graph-app-installer';

export function createAppInstaller(config: Pick<Config, 'bot' | 'teamsCatalogAppId'>): AppInstaller | null {
  if (!config.teamsCatalogAppId || config.bot.anonymous || !config.bot.appId) return null;
  const { appId, appPassword, tenantId } = config.bot;
  const credential = appPassword && tenantId ? new ClientSecretCredential(tenantId, appId, appPassword) : new DefaultAzureCredential();
  return new GraphAppInstaller({ credential, catalogAppId: config.teamsCatalogAppId });
}
