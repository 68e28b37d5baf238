/** Reads a file named on the command line; a missing or unreadable file is bad input (exit 2). */
import { ValidationError } from '../services/errors';
import type { CliContext } from './command';

export async function readInputFile(ctx: CliContext, path: string): Promise<Uint8Array> {
  try {
    return await ctx.readFile(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === 'ENOENT' ? 'filen finns inte (no such file)' : code === 'EISDIR' ? 'är en katalog (is a directory)' : String((e as Error).message);
    throw new ValidationError(`Kan inte läsa ${path}: ${why}`, [`${path}: ${why}`]);
  }
}
