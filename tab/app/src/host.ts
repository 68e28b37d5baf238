/**
 * Where the tab runs: inside Teams (teams-js: context, theme, SSO token) or in a plain browser on the
 * developer's machine (local sign-in as a demo person). teams-js is loaded only inside a frame.
 */
export type ThemeName = 'default' | 'dark' | 'contrast';

export interface TeamsHost {
  kind: 'teams';
  theme: ThemeName;
  locale: string;
  getToken(): Promise<string>;
  onThemeChange(handler: (theme: ThemeName) => void): void;
}

export interface BrowserHost {
  kind: 'browser';
  theme: ThemeName;
}

export type Host = TeamsHost | BrowserHost;

const toTheme = (t: string | undefined): ThemeName => (t === 'dark' ? 'dark' : t === 'contrast' ? 'contrast' : 'default');

function browserTheme(): ThemeName {
  const asked = new URLSearchParams(location.search).get('theme');
  if (asked) return toTheme(asked);
  if (matchMedia('(forced-colors: active)').matches) return 'contrast';
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'default';
}

export async function detectHost(): Promise<Host> {
  if (window.parent === window) return { kind: 'browser', theme: browserTheme() };
  const { app, authentication } = await import('@microsoft/teams-js');
  try {
    await Promise.race([app.initialize(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000))]);
  } catch {
    return { kind: 'browser', theme: browserTheme() };
  }
  const context = await app.getContext();
  app.notifySuccess();
  return {
    kind: 'teams',
    theme: toTheme(context.app.theme),
    locale: context.app.locale,
    getToken: () => authentication.getAuthToken(),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler((t) => handler(toTheme(t))),
  };
}
