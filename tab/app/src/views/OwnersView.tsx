/** Admin: owners by unit — assign a person to a unit, remove a person with their activities listed for reassignment. */
import { useEffect, useState } from 'react';
import { Button, Field, Input, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Select, Text } from '@fluentui/react-components';
import { api } from '../api';
import type { OwnersOverview, RemovalPreview } from '../types';
import { Handover } from '../Handover';
import { Done, Problem, useViewStyles } from '../ui';

export default function OwnersView() {
  const s = useViewStyles();
  const [data, setData] = useState<OwnersOverview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [removal, setRemoval] = useState<RemovalPreview | null>(null);
  const [form, setForm] = useState({ unit: '', aadObjectId: '', name: '', email: '' });
  const [n, setN] = useState(0);
  const [away, setAway] = useState('');
  useEffect(() => {
    api.get('/owners').then((d) => {
      setData(d);
      setForm((f) => ({ ...f, unit: f.unit || d.units[0]?.unit || '' }));
    }, setError);
  }, [n]);

  const act = async (what: () => Promise<string>) => {
    setError(null);
    setDone(null);
    try {
      setDone(await what());
      setN((x) => x + 1);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <div className={s.page}>
      <Problem error={error} />
      {done && <Done>{done}</Done>}
      {removal && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Ta bort {removal.owner.name} som ägare?</MessageBarTitle>
            {removal.activities.length === 0 ? (
              ' Personen äger inga aktiviteter i planen.'
            ) : (
              <>
                {' '}Personen rapporterar i dag på {removal.activities.length} aktiviteter:
                <ul>
                  {removal.activities.map((a) => (
                    <li key={a.ref}>
                      {a.ref} {a.title} —{' '}
                      {a.otherOwners.length > 0 ? `även ${a.otherOwners.map((o) => o.name).join(', ')}` : <strong>ingen annan ägare: tilldela enheten {a.units.join(', ') || '(ingen enhet)'} till någon</strong>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </MessageBarBody>
          <MessageBarActions>
            <Button
              appearance="primary"
              onClick={() => {
                const r = removal;
                setRemoval(null);
                void act(async () => (await api.del('/owners/:ownerId', { params: { ownerId: r.owner.aadObjectId } }), `${r.owner.name} är borttagen som ägare; rapporter och historik finns kvar.`));
              }}
            >
              Ja, ta bort
            </Button>
            <Button onClick={() => setRemoval(null)}>Nej</Button>
          </MessageBarActions>
        </MessageBar>
      )}
      <section className={s.section} aria-labelledby="assign-h">
        <h2 id="assign-h" className={s.h2}>
          Tilldela en enhet
        </h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act(async () => {
              await api.post('/owners', { body: form });
              setForm((f) => ({ ...f, aadObjectId: '', name: '', email: '' }));
              return `${form.name} ansvarar nu för ${form.unit}.`;
            });
          }}
        >
          <div className={s.row}>
            <Field label="Enhet">
              <Select value={form.unit} onChange={(_e, d) => setForm({ ...form, unit: d.value })}>
                {data?.units.map((u) => (
                  <option key={u.unit}>{u.unit}</option>
                ))}
              </Select>
            </Field>
            <Field label="Namn" required>
              <Input value={form.name} onChange={(_e, d) => setForm({ ...form, name: d.value })} />
            </Field>
            <Field label="Entra-objekt-id" required hint="GUID, från Entra ID eller Teams administrationscenter">
              <Input value={form.aadObjectId} onChange={(_e, d) => setForm({ ...form, aadObjectId: d.value })} />
            </Field>
            <Field label="E-post">
              <Input type="email" value={form.email} onChange={(_e, d) => setForm({ ...form, email: d.value })} />
            </Field>
            <Button appearance="primary" type="submit">
              Tilldela
            </Button>
          </div>
        </form>
      </section>
      {data && data.unowned.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{data.unowned.length} aktiviteter saknar ägare</MessageBarTitle>
            <ul>
              {data.unowned.map((a) => (
                <li key={a.ref}>
                  {a.ref} {a.title} {a.units.length > 0 ? `(${a.units.join(', ')})` : '(ingen enhet)'}
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <section className={s.section} aria-labelledby="units-h">
        <h2 id="units-h" className={s.h2}>
          Ägare per enhet {data?.year ? `(plan ${data.year})` : ''}
        </h2>
        <table className={s.table}>
          <thead>
            <tr>
              <th scope="col">Enhet</th>
              <th scope="col">Ägare</th>
              <th scope="col">Aktiviteter</th>
            </tr>
          </thead>
          <tbody>
            {data?.units.map((u) => (
              <tr key={u.unit}>
                <th scope="row">{u.unit}</th>
                <td>
                  {u.owners.length === 0 && <Text className={s.muted}>ingen</Text>}
                  {u.owners.map((o) => (
                    <div key={o.aadObjectId} className={s.row}>
                      <Text>{o.name}</Text>
                      <Button
                        size="small"
                        aria-label={`Ta bort ${o.name}`}
                        onClick={() => void api.get('/owners/:ownerId/removal', { params: { ownerId: o.aadObjectId } }).then(setRemoval, setError)}
                      >
                        Ta bort
                      </Button>
                    </div>
                  ))}
                </td>
                <td>{u.activities.length}</td>
              </tr>
            ))}
            {data?.byActivity.map((o) => (
              <tr key={o.aadObjectId}>
                <th scope="row">
                  <Text className={s.muted}>per aktivitet</Text>
                </th>
                <td>
                  <div className={s.row}>
                    <Text>{o.name}</Text>
                    <Button size="small" aria-label={`Ta bort ${o.name}`} onClick={() => void api.get('/owners/:ownerId/removal', { params: { ownerId: o.aadObjectId } }).then(setRemoval, setError)}>
                      Ta bort
                    </Button>
                  </div>
                </td>
                <td>{o.activities.map((a) => a.ref).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {data && (
        <section className={s.section} aria-labelledby="away-heading">
          <h2 id="away-heading" className={s.h2}>
            Ersättare vid frånvaro
          </h2>
          <Field label="Ägare som är borta">
            <Select value={away} onChange={(_e, d) => setAway(d.value)}>
              <option value="">Välj ägare…</option>
              {[...new Map([...data.units.flatMap((u) => u.owners), ...data.byActivity].map((p) => [p.aadObjectId, p.name])).entries()]
                .sort((a, b) => a[1].localeCompare(b[1], 'sv'))
                .map(([id, name]) => (
                  <option key={id} value={id}>
                    {name}
                  </option>
                ))}
            </Select>
          </Field>
          {away && <Handover ownerId={away} headingLevel={3} />}
        </section>
      )}
    </div>
  );
}
