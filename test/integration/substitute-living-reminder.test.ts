/**
 * A substitute's reminder "för" an owner is a living one, through the real app (embedded Cosmos, demo
 * data) on POST /api/messages with a local connector: when the substitute reports from one of their
 * cards, their latest "för" reminder is redrawn in place in their own chat with what is handed to them,
 * the owner's latest reminder is redrawn as well, and the card acted on is left to the invoke's answer.
 */
import { startApp, type RunningApp } from '../../bot/app';
import { REPORT_VERBS, SUBSTITUTE_VERBS } from '../../cards/card-verbs';
import { DEMO_USERS } from '../../demo/demo-users';
import { loadConfig } from '../../services/config/config';
import type { Round } from '../../services/domain/model';
import { handoverKey } from '../../services/ports/outbox';
import { startChannelConnector, type ChannelConnector, type ConnectorActivity } from '../support/channel-connector';
import { personalChat, type Person } from '../support/personal-chat';

const OWNER = DEMO_USERS[0]!;
const AWAY = DEMO_USERS[1]!;
const SUB = DEMO_USERS[DEMO_USERS.length - 1]!;

describe("a substitute's reminder for an owner is redrawn in place", () => {
  let app: RunningApp;
  let connector: ChannelConnector;
  let round: Round;
  let press = 0;
  const chat = personalChat(() => app.http.url, () => connector);
  const json = (a: ConnectorActivity) => JSON.stringify(a.body);
  /** the reminder cards in `person`'s chat "för" `owner` (their heading names the owner) */
  const forCards = (person: Person, owner: Person) => chat.chatOf(person).filter((a) => json(a).includes(`för ${owner.name}"`));
  /** a card action from the card `replyToId` in the person's chat, as Teams sends it */
  const act = async (from: Person, replyToId: string, verb: string, data: Record<string, unknown>) => {
    const res = await chat.post(chat.activity(from, { type: 'invoke', name: 'adaptiveCard/action', replyToId, value: { action: { type: 'Action.Execute', verb, data } } }));
    expect(res.status).toBe(200);
    await app.afterTurns.idle();
    return JSON.stringify(((await res.json()) as { value: unknown }).value);
  };
  const remind = async (owner: Person) => {
    const result = await app.dispatcher.remindOwner(round.year, round.tertial, owner.aadObjectId, `press-${String(++press).padStart(4, '0')}`);
    expect(result.problems).toEqual([]);
  };
  /** the owner's own latest reminder: the `status` card, which the bot remembers */
  const statusCard = async (person: Person) => {
    await chat.say(person, 'status');
    return chat.chatOf(person).at(-1)!;
  };
  const unreported = async (owner: Person) => (await app.collection.itemsFor(owner.aadObjectId, round)).filter((i) => !i.own).map((i) => i.activity.ref);

  beforeAll(async () => {
    connector = await startChannelConnector();
    app = await startApp(loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', DEMO_DATA: 'true', LOG_LEVEL: 'silent' }));
    round = (await app.collection.openRounds())[0]!;
    // every chat exists: the bot can write to it
    for (const p of [OWNER, AWAY, SUB]) await chat.say(p, 'hej');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await connector?.close();
  });

  it('one activity handed over: the substitute reports from an earlier card; their latest "för" card shows it, the owner\'s is redrawn, the card acted on is not', async () => {
    const open = await unreported(OWNER);
    expect(open.length).toBeGreaterThan(1);
    const handed = open[0]!;
    const ownerCard = await statusCard(OWNER);
    const subOwnCard = await statusCard(SUB);

    // the owner hands one activity over: the substitute is told at once with a card "för" the owner
    await act(OWNER, ownerCard.id, SUBSTITUTE_VERBS.set, { roundId: round.id, substituteId: SUB.aadObjectId, activityRef: handed });
    const [told, ...none] = forCards(SUB, OWNER);
    expect(none).toEqual([]);
    // then a reminder: the owner's lists the rest, the substitute's (its own outbox entry) the one handed over
    await remind(OWNER);
    const [, latest, ...more] = forCards(SUB, OWNER);
    expect(more).toEqual([]);
    const entry = (await app.store.outbox.listRound(round.id)).find((e) => e.activityId === latest!.id)!;
    expect(entry).toMatchObject({ ownerId: handoverKey(OWNER.aadObjectId, SUB.aadObjectId), deliverTo: SUB.aadObjectId, state: 'sent' });
    const ownerLatest = chat.chatOf(OWNER).at(-1)!;
    expect(ownerLatest.id).not.toBe(ownerCard.id);
    expect(json(latest!)).toContain('0 av 1 klara');

    // the substitute reports from the card they were told with, not the latest
    const answer = await act(SUB, told!.id, REPORT_VERBS.submit, { roundId: round.id, activityRef: handed, ownerId: OWNER.aadObjectId, status: 'in-progress', comment: 'Rapporterat av ersättaren' });
    expect(answer).toContain('Rapport sparad');
    // their latest "för" card now shows the item reported, still for the owner and with only what is handed to them
    expect(latest!.updates).toBe(1);
    const redrawn = json(latest!);
    expect(redrawn).toContain(`Tertialuppföljning ${round.tertial === 1 ? 'T1' : round.tertial === 2 ? 'T2' : 'T3'} ${round.year} för ${OWNER.name}`);
    expect(redrawn).toContain('1 av 1 klara');
    expect(redrawn).toContain('Status: Pågående enligt plan');
    expect(redrawn).toContain(`"activityRef":"${handed}"`);
    expect(redrawn).not.toContain(`"activityRef":"${open[1]}"`);
    // the owner's latest reminder is redrawn as before; the card acted on and every other card are left alone
    expect(ownerLatest.updates).toBe(1);
    expect(json(ownerLatest)).toContain('Din status: Pågående enligt plan');
    expect(told!.updates).toBe(0);
    expect(ownerCard.updates).toBe(0);
    expect(subOwnCard.updates).toBe(0);

    // a report from the latest card itself: the answer replaces it; only the owner's is redrawn
    const again = await act(SUB, latest!.id, REPORT_VERBS.submit, { roundId: round.id, activityRef: handed, ownerId: OWNER.aadObjectId, status: 'done', comment: '' });
    expect(again).toContain('Rapport sparad');
    expect(latest!.updates).toBe(1);
    expect(json(latest!)).toContain('Status: Pågående enligt plan');
    expect(ownerLatest.updates).toBe(2);
    expect(json(ownerLatest)).toContain('Din status: Avslutad enligt plan');
  });

  it('everything handed over: the reminder the substitute got in the owner\'s name is redrawn in their chat, the owner\'s own in theirs', async () => {
    const open = await unreported(AWAY);
    expect(open.length).toBeGreaterThan(0);
    const ownCard = await statusCard(AWAY);
    await act(AWAY, ownCard.id, SUBSTITUTE_VERBS.set, { roundId: round.id, substituteId: SUB.aadObjectId, activityRef: 'alla' });
    const [told] = forCards(SUB, AWAY);
    // the reminder is the owner's outbox entry, sent to the substitute
    await remind(AWAY);
    const [, latest] = forCards(SUB, AWAY);
    expect(latest).toBeDefined();
    const entry = (await app.store.outbox.listRound(round.id)).find((e) => e.activityId === latest!.id)!;
    expect(entry).toMatchObject({ ownerId: AWAY.aadObjectId, deliverTo: SUB.aadObjectId, state: 'sent' });
    expect(await app.reminders.latest(AWAY.aadObjectId, round.id)).toMatchObject({ activityId: ownCard.id });
    expect(await app.reminders.latest(AWAY.aadObjectId, round.id, SUB.aadObjectId)).toMatchObject({ activityId: latest!.id });

    const answer = await act(SUB, told!.id, REPORT_VERBS.submit, { roundId: round.id, activityRef: open[0], ownerId: AWAY.aadObjectId, status: 'on-hold', comment: 'Väntar på beslut' });
    expect(answer).toContain('Rapport sparad');
    expect(latest!.updates).toBe(1);
    const redrawn = json(latest!);
    expect(redrawn).toContain(`för ${AWAY.name}`);
    expect(redrawn).toContain(`Du är ersättare för ${AWAY.name}`);
    expect(redrawn).toContain('Status: Vänteläge');
    const total = (await app.collection.itemsFor(AWAY.aadObjectId, round)).length;
    expect(redrawn).toContain(`av ${total} klara`);
    // the owner's own card is redrawn in the owner's chat with their own wording
    expect(ownCard.updates).toBe(1);
    expect(json(ownCard)).toContain('Din status: Vänteläge');
    expect(json(ownCard)).not.toContain(`för ${AWAY.name}`);
    expect(told!.updates).toBe(0);
  });

  it('the "för" card `status` shows the substitute is their latest for that owner, and is redrawn', async () => {
    const before = chat.chatOf(SUB).length;
    await chat.say(SUB, 'status');
    const [statusFor, ...more] = forCards(SUB, AWAY).filter((a) => chat.chatOf(SUB).indexOf(a) >= before);
    expect(more).toEqual([]);
    expect(await app.reminders.latest(AWAY.aadObjectId, round.id, SUB.aadObjectId)).toMatchObject({ activityId: statusFor!.id });
    const [told] = forCards(SUB, AWAY);
    const ref = (await unreported(AWAY))[0] ?? (await app.collection.itemsFor(AWAY.aadObjectId, round))[0]!.activity.ref;
    await act(SUB, told!.id, REPORT_VERBS.submit, { roundId: round.id, activityRef: ref, ownerId: AWAY.aadObjectId, status: 'done-deviation', comment: 'Klar, något sent' });
    expect(statusFor!.updates).toBe(1);
    expect(json(statusFor!)).toContain('Status: Avslutad med avvikelse');
    expect(json(statusFor!)).toContain(`för ${AWAY.name}`);
    expect(told!.updates).toBe(0);
  });
});
