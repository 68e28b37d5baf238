/** Semicolon CSV as Swedish Excel saves it: the rules services/import/csv.ts keeps. */
import { parseSemicolonCsv } from '../../services/import/csv';
import { ValidationError } from '../../services/errors';

const SPEC = { known: ['ref', 'title', 'owner'], required: ['ref', 'title'], label: 'Testfilen' };

function refusal(text: string): { message: string; details: string[] } {
  try {
    parseSemicolonCsv(text, SPEC);
  } catch (e) {
    if (e instanceof ValidationError) return { message: e.message, details: e.details };
    throw e;
  }
  throw new Error('not refused');
}

describe('parseSemicolonCsv', () => {
  it('reads semicolons, quotes with "" inside, line breaks in quoted cells, CRLF and LF, and names each row by its first line', () => {
    const text = 'Ref;TITLE;owner\r\n1.1;"Ett ""citat""; och semikolon";a\n1.2;"två\nrader";b\r\n1.3;tre;\n';
    const table = parseSemicolonCsv(text, SPEC);
    expect(table.columns).toEqual(['ref', 'title', 'owner']);
    expect(table.rows.map((r) => [r.line, r.get('ref'), r.get('title'), r.get('owner')])).toEqual([
      [2, '1.1', 'Ett "citat"; och semikolon', 'a'],
      [3, '1.2', 'två\nrader', 'b'],
      [5, '1.3', 'tre', ''],
    ]);
  });

  it('skips a byte order mark, blank rows and Excel’s trailing ;;;, and trims cells', () => {
    const text = '\ufeffref;title\n\n 1.1 ;  en titel \n;;;\n1.2;två\n;\n';
    const table = parseSemicolonCsv(text, SPEC);
    expect(table.columns).toEqual(['ref', 'title']);
    expect(table.rows.map((r) => [r.line, r.get('ref'), r.get('title'), r.get('owner')])).toEqual([
      [3, '1.1', 'en titel', ''],
      [5, '1.2', 'två', ''],
    ]);
  });

  it('keeps a quote inside an unquoted cell as it is', () => {
    const table = parseSemicolonCsv('ref;title\n1.1;15" skärm\n', SPEC);
    expect(table.rows[0]!.get('title')).toBe('15" skärm');
  });

  it('refuses a comma-separated file, saying how to save it', () => {
    const r = refusal('ref,title\n1.1,en\n');
    expect(r.message).toMatch(/kommaseparerad/);
    expect(r.details).toEqual([expect.stringMatching(/^rad 1: rubrikraden "ref,title" innehåller komma men inget semikolon/)]);
  });

  it('names unknown, missing and repeated columns and rows with more cells than the header, all at once', () => {
    const r = refusal('ref;färg;ref\n1.1;röd;x;extra\n1.2;blå;y;;\n');
    expect(r.message).toBe('Testfilen: felaktiga kolumner (bad columns); kända kolumner: ref;title;owner');
    expect(r.details).toEqual([
      'rad 1: okänd kolumn "färg"',
      'rad 1: kolumnen "title" saknas',
      'rad 1: kolumnen "ref" finns två gånger',
      'rad 2: 4 celler men rubrikraden har 3',
    ]);
  });

  it('refuses an empty file and a quote that never closes, naming the row it starts on', () => {
    expect(refusal('\n;;\n').details).toEqual(['Testfilen: ingen rubrikrad']);
    const r = refusal('ref;title\n1.1;en\n1.2;"aldrig\nstängd\n');
    expect(r.message).toBe('Trasig CSV (unterminated quote)');
    expect(r.details).toEqual(['rad 3: ett citattecken (") stängs aldrig']);
  });

  it('refuses text after a closing quote, naming the row', () => {
    const r = refusal('ref;title\n1.1;en\n1.2;"två" och mer\n');
    expect(r.message).toBe('Trasig CSV (malformed CSV)');
    expect(r.details).toEqual(['rad 3: cellerna går inte att läsa (kontrollera citattecknen)']);
  });
});
