import { ValidationError } from '../../services/errors';
import { defineCommand } from '../command';
import { operator } from '../operator';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ownersRemoveCommand = defineCommand({
  summary: 'Ta bort personer som har slutat: deras uppdrag upphör direkt och de får inga fler påminnelser',
  action: 'plan.import',
  args: [{ name: 'AADOBJECTID', description: 'personens Entra-objekt-id (ett GUID)' }],
  details:
    'Personen finns kvar med sina tidigare rapporter; enheterna och aktiviteterna tas bort från personen\n' +
    '(och sparas under "removed"). Aktiviteterna visas som "utan ägare" i omgångens läge tills någon\n' +
    'annan får dem (tertial import owners). Samma sak som raden remove=ja i ägarfilen.',
  flags: { by: { type: 'string', description: 'vem som tar bort (namn i historiken)', placeholder: 'NAMN' } },
  check({ args }) {
    if (!GUID.test(args[0] ?? '')) {
      throw new ValidationError(`"${args[0] ?? ''}" är inget Entra-objekt-id; inget har ändrats (expected a GUID)`, [`AADOBJECTID: "${args[0] ?? ''}" är inget GUID`]);
    }
  },
  async run({ args, flags }, ctx) {
    const result = await ctx.services.owners.removeMany(args, operator(flags.by).actor);
    for (const o of result.removed) {
      const had = [...(o.removed?.units ?? []), ...(o.removed?.activities ?? []).map((a) => `${a.year}:${a.ref}`)];
      ctx.stdout.write(`Borttagen: ${o.name} (${o.aadObjectId})${had.length > 0 ? `; uppdrag som upphörde: ${had.join(', ')}` : ''}\n`);
    }
    for (const id of result.alreadyRemoved) ctx.stdout.write(`Redan borttagen: ${id}\n`);
  },
});
