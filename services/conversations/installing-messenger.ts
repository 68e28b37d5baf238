/**
 * Proactive install, opt-in: a Messenger that, when a person cannot be reached because the app is not
 * installed for them, installs it through the AppInstaller port (Microsoft Graph) and sends again.
 *
 * - installed, or already installed: the message goes out on a new attempt; if Teams still refuses
 *   (installation takes a moment to reach the Bot Connector), the send is a retry for later
 * - blocked (403): unreachable, saying the organisation's policy does not allow the install
 * - not permitted (403): unreachable, saying the Graph permission or its admin consent is missing
 * - misconfigured: unreachable, saying TEAMS_CATALOG_APP_ID names no Tertial in the catalogue
 * - user gone (404): unreachable, saying the person has left the organisation
 * - Graph throttled or down: a retry for later
 */
import { moduleLogger, type Logger } from '../logging/logger';
import type { AppInstaller } from '../ports/app-installer';
import { NOT_INSTALLED_REASON, type Messenger, type OutgoingCard, type SendOptions, type SendResult } from '../ports/messenger';

/** how the reason of an unreachable send starts when the person no longer exists in the tenant (reach-problems.ts reads it) */
export const USER_GONE_REASON = 'personen har lämnat organisationen';
/** after a fresh install, the next attempt waits this long at least (the install reaches Teams' connector) */
const AFTER_INSTALL_RETRY_MS = 15_000;

export class InstallingMessenger implements Messenger {
  private readonly log: Logger;

  constructor(
    private readonly inner: Messenger,
    private readonly installer: AppInstaller,
  ) {
    this.log = moduleLogger('proactive-install');
  }

  get pacesRequests(): boolean | undefined {
    return this.inner.pacesRequests;
  }

  async sendToUser(aadObjectId: string, message: OutgoingCard, options?: SendOptions): Promise<SendResult> {
    const first = await this.inner.sendToUser(aadObjectId, message, options);
    if (first.outcome !== 'unreachable' || !first.notInstalled) return first;
    const install = await this.installer.installForUser(aadObjectId);
    this.log.info(
      { aadObjectId, outcome: install.outcome, chatId: 'chatId' in install ? install.chatId : undefined, reason: 'reason' in install ? install.reason : undefined },
      'proactive install',
    );
    switch (install.outcome) {
      case 'installed':
      case 'already-installed': {
        const again = await this.inner.sendToUser(aadObjectId, message, options);
        if (again.outcome === 'unreachable' && again.notInstalled) {
          return { outcome: 'retry', status: again.status, reason: `installerad via Graph, men Teams når inte chatten än: ${again.reason}`, retryAfterMs: AFTER_INSTALL_RETRY_MS };
        }
        return again;
      }
      case 'blocked':
        return {
          outcome: 'unreachable',
          status: 403,
          reason: `${NOT_INSTALLED_REASON}, och organisationens policy tillåter inte att Tertial installeras åt personen (${install.reason})`,
          notInstalled: true,
        };
      case 'not-permitted':
        return {
          outcome: 'unreachable',
          status: 403,
          reason: `${NOT_INSTALLED_REASON}, och Tertial saknar Graph-behörigheten TeamsAppInstallation.ReadWriteSelfForUser.All med administratörsmedgivande (${install.reason})`,
          notInstalled: true,
        };
      case 'misconfigured':
        return {
          outcome: 'unreachable',
          status: install.status,
          reason: `${NOT_INSTALLED_REASON}, och TEAMS_CATALOG_APP_ID pekar inte på Tertial i organisationens appkatalog (${install.reason})`,
          notInstalled: true,
        };
      case 'user-gone':
        return { outcome: 'unreachable', status: 404, reason: `${USER_GONE_REASON} (${install.reason})` };
      case 'retry':
        return { outcome: 'retry', status: install.status, reason: `proaktiv installation: ${install.reason}`, retryAfterMs: install.retryAfterMs };
      case 'failed':
        return { ...first, reason: `${first.reason}; proaktiv installation misslyckades: ${install.reason}` };
    }
  }

  postToChannel(channelKey: string, message: OutgoingCard, replyToId?: string, options?: SendOptions): Promise<SendResult> {
    return this.inner.postToChannel(channelKey, message, replyToId, options);
  }

  updateInChannel(channelKey: string, activityId: string, message: OutgoingCard, replyToId?: string, options?: SendOptions): Promise<SendResult> {
    return this.inner.updateInChannel(channelKey, activityId, message, replyToId, options);
  }

  get updateForUser(): Messenger['updateForUser'] {
    return this.inner.updateForUser?.bind(this.inner);
  }
}
