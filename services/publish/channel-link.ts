/** Linking the ledningsgrupp channel: whom the access policy allows `channel.link`; the link is stored. */
import { requireAccess, type Principal } from '../access/access-policy';
import { ValidationError } from '../errors';
import { moduleLogger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { ChannelLink, PublicationRepository } from '../ports/publications';

export async function linkChannel(
  deps: { publications: PublicationRepository; clock: Clock },
  caller: Principal,
  channelKey: string,
  name: string | null = null,
): Promise<ChannelLink> {
  requireAccess(caller, 'channel.link');
  const key = channelKey.trim();
  if (!key || key.length > 500) throw new ValidationError('Kanalens nyckel saknas eller är för lång', ['kanal: saknas eller längre än 500 tecken']);
  const link: ChannelLink = { channelKey: key, name: name?.trim() || null, linkedBy: caller.actor, linkedAt: deps.clock.now().toISOString() };
  await deps.publications.setLink(link);
  moduleLogger('publish').info({ channel: key, by: caller.actor.id }, 'ledningsgrupp channel linked');
  return link;
}

/** The ledningsgrupp channel link on its own (the CLI's; the bot links through PublishService). */
export class ChannelLinkService {
  constructor(private readonly deps: { publications: PublicationRepository; clock: Clock }) {}

  link(caller: Principal, channelKey: string, name: string | null = null): Promise<ChannelLink> {
    return linkChannel(this.deps, caller, channelKey, name);
  }

  /** the linked channel, or null when none is */
  current(): Promise<ChannelLink | null> {
    return this.deps.publications.getLink();
  }
}
