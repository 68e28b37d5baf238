/**
 * Installing the Teams app for a user who does not have it yet (proactive install), behind a port.
 * services/graph implements it with Microsoft Graph (application permission
 * TeamsAppInstallation.ReadWriteSelfForUser.All). Opt-in: without it, an owner without the app stays
 * "not installed" and admins are told to use an app setup policy.
 *
 * One attempt per call, outcome classified like the Messenger's.
 */
export type InstallResult =
  /** installed now, or found installed (409): the 1:1 chat between the user and the bot */
  | { outcome: 'installed' | 'already-installed'; chatId: string }
  /** 403: the organisation's app permission policy does not allow the app for this user */
  | { outcome: 'blocked'; status: 403; reason: string }
  /** 403: the bot's Entra app lacks the Graph permission (TeamsAppInstallation.ReadWriteSelfForUser.All) or its admin consent */
  | { outcome: 'not-permitted'; status: 403; reason: string }
  /** the catalogue id (TEAMS_CATALOG_APP_ID) names no app the bot may install, while the user exists */
  | { outcome: 'misconfigured'; status: number; reason: string }
  /** 404: the user no longer exists in the tenant (has left), checked after the install answered 404 */
  | { outcome: 'user-gone'; status: 404; reason: string }
  /** 429/5xx or a network error: worth another attempt later */
  | { outcome: 'retry'; status: number | null; reason: string; retryAfterMs: number | null }
  /** anything else: do not retry */
  | { outcome: 'failed'; status: number | null; reason: string };

export interface AppInstaller {
  /** installs the app in the user's personal scope (or finds it installed) and reads the bot's chat with them */
  installForUser(aadObjectId: string): Promise<InstallResult>;
}
