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
  // reported for another owner (as their substitute): the policy hears who stands in for them
  const ownerId = typeof data.ownerId === 'string' && data.ownerId !== user.aadObjectId ? data.ownerId.slice(0, 64) : user.aadObjectId;
  const substituteIds = ownerId !== user.aadObjectId ? ((await services.collection.ownerResource(ownerId, roundId, null)).substituteIds ?? []) : [];
  const forOwner = ownerId !== user.aadObjectId ? { id: ownerId, name: (await services.collection.reference.owner(ownerId))?.name ?? ownerId } : undefined;
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
      substituteIds,
    });
    const m = (await services.measures.measuresFor(ownerId, { year, tertial: Number(roundId.slice(-1)) as 1 | 2 | 3 })).find((x) => x.measure.ref === ref);
    notice = { text: `Sparat: ${ref} ${saved.period} ${m ? formatMeasureValue(m.measure, saved.current.value) : String(saved.current.value)}.`, good: true };
  } catch (e) {
    if (!isTertialError(e)) throw e;
    notice = { text: `Inte sparat: ${e.message}`, good: false };
  }
  const round = await services.collection.reference.round(roundId);
  if (!round) return { message: notice.text };
  return { card: renderMeasureCard(round, await services.measures.measuresFor(ownerId, round), { notice, forOwner }).card };
};

const openSchema = z.object({ roundId: z.string().regex(/^\d{4}-T[123]$/), ownerId: z.string().min(1).max(64).optional() });

/** `tertial.measure.open` (the reminder's "Rapportera mått"): the asker's measures card for the round */
export const openMeasures: InvokeHandler = async (request) => {
  const parsed = openSchema.safeParse(request.data);
  if (!parsed.success) return { message: BOT_TEXTS.unknownAction };
  const round = await request.services.collection.reference.round(parsed.data.roundId);
  if (!round) return { message: BOT_TEXTS.unknownAction };
  const { services, user } = request;
  // a substitute opens the owner's measures (the reminder they got "för" the owner)
  const owner = parsed.data.ownerId && (await services.collection.mayActFor(user.principal, parsed.data.ownerId, round.id, null)) ? parsed.data.ownerId : user.aadObjectId;
  const measures = await services.measures.measuresFor(owner, round);
  if (measures.length === 0) return { message: 'Du har inga mått att rapportera i den här omgången.' };
  const forOwner = owner !== user.aadObjectId ? { id: owner, name: (await services.collection.reference.owner(owner))?.name ?? owner } : undefined;
  return { card: renderMeasureCard(round, measures, { forOwner }).card };
};
