/**
 * The organisation's assessment rule override (TERTIAL_ASSESSMENT_RULES: a JSON file), read once at
 * start like the rest of the configuration. A missing or invalid file stops the start with a message
 * naming what is wrong.
 */
import fs from 'node:fs';
import { DEFAULT_ASSESSMENT_RULES, parseAssessmentRules, type AssessmentRules } from '../assessment/rules';
import { isTertialError, TertialError } from '../errors';

export function readAssessmentRules(file: string | undefined): AssessmentRules {
  if (!file) return DEFAULT_ASSESSMENT_RULES;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new TertialError('config', `TERTIAL_ASSESSMENT_RULES: kan inte läsa ${file} som JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    return parseAssessmentRules(json);
  } catch (e) {
    if (isTertialError(e)) throw new TertialError('config', `TERTIAL_ASSESSMENT_RULES (${file}): ${e.message}`, e.details);
    throw e;
  }
}
