import { roundLabel } from '../services/domain/vocabulary';

/** Short Swedish answers of the assessment and publishing commands (plain text, not cards). */
export const ASSESSMENT_TEXTS = {
  linkInChannel: 'Skriv **@Tertial ledningsgrupp** i ledningsgruppens kanal för att koppla den.',
  linked: (name: string | null) =>
    `Klart: ${name ? `kanalen ${name}` : 'den här kanalen'} är nu ledningsgruppens kanal. Skriv **@Tertial publicera** för att publicera målavstämningen här.`,
  published: (roundId: string, posted: number, updated: number, failed: string[], chosen = false) =>
    `Publicerat ${roundLabel(roundId)}${chosen ? ' (du angav ingen omgång, så jag valde den senaste som har öppnat; ange en annan som ”publicera 2025 T3”)' : ''}: ${posted} nya kort, ${updated} uppdaterade.${
      failed.length > 0 ? ` Misslyckades: ${failed.join('; ')}.` : ''
    }`,
  notPublished: (roundId: string) => `Inte publicerat: ${roundLabel(roundId)} väntar tills du skriver **publicera** igen, eller tills omgången stänger (då publiceras den av sig själv).`,
  decided: (goalRef: string, label: string) => `Sparat: ${goalRef} ${label}.`,
  refused: (reason: string, details: string[]) => `Inte sparat: ${reason}${details.length > 0 ? ` (${details.join('; ')})` : ''}`,
} as const;
