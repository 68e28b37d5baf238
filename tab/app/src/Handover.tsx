/**
 * Ersättare: an owner hands one activity or all of theirs to a colleague for the open (or next)
 * round, and takes it back; an admin does it for any owner. The substitute gets the reminders and
 * reports "för" the owner. The API asks the access policy ('substitute.assign').
 */
import { useEffect, useState } from 'react';
import { Button, Field, Select, Text } from '@fluentui/react-components';
import { api } from './api';
import type { HandoverState } from './types';
import { Done, Problem, useViewStyles } from './ui';

const ALL = 'alla';

/** `ownerId` absent: the signed-in owner's own */
export function Handover({ ownerId, headingLevel = 2 }: { ownerId?: string; headingLevel?: 2 | 3 }) {
  const v = useViewStyles();
  const [data, setData] = useState<HandoverState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [what, setWhat] = useState(ALL);
  const [to, setTo] = useState('');
  const [n, setN] = useState(0);
  useEffect(() => {
    setData(null);
    api.get('/substitutes', { query: { ownerId } }).then(setData, setError);
  }, [ownerId, n]);

  const act = async (run: () => Promise<string>) => {
    setError(null);
    setDone(null);
    try {
      setDone(await run());
      setN((x) => x + 1);
    } catch (e) {
      setError(e);
    }
  };
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = `handover-${ownerId ?? 'me'}`;
  const own = !ownerId;
  const titleOf = (ref: string | null) => (ref === null ? (own ? 'alla dina aktiviteter' : 'alla aktiviteter') : `${ref} ${data?.activities.find((a) => a.ref === ref)?.title ?? ''}`.trim());

  return (
    <section className={v.section} aria-labelledby={id}>
      <Heading id={id} className={headingLevel === 2 ? v.h2 : v.h3}>
        Ersättare{data?.round ? `, tertial ${data.round.tertial} ${data.round.year}` : ''}
        {data && !own ? ` för ${data.owner.name}` : ''}
      </Heading>
      <Problem error={error} />
      {done && <Done>{done}</Done>}
      {data && !data.round && <Text>Ingen omgång är öppen eller planerad: det finns inget att lämna över.</Text>}
      {data?.round && (
        <>
          <Text className={v.muted}>Ersättaren får påminnelserna och rapporterar för {own ? 'dig' : data.owner.name} i omgången. Det upphör när omgången stänger.</Text>
          {data.active.length === 0 ? (
            <Text>Ingen ersättare just nu.</Text>
          ) : (
            <ul className={v.list}>
              {data.active.map((s) => (
                <li key={`${s.substituteId}-${s.activityRef ?? ALL}`}>
                  <div className={v.row}>
                    <Text>
                      {s.substituteName} rapporterar för {own ? 'dig' : data.owner.name}: {titleOf(s.activityRef)}
                    </Text>
                    <Button
                      size="small"
                      aria-label={`Ta tillbaka ${titleOf(s.activityRef)} från ${s.substituteName}`}
                      onClick={() =>
                        void act(async () => {
                          await api.post('/substitutes/take-back', { body: { roundId: data.round!.id, ownerId: data.owner.id, activityRef: s.activityRef } });
                          return `Tillbakatagen: ${titleOf(s.activityRef)}.`;
                        })
                      }
                    >
                      Ta tillbaka
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
          {data.activities.length === 0 ? (
            <Text>{own ? 'Du äger' : `${data.owner.name} äger`} inga aktiviteter i planen för {data.round.year}.</Text>
          ) : (
            <div className={v.row}>
              <Field label="Vad lämnas över">
                <Select value={what} onChange={(_e, d) => setWhat(d.value)}>
                  <option value={ALL}>{own ? 'Alla mina aktiviteter' : 'Alla aktiviteter'}</option>
                  {data.activities.map((a) => (
                    <option key={a.ref} value={a.ref}>
                      {a.ref} {a.title.length > 60 ? `${a.title.slice(0, 59)}…` : a.title}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label="Till vem" required>
                <Select value={to} onChange={(_e, d) => setTo(d.value)}>
                  <option value="">Välj en kollega…</option>
                  {data.people.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Button
                appearance="primary"
                disabled={!to}
                onClick={() =>
                  void act(async () => {
                    const activityRef = what === ALL ? null : what;
                    await api.post('/substitutes', { body: { roundId: data.round!.id, ownerId: data.owner.id, substituteId: to, activityRef } });
                    return `${data.people.find((p) => p.id === to)?.name ?? 'Ersättaren'} rapporterar nu för ${own ? 'dig' : data.owner.name}: ${titleOf(activityRef)}.`;
                  })
                }
              >
                Lämna över
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
