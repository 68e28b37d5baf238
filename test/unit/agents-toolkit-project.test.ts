/**
 * m365agents.yml cannot be run here (it provisions in Azure and Microsoft 365); this checks it as far as
 * the files go: it is valid against the toolkit's own schema (vendored in test/support/agents-toolkit/),
 * every file it names exists, every ${{VAR}} it or the files it hands to the toolkit use has a value by
 * the time the action runs (declared in an env template or written by an earlier action), secrets only
 * travel in SECRET_ variables, infra/agents-toolkit.bicep passes main.bicep what it needs, and the zip
 * deploy holds what App Service starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';

const ROOT = path.resolve(__dirname, '../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

interface Action {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  writeToEnvironmentFile?: Record<string, string>;
}
interface Project {
  version: string;
  environmentFolderPath?: string;
  provision: Action[];
  deploy: Action[];
}

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** set by the toolkit itself: the environment's name */
const BUILT_IN = new Set(['TEAMSFX_ENV']);

const projectText = read('m365agents.yml');
const project = parseYaml(projectText, { uniqueKeys: true }) as Project;
const allActions = (): Action[] => [...project.provision, ...project.deploy];

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** an action's input that names a file */
function asPath(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`expected a path, got ${JSON.stringify(value)}`);
  return value;
}

function templateKeys(file: string): Record<string, string | undefined> {
  return parseEnv(read(file));
}
const envTemplate = templateKeys('env/.env.dev.example');
const userTemplate = templateKeys('env/.env.dev.user.example');

/** the files an action reads and the toolkit expands ${{...}} in */
function expandedFiles(action: Action): string[] {
  const w = action.with ?? {};
  switch (action.uses) {
    case 'arm/deploy':
      return (w.templates as { parameters?: string }[]).flatMap((t) => (t.parameters ? [t.parameters] : []));
    case 'aadApp/update':
    case 'teamsApp/validateManifest':
    case 'teamsApp/zipAppPackage':
      return [asPath(w.manifestPath)];
    default:
      return [];
  }
}

/** the files an action reads as they are */
function inputFiles(action: Action): string[] {
  const w = action.with ?? {};
  switch (action.uses) {
    case 'arm/deploy':
      return (w.templates as { path: string }[]).map((t) => t.path);
    case 'azureAppService/zipDeploy':
      return [asPath(w.artifactFolder), asPath(w.ignoreFile)];
    default:
      return [];
  }
}

/** outputs of a Bicep file, as the toolkit names them in the environment (upper case) */
function bicepOutputs(file: string): string[] {
  return [...read(file).matchAll(/^output (\w+) /gm)].map((m) => m[1].toUpperCase());
}

/** the environment variables an action writes */
function outputsOf(action: Action): string[] {
  const written = Object.values(action.writeToEnvironmentFile ?? {});
  if (action.uses === 'arm/deploy') {
    for (const t of (action.with?.templates ?? []) as { path: string }[]) written.push(...bicepOutputs(t.path));
  }
  if (action.uses === 'aadApp/update' && /AAD_APP_ACCESS_AS_USER_PERMISSION_ID/.test(read(asPath(action.with?.manifestPath)))) {
    // drawn by the action when empty, and written to the environment
    written.push('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
  }
  return written;
}

/** what each action needs that has no value when it runs, walking the lifecycles in order */
function unresolvedPerAction(): string[] {
  const writtenByActions = new Set(allActions().flatMap(outputsOf));
  // the template's keys have values the admin fills in, except those the toolkit writes (empty until then)
  const known = new Set([...Object.keys(envTemplate), ...Object.keys(userTemplate)].filter((k) => !writtenByActions.has(k)));
  for (const name of BUILT_IN) known.add(name);
  const problems: string[] = [];
  for (const [lifecycle, actions] of [['provision', project.provision], ['deploy', project.deploy]] as const) {
    for (const action of actions) {
      const own = new Set([...known, ...Object.keys(action.env ?? {})]);
      if (action.uses === 'aadApp/update') own.add('AAD_APP_ACCESS_AS_USER_PERMISSION_ID');
      const used = [
        ...placeholders(JSON.stringify(action.with ?? {})).map((v) => [v, 'with'] as const),
        ...placeholders(JSON.stringify(action.env ?? {})).map((v) => [v, 'env'] as const),
        ...expandedFiles(action).flatMap((file) => placeholders(read(file)).map((v) => [v, file] as const)),
      ];
      for (const [name, where] of used) {
        // an action's own env values are filled from what is known before it
        const available = where === 'env' ? known.has(name) : own.has(name);
        if (!available) problems.push(`${lifecycle} ${action.uses}: ${name} (in ${where})`);
      }
      for (const name of outputsOf(action)) known.add(name);
    }
  }
  return problems;
}

describe('m365agents.yml', () => {
  it('is valid against the toolkit schema of its version, checked as the toolkit checks it', () => {
    const schema = JSON.parse(read('test/support/agents-toolkit/yaml.schema.json')) as { properties: { version: { const: string } } };
    expect(project.version).toBe(schema.properties.version.const);
    // the toolkit's own validator: Ajv with union types and its editor-only keyword
    const ajv = new Ajv({ allowUnionTypes: true });
    ajv.addKeyword('deprecationMessage');
    const validate = ajv.compile(schema);
    const valid = validate(project);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(projectText).toContain(`yaml-language-server: $schema=https://aka.ms/m365-agents-toolkits/${project.version}/yaml.schema.json`);
  });

  it('uses only actions of the schema and provisions and deploys what the app needs', () => {
    const provision = project.provision.map((a) => a.uses);
    expect(provision).toEqual(expect.arrayContaining(['aadApp/create', 'teamsApp/create', 'arm/deploy', 'aadApp/update',
      'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update']));
    // the package is zipped before it is validated and uploaded, from the zip that was written
    const zip = project.provision.find((a) => a.uses === 'teamsApp/zipAppPackage')!;
    for (const uses of ['teamsApp/validateAppPackage', 'teamsApp/update']) {
      const i = provision.indexOf(uses);
      expect(i).toBeGreaterThan(provision.indexOf('teamsApp/zipAppPackage'));
      expect(project.provision[i].with?.appPackagePath).toBe(zip.with?.outputZipPath);
    }
    const deploy = project.deploy.map((a) => (a.uses === 'cli/runNpmCommand' ? `npm ${String(a.with?.args)}` : a.uses));
    expect(deploy.slice(0, deploy.indexOf('azureAppService/zipDeploy'))).toEqual(['npm ci', 'npm run build', 'npm prune --omit=dev']);
  });

  it('names only files that exist (templates, parameters, manifests, the deploy folder and its ignore file)', () => {
    const named = [project.environmentFolderPath ?? './env', ...allActions().flatMap((a) => [...inputFiles(a), ...expandedFiles(a)])];
    expect(named.length).toBeGreaterThanOrEqual(6);
    const missing = named.filter((file) => !fs.existsSync(path.join(ROOT, file)));
    expect(missing).toEqual([]);
    // the Bicep modules of the templates, and the icons the manifest names next to it
    for (const t of project.provision.find((a) => a.uses === 'arm/deploy')!.with!.templates as { path: string }[]) {
      for (const [, module] of read(t.path).matchAll(/^module \w+ '([^']+)'/gm)) {
        expect(fs.existsSync(path.join(ROOT, path.dirname(t.path), module))).toBe(true);
      }
    }
    const manifestPath = asPath(project.provision.find((a) => a.uses === 'teamsApp/zipAppPackage')!.with!.manifestPath);
    const icons = (JSON.parse(read(manifestPath)) as { icons: Record<string, string> }).icons;
    for (const icon of Object.values(icons)) expect(fs.existsSync(path.join(ROOT, path.dirname(manifestPath), icon))).toBe(true);
  });

  it('gives every ${{VAR}} a value before the action that uses it runs', () => {
    expect(unresolvedPerAction()).toEqual([]);
  });

  it('declares every variable it uses or writes in the env templates', () => {
    const setByActions = new Set(allActions().flatMap((a) => Object.keys(a.env ?? {})));
    const used = new Set([
      ...placeholders(projectText),
      ...allActions().flatMap(expandedFiles).flatMap((file) => placeholders(read(file))),
      ...allActions().flatMap(outputsOf),
    ]);
    const declared = new Set([...Object.keys(envTemplate), ...Object.keys(userTemplate), ...BUILT_IN, ...setByActions]);
    expect([...used].filter((name) => !declared.has(name))).toEqual([]);
  });

  it('keeps secrets in SECRET_ variables of the .user file, and the templates hold none', () => {
    expect(Object.keys(envTemplate).filter((k) => k.startsWith('SECRET_'))).toEqual([]);
    expect(Object.keys(userTemplate).length).toBeGreaterThan(0);
    for (const [key, value] of Object.entries(userTemplate)) {
      expect(key).toMatch(/^SECRET_/);
      expect(value).toBe('');
    }
    // every @secure() parameter of the deployed template comes from a SECRET_ variable, and only from one
    const arm = project.provision.find((a) => a.uses === 'arm/deploy')!;
    for (const t of arm.with!.templates as { path: string; parameters: string }[]) {
      const secure = [...read(t.path).matchAll(/@secure\(\)\n(?:@[^\n]*\n)*param (\w+) /g)].map((m) => m[1]);
      expect(secure.length).toBeGreaterThan(0);
      const params = (JSON.parse(read(t.parameters)) as { parameters: Record<string, { value: unknown }> }).parameters;
      for (const name of secure) expect(params[name]?.value).toMatch(/^\$\{\{SECRET_[A-Z0-9_]+\}\}$/);
      for (const [name, { value }] of Object.entries(params)) {
        if (!secure.includes(name)) expect(JSON.stringify(value)).not.toMatch(/SECRET_/);
      }
    }
  });
});

describe('infra/agents-toolkit.bicep', () => {
  const wrapper = read('infra/agents-toolkit.bicep');
  const main = read('infra/main.bicep');
  /** name → has a default */
  const params = (bicep: string): Map<string, boolean> =>
    new Map([...bicep.matchAll(/^param (\w+) \w+( =)?/gm)].map((m) => [m[1], m[2] !== undefined]));
  const moduleParams = (): string[] => {
    const block = /^module tertial '\.\/main\.bicep' = \{[\s\S]*?\n {2}params: \{\n([\s\S]*?)\n {2}\}/m.exec(wrapper);
    if (!block) throw new Error('infra/agents-toolkit.bicep has no `module tertial \'./main.bicep\'` with params');
    return [...block[1].matchAll(/^ {4}(\w+):/gm)].map((m) => m[1]);
  };

  it('passes main.bicep every parameter it requires, and only parameters it has', () => {
    const mainParams = params(main);
    const passed = moduleParams();
    const required = [...mainParams].filter(([, hasDefault]) => !hasDefault).map(([name]) => name);
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !passed.includes(name))).toEqual([]);
    expect(passed.filter((name) => !mainParams.has(name))).toEqual([]);
  });

  it('gets every parameter without a default from the parameters file, which names only its parameters', () => {
    const own = params(wrapper);
    const file = Object.keys((JSON.parse(read('infra/agents-toolkit.parameters.json')) as { parameters: object }).parameters);
    expect([...own].filter(([name, hasDefault]) => !hasDefault && !file.includes(name)).map(([name]) => name)).toEqual([]);
    expect(file.filter((name) => !own.has(name))).toEqual([]);
  });

  it('registers the bot single-tenant with the same Entra app, at the web app, in Teams', () => {
    expect(wrapper).toMatch(/resource \w+ 'Microsoft\.BotService\/botServices@[\d-]+'/);
    expect(wrapper).toContain('msaAppId: botAppId');
    expect(wrapper).toContain("msaAppType: 'SingleTenant'");
    expect(wrapper).toContain('endpoint: tertial.outputs.botEndpoint');
    expect(wrapper).toContain("channelName: 'MsTeamsChannel'");
    // the web app the zip deploy targets is the one main.bicep names
    expect(main).toMatch(/resource app 'Microsoft\.Web\/sites@[\d-]+' = \{\n {2}name: '\$\{name\}-app'/);
    expect(wrapper).toContain("output AZURE_APP_SERVICE_RESOURCE_ID string = resourceId('Microsoft.Web/sites', '${name}-app')");
  });
});

/** the top-level entries a deploy ignore file keeps, and the paths below them it drops; only the anchored forms it uses */
function ignoreRules(text: string): { dropsAll: boolean; kept: Set<string>; dropped: string[] } {
  const rules = { dropsAll: false, kept: new Set<string>(), dropped: [] as string[] };
  for (const line of text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
    if (line === '/*') rules.dropsAll = true;
    else if (/^!\/[^/*]+$/.test(line)) rules.kept.add(line.slice(2));
    else if (/^\/[^*!]+$/.test(line)) rules.dropped.push(line.slice(1));
    else throw new Error(`the test does not read this ignore rule: ${line}`);
  }
  return rules;
}

describe('the zip deploy', () => {
  const zipDeploy = project.deploy.find((a) => a.uses === 'azureAppService/zipDeploy')!;
  const rules = ignoreRules(read(asPath(zipDeploy.with!.ignoreFile)));

  it('holds package.json, dist/ and node_modules/ and nothing else from the repository root', () => {
    expect(zipDeploy.with!.artifactFolder).toBe('.');
    expect(rules.dropsAll).toBe(true);
    expect([...rules.kept].sort()).toEqual(['dist', 'node_modules', 'package.json']);
  });

  it('holds the file App Service starts, built from a source the build compiles', () => {
    const start = /appCommandLine: 'node (\S+)/.exec(read('infra/main.bicep'));
    expect(start).not.toBeNull();
    const entry = start![1];
    const [top] = entry.split('/');
    expect(rules.kept.has(top)).toBe(true);
    expect(rules.dropped.some((d) => entry === d || entry.startsWith(`${d}/`))).toBe(false);
    // dist/<x>.js comes from <x>.ts, which tsconfig.build.json compiles into dist/
    const build = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
    const base = JSON.parse(read('tsconfig.json')) as { compilerOptions: { outDir: string; rootDir: string } };
    expect(base.compilerOptions.outDir).toBe(top);
    const source = path.relative(top, entry).replace(/\.js$/, '.ts');
    expect(fs.existsSync(path.join(ROOT, base.compilerOptions.rootDir, source))).toBe(true);
    expect(build.include).toContain(source.split('/')[0]);
  });

  it('leaves out the app packages and manifests that provision writes under dist/', () => {
    const written = project.provision.flatMap((a) =>
      ['outputZipPath', 'outputFolder', 'outputFilePath'].flatMap((k) => (typeof a.with?.[k] === 'string' ? [String(a.with[k])] : [])));
    expect(written.length).toBeGreaterThan(0);
    for (const file of written) {
      const relative = path.normalize(file);
      if (relative.split(path.sep)[0] !== 'dist') continue;
      expect(rules.dropped.some((d) => relative.startsWith(`${d}${path.sep}`))).toBe(true);
    }
  });
});
