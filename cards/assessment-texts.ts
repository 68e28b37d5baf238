/** Short Swedish answers of the assessment and publishing commands (plain text, not cards). */
export const ASSESSMENT_TEXTS = {
  linkInChannel: 'Skriv **@Tertial ledningsgrupp** i ledningsgruppens kanal för att koppla den.',
  linked: (name: string | null) =>
    `Klart: ${name ? `kanalen ${name}` : 'den här kanalen'} är nu ledningsgruppens kanal. Skriv **@Tertial publicera** för att publicera målavstämningen här.`,
  published: (roundId: string, posted: number, updated: number, failed: string[]) =>
    `Publicerat ${roundId}: ${posted} nya kort, ${updated} uppdaterade.${failed.length > 0 ? ` Misslyckades: ${failed.join('; ')}.` : ''}`,
  decided: (goalRef: string, label: string) => `Sparat: ${goalRef} ${label}.`,
  refused: (reason: string, details: string[]) => `Inte sparat: ${reason}${details.length > 0 ? ` (${details.join('; ')})` : ''}`,
} as const;
