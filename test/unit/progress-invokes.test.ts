/**
 * The "Påminn igen" invoke waits for the dispatcher's outcome only so long (Teams waits for an invoke
 * answer only so long): a reminder still being sent then answers "på väg" and goes on.
 */
import type { AfterTurn } from '../../bot/after-turn';
import type { BotServices } from '../../bot/bot-context';
import { REMIND_ANSWER_WAIT_MS, remindOwnerAgain } from '../../bot/invokes/progress-invokes';
import { personPrincipal } from '../../services/access/access-policy';
import { emptyResult, type WaveResult } from '../../services/dispatch/wave-result';
import { buildProgress } from '../../services/rounds/round-progress';
import { makeOwners, makePlan, makeRound } from '../support/dispatch-fixtures';

const round = makeRound();
const owner = makeOwners(1)[0]!;
const now = new Date('2026-04-21T10:00:00Z');

function request(remindOwner: (year: number, tertial: number, ownerId: string, press: string) => Promise<WaveResult>) {
  const services = {
    clock: { now: () => now },
    collection: { reference: { round: async () => round, owner: async () => owner } },
    dispatcher: { remindOwner },
    rounds: { progress: async () => buildProgress(round, makePlan(2026, 1), [owner], [], [], now) },
  } as unknown as BotServices;
  const admin = { id: 'aad-admin', name: 'Controller' };
  return {
    context: {} as never,
    services,
    user: { aadObjectId: admin.id, name: admin.name, principal: personPrincipal(admin, { admins: [admin.id], ledningsgrupp: [] }) },
    data: { roundId: round.id, ownerId: owner.aadObjectId, press: 'press-0001' },
    after: {} as AfterTurn,
  };
}

const noticeOf = (answer: Awaited<ReturnType<typeof remindOwnerAgain>>) => {
  expect(answer).toHaveProperty('card');
  const card = (answer as { card: { body: { inlines?: { text: string; color?: string }[] }[] } }).card;
  return card.body.flatMap((b) => b.inlines ?? []).find((i) => i.color === 'Good' || i.color === 'Attention');
};

describe('"Påminn igen" answers in time', () => {
  afterEach(() => jest.useRealTimers());

  it('answers with the outcome when the dispatcher has it in time', async () => {
    const answer = await remindOwnerAgain(request(async () => ({ ...emptyResult(round.id, 'again-press-0001', 'manual'), recipients: 1, sent: 1 })));
    expect(noticeOf(answer)).toEqual({ type: 'TextRun', text: `Påminnelse skickad till ${owner.name} nu.`, color: 'Good' });
  });

  it('answers "på väg" once the wait is over, and the reminder goes on', async () => {
    jest.useFakeTimers();
    let finish: (r: WaveResult) => void = () => undefined;
    const sending = new Promise<WaveResult>((resolve) => (finish = resolve));
    const answering = remindOwnerAgain(request(() => sending));
    let answered = false;
    void answering.then(() => (answered = true));
    await jest.advanceTimersByTimeAsync(REMIND_ANSWER_WAIT_MS - 1);
    expect(answered).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(noticeOf(await answering)).toEqual({ type: 'TextRun', text: `Påminnelsen till ${owner.name} är på väg; läge visar om den kom fram.`, color: 'Good' });
    finish({ ...emptyResult(round.id, 'again-press-0001', 'manual'), recipients: 1, sent: 1 }); // settles later, unobserved and harmless
  });
});
