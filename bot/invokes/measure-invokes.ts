/**
 * The `mått` card's action: store one measure's outcome. Who may is the access policy's
 * ('measure.report': the measure's owner, an admin), asked by services/measures; the answer is the
 * card as it now stands, with what was saved or why not.
 */
import { z } from 'zod';
import { measureCommentInputId, measureValueInputId, renderMeasureCard } from '../../cards/measure-card';
import { BOT_TEXTS } from '../../cards/bot-texts';
import { isTertialError, ValidationError } from '../../services/errors';
import { formatMeasureValue } from '../../services/measures/measure-values';
import type { InvokeHandler } from './invoke-types';

const schema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  ref: z.string().trim().min(1).max(40).regex(/^[0-9A-Za-z.\-_]+$/),
  period: z.string().trim().regex(/^\d{4}(-T[123])?$/),
  roundId: z.string().regex(/^\d{4}-T[123]$/),
});

export const submitMeasure: InvokeHandler = async (request) => {
  const parsed = schema.safeParse(request.data);
  if (!parsed.success) return { message: BOT_TEXTS.unknownAction };
  const { year, ref, period, roundId } = parsed.data;
  const data = request.data as Record<string, unknown>;
  const raw = data[measureValueInputId(ref)];
  const comment = data[measureCommentInputId(ref)];
  const { services, user } = request;
  let notice: { text: string; good: boolean };
  try {
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' ? raw.slice(0, 200) : '';
    if (value === '') throw new ValidationError('ange ett utfall', ['utfall: saknas']);
    const saved = await services.measures.setOutcome(user.principal, {
      year,
      ref,
      period,
      value,
      comment: typeof comment === 'string' ? comment : null,
      source: 'teams',
    });
    const m = (await services.measures.measuresFor(user.aadObjectId, { year, tertial: Number(roundId.slice(-1)) as 1 | 2 | 3 })).find((x) => x.measure.ref === ref);
    notice = { text: `Sparat: ${ref} ${saved.period} ${m ? formatMeasureValue(m.measure, saved.current.value) : String(saved.current.value)}.`, good: true };
  } catch (e) {
    if (!isTertialError(e)) throw e;
    notice = { text: `Inte sparat: ${e.message}`, good: false };
  }
  const round = await services.collection.reference.round(roundId);
  if (!round) return { message: notice.text };
  return { card: renderMeasureCard(round, await services.measures.measuresFor(user.aadObjectId, round), { notice }).card };
};
