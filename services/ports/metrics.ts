/**
 * Operational metrics, behind a port: services report what happened, an adapter outside services/
 * (bot/telemetry.ts, OpenTelemetry → Application Insights) turns it into metrics. Without telemetry
 * the no-op below is used.
 */

/** how one attempt to deliver a reminder ended ('throttled': the connector answered 429) */
export type ReminderOutcome = 'sent' | 'failed' | 'throttled' | 'unreachable';

export interface Metrics {
  /** one reminder attempt of a wave */
  reminder(outcome: ReminderOutcome, wave: { roundId: string; wave: string }): void;
  /** a report submitted from a card or the tab: stored or refused, and how long it took */
  submit(outcome: 'stored' | 'refused' | 'error', durationMs: number): void;
  /** a round published to the ledningsgrupp channel */
  publish(outcome: 'published' | 'failed', roundId: string): void;
}

export const noMetrics: Metrics = {
  reminder: () => undefined,
  submit: () => undefined,
  publish: () => undefined,
};
