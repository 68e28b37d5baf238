/** Admin: a round's progress per owner — answered, missing, last delivery, unreachable and what to do; remind one; CSV. */
import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, Field, Input, Text } from '@fluentui/react-components';
import { api } from '../api';
import { STATUS_LABELS, type Progress, type ProgressRow, type RemindResult } from '../types';
import { defaultRound, Done, Problem, RoundPicker, useRounds, useViewStyles } from '../ui';

const DELIVERY: Record<string, string> = {
  sent: 'skickad',
  unreachable: 'når inte fram',
  failed: 'misslyckad',
  skipped: 'hoppades över',
  sending: 'skickas',
  backoff: 'nytt försök väntar',
};

const when = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'medium' });

/** "2026-12-22 09:00:01, skickad", with "via ersättare Anna" when it went to a substitute for the owner */
function deliveryText(d: NonNullable<ProgressRow['lastDelivery']>): string {
  return `${when(d.at)}, ${DELIVERY[d.state] ?? d.state}${d.via ? ` via ersättare ${d.via}` : ''}`;
}

function remindText(name: string, r: RemindResult): string {
  if (r.sent > 0) return `Påminnelse skickad till ${name}.`;
  if (r.problems.some((p) => p.state === 'unreachable')) return `Tertial når inte ${name}; se kolumnen Nås inte för vad som kan göras.`;
  if (r.problems.length > 0) return `Påminnelsen till ${name} gick inte fram; se Senaste utskick.`;
  if (r.alreadySent > 0) return `${name} har redan fått den här påminnelsen.`;
  if (r.deferred > 0) return `Påminnelsen till ${name} skickas strax (en annan instans håller på).`;
  return `${name} har inget kvar att rapportera.`;
}

export default function ProgressView() {
  const s = useViewStyles();
  const { rounds, error: loadError } = useRounds();
  const [roundId, setRoundId] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<{ text: string; ok: boolean } | null>(null);
  const [n, setN] = useState(0);
  const [query, setQuery] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(false);

  useEffect(() => {
    if (rounds && !roundId) setRoundId(defaultRound(rounds));
  }, [rounds, roundId]);
  useEffect(() => {
    if (!roundId) return;
    api.get('/rounds/:roundId/progress', { params: { roundId } }).then(setProgress, setError);
  }, [roundId, n]);

  // the key of a press of "Påminn": one per loaded view, so a double click sends once and a press after the reload sends again
  const press = useMemo(() => crypto.randomUUID().replace(/-/g, ''), [progress]);
  const remind = async (ownerId: string, name: string) => {
    setError(null);
    setDone(null);
    try {
      const r = await api.post('/rounds/:roundId/remind', { params: { roundId }, body: { ownerId, press } });
      setDone({ text: remindText(name, r), ok: r.sent > 0 });
      setN((x) => x + 1);
    } catch (e) {
      setError(e);
    }
  };

  const t = progress?.totals;
  const shown = progress ? progress.owners.filter((o) => (!onlyMissing || o.missing > 0 || o.unreachable) && (!query || o.name.toLowerCase().includes(query.toLowerCase()))) : [];
  return (
    <div className={s.page}>
      <div className={s.row}>
        {rounds && rounds.length > 0 && <RoundPicker rounds={rounds} value={roundId} onChange={setRoundId} />}
        <Button disabled={!roundId} onClick={() => void api.download('/rounds/:roundId/progress', { params: { roundId }, query: { format: 'csv' } }, `framsteg-${roundId}.csv`).catch(setError)}>
          Ladda ned som CSV (Excel)
        </Button>
      </div>
      <Problem error={loadError ?? error} />
      {done && <Done intent={done.ok ? 'success' : 'warning'}>{done.text}</Done>}
      {rounds && rounds.length === 0 && <Text>Inga omgångar ännu.</Text>}
      {progress && t && (
        <section className={s.section} aria-labelledby="progress-h">
          <h2 id="progress-h" className={s.h2}>
            Framsteg T{progress.round.tertial} {progress.round.year}
          </h2>
          {progress.planMissing && <Problem error={new Error(`Det finns ingen plan för ${progress.round.year}; ingen kan påminnas.`)} />}
          <Text className={s.muted}>
            Läst {when(progress.readAt)}{' '}
            <Button size="small" appearance="subtle" onClick={() => setN((x) => x + 1)}>
              Uppdatera
            </Button>
          </Text>
          <Text>
            {t.ownersDone} av {t.owners} ägare klara · {t.reported} rapporterade, {t.missing} saknas · {t.unreachableOwners} nås inte · {t.sent} påminnelser skickade
          </Text>
          <div className={s.row}>
            <Field label="Sök ägare">
              <Input value={query} onChange={(_e, d) => setQuery(d.value)} />
            </Field>
            <Checkbox label="Bara de som har något kvar eller inte nås" checked={onlyMissing} onChange={(_e, d) => setOnlyMissing(d.checked === true)} />
            <Text className={s.muted} aria-live="polite">
              Visar {shown.length} av {progress.owners.length}
            </Text>
          </div>
          <table className={s.table}>
            <thead>
              <tr>
                <th scope="col">Ägare</th>
                <th scope="col">Rapporterade</th>
                <th scope="col">Saknas</th>
                <th scope="col">Senaste utskick</th>
                <th scope="col">Nås inte</th>
                <th scope="col">Åtgärd</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((o) => (
                <tr key={o.ownerId}>
                  <th scope="row">{o.name}</th>
                  <td>{o.reported}</td>
                  <td title={o.missingRefs.join(', ')}>{o.missing}</td>
                  <td>{o.lastDelivery ? deliveryText(o.lastDelivery) : 'inget utskick'}</td>
                  <td>
                    {o.unreachable ? (
                      <>
                        <Text weight="semibold" title={o.unreachable.recorded}>
                          {o.unreachable.reason}
                        </Text>
                        <br />
                        <Text size={200}>{o.unreachable.advice}</Text>
                      </>
                    ) : (
                      '–'
                    )}
                  </td>
                  <td>
                    {o.missing > 0 && progress.phase === 'open' && (
                      <Button size="small" onClick={() => void remind(o.ownerId, o.name)} aria-label={`Påminn ${o.name}`}>
                        Påminn
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {progress.unowned && progress.unowned.length > 0 && (
            <>
              <h3 className={s.h2}>Utan ägare ({progress.unowned.length})</h3>
              <Text className={s.muted}>Ingen enhet eller person har de här aktiviteterna, till exempel sedan ägaren slutat. Ge dem en ny ägare i Ägare.</Text>
              <ul>
                {progress.unowned.map((a) => (
                  <li key={a.ref}>
                    {a.ref} {a.title}: {a.status ? (STATUS_LABELS[a.status] ?? a.status) : 'ingen rapport'}
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </div>
  );
}
