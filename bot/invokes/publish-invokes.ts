/**
 * The answers to the publish question (an open round): "Publicera ändå" publishes and replaces the
 * question with what was done; "Vänta" replaces it with a note. Admins only (the publish service asks).
 */
import { z } from 'zod';
import { ASSESSMENT_TEXTS } from '../../cards/assessment-texts';
import { renderPublishOutcomeCard } from '../../cards/publish-question-card';
import { roundId } from '../../services/domain/model';
import { roundLabel, type Tertial } from '../../services/domain/vocabulary';
import { isTertialError } from '../../services/errors';
import { decide } from '../../services/access/access-policy';
import type { InvokeHandler } from './invoke-types';

const schema = z.object({ year: z.coerce.number().int().min(2000).max(2100), tertial: z.coerce.number().int().min(1).max(3) });

export const publishAnyway: InvokeHandler = async ({ services, user, data }) => {
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { message: ASSESSMENT_TEXTS.refused('okänd eller trasig knapp', []) };
  const { year } = parsed.data;
  const tertial = parsed.data.tertial as Tertial;
  try {
    const r = await services.publishing.publish(user.principal, year, tertial);
    const text = ASSESSMENT_TEXTS.published(r.roundId, r.posted.length, r.updated.length, r.failed.map((f) => `${f.key}: ${f.reason}`));
    return { card: renderPublishOutcomeCard(`Publicerat ${roundLabel(year, tertial)}`, text.replace(/\*\*/g, ''), r.failed.length === 0).card };
  } catch (e) {
    if (!isTertialError(e)) throw e;
    // a refusal by the access policy carries its own reason
    return { message: e.code === 'forbidden' ? e.message : ASSESSMENT_TEXTS.refused(e.message, e.details) };
  }
};

export const publishLater: InvokeHandler = async ({ data, user }) => {
  const access = decide(user.principal, 'round.publish');
  if (!access.allowed) return { message: access.reason };
  const parsed = schema.safeParse(data);
  if (!parsed.success) return { message: ASSESSMENT_TEXTS.refused('okänd eller trasig knapp', []) };
  const id = roundId(parsed.data.year, parsed.data.tertial as Tertial);
  return { card: renderPublishOutcomeCard(`Inte publicerat: ${roundLabel(id)}`, ASSESSMENT_TEXTS.notPublished(id).replace(/\*\*/g, ''), false).card };
};
