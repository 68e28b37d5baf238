/** Admin: upload a plan (CSV or JSON) → preview (counts, every row error) → confirm the import. */
import { useRef, useState } from 'react';
import { Button, Label, MessageBar, MessageBarBody, MessageBarTitle, Text } from '@fluentui/react-components';
import { api } from '../api';
import type { PlanImport, PlanPreview } from '../types';
import { Done, Problem, useViewStyles } from '../ui';

const KINDS = [
  ['goals', 'Mål'],
  ['activities', 'Aktiviteter'],
] as const;

export default function PlanView() {
  const s = useViewStyles();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [result, setResult] = useState<PlanImport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const check = async (f: File) => {
    setBusy(true);
    setError(null);
    setResult(null);
    setPreview(null);
    try {
      setPreview(await api.upload('/plan/preview', f));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api.upload('/plan/import', file));
      setPreview(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={s.page}>
      <section className={s.section} aria-labelledby="plan-h">
        <h2 id="plan-h" className={s.h2}>
          Importera plan
        </h2>
        <Text className={s.muted}>
          En fil per år: CSV (semikolonavgränsad, UTF-8) eller JSON (tertial-plan/1). Först visas vad som ändras; inget sparas förrän du bekräftar. Finns ett
          fel sparas ingenting.
        </Text>
        <div className={s.row}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
            <Label htmlFor="plan-file">Planfil (CSV eller JSON)</Label>
            <input
              id="plan-file"
              ref={input}
              type="file"
              accept=".csv,.json,text/csv,application/json"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                setFile(f);
                if (f) void check(f);
              }}
            />
          </div>
          <Button disabled={!file || busy} onClick={() => file && void check(file)}>
            Granska igen
          </Button>
        </div>
        <Problem error={error} />
        {preview && !preview.ok && (
          <MessageBar intent="error" layout="multiline" role="alert">
            <MessageBarBody>
              <MessageBarTitle>
                {preview.errors.length === 1 ? '1 fel i filen' : `${preview.errors.length} fel i filen`}; inget har ändrats.
              </MessageBarTitle>
              <ul className={s.list} aria-label="Fel i planfilen">
                {preview.errors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
              Rätta filen och välj den igen.
            </MessageBarBody>
          </MessageBar>
        )}
        {preview?.ok && (
          <div aria-live="polite">
            <h3 className={s.h3}>Förhandsgranskning: plan för {preview.year}</h3>
            <table className={s.table}>
              <caption className={s.muted} style={{ textAlign: 'left' }}>
                Vad importen ändrar
              </caption>
              <thead>
                <tr>
                  <th scope="col">Slag</th>
                  <th scope="col">Nya</th>
                  <th scope="col">Ändrade</th>
                  <th scope="col">Arkiveras</th>
                  <th scope="col">Oförändrade</th>
                </tr>
              </thead>
              <tbody>
                {KINDS.map(([k, label]) => (
                  <tr key={k}>
                    <th scope="row">{label}</th>
                    <td>{preview[k].added}</td>
                    <td>{preview[k].updated}</td>
                    <td>{preview[k].archived}</td>
                    <td>{preview[k].unchanged}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className={s.row} style={{ marginTop: 12 }}>
              <Button appearance="primary" disabled={busy} onClick={() => void confirm()}>
                Bekräfta import
              </Button>
              <Button
                disabled={busy}
                onClick={() => {
                  setPreview(null);
                  setFile(null);
                  if (input.current) input.current.value = '';
                }}
              >
                Avbryt
              </Button>
            </div>
          </div>
        )}
        {result && (
          <Done>
            {result.written
              ? `Planen för ${result.summary.year} är importerad: ${result.summary.activities.added} nya, ${result.summary.activities.updated} ändrade och ${result.summary.activities.archived} arkiverade aktiviteter.`
              : `Planen för ${result.summary.year} var redan densamma; inget ändrades.`}
          </Done>
        )}
      </section>
    </div>
  );
}
