import { STATUS_LABELS } from '../../services/domain/vocabulary';
import { defineCommand } from '../command';
import { localTime, tertialFlag, yearFlag } from './round-args';
import { ROUND_PHASES, roundLabel } from '../../services/domain/vocabulary';
import { waveName } from '../../services/rounds/wave-names';

const STATE_LABELS = { sent: 'skickad', unreachable: 'ONÅBAR', failed: 'MISSLYCKAD', skipped: 'ej behövd', sending: 'skickas', backoff: 'väntar på nytt försök' } as const;

export const roundShowCommand = defineCommand({
  summary: 'Visa en omgångs läge: per ägare rapporterat/saknas, varje utskick, onåbara (round progress)',
  action: 'round.view',
  flags: { year: yearFlag, tertial: tertialFlag, json: { type: 'boolean', description: 'som JSON' } },
  async run({ flags }, ctx) {
    const p = await ctx.services.rounds.progress(flags.year, flags.tertial);
    if (flags.json) {
      ctx.stdout.write(`${JSON.stringify(p, null, 2)}\n`);
      return;
    }
    const w = (s: string) => ctx.stdout.write(`${s}\n`);
    const t = p.totals;
    w(`Omgång ${roundLabel(p.round.year, p.round.tertial)} (${ROUND_PHASES[p.phase]}), sista svarsdag ${p.round.deadline}`);
    if (p.planMissing) w(`  Ingen plan för ${p.round.year}: importera den (tertial import plan FILE) innan någon kan påminnas.`);
    if (p.sender) w(`  Påminnelser skickas just nu av instansen ${p.sender.holder} (utskicksrätten gäller till ${localTime(p.sender.leaseUntil)}).`);
    w(`  ${t.ownersDone}/${t.owners} ägare klara · ${t.reported} rapporterade, ${t.missing} saknas · ${t.sent} utskick · ${t.unreachableOwners} onåbara · ${t.failed} misslyckade`);
    // one column for every wave named, as wide as the longest name ('våg 28', 'Påminn igen')
    const width = Math.max(0, ...[...p.waves, ...p.owners.flatMap((o) => o.deliveries)].map((d) => waveName(d.wave).length));
    const wave = (key: string) => waveName(key).padEnd(width);
    w('Vågor:');
    for (const v of p.waves) {
      w(`  ${wave(v.wave)} ${localTime(v.at)}  skickade ${v.sent}, onåbara ${v.unreachable}, misslyckade ${v.failed}, ej behövda ${v.skipped}${v.pending ? `, pågår ${v.pending}` : ''}`);
    }
    w('Ägare:');
    for (const o of p.owners) {
      w(`  ${o.name} (${o.ownerId}): ${o.reported.length} rapporterade, ${o.missing.length} saknas${o.notReached?.state === 'unreachable' ? `  ONÅBAR: ${o.notReached.reason}` : ''}`);
      for (const a of o.reported) w(`    ✓ ${a.ref} ${a.title}: ${a.status ? STATUS_LABELS[a.status] : ''}`);
      for (const a of o.missing) w(`    ✗ ${a.ref} ${a.title}`);
      for (const d of o.deliveries) {
        // why in words for one that did not arrive (the recorded reason, Teams' answer inside, is in --json)
        const extra = [d.problem ? d.problem.reason : d.reason, d.attempts > 1 ? `${d.attempts} försök` : null, d.possibleDuplicate ? 'möjlig dubblett' : null].filter(Boolean).join(', ');
        w(`    → ${wave(d.wave)} ${localTime(d.at)} ${STATE_LABELS[d.state]}${d.via ? ` via ersättare ${d.via.name}` : ''}${extra ? ` (${extra})` : ''}`);
      }
    }
    if (p.unowned.length > 0) {
      w('Utan ägare (ingen enhet eller person har aktiviteten, t.ex. efter att ägaren tagits bort):');
      for (const a of p.unowned) w(`  ${a.ref} ${a.title}${a.status ? `: ${STATUS_LABELS[a.status]}` : ': ingen rapport'}`);
    }
    const unreachable = p.owners.filter((o) => o.notReached?.state === 'unreachable');
    if (unreachable.length > 0) w('Onåbara ägare (appen inte installerad, blockerad eller borttagen):');
    for (const { name, ownerId, notReached } of unreachable) {
      w(`  ${name} (${ownerId}): ${notReached!.reason}, ${localTime(notReached!.at)}`);
      w(`    Nästa steg: ${notReached!.nextStep}`);
    }
  },
});
