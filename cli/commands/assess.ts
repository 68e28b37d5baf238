/**
 * `tertial assess --year Y --tertial N [--json] [--set REF=CODE --comment "…"] [--confirm REF]`
 * Shows every KS and economic goal's proposed and final assessment; --set decides one goal,
 * --confirm confirms its proposal. Every decision is stored with who and when.
 */
import { DECIDABLE, type DecidableAssessment, type GoalAssessmentView } from '../../services/assessment/assessment-service';
import { ASSESSMENT_LABELS } from '../../services/domain/vocabulary';
import { ValidationError } from '../../services/errors';
import { defineCommand } from '../command';
import { operator } from '../operator';
import { checkTertial } from './assessment-cli';
import { tertialFlag, yearFlag } from './round-args';

function parseSet(text: string): { goalRef: string; assessment: DecidableAssessment } {
  const m = /^([^=\s]+)=([a-z-]+)$/.exec(text.trim());
  if (!m || !(DECIDABLE as readonly string[]).includes(m[2]!)) {
    throw new ValidationError(`--set ska vara MÅL=BEDÖMNING, t.ex. 3.1.1=partly-met (bedömning: ${DECIDABLE.join(', ')}), inte "${text}"`, [
      `--set: "${text}" är inte MÅL=${DECIDABLE.join('|')}`,
    ]);
  }
  return { goalRef: m[1]!, assessment: m[2] as DecidableAssessment };
}

function row(v: GoalAssessmentView): string {
  const final = v.final ? ASSESSMENT_LABELS[v.final.assessment] : '–';
  return `${v.goal.ref.padEnd(7)} ${ASSESSMENT_LABELS[v.proposal.proposed].padEnd(16)} ${final.padEnd(16)} ${v.proposal.explanation}`;
}

export const assessCommand = defineCommand({
  summary: 'Visa föreslagna och beslutade målbedömningar, eller besluta en (show or decide goal assessments)',
  action: 'assessment.view',
  details: [
    'Exempel:',
    '  tertial assess --year 2025 --tertial 3 --json',
    '  tertial assess --year 2025 --tertial 3 --set 3.1.1=partly-met --comment "Konceptet är framtaget men …"',
    '  tertial assess --year 2025 --tertial 3 --confirm 3.1.2',
    `Bedömningar: ${DECIDABLE.join(', ')} (missing: Saknas, ingen bedömning). En ändring från förslaget kräver --comment.`,
  ].join('\n'),
  flags: {
    year: yearFlag,
    tertial: tertialFlag,
    json: { type: 'boolean', description: 'JSON: [{"goal","proposed","explanation","final"}]' },
    set: { type: 'string', description: 'besluta ett mål: MÅL=BEDÖMNING, t.ex. 3.1.1=partly-met', placeholder: 'REF=CODE' },
    confirm: { type: 'string', description: 'bekräfta förslaget för ett mål', placeholder: 'REF' },
    comment: { type: 'string', description: 'kommentar till beslutet', placeholder: 'TEXT' },
    by: { type: 'string', description: 'namn på den som beslutar (standard: användarnamnet)', placeholder: 'NAMN' },
  },
  check({ flags }) {
    checkTertial(flags.tertial);
    if (flags.set && flags.confirm) throw new ValidationError('Ange --set eller --confirm, inte båda', ['--set/--confirm: ett beslut i taget']);
    if (flags.comment !== undefined && !flags.set && !flags.confirm) {
      throw new ValidationError('--comment hör till ett beslut: ange --set eller --confirm', ['--comment: utan --set/--confirm']);
    }
    if (flags.set) parseSet(flags.set);
  },
  async run({ flags }, ctx) {
    const tertial = checkTertial(flags.tertial);
    const service = ctx.services.assessments;
    if (flags.set || flags.confirm) {
      const caller = operator(flags.by);
      let decision: { goalRef: string; assessment: DecidableAssessment };
      if (flags.set) decision = parseSet(flags.set);
      else {
        const round = await service.roundAssessments(flags.year, tertial);
        const view = round.goals.find((g) => g.goal.ref === flags.confirm);
        if (!view) throw new ValidationError(`Målet ${flags.confirm} finns inte`, [`--confirm: ${flags.confirm} finns inte`]);
        if (view.proposal.proposed === 'missing' && view.proposal.hit.rule !== 'not-assessed') throw new ValidationError(`Målet ${flags.confirm} har inget förslag ännu (inga rapporter)`, [`--confirm: ${flags.confirm} saknar förslag`]);
        decision = { goalRef: view.goal.ref, assessment: view.proposal.proposed };
      }
      const v = await service.decide(caller, { year: flags.year, tertial, ...decision, comment: flags.comment ?? null, source: 'cli' });
      if (!flags.json) ctx.stdout.write(`Beslut sparat: ${v.goal.ref} ${ASSESSMENT_LABELS[v.shown.assessment]} (av ${caller.actor.name})\n`);
    }
    const round = await service.roundAssessments(flags.year, tertial);
    if (flags.json) {
      const out = round.goals.map((v) => ({ goal: v.goal.ref, proposed: v.proposal.proposed, explanation: v.proposal.explanation, final: v.final?.assessment ?? null }));
      ctx.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      return;
    }
    ctx.stdout.write(`Målbedömningar ${round.roundId}\n${'mål'.padEnd(7)} ${'förslag'.padEnd(16)} ${'beslut'.padEnd(16)} förklaring\n`);
    for (const v of round.goals) ctx.stdout.write(`${row(v)}\n`);
  },
});
