/** Local sign-in (loopback only, no Teams): choose one of the demo people. */
import { useState } from 'react';
import { Button, Card, Field, MessageBar, MessageBarBody, Select, Text, makeStyles, tokens } from '@fluentui/react-components';
import { errorText } from './api';
import type { LocalPerson } from './types';

const useStyles = makeStyles({
  card: { maxWidth: '480px', padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function SignIn({ people, onSignIn }: { people: readonly LocalPerson[]; onSignIn: (p: LocalPerson) => Promise<void> }) {
  const styles = useStyles();
  const [chosen, setChosen] = useState(people[0]?.aadObjectId ?? '');
  const [error, setError] = useState<string | null>(null);
  const person = people.find((p) => p.aadObjectId === chosen);
  return (
    <Card className={styles.card}>
      <h2>Logga in lokalt</h2>
      <Text>Utanför Teams, på den här datorn, kan du prova fliken som en av demopersonerna.</Text>
      {!people.some((p) => p.roles?.includes('admin')) && (
        <Text size={200}>
          Ingen av dem är administratör. Starta med TERTIAL_ADMINS=00000000-0000-0000-0000-000000000010 (och TERTIAL_LEDNINGSGRUPP) för att prova
          adminvyerna som Kommunchef.
        </Text>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (person) onSignIn(person).catch((err: unknown) => setError(errorText(err).message));
        }}
      >
        <Field label="Person">
          <Select value={chosen} onChange={(_e, d) => setChosen(d.value)}>
            {people.map((p) => (
              <option key={p.aadObjectId} value={p.aadObjectId}>
                {p.name}
                {p.roles && p.roles.length > 0 ? ` (${p.roles.join(', ')})` : ''}
              </option>
            ))}
          </Select>
        </Field>
        <Button appearance="primary" type="submit" style={{ marginTop: tokens.spacingVerticalM }}>
          Logga in
        </Button>
      </form>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}
