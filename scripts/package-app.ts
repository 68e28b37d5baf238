/**
 * `npm run package [-- <env name>] [-- --out <dir>]`: the Teams app package (zip) for upload.
 * Exit 2 when a variable is missing (each is named), 1 for anything else wrong; the zip's path is
 * the last line printed.
 */
import path from 'node:path';
import { buildAppPackage, REQUIRED_VARIABLES } from './app-package';

const ROOT = path.resolve(__dirname, '..');

async function main(argv: string[]): Promise<number> {
  let envName: string | undefined;
  let outDir = path.join(ROOT, 'dist', 'app-package');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' && argv[i + 1]) outDir = path.resolve(argv[++i]);
    else if (!arg.startsWith('-') && envName === undefined && /^[A-Za-z0-9_-]+$/.test(arg)) envName = arg;
    else {
      process.stderr.write(`Okänt argument: ${arg}. Användning: npm run package [-- <miljö>] [-- --out <katalog>]\n`);
      return 2;
    }
  }
  const result = await buildAppPackage({
    manifestDir: path.join(ROOT, 'manifest'),
    outDir,
    env: process.env,
    envFile: envName ? path.join(ROOT, 'env', `.env.${envName}`) : undefined,
  });
  if (!result.ok) {
    for (const name of result.missing) {
      process.stderr.write(`Variabeln ${name} saknas: sätt den i miljön${envName ? ` eller i env/.env.${envName}` : ' eller ange en miljöfil (npm run package -- <miljö>)'}\n`);
    }
    for (const problem of result.problems) process.stderr.write(`${problem}\n`);
    if (result.missing.length > 0) {
      process.stderr.write(`Appaketet byggdes inte: ${result.missing.length} variabel(er) saknas (krävs: ${REQUIRED_VARIABLES.join(', ')})\n`);
      return 2;
    }
    process.stderr.write('Appaketet byggdes inte.\n');
    return 1;
  }
  process.stdout.write(`Appaketet är validerat mot schemat för manifest ${String(result.manifest.manifestVersion)}.\n${result.path}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`Appaketet kunde inte byggas: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
