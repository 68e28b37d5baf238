/**
 * The command table of `tertial`: command name (one to three words) → command. The parser picks
 * the longest name matching the first words, so 'round create' and 'round list' can live beside
 * 'round'.
 *
 * Adding a command is one file and one line here:
 *   1. cli/commands/round-create.ts:
 *        export const roundCreateCommand = defineCommand({
 *          summary: 'Schemalägg en tertialomgång',
 *          action: 'round.manage',
 *          flags: { year: { type: 'integer', required: true, description: 'år', placeholder: 'YYYY' } },
 *          async run({ flags }, ctx) {
 *            const round = await ctx.services.rounds.create({ year: flags.year, ... });
 *            ctx.stdout.write(`Omgång ${round.id} schemalagd\n`);
 *          },
 *        });
 *      A command parses, calls a service from ctx.services and renders; runCli has already asked the
 *      access policy for its `action`. A service it needs that is not there yet is added to
 *      CliServices in cli/cli-services.ts (the CLI's composition root), never built from the store here.
 *      Throw a ValidationError / TertialError('invalid-input') for bad input (exit 2), any other
 *      TertialError for runtime problems (exit 1); return nothing (or EXIT.ok) on success.
 *   2. here: `'round create': roundCreateCommand,`
 * Tests run commands in-process: runCli(argv, { store, clock, stdout, stderr }) from cli/run-cli.ts.
 */
import type { Command } from '../command';
import { assessCommand } from './assess';
import { exportCommand } from './export';
import { importDocumentCommand } from './import-document';
import { importOwnersCommand } from './import-owners';
import { importPlanCommand } from './import-plan';
import { importResultsCommand } from './import-results';
import { ledningsgruppCommand } from './ledningsgrupp';
import { substituteEndCommand, substituteListCommand, substituteSetCommand } from './substitutes';
import { exportMeasuresCommand, importMeasuresCommand, measureSetCommand } from './measures';
import { ownersRemoveCommand } from './owners-remove';
import { reportCommand } from './report';
import { roundCancelCommand } from './round-cancel';
import { roundCloseCommand } from './round-close';
import { roundCreateCommand } from './round-create';
import { roundListCommand } from './round-list';
import { roundShowCommand } from './round-show';
import { roundUpdateCommand } from './round-update';

export const COMMANDS: Record<string, Command> = {
  import: importDocumentCommand,
  'import plan': importPlanCommand,
  'import owners': importOwnersCommand,
  'import results': importResultsCommand,
  'import measures': importMeasuresCommand,
  'measure set': measureSetCommand,
  'export measures': exportMeasuresCommand,
  'substitute set': substituteSetCommand,
  'substitute end': substituteEndCommand,
  'substitute list': substituteListCommand,
  'owners remove': ownersRemoveCommand,
  export: exportCommand,
  'round create': roundCreateCommand,
  'round list': roundListCommand,
  'round show': roundShowCommand,
  'round update': roundUpdateCommand,
  'round close': roundCloseCommand,
  'round cancel': roundCancelCommand,
  assess: assessCommand,
  report: reportCommand,
  ledningsgrupp: ledningsgruppCommand,
};
