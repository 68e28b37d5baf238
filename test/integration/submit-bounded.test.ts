/**
 * A card submit answers within a bound, "sparat" (the receipt) or "Inte sparat – försök igen", and the
 * card's submit key makes a retry after an ambiguous failure store the report once. The real app over
 * the faulty Cosmos proxy: a blackholed store (requests never answered), and a write whose answer is
 * lost after it was stored.
 */
import { startApp, type RunningApp } from '../../bot/app';
import { REPORT_VERBS } from '../../cards/card-verbs';
import { renderReportFormCard } from '../../cards/report-form-card';
import { SUBMIT_DEADLINE_MS } from '../../services/collection/collection-service';
import { loadConfig } from '../../services/config/config';
import { DEMO_USERS } from '../../demo/demo-users';
import { startEmbeddedCosmos, type EmbeddedCosmos } from '../../services/store';
import { startFaultyCosmosProxy, type FaultyProxy } from '../support/faulty-cosmos-proxy';

jest.setTimeout(90_000);
const OWNER = DEMO_USERS[0]!;

describe('a card submit with the store failing', () => {
  let cosmos: EmbeddedCosmos;
  let proxy: FaultyProxy;
  let app: RunningApp;
  let roundId: string;
  let activityRefs: string[];
  let n = 0;

  /** the submit data as the drawn form card carries it (with its own key), plus the inputs */
  const formData = async (activityRef: string): Promise<Record<string, string>> => {
    const [open] = await app.collection.openItems(OWNER.aadObjectId);
    const item = open!.items.find((i) => i.activity.ref === activityRef)!;
    const submit = JSON.stringify(renderReportFormCard(item, open!.round).card);
    const data = /"verb":"tertial\.report\.submit"[^}]*"data":(\{[^}]*\})/.exec(submit)![1]!;
    return { ...(JSON.parse(data) as Record<string, string>), status: 'in-progress', comment: 'Enligt plan' };
  };
  const submit = async (data: Record<string, string>): Promise<{ ms: number; type: string; text: string }> => {
    const started = Date.now();
    const res = await fetch(`${app.http.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'invoke',
        name: 'adaptiveCard/action',
        channelId: 'msteams',
        serviceUrl: 'http://127.0.0.1:9/_connector',
        id: `submit-${++n}`,
        from: { id: `29:${OWNER.aadObjectId}`, aadObjectId: OWNER.aadObjectId, name: OWNER.name },
        recipient: { id: '28:bot' },
        conversation: { id: `a:${OWNER.aadObjectId}`, conversationType: 'personal' },
        value: { action: { type: 'Action.Execute', verb: REPORT_VERBS.submit, data } },
      }),
    });
    const body = (await res.json()) as { type: string; value: unknown };
    return { ms: Date.now() - started, type: body.type, text: typeof body.value === 'string' ? body.value : JSON.stringify(body.value) };
  };
  /** the person pressing Skicka again on the same card until the answer is the receipt */
  const retryUntilSaved = async (data: Record<string, string>) => {
    for (let i = 0; i < 8; i++) {
      const answer = await submit(data);
      if (answer.type === 'application/vnd.microsoft.card.adaptive') return answer;
      expect(answer.text).toMatch(/^Inte sparat – försök igen/);
    }
    throw new Error('never saved');
  };

  beforeAll(async () => {
    cosmos = await startEmbeddedCosmos(0);
    proxy = await startFaultyCosmosProxy(cosmos.port, { rate429: 0, rate503: 0, rateLostAnswer: 1, random: () => 0 });
    proxy.enabled = false;
    app = await startApp(loadConfig({ PORT: '0', COSMOS_ENDPOINT: proxy.endpoint, COSMOS_KEY: cosmos.key, DEMO_DATA: 'true', LOG_LEVEL: 'silent' }));
    const [open] = await app.collection.openItems(OWNER.aadObjectId);
    roundId = open!.round.id;
    activityRefs = open!.items.map((i) => i.activity.ref);
  });
  afterEach(() => {
    proxy.outage = null;
    proxy.enabled = false;
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await cosmos?.close();
  });

  it('a blackholed store: answered "Inte sparat – försök igen" within the bound, nothing stored; the retry stores once', async () => {
    const data = await formData(activityRefs[0]!);
    proxy.outage = 'hang';
    const answer = await submit(data);
    expect(answer.text).toMatch(/^Inte sparat – försök igen/);
    expect(answer.ms).toBeLessThan(SUBMIT_DEADLINE_MS + 2_000);
    proxy.outage = null;
    expect(await app.store.reports.get(roundId, activityRefs[0]!, OWNER.aadObjectId)).toBeNull();

    const saved = await retryUntilSaved(data);
    expect(saved.text).toContain('Enligt plan');
    const stored = await app.store.reports.get(roundId, activityRefs[0]!, OWNER.aadObjectId);
    expect(stored!.history.map((v) => v.submitId)).toEqual([data.submitId]);
  });

  it('a write stored but its answer lost: the retry from the same card answers saved and adds no second version', async () => {
    const data = await formData(activityRefs[1]!);
    proxy.enabled = true; // every write is forwarded, then answered 503
    const first = await submit(data);
    proxy.enabled = false;
    expect(first.text).toMatch(/^Inte sparat – försök igen/);
    expect(proxy.stats.lostAnswers).toBeGreaterThan(0);
    // it was stored all the same
    const landed = await app.store.reports.get(roundId, activityRefs[1]!, OWNER.aadObjectId);
    expect(landed!.history.map((v) => v.submitId)).toEqual([data.submitId]);

    const saved = await retryUntilSaved(data);
    expect(saved.text).toContain('Enligt plan');
    const stored = await app.store.reports.get(roundId, activityRefs[1]!, OWNER.aadObjectId);
    expect(stored!.history.map((v) => v.submitId)).toEqual([data.submitId]);

    // a new form (a new key) is a new version
    const next = await formData(activityRefs[1]!);
    expect(next.submitId).not.toBe(data.submitId);
    expect((await submit({ ...next, status: 'done', comment: '' })).type).toBe('application/vnd.microsoft.card.adaptive');
    expect((await app.store.reports.get(roundId, activityRefs[1]!, OWNER.aadObjectId))!.history).toHaveLength(2);
  });
});
