/** `tertial ledningsgrupp [--channel KEY --name NAME]`: shows or sets the ledningsgrupp's Teams channel. */
import { defineCommand } from '../command';
import { operator } from '../operator';

export const ledningsgruppCommand = defineCommand({
  summary: 'Visa eller koppla ledningsgruppens kanal (show or link the ledningsgrupp channel)',
  action: 'channel.link',
  details: [
    'Enklast kopplas kanalen i Teams: skriv "@Tertial ledningsgrupp" i kanalen (administratörer).',
    'Här anges kanalens nyckel som boten sparade när den lades till i teamet (kanalens konversations-id).',
    '  tertial ledningsgrupp --channel "19:abc…@thread.tacv2" --name "Ledningsgrupp"',
  ].join('\n'),
  flags: {
    channel: { type: 'string', description: 'kanalens konversations-id', placeholder: 'KEY' },
    name: { type: 'string', description: 'kanalens namn (visas för användare)', placeholder: 'NAMN' },
    by: { type: 'string', description: 'namn på den som kopplar (standard: användarnamnet)', placeholder: 'NAMN' },
  },
  async run({ flags }, ctx) {
    if (flags.channel !== undefined) {
      const link = await ctx.services.ledningsgrupp.link(operator(flags.by), flags.channel, flags.name ?? null);
      ctx.stdout.write(`Ledningsgruppens kanal kopplad: ${link.name ?? link.channelKey}\n`);
      return;
    }
    const link = await ctx.services.ledningsgrupp.current();
    ctx.stdout.write(link ? `${link.name ?? '(namnlös)'}  ${link.channelKey}  kopplad av ${link.linkedBy.name} ${link.linkedAt}\n` : 'Ingen kanal är kopplad.\n');
  },
});
