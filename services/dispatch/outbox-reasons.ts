/**
 * The reasons the dispatcher records on an outbox entry that ended unreachable, failed or skipped. They
 * are in Swedish, since an admin may read them as recorded (the tab's tooltip, `tertial round show
 * --json`); `läge`, `påminn nu`, the tab and `round show` explain them (services/rounds/reach-problems.ts
 * reads them). The connector's own answer is kept inside as it came (its HTTP status first, then its
 * text), for diagnosis and for reach-problems.ts to recognise.
 */

/** skipped: the owner reported everything before the send */
export const NOTHING_LEFT_REASON = 'inget kvar att rapportera';
/** skipped: the person got the round's reminder from the bot earlier the same day */
export const REMINDED_TODAY_REASON = 'fick påminnelsen tidigare i dag';

/** unreachable or failed: the connector's answer, its status first ('fel' when there was none) */
export const answerReason = (status: number | null, reason: string) => `${status ?? 'fel'}: ${reason}`;

/** failed: every attempt the retry policy allows was answered "try again"; the last answer named */
export const gaveUpReason = (attempts: number, status: number | null, last: string) => `gav upp efter ${attempts} försök; senast: ${status !== null ? `${status} ` : ''}${last}`;

/** an attempt that threw instead of answering (recorded as a retryable attempt) */
export const thrownReason = (err: unknown) => `oväntat fel i utskicket: ${err instanceof Error ? err.message : String(err)}`;
