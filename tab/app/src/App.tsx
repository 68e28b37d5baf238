/**
 * The tab's shell: finds its host (Teams or a local browser), signs in (Teams SSO, or a demo person
 * on loopback), follows the Teams theme, and shows the views the person's roles allow. Each view is
 * its own chunk, loaded when first opened.
 */
import { lazy, Suspense, useCallback, useEffect, useState, type ComponentType } from 'react';
import {
  FluentProvider,
  Link,
  MessageBar,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
} from '@fluentui/react-components';
import { api, errorText, setTokenSource } from './api';
import { detectHost, type Host, type ThemeName } from './host';
import { SignIn } from './SignIn';
import type { LocalPerson, Me, TabConfig } from './types';

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme };

type ViewKey = 'plan' | 'owners' | 'rounds' | 'progress' | 'measures' | 'assessments' | 'mine';

const VIEWS: Record<ViewKey, { label: string; role: keyof Me['roles']; component: ComponentType }> = {
  plan: { label: 'Plan', role: 'admin', component: lazy(() => import('./views/PlanView')) },
  owners: { label: 'Ägare', role: 'admin', component: lazy(() => import('./views/OwnersView')) },
  rounds: { label: 'Omgångar', role: 'admin', component: lazy(() => import('./views/RoundsView')) },
  progress: { label: 'Framsteg', role: 'admin', component: lazy(() => import('./views/ProgressView')) },
  measures: { label: 'Mått', role: 'admin', component: lazy(() => import('./views/MeasuresView')) },
  assessments: { label: 'Bedömningar', role: 'ledningsgrupp', component: lazy(() => import('./views/AssessmentView')) },
  mine: { label: 'Mina aktiviteter', role: 'owner', component: lazy(() => import('./views/MyView')) },
};

const useStyles = makeStyles({
  root: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2, color: tokens.colorNeutralForeground1 },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    flexWrap: 'wrap',
  },
  title: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase500, margin: 0 },
  who: { marginLeft: 'auto', color: tokens.colorNeutralForeground2 },
  main: { padding: tokens.spacingHorizontalL, maxWidth: '1200px' },
  skip: {
    position: 'absolute',
    left: '-9999px',
    ':focus': { left: tokens.spacingHorizontalS, top: tokens.spacingVerticalS, zIndex: 10, backgroundColor: tokens.colorNeutralBackground1, padding: tokens.spacingHorizontalS },
  },
});

const TOKEN_KEY = 'tertial.localToken';

function initialView(me: Me): ViewKey | null {
  const asked = new URLSearchParams(location.search).get('view');
  const allowed = (Object.keys(VIEWS) as ViewKey[]).filter((k) => me.roles[VIEWS[k].role] || (VIEWS[k].role === 'ledningsgrupp' && me.roles.admin));
  if (asked === 'mine' && allowed.includes('mine')) return 'mine';
  if (asked && allowed.includes(asked as ViewKey)) return asked as ViewKey;
  if (asked === 'admin' && allowed.includes('rounds')) return 'rounds';
  return allowed[0] ?? null;
}

export function App() {
  const styles = useStyles();
  const [host, setHost] = useState<Host | null>(null);
  const [theme, setTheme] = useState<ThemeName>('default');
  const [config, setConfig] = useState<TabConfig | null>(null);
  const [me, setMe] = useState<Me | null>(null);
  const [view, setView] = useState<ViewKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [needsSignIn, setNeedsSignIn] = useState(false);

  const loadMe = useCallback(async () => {
    try {
      const m = await api.get('/me');
      setMe(m);
      setView(initialView(m));
      setNeedsSignIn(false);
    } catch (e) {
      setError(errorText(e).message);
    }
  }, []);

  useEffect(() => {
    void (async () => {
      const h = await detectHost();
      setHost(h);
      setTheme(h.theme);
      const c = await api.get('/config');
      setConfig(c);
      if (h.kind === 'teams') {
        h.onThemeChange(setTheme);
        setTokenSource(h.getToken, () => setError('Inloggningen gick inte igenom; ladda om fliken.'));
        await loadMe();
      } else if (c.auth === 'local') {
        setTokenSource(
          async () => sessionStorage.getItem(TOKEN_KEY) ?? '',
          () => {
            sessionStorage.removeItem(TOKEN_KEY);
            setMe(null);
            setNeedsSignIn(true);
          },
        );
        if (sessionStorage.getItem(TOKEN_KEY)) await loadMe();
        else setNeedsSignIn(true);
      } else {
        setError('Tertial-fliken öppnas i Microsoft Teams.');
      }
    })().catch((e: unknown) => setError(errorText(e).message));
  }, [loadMe]);

  const signIn = async (person: LocalPerson) => {
    const res = await api.post('/local/sign-in', { body: { aadObjectId: person.aadObjectId } });
    sessionStorage.setItem(TOKEN_KEY, res.token);
    await loadMe();
  };
  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setMe(null);
    setView(null);
    setNeedsSignIn(true);
  };

  const allowed = me ? (Object.keys(VIEWS) as ViewKey[]).filter((k) => me.roles[VIEWS[k].role] || (VIEWS[k].role === 'ledningsgrupp' && me.roles.admin)) : [];
  const Current = view ? VIEWS[view].component : null;

  return (
    <FluentProvider theme={THEMES[theme]} className={styles.root}>
      <a href="#main" className={styles.skip}>
        Hoppa till innehållet
      </a>
      <header className={styles.header}>
        <h1 className={styles.title}>Tertial</h1>
        {me && allowed.length > 0 && (
          <TabList selectedValue={view} onTabSelect={(_e, d) => setView(d.value as ViewKey)} aria-label="Vyer">
            {allowed.map((k) => (
              <Tab key={k} value={k}>
                {VIEWS[k].label}
              </Tab>
            ))}
          </TabList>
        )}
        {me && (
          <Text className={styles.who}>
            {me.user.name}
            {host?.kind === 'browser' && (
              <>
                {' · '}
                <Link
                  href="#"
                  onClick={(e) => {
                    e.preventDefault();
                    signOut();
                  }}
                >
                  Byt person
                </Link>
              </>
            )}
          </Text>
        )}
      </header>
      <main id="main" className={styles.main}>
        {error && (
          <MessageBar intent="error">
            <MessageBarBody>{error}</MessageBarBody>
          </MessageBar>
        )}
        {!error && !me && !needsSignIn && <Spinner label="Laddar…" />}
        {needsSignIn && config && <SignIn people={config.people} onSignIn={signIn} />}
        {me && allowed.length === 0 && (
          <MessageBar intent="info">
            <MessageBarBody>Du har inga aktiviteter att rapportera och ingen administratörs- eller ledningsgruppsroll i Tertial.</MessageBarBody>
          </MessageBar>
        )}
        {Current && (
          <Suspense fallback={<Spinner label="Laddar vyn…" />}>
            <Current />
          </Suspense>
        )}
      </main>
    </FluentProvider>
  );
}
