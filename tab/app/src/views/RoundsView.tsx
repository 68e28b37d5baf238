/** Admin: rounds — create, edit, close, cancel, remind now — and the calendar of a round's waves. */
import { useEffect, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Select, Text } from '@fluentui/react-components';
import { api } from '../api';
import { PHASE_LABELS, TERTIALS, type RemindResult, type Round, type RoundCalendar, type Tertial, type UpdateRoundBody } from '../types';
import { Done, Problem, useRounds, useViewStyles } from '../ui';
import { Calendar } from './Calendar';

interface Form {
  year: string;
  tertial: Tertial;
  deadline: string;
  waves: string;
  sendTime: string;
  graceDays: string;
}

const emptyForm = (): Form => ({ year: String(new Date().getFullYear()), tertial: 1, deadline: '', waves: '28, 14, 7, 2, 0, -2', sendTime: '09:00', graceDays: '7' });

const TERTIAL_OPTIONS: Record<Tertial, string> = { 1: 'T1 (jan–apr)', 2: 'T2 (maj–aug)', 3: 'T3 (sep–dec)' };

function wavesOf(text: string): number[] {
  return text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map(Number);
}

export default function RoundsView() {
  const s = useViewStyles();
  const { rounds, error: loadError, reload } = useRounds();
  const [selected, setSelected] = useState<string>('');
  const [calendar, setCalendar] = useState<RoundCalendar | null>(null);
  const [form, setForm] = useState<Form>(emptyForm());
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState<{ id: string; verb: 'close' | 'cancel' } | null>(null);

  useEffect(() => {
    if (!selected) return setCalendar(null);
    api.get('/rounds/:roundId/calendar', { params: { roundId: selected } }).then(setCalendar, setError);
  }, [selected, rounds]);

  const act = async (what: () => Promise<string>) => {
    setError(null);
    setDone(null);
    try {
      setDone(await what());
      reload();
    } catch (e) {
      setError(e);
    }
  };

  const submit = () =>
    act(async () => {
      const body = { deadline: form.deadline, waves: wavesOf(form.waves), sendTime: form.sendTime, graceDays: Number(form.graceDays) } satisfies UpdateRoundBody;
      if (editing) {
        await api.patch('/rounds/:roundId', { params: { roundId: editing }, body });
        setSelected(editing);
        setEditing(null);
        return `Omgången ${editing} är ändrad.`;
      }
      const created = await api.post('/rounds', { body: { ...body, year: Number(form.year), tertial: form.tertial } });
      setSelected(created.id);
      return `Omgången ${created.id} är skapad.`;
    });

  const edit = (r: Round) => {
    setEditing(r.id);
    setForm({ year: String(r.year), tertial: r.tertial, deadline: r.deadline, waves: r.waves.join(', '), sendTime: r.sendTime, graceDays: String(r.graceDays) });
  };
  const set = (k: Exclude<keyof Form, 'tertial'>) => (_e: unknown, d: { value: string }) => setForm((f) => ({ ...f, [k]: d.value }));

  return (
    <div className={s.page}>
      <Problem error={loadError ?? error} />
      {done && <Done>{done}</Done>}
      {pending && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {pending.verb === 'close' ? `Stänga ${pending.id}? Inga fler rapporter eller påminnelser.` : `Avbryta ${pending.id}? Inga påminnelser skickas för den.`}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              onClick={() => {
                const p = pending;
                setPending(null);
                void act(async () => (await api.post(`/rounds/:roundId/${p.verb}`, { params: { roundId: p.id } }), p.verb === 'close' ? `Omgången ${p.id} är stängd.` : `Omgången ${p.id} är avbruten.`));
              }}
            >
              {pending.verb === 'close' ? 'Ja, stäng' : 'Ja, avbryt omgången'}
            </Button>
            <Button onClick={() => setPending(null)}>Nej</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <section className={s.section} aria-labelledby="rounds-h">
        <h2 id="rounds-h" className={s.h2}>
          Omgångar
        </h2>
        {rounds && rounds.length === 0 && <Text>Inga omgångar ännu.</Text>}
        {rounds && rounds.length > 0 && (
          <table className={s.table}>
            <thead>
              <tr>
                <th scope="col">Omgång</th>
                <th scope="col">Sista dag</th>
                <th scope="col">Påminnelser (dagar före)</th>
                <th scope="col">Läge</th>
                <th scope="col">Åtgärder</th>
              </tr>
            </thead>
            <tbody>
              {rounds.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    Tertial {r.tertial} {r.year}
                  </th>
                  <td>{r.deadline}</td>
                  <td>{r.waves.join(', ')}</td>
                  <td>{PHASE_LABELS[r.phase]}</td>
                  <td>
                    <div className={s.row}>
                      <Button size="small" onClick={() => setSelected(r.id)} aria-label={`Visa kalender för ${r.id}`}>
                        Kalender
                      </Button>
                      {r.state === 'scheduled' && (
                        <>
                          <Button size="small" onClick={() => edit(r)} aria-label={`Ändra ${r.id}`}>
                            Ändra
                          </Button>
                          {r.phase === 'open' && (
                            <Button size="small" onClick={() => void act(async () => remindText(await api.post('/rounds/:roundId/remind', { params: { roundId: r.id } })))} aria-label={`Påminn nu för ${r.id}`}>
                              Påminn nu
                            </Button>
                          )}
                          <Button size="small" onClick={() => setPending({ id: r.id, verb: 'close' })} aria-label={`Stäng ${r.id}`}>
                            Stäng
                          </Button>
                          <Button size="small" onClick={() => setPending({ id: r.id, verb: 'cancel' })} aria-label={`Avbryt omgång ${r.id}`}>
                            Avbryt omgång
                          </Button>
                        </>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section className={s.section} aria-labelledby="form-h">
        <h2 id="form-h" className={s.h2}>
          {editing ? `Ändra omgång ${editing}` : 'Ny omgång'}
        </h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <div className={s.row}>
            {!editing && (
              <>
                <Field label="År">
                  <Input type="number" value={form.year} onChange={set('year')} style={{ width: 100 }} />
                </Field>
                <Field label="Tertial">
                  <Select value={String(form.tertial)} onChange={(_e, d) => setForm((f) => ({ ...f, tertial: TERTIALS.find((t) => String(t) === d.value) ?? f.tertial }))}>
                    {TERTIALS.map((t) => (
                      <option key={t} value={t}>
                        {TERTIAL_OPTIONS[t]}
                      </option>
                    ))}
                  </Select>
                </Field>
              </>
            )}
            <Field label="Sista svarsdag" required>
              <Input type="date" value={form.deadline} onChange={set('deadline')} />
            </Field>
            <Field label="Påminnelser, dagar före sista dag" hint="t.ex. 28, 14, 7, 2, 0, -2">
              <Input value={form.waves} onChange={set('waves')} />
            </Field>
            <Field label="Klockslag">
              <Input type="time" value={form.sendTime} onChange={set('sendTime')} />
            </Field>
            <Field label="Dagar efter sista dag">
              <Input type="number" value={form.graceDays} onChange={set('graceDays')} style={{ width: 90 }} />
            </Field>
          </div>
          <div className={s.row} style={{ marginTop: 12 }}>
            <Button appearance="primary" type="submit">
              {editing ? 'Spara ändringar' : 'Skapa omgång'}
            </Button>
            {editing && (
              <Button
                onClick={() => {
                  setEditing(null);
                  setForm(emptyForm());
                }}
              >
                Avbryt ändring
              </Button>
            )}
          </div>
        </form>
      </section>

      {calendar && selected && (
        <section className={s.section} aria-labelledby="cal-h">
          <h2 id="cal-h" className={s.h2}>
            Kalender för {selected}
          </h2>
          <Calendar calendar={calendar} />
        </section>
      )}
    </div>
  );
}

function remindText(r: Pick<RemindResult, 'recipients' | 'sent' | 'remindedToday'>): string {
  return `Påminnelse skickad till ${r.sent} av ${r.recipients} som har något kvar${r.remindedToday ? ` (${r.remindedToday} fick redan en påminnelse i dag)` : ''}.`;
}
