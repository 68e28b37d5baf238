/**
 * Containers and partition keys, chosen for the access paths. See README.md in this folder.
 * Add a container here AND in infra/main.bicep (a test compares them); with a key connectCosmos creates
 * it, with managed identity it checks that the Bicep created it.
 */
export const CONTAINERS = {
  /** a year's plan: meta, goals, activities. pk /year: "a year's plan" is one partition read */
  plans: { id: 'plans', partitionKey: '/year' },
  /** owners (enhetschefer) by aadObjectId */
  owners: { id: 'owners', partitionKey: '/id' },
  /** tertial rounds. pk /year: "the rounds of a year" is one partition */
  rounds: { id: 'rounds', partitionKey: '/year' },
  /** status reports per activity × owner, with history. pk /roundId: owner's open items and a round's progress stay in one partition */
  reports: { id: 'reports', partitionKey: '/roundId' },
  /** goal assessments per goal, with every decision. pk /roundId */
  assessments: { id: 'assessments', partitionKey: '/roundId' },
  /** measure outcomes, one item per (measure, period) with every version. pk /year: "the outcomes of a year" is one partition */
  outcomes: { id: 'outcomes', partitionKey: '/year' },
  /** dispatch outbox: one entry per (round, wave, owner) + wave markers. pk /roundId: a wave and a round's deliveries are one partition */
  outbox: { id: 'outbox', partitionKey: '/roundId' },
  /** the ledningsgrupp channel link (scope 'links') and the cards posted per round (scope = roundId). pk /scope */
  publications: { id: 'publications', partitionKey: '/scope' },
  /** Teams conversation references: 'user:<aadObjectId>' and 'channel:<conversation id>'. pk /id: every send is one point read */
  conversations: { id: 'conversations', partitionKey: '/id' },
} as const satisfies Record<string, { id: string; partitionKey: string }>;

export type ContainerName = keyof typeof CONTAINERS;
