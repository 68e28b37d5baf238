/** Linking the ledningsgrupp channel: admins only (or the operator at the CLI); the link is stored. */
import type { AccessLists, Caller } from '../assessment/assessment-service';
import { TertialError, ValidationError } from '../errors';
import { moduleLogger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import type { ChannelLink, PublicationRepository } from '../ports/publications';

export function isAdmin(caller: Caller, access: AccessLists): boolean {
  return caller.kind === 'operator' || access.admins.includes(caller.actor.id);
}

export function requireAdmin(caller: Caller, access: AccessLists, what: string): void {
  if (!isAdmin(caller, access)) {
    moduleLogger('publish').warn({ actor: caller.actor.id, what }, 'refused: not an admin');
    throw new TertialError('forbidden', `Bara administratörer kan ${what}.`);
  }
}

export async function linkChannel(
  deps: { publications: PublicationRepository; clock: Clock; access: AccessLists },
  caller: Caller,
  channelKey: string,
  name: string | null = null,
): Promise<ChannelLink> {
  requireAdmin(caller, deps.access, 'koppla ledningsgruppens kanal');
  const key = channelKey.trim();
  if (!key || key.length > 500) throw new ValidationError('Kanalens nyckel saknas eller är för lång', ['kanal: saknas eller längre än 500 tecken']);
  const link: ChannelLink = { channelKey: key, name: name?.trim() || null, linkedBy: caller.actor, linkedAt: deps.clock.now().toISOString() };
  await deps.publications.setLink(link);
  moduleLogger('publish').info({ channel: key, by: caller.actor.id }, 'ledningsgrupp channel linked');
  return link;
}
