/**
 * The one place that reads process.env. Validated once with zod; a bad environment fails fast
 * with every bad variable named, in Swedish.
 */
import { z } from 'zod';
import { DEMO_KOMMUNCHEF } from '../../demo/demo-users';
import { TertialError } from '../errors';

/** The Cosmos DB emulator's well-known key (public; used only for the local embedded store). */
export const EMULATOR_KEY =
  'C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const port = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(fallback));
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

const envSchema = z.object({
  PORT: port(3978),
  LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional()),
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppTenantId: optionalString,
  MicrosoftAppType: z.preprocess(
    emptyToUndefined,
    z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('SingleTenant'),
  ),
  COSMOS_ENDPOINT: z.preprocess(emptyToUndefined, z.url().optional()),
  COSMOS_KEY: optionalString,
  COSMOS_DATABASE: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^[A-Za-z0-9_-]{1,255}$/).default('tertial'),
  ),
  /** port of the embedded Cosmos DB server when COSMOS_ENDPOINT is not set */
  EMBEDDED_COSMOS_PORT: port(8081),
  /**
   * comma-separated aadObjectIds of Tertial admins; unset in local demo mode: the demo Kommunchef;
   * set but empty: nobody
   */
  TERTIAL_ADMINS: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('')
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  ),
  /** comma-separated aadObjectIds of ledningsgrupp members (may confirm assessments); unset or empty as TERTIAL_ADMINS */
  TERTIAL_LEDNINGSGRUPP: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default('')
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean)),
  ),
  /** node-cron expression of the dispatcher tick */
  DISPATCH_CRON: z.preprocess(emptyToUndefined, z.string().default('* * * * *')),
  /** load the demo data (Ånge 2025 plan, demo owners, an open round) at start; default: on for the embedded store */
  DEMO_DATA: z.preprocess(
    emptyToUndefined,
    z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional(),
  ),
  PLAYGROUND_PORT: port(56150),
  /** where `npm start` keeps the embedded store's data between runs (a snapshot file); ignored with COSMOS_ENDPOINT */
  TERTIAL_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.tertial')),
  /** the Teams tenant, used to create 1:1 conversations proactively */
  TEAMS_TENANT_ID: optionalString,
  /** a JSON file overriding parts of the assessment rule table (services/assessment/rules.ts) */
  TERTIAL_ASSESSMENT_RULES: optionalString,
  /**
   * the key that signs report links (at least 32 characters), the same in every instance: in Azure a
   * Key Vault secret referenced from the app settings (infra/main.bicep); never the app password
   */
  REPORT_LINK_KEY: z.preprocess(emptyToUndefined, z.string().min(32).optional()),
  /**
   * the Tertial app's id in the organisation's Teams app catalogue: turns on proactive install through
   * Microsoft Graph for owners without the app (needs TeamsAppInstallation.ReadWriteSelfForUser.All)
   */
  TEAMS_CATALOG_APP_ID: optionalString,
  /** Application Insights: with it set, traces, logs and metrics are sent there (bot/telemetry.ts) */
  APPLICATIONINSIGHTS_CONNECTION_STRING: optionalString,
  /** the bot's public base URL (https://…), used for links to the report in channel cards */
  PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  /** the OpenID metadata the tab's SSO tokens are checked against (default: the tenant's at login.microsoftonline.com) */
  ENTRA_OPENID_CONFIG_URL: z.preprocess(
    emptyToUndefined,
    z
      .url()
      .refine((u) => u.startsWith('https://') || /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//.test(u))
      .optional(),
  ),
});

export type RawEnv = z.input<typeof envSchema>;

export interface Config {
  port: number;
  /** the interface the HTTP server binds to: loopback unless app credentials are configured */
  host: string;
  /** the bot's log level (default info) */
  logLevel: LogLevel;
  /** LOG_LEVEL when it was set (the CLI logs at warn otherwise, to keep its output readable) */
  logLevelSet: LogLevel | null;
  bot: {
    appId: string | undefined;
    appPassword: string | undefined;
    tenantId: string | undefined;
    appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
    /** true when no MicrosoftAppId is set: anonymous requests accepted, loopback only */
    anonymous: boolean;
  };
  cosmos: {
    /** undefined: run the embedded server (npm start) or connect to the local one (CLI) */
    endpoint: string | undefined;
    key: string | undefined;
    database: string;
    embeddedPort: number;
  };
  admins: string[];
  ledningsgrupp: string[];
  dispatchCron: string;
  demoData: boolean;
  playgroundPort: number;
  teamsTenantId: string | undefined;
  /** path of the organisation's assessment rule override (JSON), if any */
  assessmentRulesFile: string | undefined;
  /** public base URL of the bot (report links); undefined: the local server's own URL */
  publicBaseUrl: string | undefined;
  /** signs report links; undefined only in anonymous local use, where each process draws its own */
  reportLinkKey: string | undefined;
  /** the app's catalogue id for proactive install through Graph; undefined: off */
  teamsCatalogAppId: string | undefined;
  /**
   * The tab's sign-in: Entra SSO tokens for the app registration (MicrosoftAppId) when one is set;
   * otherwise the local sign-in as a demo person, which only an anonymous, loopback-bound app offers.
   */
  tab: {
    clientId: string | undefined;
    tenantId: string | undefined;
    /** the host of the Application ID URI api://<domain>/<client id> (PUBLIC_BASE_URL's) */
    domain: string | undefined;
    openIdConfigUrl: string | undefined;
  };
  /** the folder where `npm start` keeps the embedded store's data (TERTIAL_DATA_DIR, default .tertial) */
  dataDir: string;
  /** Application Insights connection string; undefined: no telemetry, logs to stdout only */
  telemetryConnectionString: string | undefined;
}

/** what each variable must be, in the words of a refusal (values are never echoed: some are secrets) */
const EXPECTED: Record<string, string> = {
  PORT: 'ett portnummer 0–65535',
  EMBEDDED_COSMOS_PORT: 'ett portnummer 0–65535',
  PLAYGROUND_PORT: 'ett portnummer 0–65535',
  LOG_LEVEL: 'en av fatal, error, warn, info, debug, trace, silent',
  MicrosoftAppType: 'en av MultiTenant, SingleTenant, UserAssignedMSI',
  COSMOS_ENDPOINT: 'en URL som https://<konto>.documents.azure.com:443/',
  COSMOS_DATABASE: 'bara bokstäver, siffror, - och _ (högst 255 tecken)',
  DEMO_DATA: 'true eller false',
  PUBLIC_BASE_URL: 'en URL som https://tertial.example.org',
  ENTRA_OPENID_CONFIG_URL: 'en https-URL till OpenID-metadata (http bara mot loopback)',
  REPORT_LINK_KEY: 'minst 32 tecken (t.ex. openssl rand -base64 48)',
};

/**
 * App Service leaves a Key Vault reference it cannot resolve (the identity's role not yet propagated,
 * a deleted secret) as the literal `@Microsoft.KeyVault(…)` text in the variable: never a usable value.
 */
const isKeyVaultReference = (value: string | undefined) => /^\s*@Microsoft\.KeyVault\(/i.test(value ?? '');

const unresolvedReference = (name: string) =>
  `${name}: är en Key Vault-referens som App Service inte har löst upp (appens identitet saknar ännu läsrätt i Key Vault, ` +
  `eller hemligheten finns inte); se referensens status under Miljövariabler för webbappen i Azure-portalen och starta om appen`;

const refusal = (problems: string[]) =>
  new TertialError('config', `Ogiltig konfiguration (invalid configuration): ${problems.join('; ')}`, problems);

/** Validates an environment (process.env by default); throws a TertialError 'config' listing every bad variable, in Swedish. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const unresolved = Object.keys(envSchema.shape).filter((k) => isKeyVaultReference(env[k]));
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const keys = [...new Set(parsed.error.issues.map((i) => String(i.path[0] ?? '')))].filter((k) => !unresolved.includes(k));
    throw refusal([
      ...unresolved.map(unresolvedReference),
      ...keys.map((k) => (k ? `${k}: ogiltigt värde, ska vara ${EXPECTED[k] ?? 'ett giltigt värde'}` : 'miljön kunde inte läsas')),
    ]);
  }
  const e = parsed.data;
  const problems: string[] = unresolved.map(unresolvedReference);
  if (e.MicrosoftAppId && !e.MicrosoftAppPassword && e.MicrosoftAppType !== 'UserAssignedMSI') {
    problems.push('MicrosoftAppPassword: krävs när MicrosoftAppId är satt (utom med MicrosoftAppType=UserAssignedMSI)');
  }
  if (e.MicrosoftAppType === 'SingleTenant' && e.MicrosoftAppId && !e.MicrosoftAppTenantId) {
    problems.push('MicrosoftAppTenantId: krävs för en SingleTenant-app');
  }
  if (e.TEAMS_CATALOG_APP_ID && !e.MicrosoftAppId) {
    problems.push('TEAMS_CATALOG_APP_ID: kräver MicrosoftAppId (installationen via Microsoft Graph görs som botens Entra-app)');
  }
  if (e.MicrosoftAppId && !e.REPORT_LINK_KEY) {
    problems.push('REPORT_LINK_KEY: krävs när MicrosoftAppId är satt (samma nyckel i varje instans; i Azure en Key Vault-referens)');
  }
  if (e.COSMOS_KEY && !e.COSMOS_ENDPOINT) {
    problems.push('COSMOS_KEY: satt utan COSMOS_ENDPOINT');
  }
  // with app credentials the app serves a real tenant: its data must outlive the process
  if (e.MicrosoftAppId && !e.COSMOS_ENDPOINT) {
    problems.push('COSMOS_ENDPOINT: krävs när MicrosoftAppId är satt (appen startar inte med den inbyggda minneslagringen i drift)');
  }
  if (problems.length > 0) throw refusal(problems);
  const anonymous = !e.MicrosoftAppId;
  // demo data: by default only into the embedded store; into a real store only when DEMO_DATA asks for it
  const demo = e.DEMO_DATA === undefined ? !e.COSMOS_ENDPOINT : ['true', '1', 'yes'].includes(e.DEMO_DATA);
  // local demo mode (no app credentials, so loopback only; the embedded store with the demo data): a role
  // variable that is not set at all names the demo Kommunchef, so `npm start` shows the admin views too.
  // Set, even to an empty value, it is taken as it is.
  const localDemo = anonymous && !e.COSMOS_ENDPOINT && demo;
  const roleList = (name: 'TERTIAL_ADMINS' | 'TERTIAL_LEDNINGSGRUPP') =>
    localDemo && env[name] === undefined ? [DEMO_KOMMUNCHEF.aadObjectId] : e[name];
  return {
    port: e.PORT,
    host: anonymous ? '127.0.0.1' : '0.0.0.0',
    logLevel: e.LOG_LEVEL ?? 'info',
    logLevelSet: e.LOG_LEVEL ?? null,
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      appType: e.MicrosoftAppType,
      anonymous,
    },
    cosmos: {
      endpoint: e.COSMOS_ENDPOINT,
      key: e.COSMOS_KEY,
      database: e.COSMOS_DATABASE,
      embeddedPort: e.EMBEDDED_COSMOS_PORT,
    },
    admins: roleList('TERTIAL_ADMINS'),
    ledningsgrupp: roleList('TERTIAL_LEDNINGSGRUPP'),
    dispatchCron: e.DISPATCH_CRON,
    demoData: demo,
    playgroundPort: e.PLAYGROUND_PORT,
    teamsTenantId: e.TEAMS_TENANT_ID ?? e.MicrosoftAppTenantId,
    assessmentRulesFile: e.TERTIAL_ASSESSMENT_RULES,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    reportLinkKey: e.REPORT_LINK_KEY,
    teamsCatalogAppId: e.TEAMS_CATALOG_APP_ID,
    tab: {
      clientId: e.MicrosoftAppId,
      tenantId: e.MicrosoftAppTenantId ?? e.TEAMS_TENANT_ID,
      domain: e.PUBLIC_BASE_URL ? new URL(e.PUBLIC_BASE_URL).host : undefined,
      openIdConfigUrl: e.ENTRA_OPENID_CONFIG_URL,
    },
    dataDir: e.TERTIAL_DATA_DIR,
    telemetryConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
  };
}
