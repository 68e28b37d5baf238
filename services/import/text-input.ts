/**
 * Bytes of an imported file → text: UTF-8 only (a BOM is tolerated and dropped). Latin-1 / ANSI
 * bytes are refused with the line they are on, since guessing an encoding silently corrupts å, ä, ö.
 * JSON is parsed with a message that says where it broke.
 */
import { ValidationError } from '../errors';

const BOM = '\uFEFF';

export function decodeUtf8(bytes: Uint8Array, label = 'filen'): string {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    throw new ValidationError('Filen är en Excel-arbetsbok eller ett zip-arkiv, inte text (an .xlsx/zip file, not CSV or JSON)', [
      `${label}: spara den i Excel som "CSV UTF-8 (kommaavgränsad)" och importera CSV-filen`,
    ]);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.startsWith(BOM) ? text.slice(1) : text;
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          break;
        }
        line++;
        start = i + 1;
      }
    }
    const why =
      `${label} är inte UTF-8 (rad ${line} har tecken i en annan teckenkodning, troligen Latin-1/ANSI). ` +
      'Spara den i Excel som "CSV UTF-8 (kommaavgränsad)" och försök igen';
    throw new ValidationError(`Fel teckenkodning (not UTF-8; Latin-1 bytes on line ${line})`, [why]);
  }
}

/** True when the text is JSON rather than CSV (its first non-blank character opens an object or array). */
export function looksLikeJson(text: string): boolean {
  const first = text.trimStart()[0];
  return first === '{' || first === '[';
}

export function parseJsonText(text: string, label = 'filen'): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const position = /position (\d+)/.exec(message);
    let where = '';
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split('\n').length;
      const column = before.length - before.lastIndexOf('\n');
      where = ` på rad ${line}, kolumn ${column}`;
    }
    throw new ValidationError(`Ogiltig JSON (malformed JSON)${where}`, [`${label}: ${message}`]);
  }
}
