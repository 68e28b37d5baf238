/** The report's standing Swedish text (chapters 1 and 2, the chapter intros), parameterised by organisation, body and tertial. */
import { ASSESSMENT_STYLE, type Tertial } from '../domain/vocabulary';

const ORDINAL: Record<Tertial, string> = { 1: 'första', 2: 'andra', 3: 'tredje och sista' };

/** Swedish genitive: "Ånge kommuns", "Kommunstyrelsens"; a name ending in s, x or z takes none */
export function genitive(name: string): string {
  return /[sxz]$/i.test(name) ? name : `${name}s`;
}

/** "Ånge kommuns arbete"; a name ending in a parenthesis ("Ånge kommun (demodata)") takes no genitive: "arbetet i Ånge kommun (demodata)" */
function workOf(organisation: string): string {
  return /\)\s*$/.test(organisation) ? `arbetet i ${organisation}` : `${genitive(organisation)} arbete`;
}

export function introduction(organisation: string, body: string, year: number, tertial: Tertial): string[] {
  return [
    `Den här rapporten avser den ${ORDINAL[tertial]} redovisningen ${year} av ${workOf(organisation)} med de politiskt antagna målen. ` +
      'Rapporten utgår från kommunens styrmodell, som beskrivs nedan.',
    `Rapporten riktar sig till ${body.toLowerCase()} och ger möjlighet att agera och prioritera förvaltningens arbete för att nå de uppsatta målen.`,
    'Förvaltningens avdelningar och enheter ansvarar för att förverkliga målen och verksamhetsplanen. Varje aktivitet arbetas med av en eller ' +
      'flera avdelningar eller enheter, som vid varje tertial redovisar aktivitetens status med en kommentar.',
  ];
}

export function styrmodell(body: string): string[] {
  return [
    'Kommunfullmäktige antar politiska mål för mandatperioden. Kommunfullmäktiges mål kan ha mått kopplade till sig och bryts ner av ' +
      `${body.toLowerCase()} och de helägda bolagen.`,
    `${genitive(body)} mål antas för det kommande året och kan, men behöver inte, ha mått kopplade till sig. Utifrån målen antas en verksamhetsplan ` +
      'där det framgår vilka aktiviteter förvaltningen ska utföra under året. Varje aktivitet har en titel, en beskrivning och start- och slutdatum.',
    'För att mäta om målet är uppnått följs aktiviteterna vid varje tertial: aktuell status redovisas för respektive aktivitet tillsammans med en ' +
      'sammanfattande kommentar. Aktiviteter som är planerade till senare delen av året kan vid första och andra tertialen redovisas som ej ' +
      'påbörjade; det är då enligt plan och ingen avvikelse.',
    'Där mått saknas bedöms målet utifrån hur aktiviteterna genomförts: ett mål utan kopplade aktiviteter kan inte anses uppfyllt, och när ' +
      'samtliga aktiviteter är avslutade enligt plan bedöms målet som uppfyllt. Ju fler avvikelser, desto lägre bedömning.',
  ];
}

export function goalWorkIntro(body: string, year: number): string[] {
  return [
    `Kommunfullmäktiges mål har ${body.toLowerCase()} brutit ner i egna mål för ${year}, och förvaltningen har brutit ner dessa i aktiviteter. ` +
      'Redovisningen är kapitelindelad, där varje kapitel motsvarar ett av kommunfullmäktiges mål.',
    // the levels with their symbols, a legend for the symbols each goal's Bedömning carries (as the reference reports have it)
    `Under respektive kapitel redovisas målen med en bedömning – uppfyllt (${ASSESSMENT_STYLE.met.symbol}), delvis uppfyllt (${ASSESSMENT_STYLE['partly-met'].symbol}), ` +
      `knappt uppfyllt (${ASSESSMENT_STYLE['barely-met'].symbol}) eller ej uppfyllt (${ASSESSMENT_STYLE['not-met'].symbol}) – och en kommentar, ` +
      'följt av aktiviteterna med status, slutdatum och kommentar. Verksamhetsmålen för god ekonomisk hushållning redovisas i kapitel 4.',
  ];
}

const COUNT_WORDS = ['inga', 'ett', 'två', 'tre', 'fyra', 'fem', 'sex', 'sju', 'åtta', 'nio', 'tio', 'elva', 'tolv'];

export function chapterIntro(body: string, year: number, goals: number): string {
  if (goals === 0) return `Detta fullmäktigemål har inga egna mål från ${body.toLowerCase()} för ${year}.`;
  const n = COUNT_WORDS[goals] ?? String(goals);
  return `Detta fullmäktigemål har ${body.toLowerCase()} brutit ner i ${n} ${goals === 1 ? 'eget mål' : 'egna mål'} för ${year}.`;
}

export const HEADINGS = {
  introduction: '1 Inledning',
  styrmodell: '2 Kort sammanfattning av styrmodell',
  goalWork: '3 Redovisning av målarbete',
  economic: (body: string) => `4 Redovisning av ${genitive(body.toLowerCase())} arbete med kommunfullmäktiges verksamhetsmål för god ekonomisk hushållning`,
  summary: '5 Sammanfattning',
  assessment: 'Bedömning',
  comment: 'Kommentar',
  activitiesTable: ['Verksamhetens aktiviteter', 'Status', 'Slutdatum'] as const,
  measuresTable: ['Mått', 'Period', 'Utfall', 'Mål'] as const,
  toc: 'Innehåll',
  proposal: 'Förslag',
};
