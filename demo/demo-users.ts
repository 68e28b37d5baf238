/**
 * The demo people: fixed Entra object ids (00000000-0000-0000-0000-0000000000NN), named by role.
 * Owners answer for a unit; in the 2025 plan (whose units are empty) they own activities by ref,
 * in the current year's demo plan the activities carry their units. demo/owners.csv says the same
 * thing as CSV (a test keeps the two equal), for `tertial import owners demo/owners.csv`.
 *
 * The Playground user is DEMO_PLAYGROUND_USER: an owner with activities, so the bot
 * has something to remind about.
 */
export interface DemoUser {
  aadObjectId: string;
  name: string;
  email: string;
  /** the unit this person answers for */
  unit: string;
  /** refs of the Ånge plan's activities this person reports on (several owners per activity is allowed) */
  activities: readonly string[];
}

const id = (n: number) => `00000000-0000-0000-0000-0000000000${String(n).padStart(2, '0')}`;

export const DEMO_USERS: readonly DemoUser[] = [
  {
    aadObjectId: id(1),
    name: 'Enhetschef Fritid',
    email: 'enhetschef.fritid@demo.tertial.example',
    unit: 'Fritid Kultur Turism',
    activities: ['3.2.1.1', '3.2.1.2', '3.2.2.1', '3.3.3.2', '3.4.1.3'],
  },
  {
    aadObjectId: id(2),
    name: 'HR-chef',
    email: 'hr-chef@demo.tertial.example',
    unit: 'HR och Kommunikation',
    activities: ['3.1.1.1', '3.1.1.2', '3.1.2.1', '3.4.4.2', '4.1.1', '4.1.2', '4.1.3'],
  },
  {
    aadObjectId: id(3),
    name: 'Socialchef',
    email: 'socialchef@demo.tertial.example',
    unit: 'Socialavdelningen',
    activities: ['3.1.1.3', '3.3.1.6', '3.3.2.2', '3.4.4.1'],
  },
  {
    aadObjectId: id(4),
    name: 'Utbildningschef',
    email: 'utbildningschef@demo.tertial.example',
    unit: 'Utbildningsavdelningen',
    activities: ['3.3.1.2', '3.3.1.3', '3.3.1.4', '3.3.1.5', '3.3.2.1', '3.3.2.2', '3.3.2.3', '3.3.3.1', '3.4.4.1', '3.5.1.1'],
  },
  {
    aadObjectId: id(5),
    name: 'Samhällsbyggnadschef',
    email: 'samhallsbyggnadschef@demo.tertial.example',
    unit: 'Samhällsbyggnadsavdelningen',
    activities: ['3.2.1.1', '3.2.3.1', '3.3.1.1', '3.4.4.1', '3.6.1.1', '3.6.2.1', '3.6.3.1'],
  },
  {
    aadObjectId: id(6),
    name: 'Näringslivschef',
    email: 'naringslivschef@demo.tertial.example',
    unit: 'Näringsliv',
    activities: ['3.4.1.1', '3.4.1.2', '3.4.1.4', '3.4.2.1', '3.4.2.2', '3.4.3.1'],
  },
];

/** Not an owner: the kommunchef, for admin / ledningsgrupp demos (put it in TERTIAL_ADMINS / TERTIAL_LEDNINGSGRUPP). */
export const DEMO_KOMMUNCHEF = { aadObjectId: id(10), name: 'Kommunchef', email: 'kommunchef@demo.tertial.example' } as const;

/** The user the Agents Playground signs in as: Enhetschef Fritid. */
export const DEMO_PLAYGROUND_USER = DEMO_USERS[0]!;

/** The year of the demo plan and results taken from Ånge kommun. */
export const DEMO_SOURCE_YEAR = 2025;
