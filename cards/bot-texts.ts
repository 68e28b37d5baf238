/** Short Swedish answers the bot writes as plain text (not cards). */
export const BOT_TEXTS = {
  fallback: 'Det förstod jag inte. Skriv **status** för att se dina aktiviteter, eller **hjälp** för alla kommandon.',
  helpHeading: 'Tertial hjälper dig att rapportera status på dina aktiviteter varje tertial. Kommandon:',
  noOpenRounds: 'Det finns ingen öppen rapporteringsomgång just nu. Du får en påminnelse när nästa tertial öppnar.',
  notAnOwner: 'Du har inga aktiviteter att rapportera i de öppna omgångarna. Kontakta din controller om det är fel.',
  turnError: 'Något gick fel hos Tertial. Försök igen om en stund; felet är loggat.',
  unknownAction: 'Den knappen känner jag inte igen. Skriv **status** för att få en ny lista.',
  /** a card action that would have written something failed (the store did not answer, or failed) */
  notSaved: 'Inte sparat – försök igen om en stund. Felet är loggat.',
  /** an adaptiveCard/action invoke without an action object */
  missingAction: 'Kortets anrop saknar åtgärd (action). Skriv **status** för att få ett nytt kort.',
  welcome: (name: string) => `Hej${name ? ` ${name}` : ''}! Jag är Tertial. Jag påminner dig när det är dags att rapportera status på dina aktiviteter.`,
} as const;
