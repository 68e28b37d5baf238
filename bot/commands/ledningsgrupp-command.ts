/** `@Tertial ledningsgrupp` in a team channel (admins): this channel becomes the ledningsgrupp's. */
import type { TeamsChannelData } from 'botbuilder';
import { ASSESSMENT_TEXTS } from '../../cards/assessment-texts';
import { channelKeyOf } from '../channel-key';
import type { CommandDefinition } from './command-types';

export const ledningsgruppCommand: CommandDefinition = {
  names: ['ledningsgrupp', 'ledningsgruppen', 'leadership channel'],
  help: '**ledningsgrupp** (i en kanal, administratörer): gör kanalen till ledningsgruppens kanal för målavstämningen',
  action: 'channel.link',
  async run({ context, services, user }) {
    const activity = context.activity;
    const data = activity.channelData as TeamsChannelData | undefined;
    if (activity.conversation?.conversationType !== 'channel' && !data?.channel?.id) {
      await context.sendActivity(ASSESSMENT_TEXTS.linkInChannel);
      return;
    }
    const key = channelKeyOf(activity.conversation.id);
    const name = data?.channel?.name ?? null;
    await services.publishing.link(user.principal, key, name);
    await context.sendActivity(ASSESSMENT_TEXTS.linked(name));
  },
};
