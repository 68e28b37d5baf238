/** Short Swedish answers the bot writes as plain text (not cards). */
export const BOT_TEXTS = {
  fallback: 'Det förstod jag inte. Skriv **status** för att se dina aktiviteter, eller **hjälp** för alla kommandon.',
  /** what Tertial does for these roles, before the commands they may use */
  helpHeading: (roles: { owner: boolean; admin: boolean; ledningsgrupp: boolean }) => {
    const parts = ['Tertial samlar in status på verksamhetsplanens aktiviteter varje tertial.'];
    if (roles.owner) parts.push('Du får en påminnelse när det är dags och rapporterar dina aktiviteter här i chatten.');
    if (roles.ledningsgrupp) parts.push('Som ledningsgrupp bekräftar eller ändrar du målens bedömningar, i kanalen eller här.');
    if (roles.admin) parts.push('Som administratör skapar du omgångar, följer läget och publicerar målavstämningen för ledningsgruppen.');
    if (!roles.owner && !roles.admin && !roles.ledningsgrupp) parts.push('Du har inga aktiviteter att rapportera; kontakta din controller om det är fel.');
    return `${parts.join(' ')} Det här kan du skriva:`;
  },
  noOpenRounds: 'Det finns ingen öppen rapporteringsomgång just nu. Du får en påminnelse när nästa tertial öppnar.',
  notAnOwner: 'Du har inga aktiviteter att rapportera i de öppna omgångarna. Kontakta din controller om det är fel.',
  turnError: 'Något gick fel hos Tertial. Försök igen om en stund; felet är loggat.',
  unknownAction: 'Den knappen känner jag inte igen. Skriv **status** för att få en ny lista.',
  /** a card action that would have written something failed (the store did not answer, or failed) */
  notSaved: 'Inte sparat – försök igen om en stund. Felet är loggat.',
  /** an adaptiveCard/action invoke without an action object */
  missingAction: 'Kortets anrop saknar åtgärd (action). Skriv **status** för att få ett nytt kort.',
  /** the first message in a personal chat, by what the person does in Tertial */
  welcome: (name: string, roles: { owner: boolean; admin: boolean; ledningsgrupp: boolean } = { owner: true, admin: false, ledningsgrupp: false }) => {
    const hello = `Hej${name ? ` ${name}` : ''}! Jag är Tertial, som samlar in status på verksamhetsplanens aktiviteter varje tertial.`;
    const parts = [hello];
    if (roles.owner) parts.push('Jag påminner dig när det är dags att rapportera dina aktiviteter; du svarar direkt i kortet.');
    if (roles.admin) {
      parts.push(
        'Som administratör kan du här skapa en omgång (**omgång skapa 2026 T2 31 augusti**), följa vem som har svarat (**läge**), påminna (**påminn nu**) och publicera till ledningsgruppen (**publicera**).',
      );
    }
    if (roles.ledningsgrupp) parts.push('Som ledningsgrupp ser du målens bedömningar med **bedömningar** och bekräftar eller ändrar dem.');
    if (!roles.owner && !roles.admin && !roles.ledningsgrupp) parts.push('Du har inga aktiviteter att rapportera just nu.');
    parts.push('Skriv **hjälp** när du vill se vad du kan skriva.');
    return parts.join(' ');
  },
  /** the first message in a team channel where Tertial is added */
  channelWelcome: (admin: boolean) =>
    `Hej! Jag är Tertial, som samlar in status på verksamhetsplanens aktiviteter varje tertial och sammanställer målavstämningen. ` +
    `I ledningsgruppens kanal publicerar jag en sammanfattning och ett kort per kommunfullmäktigemål, där ledningsgruppen bekräftar eller ändrar bedömningarna. ` +
    (admin
      ? 'Skriv **@Tertial ledningsgrupp** här för att göra det här till ledningsgruppens kanal.'
      : 'En administratör gör kanalen till ledningsgruppens genom att skriva **@Tertial ledningsgrupp** här.'),
} as const;
