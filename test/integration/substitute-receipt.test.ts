/**
 * The receipt a substitute gets after reporting "för" an owner, through the real app (embedded Cosmos,
 * demo data) on POST /api/messages with a local connector: its progress counts what the owner handed to
 * them, "Nästa aktivitet" points to the next of those, and its list button answers with the same items
 * their "för" reminder lists. The owner's own receipt and an admin's on the owner's behalf count all the
 * owner's activities.
 */
import { startApp, type RunningApp } from '../../bot/app';
import { REPORT_VERBS, SUBSTITUTE_VERBS } from '../../cards/card-verbs';
import { DEMO_KOMMUNCHEF, DEMO_USERS } from '../../demo/demo-users';
import { loadConfig } from '../../services/config/config';
import type { Round } from '../../services/domain/model';
import { startChannelConnector, type ChannelConnector } from '../support/channel-connector';
import { personalChat, type Person } from '../support/personal-chat';

const OWNER = DEMO_USERS[3]!;
const AWAY = DEMO_USERS[4]!;
const SUB = DEMO_USERS[5]!;
const ADMIN: Person = DEMO_KOMMUNCHEF;
const CARD = 'application/vnd.microsoft.card.adaptive';

type Node = Record<string, unknown>;
function collect(node: unknown, type: string, found: Node[] = []): Node[] {
  if (Array.isArray(node)) node.forEach((n) => collect(n, type, found));
  else if (node && typeof node === 'object') {
    if ((node as Node).type === type) found.push(node as Node);
    Object.values(node).forEach((v) => collect(v, type, found));
  }
  return found;
}

describe("a substitute's receipt counts what is handed to them", () => {
  let app: RunningApp;
  let connector: ChannelConnector;
  let round: Round;
  const chat = personalChat(() => app.http.url, () => connector);
  /** an Action.Execute from the person; the answer's card (a refusal or message fails the test) */
  const card = async (from: Person, verb: string, data: Record<string, unknown>) => {
    const answer = await chat.invoke(from, verb, data);
    if (answer.type !== CARD) throw new Error(`expected a card, got ${answer.type}: ${answer.text}`);
    await app.afterTurns.idle();
    return JSON.parse(answer.text) as object;
  };
  const texts = (c: object) => collect(c, 'TextBlock').map((n) => String(n.text));
  const actions = (c: object) => collect(c, 'Action.Execute').map((a) => ({ title: a.title, verb: a.verb, data: a.data }));
  const listed = (c: object) => actions(c).filter((a) => a.verb === REPORT_VERBS.open).map((a) => (a.data as { activityRef: string }).activityRef);
  const items = (owner: Person) => app.collection.itemsFor(owner.aadObjectId, round);
  const unreported = async (owner: Person) => (await items(owner)).filter((i) => !i.own).map((i) => i.activity.ref);
  const submit = (from: Person, owner: Person, activityRef: string, status = 'in-progress') =>
    card(from, REPORT_VERBS.submit, { roundId: round.id, activityRef, ...(from === owner ? {} : { ownerId: owner.aadObjectId }), status, comment: '' });
  const handOver = (owner: Person, activityRef: string) => card(owner, SUBSTITUTE_VERBS.set, { roundId: round.id, substituteId: SUB.aadObjectId, activityRef });

  beforeAll(async () => {
    connector = await startChannelConnector();
    app = await startApp(loadConfig({ PORT: '0', EMBEDDED_COSMOS_PORT: '0', PLAYGROUND_PORT: '0', DEMO_DATA: 'true', LOG_LEVEL: 'silent' }));
    round = (await app.collection.openRounds())[0]!;
    for (const p of [OWNER, AWAY, SUB, ADMIN]) await chat.say(p, 'hej');
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await connector?.close();
  });

  it('two activities handed over: the receipt counts those two, "Nästa aktivitet" is the other one, the list button shows what is handed', async () => {
    const open = await unreported(OWNER);
    expect(open.length).toBeGreaterThan(3);
    // handed: the second and third unreported; the owner's own next would be the first
    await handOver(OWNER, open[1]!);
    await handOver(OWNER, open[2]!);

    const receipt = await submit(SUB, OWNER, open[2]!);
    expect(texts(receipt)).toContain(`1 av 2 klara av aktiviteterna du har fått av ${OWNER.name}: 1 aktivitet kvar att rapportera.`);
    expect(texts(receipt).join('\n')).not.toMatch(/aktiviteter kvar att rapportera/);
    const [next, change, list, ...none] = actions(receipt);
    expect(none).toEqual([]);
    expect(next).toEqual({ title: 'Nästa aktivitet', verb: REPORT_VERBS.open, data: { roundId: round.id, activityRef: open[1], ownerId: OWNER.aadObjectId } });
    expect(change!.title).toBe('Ändra');
    expect(list).toEqual({ title: `Visa aktiviteterna för ${OWNER.name}`, verb: REPORT_VERBS.list, data: { roundId: round.id, ownerId: OWNER.aadObjectId } });

    // the list button answers with the substitute's list for the owner: the two handed over, no more
    const shown = await card(SUB, list!.verb as string, list!.data as Record<string, unknown>);
    expect(texts(shown)[0]).toContain(`för ${OWNER.name}`);
    expect(listed(shown)).toEqual([open[1], open[2]]);
    // the same list as the "för" card `status` gives the substitute
    const before = chat.chatOf(SUB).length;
    await chat.say(SUB, 'status');
    const statusFor = chat.chatOf(SUB).slice(before).map((a) => (a.body.attachments as { content: object }[] | undefined)?.[0]?.content).find((c) => c && texts(c)[0]?.includes(`för ${OWNER.name}`));
    expect(listed(statusFor!)).toEqual(listed(shown));

    // the last handed one reported: all done, no "Nästa aktivitet" although the owner has more left
    const done = await submit(SUB, OWNER, open[1]!);
    expect(texts(done)).toContain(`Alla 2 aktiviteter du har fått av ${OWNER.name} är rapporterade. Tack!`);
    expect(actions(done).map((a) => a.title)).toEqual(['Ändra', `Visa aktiviteterna för ${OWNER.name}`]);
  });

  it("the owner's receipt and an admin's on the owner's behalf count all the owner's activities; the admin's list button names the owner", async () => {
    const total = (await items(OWNER)).length;
    const open = await unreported(OWNER);
    expect(open.length).toBeGreaterThan(1);
    const own = await submit(OWNER, OWNER, open[0]!);
    const left = open.length - 1;
    expect(texts(own)).toContain(`${total - left} av ${total} klara: ${left} aktiviteter kvar att rapportera.`);
    expect(actions(own).at(-1)).toEqual({ title: 'Visa alla mina aktiviteter', verb: REPORT_VERBS.list, data: { roundId: round.id } });
    expect(actions(own)[0]!.data).toEqual({ roundId: round.id, activityRef: open[1] });

    const byAdmin = await submit(ADMIN, OWNER, open[1]!);
    expect(texts(byAdmin)).toContain(`${total - left + 1} av ${total} klara: ${left - 1 === 1 ? '1 aktivitet' : `${left - 1} aktiviteter`} kvar att rapportera.`);
    const list = actions(byAdmin).at(-1)!;
    expect(list).toEqual({ title: `Visa aktiviteterna för ${OWNER.name}`, verb: REPORT_VERBS.list, data: { roundId: round.id, ownerId: OWNER.aadObjectId } });
    // the admin's list is all of the owner's
    expect(listed(await card(ADMIN, list.verb as string, list.data as Record<string, unknown>))).toEqual((await items(OWNER)).map((i) => i.activity.ref));
  });

  it("everything handed over: the receipt counts all the owner's activities, in the substitute's words", async () => {
    const all = await items(AWAY);
    const open = await unreported(AWAY);
    expect(open.length).toBeGreaterThan(1);
    await handOver(AWAY, 'alla');
    const receipt = await submit(SUB, AWAY, open[0]!);
    const left = open.length - 1;
    expect(texts(receipt)).toContain(`${all.length - left} av ${all.length} klara av aktiviteterna du har fått av ${AWAY.name}: ${left === 1 ? '1 aktivitet' : `${left} aktiviteter`} kvar att rapportera.`);
    const list = actions(receipt).at(-1)!;
    expect(list.title).toBe(`Visa aktiviteterna för ${AWAY.name}`);
    expect(listed(await card(SUB, list.verb as string, list.data as Record<string, unknown>))).toEqual(all.map((i) => i.activity.ref));
  });
});
