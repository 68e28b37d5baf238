/**
 * Why a reminder did not reach a person, in words an admin can act on: the reason, and the next step.
 * The outbox keeps the connector's own answer inside its reason ("403: MessageWritesBlocked", see
 * services/dispatch/outbox-reasons.ts); this reads it.
 */

import { USER_GONE_REASON } from '../conversations/installing-messenger';
import { NOT_INSTALLED_REASON } from '../ports/messenger';

export interface ReachProblem {
  /** what happened, in Swedish */
  reason: string;
  /** what the admin can do about it */
  nextStep: string;
}

const SETUP_POLICY_PLACE = 'Teams administrationscenter → Appar i Teams → Konfigurationsprinciper';

const RULES: { test: RegExp; problem: ReachProblem }[] = [
  // these three come first: Graph's and Teams' own texts, kept in parentheses, may say "blocked"
  {
    test: new RegExp(`^\\d*:? ?${USER_GONE_REASON}`),
    problem: { reason: 'har lämnat organisationen (kontot finns inte längre)', nextStep: 'Byt ägare för personens aktiviteter eller ta bort personen (tertial owners remove).' },
  },
  {
    test: /tillåter inte att Tertial installeras/,
    problem: {
      reason: 'har inte Tertial, och organisationens policy stoppar installationen',
      nextStep: `En Teams-administratör tillåter Tertial i behörighetsprincipen för appar och lägger den i en konfigurationsprincip för enhetscheferna (${SETUP_POLICY_PLACE}); se docs/deploy.md. Påminn sedan igen.`,
    },
  },
  {
    test: /saknar Graph-behörigheten TeamsAppInstallation/,
    problem: {
      reason: 'har inte Tertial, och proaktiv installation saknar administratörsmedgivande i Microsoft Graph',
      nextStep:
        'En global administratör eller programadministratör ger Tertials Entra-app Graph-behörigheten TeamsAppInstallation.ReadWriteSelfForUser.All (program) med administratörsmedgivande (az ad app permission admin-consent); se docs/deploy.md steg 7. Påminn sedan igen.',
    },
  },
  {
    test: /TEAMS_CATALOG_APP_ID pekar inte på Tertial/,
    problem: {
      reason: 'har inte Tertial, och proaktiv installation hittar inte Tertial i appkatalogen',
      nextStep:
        'Rätta TEAMS_CATALOG_APP_ID (parametern teamsCatalogAppId) till Tertials id i organisationens appkatalog (Get-TeamsApp -ExternalId <TEAMS_APP_ID>) och driftsätt igen; se docs/deploy.md steg 5 och 7. Påminn sedan igen.',
    },
  },
  {
    test: new RegExp(`^\\d*:? ?${NOT_INSTALLED_REASON}(?!.*TEAMS_TENANT_ID)`),
    problem: {
      reason: 'har inte Tertial installerat',
      nextStep: `En Teams-administratör installerar Tertial åt enhetscheferna med en konfigurationsprincip för appar (${SETUP_POLICY_PLACE}), eller slår på proaktiv installation (TEAMS_CATALOG_APP_ID); se docs/deploy.md. Påminn sedan igen.`,
    },
  },
  {
    test: /MessageWritesBlocked|block/i,
    problem: { reason: 'har blockerat Tertial i Teams', nextStep: 'Be personen häva blockeringen i chatten med Tertial (… → Avblockera), sedan Påminn igen; eller rapportera åt hen.' },
  },
  {
    test: /avinstallerad|uninstall|installationUpdate remove/i,
    problem: { reason: 'har avinstallerat Tertial', nextStep: 'Be personen lägga till Tertial igen i Teams (Appar → Tertial), sedan Påminn igen.' },
  },
  {
    test: /TEAMS_TENANT_ID|ingen konversation sparad/i,
    problem: {
      reason: 'har aldrig öppnat Tertial, och appen kan inte starta en chatt själv',
      nextStep: 'Be personen öppna Tertial i Teams en gång, eller sätt TEAMS_TENANT_ID så att appen kan skriva först.',
    },
  },
  {
    test: /^403\b|Forbidden|not installed|inte installerad/i,
    problem: { reason: 'har inte Tertial installerat', nextStep: 'Be personen lägga till Tertial i Teams, eller slå på proaktiv installation (TEAMS_CATALOG_APP_ID).' },
  },
  {
    test: /^404\b|NotFound|finns inte|ingen sparad konversation/i,
    problem: {
      reason: 'finns inte längre i Teams (kontot, eller chatten med Tertial, är borta)',
      nextStep: 'Finns personen kvar: be hen lägga till Tertial i Teams igen, sedan Påminn igen. Har hen slutat: byt ägare eller ta bort personen (tertial owners remove).',
    },
  },
  {
    // retries used up, Teams busy or down, the network: recorded in Swedish, or in English by earlier versions
    test: /gav upp efter|gave up after|^429\b|^5\d\d\b|nätverksfel|network|timeout/i,
    problem: { reason: 'kunde inte nås just då (Teams svarade inte)', nextStep: 'Påminn igen om en stund.' },
  },
];

/** the problem for an outbox entry that ended 'unreachable' or 'failed' with `reason` */
export function explainReachProblem(state: 'unreachable' | 'failed', reason: string | null): ReachProblem {
  const text = reason ?? '';
  const rule = RULES.find((r) => r.test.test(text));
  if (rule) return rule.problem;
  return state === 'unreachable'
    ? { reason: 'gick inte att nå i Teams', nextStep: 'Kontrollera att personen har Tertial installerat, sedan Påminn igen.' }
    : { reason: 'utskicket misslyckades', nextStep: 'Påminn igen; kvarstår felet, se loggen.' };
}
