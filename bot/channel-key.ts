/**
 * A Teams channel's key: the conversation id of the channel itself. A message in a thread arrives
 * with `<channel>;messageid=<root>`; the key is the part before the first `;`.
 */
export function channelKeyOf(conversationId: string): string {
  return conversationId.split(';')[0]!;
}
