/** Admin: "Mått" — the year's measures per goal; an outcome entered per period, the same service as `tertial measure set`. */
import { useEffect, useState } from 'react';
import { Button, Field, Input, Select, Text } from '@fluentui/react-components';
import { api } from '../api';
import type { MeasureRow, MeasuresOverview } from '../types';
import { Done, Problem, useViewStyles } from '../ui';

const shown = (m: Pick<MeasureRow, 'unit'>, value: number | string | null) =>
  value === null ? '–' : typeof value === 'number' ? `${value.toLocaleString('sv-SE')}${m.unit ? ` ${m.unit}` : ''}` : value;

function Outcome({ m, year, saved }: { m: MeasureRow; year: number; saved: (text: string) => void }) {
  const v = useViewStyles();
  const periods = [`${year}-T1`, `${year}-T2`, `${year}-T3`, String(year)];
  const [period, setPeriod] = useState(periods[0]!);
  const current = m.outcomes.find((o) => o.period === period);
  const [value, setValue] = useState('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setValue(current?.value === null || current?.value === undefined ? '' : String(current.value).replace('.', ','));
    setComment(current?.comment ?? '');
  }, [period, current?.value, current?.comment]);
  const save = async () => {
    setError(null);
    try {
      const r = await api.post('/measures/:year/:ref/outcome', { params: { year, ref: m.ref }, body: { period, value: value.trim() === '' ? null : value, comment: comment || null } });
      saved(`${m.ref} ${m.name}, ${period}: ${shown(m, r.value)}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <div className={v.row}>
        <Field label={`Period för ${m.ref}`}>
          <Select value={period} onChange={(_e, d) => setPeriod(d.value)}>
            {periods.map((p) => (
              <option key={p} value={p}>
                {p.includes('-T') ? `Tertial ${p.slice(-1)}` : 'Helår'}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={`Utfall för ${m.ref}${m.unit ? ` (${m.unit})` : ''}`} hint={m.kind === 'number' ? 'Ett tal, t.ex. 9,32. Tomt: inget känt utfall.' : 'En text, t.ex. Ja.'}>
          <Input value={value} onChange={(_e, d) => setValue(d.value)} inputMode={m.kind === 'number' ? 'decimal' : 'text'} />
        </Field>
        <Field label={`Kommentar för ${m.ref}`}>
          <Input value={comment} onChange={(_e, d) => setComment(d.value)} />
        </Field>
        <Button appearance="primary" aria-label={`Spara utfall för ${m.ref}`} onClick={() => void save()}>
          Spara
        </Button>
      </div>
      <Problem error={error} />
    </>
  );
}

export default function MeasuresView() {
  const v = useViewStyles();
  const [data, setData] = useState<MeasuresOverview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    api.get('/measures').then(setData, setError);
  }, [n]);
  const goals = [...new Map((data?.measures ?? []).map((m) => [m.goalRef, m.goalTitle])).entries()];
  return (
    <div className={v.page}>
      <Problem error={error} />
      {done && <Done>Sparat: {done}</Done>}
      {data && data.measures.length === 0 && <Text>Planen{data.year ? ` för ${data.year}` : ''} har inga mått. Mått läggs in med en mått-CSV (tertial measure import).</Text>}
      {data?.year &&
        goals.map(([goalRef, title]) => (
          <section key={goalRef} className={v.section} aria-labelledby={`goal-${goalRef}`}>
            <h2 id={`goal-${goalRef}`} className={v.h2}>
              {goalRef} {title}
            </h2>
            {data.measures
              .filter((m) => m.goalRef === goalRef)
              .map((m) => (
                <article key={m.ref} aria-labelledby={`m-${m.ref}`}>
                  <h3 id={`m-${m.ref}`} className={v.h3}>
                    {m.ref} {m.name}
                  </h3>
                  <Text className={v.muted}>
                    Mål: {m.target ? shown(m, m.target.value) : 'inget satt'} · Utfall:{' '}
                    {m.outcomes.length === 0 ? 'inget ännu' : m.outcomes.map((o) => `${o.period} ${shown(m, o.value)}`).join(', ')}
                  </Text>
                  <Outcome
                    m={m}
                    year={data.year!}
                    saved={(text) => {
                      setDone(text);
                      setN((x) => x + 1);
                    }}
                  />
                </article>
              ))}
          </section>
        ))}
    </div>
  );
}
