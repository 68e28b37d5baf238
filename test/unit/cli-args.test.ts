import { COMMANDS } from '../../cli/commands';
import { operator } from '../../cli/operator';
import { runCli } from '../../cli/run-cli';
import { isAllowed } from '../../services/access/access-policy';
import { defineCommand, type Command } from '../../cli/command';
import type { Repositories } from '../../services/ports';
import { ValidationError } from '../../services/errors';
import { decodeUtf8 } from '../../services/import/text-input';

function capture() {
  const chunks: string[] = [];
  return { write: (s: string) => chunks.push(s), text: () => chunks.join('') };
}

const seen: unknown[] = [];
const table: Record<string, Command> = {
  'import plan': defineCommand({
    summary: 'importerar en plan',
    action: 'plan.import',
    args: [{ name: 'FILE', description: 'fil' }],
    needsStore: false,
    async run({ args }) {
      seen.push(['import plan', args]);
    },
  }),
  export: defineCommand({
    summary: 'exporterar',
    action: 'year.export',
    flags: {
      year: { type: 'integer', required: true, description: 'år', placeholder: 'YYYY' },
      json: { type: 'boolean', description: 'JSON' },
      name: { type: 'string', description: 'namn' },
    },
    needsStore: false,
    async run({ flags }) {
      const year: number = flags.year;
      const json: boolean = flags.json;
      const name: string | undefined = flags.name;
      seen.push(['export', year, json, name]);
    },
  }),
  fail: defineCommand({
    summary: 'fails',
    action: 'plan.import',
    needsStore: false,
    async run() {
      throw new ValidationError('Dåligt', ['rad 2, fält "x": fel']);
    },
  }),
  /** reporting as an owner is done from a card in Teams: the policy refuses it to the operator */
  'submit report': defineCommand({
    summary: 'rapporterar som ägare',
    action: 'report.submit',
    needsStore: false,
    async run() {
      seen.push(['submit report']);
    },
  }),
};

async function run(argv: string[]) {
  const stdout = capture();
  const stderr = capture();
  const code = await runCli(argv, { commands: table, stdout, stderr, store: {} as Repositories });
  return { code, out: stdout.text(), err: stderr.text() };
}

describe('tertial argument parsing', () => {
  beforeEach(() => (seen.length = 0));

  it('runs the longest matching command with typed flags', async () => {
    expect((await run(['import', 'plan', 'a.csv'])).code).toBe(0);
    expect((await run(['export', '--year', '2025', '--json'])).code).toBe(0);
    expect((await run(['export', '--year=2024', '--name', 'x'])).code).toBe(0);
    expect(seen).toEqual([
      ['import plan', ['a.csv']],
      ['export', 2025, true, undefined],
      ['export', 2024, false, 'x'],
    ]);
  });

  it.each([
    [['nonsense'], /Okänt kommando.*nonsense/],
    [['export', '--year', '2025', '--bogus'], /Okänd flagga.*--bogus/],
    [['export', '--year'], /--year saknar värde/],
    [['export', '--year', '--json'], /--year saknar värde/],
    [['export', '--year', 'tjugo'], /heltal/],
    [['export'], /--year krävs/],
    [['import', 'plan'], /Saknar argument.*FILE/],
    [['import', 'plan', 'a', 'b'], /För många argument.*b/],
    [['export', '--year', '2025', '--json=yes'], /tar inget värde/],
    [['export', '-year', '2025'], /Okänd flagga.*-year/],
    [['export', '--year', '2025', '-x'], /Okänd flagga.*-x/],
    [['export', '--year=', '--json'], /--year saknar värde/],
    [['export', '--help=1'], /Okänd flagga.*--help/],
    [[], /Användning/],
  ])('exits 2 with usage for %j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/tertial /);
    expect(seen).toEqual([]);
  });

  it('prints a validation error with one line per problem, exit 2', async () => {
    const r = await run(['fail']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('Dåligt\n  - rad 2, fält "x": fel\n');
  });

  it('asks the access policy: a command the operator may not do is refused, exit 1, and does not run', async () => {
    const r = await run(['submit', 'report']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Kommandoraden kan inte rapportera status på en aktivitet/);
    expect(seen).toEqual([]);
  });

  it('prints help for a command', async () => {
    const r = await run(['export', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/tertial export --year YYYY \[--json\]/);
  });
});

describe('file bytes', () => {
  it('drops a BOM, refuses Latin-1 with its line, and refuses an Excel workbook', () => {
    expect(decodeUtf8(Buffer.from('\uFEFFår;mål\n', 'utf8'))).toBe('år;mål\n');
    expect(() => decodeUtf8(Buffer.concat([Buffer.from('a;b\n', 'utf8'), Buffer.from('Ånge;x\n', 'latin1')]))).toThrow(/Latin-1 bytes on line 2/);
    expect(() => decodeUtf8(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toThrow(/Excel-arbetsbok/);
  });
});

describe('the real command table', () => {
  it('declares for every command an action the policy allows the operator', () => {
    for (const [name, command] of Object.entries(COMMANDS)) expect([name, isAllowed(operator(), command.action)]).toEqual([name, true]);
  });

  it.each([
    [['import', 'plan'], /Saknar argument.*FILE/],
    [['import', 'owners', 'a.csv', '--force'], /Okänd flagga.*--force/],
    [['export', '--json'], /--year krävs/],
    [['export', '--year', '2025x'], /heltal/],
    [['exprot', '--year', '2025'], /Okänt kommando.*exprot/],
  ])('%j exits 2 before touching any store', async (argv, message) => {
    const stderr = capture();
    // no store injected and a port nothing listens on: a store connection would exit 1, not 2
    const code = await runCli(argv, { stdout: capture(), stderr, env: { EMBEDDED_COSMOS_PORT: '1' } });
    expect(code).toBe(2);
    expect(stderr.text()).toMatch(message);
  });
});

describe('a command that runs without the store', () => {
  it('gets a clear error, not a half-built service, when it reaches for one', async () => {
    const peek = defineCommand({
      summary: 'tittar i lagret',
      action: 'round.view',
      needsStore: false,
      async run(_input, ctx) {
        await ctx.services.rounds.list();
      },
    });
    const stdout = capture();
    const stderr = capture();
    // no store given and none connected: the command said it needs none
    const code = await runCli(['peek'], { commands: { peek }, stdout, stderr, env: {} });
    expect(code).toBe(1);
    expect(stderr.text()).toBe('Fel (error): this command declared needsStore: false but used the store\n');
  });
});
