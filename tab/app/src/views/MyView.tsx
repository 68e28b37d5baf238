/** Owner: "Mina aktiviteter" — my activities in the open round(s), reported through the same service as the card. */
import { useEffect, useState } from 'react';
import { Button, Field, Select, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { api } from '../api';
import { STATUS_CODES, STATUS_LABELS, type MyItem, type MyRound, type StatusCode } from '../types';
import { Handover } from '../Handover';
import { Done, Problem, useViewStyles } from '../ui';

const useStyles = makeStyles({
  item: { borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: tokens.spacingVerticalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  path: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

function Item({ item, roundId }: { item: MyItem; roundId: string }) {
  const s = useStyles();
  const v = useViewStyles();
  const [status, setStatus] = useState<StatusCode | null>(item.status);
  const [comment, setComment] = useState(item.comment ?? '');
  const [saved, setSaved] = useState<string | null>(item.reportedAt ? `Rapporterad ${item.reportedAt.slice(0, 10)}` : null);
  const [error, setError] = useState<unknown>(null);
  const save = async (chosen: StatusCode) => {
    setError(null);
    try {
      const r = await api.post('/my/report', { body: { roundId, activityRef: item.ref, status: chosen, comment } });
      setSaved(`Sparad ${new Date(r.at).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' })}`);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <article className={s.item} aria-labelledby={`act-${item.ref}`}>
      <Text className={s.path}>{item.goalPath.map((g) => `${g.ref} ${g.title}`).join(' › ')}</Text>
      <h3 id={`act-${item.ref}`} className={v.h3}>
        {item.ref} {item.title}
      </h3>
      <Text size={200}>
        Slutdatum {item.end}
        {item.previous?.status ? ` · förra tertialen: ${STATUS_LABELS[item.previous.status] ?? item.previous.status}` : ''}
      </Text>
      <div className={v.row}>
        <Field label={`Status för ${item.ref}`} required>
          <Select value={status ?? ''} onChange={(_e, d) => setStatus(STATUS_CODES.find((c) => c === d.value) ?? null)}>
            <option value="">Välj status…</option>
            {STATUS_CODES.map((code) => (
              <option key={code} value={code}>
                {STATUS_LABELS[code]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={`Kommentar för ${item.ref}`} hint="Krävs vid avvikelse och vänteläge.">
        <Textarea value={comment} onChange={(_e, d) => setComment(d.value)} rows={3} resize="vertical" />
      </Field>
      <div className={v.row}>
        <Button appearance="primary" disabled={status === null} onClick={() => status && void save(status)}>
          Spara
        </Button>
        {saved && <Text aria-live="polite">{saved}</Text>}
      </div>
      <Problem error={error} />
    </article>
  );
}

export default function MyView() {
  const v = useViewStyles();
  const [rounds, setRounds] = useState<MyRound[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done] = useState<string | null>(null);
  useEffect(() => {
    api.get('/my/items').then(setRounds, setError);
  }, []);
  return (
    <div className={v.page}>
      <Problem error={error} />
      {done && <Done>{done}</Done>}
      {rounds && rounds.length === 0 && <Text>Ingen omgång är öppen för dig just nu.</Text>}
      {rounds?.map((r) => (
        <section key={r.round.id} className={v.section} aria-labelledby={`r-${r.round.id}`}>
          <h2 id={`r-${r.round.id}`} className={v.h2}>
            Mina aktiviteter, T{r.round.tertial} {r.round.year}
          </h2>
          <Text>Sista svarsdag: {r.round.deadline}</Text>
          {r.items.map((i) => (
            <Item key={i.ref} item={i} roundId={r.round.id} />
          ))}
        </section>
      ))}
      {rounds && <Handover />}
    </div>
  );
}
