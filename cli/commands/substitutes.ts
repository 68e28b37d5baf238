/**
 * Substitutes at the command line (an admin's): `substitute set` hands an owner's activity, or all of
 * them, to a colleague for a round; `substitute end` takes it back; `substitute list` shows a round's.
 */
import type { Substitution } from '../../services/domain/model';
import { defineCommand } from '../command';
import { operator } from '../operator';

const principal = (by: string | undefined) => operator(by);
const roundFlag = { type: 'string', required: true, description: 'omgång, t.ex. 2026-T1', placeholder: 'ÅÅÅÅ-TN' } as const;
const byFlag = { type: 'string', description: 'namn på den som ändrar (standard: användarnamnet)', placeholder: 'NAMN' } as const;

function line(s: Substitution): string {
  const scope = s.activityRef ? `aktivitet ${s.activityRef}` : 'alla aktiviteter';
  const state = s.endedAt ? `, tillbakatagen ${s.endedAt.slice(0, 10)} av ${s.endedBy?.name ?? '–'}` : '';
  return `${s.substituteName} (${s.substituteId}) för ${s.ownerName} (${s.ownerId}): ${scope}; av ${s.by.name} ${s.at.slice(0, 10)}${state}`;
}

export const substituteSetCommand = defineCommand({
  summary: 'Lämna över en ägares aktivitet (eller alla) till en ersättare för en omgång',
  action: 'substitute.assign',
  details: 'Exempel: tertial substitute set --round 2026-T1 --owner AAD-ÄGARE --substitute AAD-ERSÄTTARE --name "Kim Ersättare" [--activity 3.1.1.1]',
  flags: {
    round: roundFlag,
    owner: { type: 'string', required: true, description: 'ägarens aadObjectId', placeholder: 'AAD' },
    substitute: { type: 'string', required: true, description: 'ersättarens aadObjectId', placeholder: 'AAD' },
    name: { type: 'string', description: 'ersättarens namn (krävs om ersättaren inte finns bland ägarna)', placeholder: 'NAMN' },
    activity: { type: 'string', description: 'en aktivitet; utan: alla ägarens aktiviteter', placeholder: 'REF' },
    by: byFlag,
  },
  async run({ flags }, ctx) {
    const s = await ctx.services.substitutes.delegate(principal(flags.by), {
      roundId: flags.round,
      ownerId: flags.owner,
      substituteId: flags.substitute,
      substituteName: flags.name ?? null,
      activityRef: flags.activity ?? null,
    });
    ctx.stdout.write(`Ersättare sparad: ${line(s)}\n`);
  },
});

export const substituteEndCommand = defineCommand({
  summary: 'Ta tillbaka en överlämning (ägaren rapporterar själv igen)',
  action: 'substitute.assign',
  flags: {
    round: roundFlag,
    owner: { type: 'string', required: true, description: 'ägarens aadObjectId', placeholder: 'AAD' },
    activity: { type: 'string', description: 'en aktivitet; utan: allt ägaren lämnat över', placeholder: 'REF' },
    by: byFlag,
  },
  async run({ flags }, ctx) {
    const ended = await ctx.services.substitutes.takeBack(principal(flags.by), { roundId: flags.round, ownerId: flags.owner, activityRef: flags.activity ?? null });
    for (const s of ended) ctx.stdout.write(`Tillbakatagen: ${line(s)}\n`);
  },
});

export const substituteListCommand = defineCommand({
  summary: 'Visa en omgångs ersättare (gällande och historik)',
  action: 'round.view',
  flags: { round: roundFlag, json: { type: 'boolean', description: 'JSON: {"active":[…],"all":[…]}' } },
  async run({ flags }, ctx) {
    const { round, active, all } = await ctx.services.substitutes.list(flags.round);
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify({ round: round.id, active, all }, null, 2)}\n`);
      return;
    }
    ctx.stdout.write(`Ersättare ${round.id}: ${active.length} gällande, ${all.length} totalt\n`);
    for (const s of all) ctx.stdout.write(`  ${active.includes(s) ? '*' : ' '} ${line(s)}\n`);
  },
});
