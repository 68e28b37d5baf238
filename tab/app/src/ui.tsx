/** Small shared pieces of the views: a page heading, error and success bars, a round picker. */
import { useEffect, useState, type ReactNode } from 'react';
import { Field, MessageBar, MessageBarBody, MessageBarTitle, Select, makeStyles, tokens } from '@fluentui/react-components';
import { api, errorText } from './api';
import { PHASE_LABELS, type Round } from './types';

export const useViewStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-end', flexWrap: 'wrap' },
  section: {
    backgroundColor: tokens.colorNeutralBackground1,
    padding: tokens.spacingHorizontalL,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  h2: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  h3: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  table: { width: '100%', borderCollapse: 'collapse', '& th, & td': { textAlign: 'left', padding: tokens.spacingVerticalXS, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, verticalAlign: 'top' } },
});

export function Problem({ error }: { error: unknown }) {
  if (!error) return null;
  const { message, details } = errorText(error);
  return (
    <MessageBar intent="error" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{message}</MessageBarTitle>
        {details.length > 0 && (
          <ul>
            {details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}

export function Done({ children, intent = 'success' }: { children: ReactNode; intent?: 'success' | 'warning' }) {
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

export function roundLabel(r: Pick<Round, 'year' | 'tertial' | 'phase'>): string {
  return `T${r.tertial} ${r.year} (${PHASE_LABELS[r.phase].toLowerCase()})`;
}

/** the rounds, newest first; picks the open one (else the newest) */
export function useRounds(): { rounds: Round[] | null; error: unknown; reload: () => void } {
  const [rounds, setRounds] = useState<Round[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    api.get('/rounds').then(setRounds, setError);
  }, [n]);
  return { rounds, error, reload: () => setN((x) => x + 1) };
}

export function defaultRound(rounds: Round[]): string {
  return (rounds.find((r) => r.phase === 'open') ?? rounds.find((r) => r.phase !== 'cancelled') ?? rounds[0])?.id ?? '';
}

export function RoundPicker({ rounds, value, onChange }: { rounds: Round[]; value: string; onChange: (id: string) => void }) {
  return (
    <Field label="Omgång">
      <Select value={value} onChange={(_e, d) => onChange(d.value)}>
        {rounds.map((r) => (
          <option key={r.id} value={r.id}>
            {roundLabel(r)}
          </option>
        ))}
      </Select>
    </Field>
  );
}
