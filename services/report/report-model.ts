/**
 * The Målavstämning report as data, built once (pure) from a round's assessments and rendered to
 * Markdown, JSON and Word. Structure (DOMAIN.md): 1 Inledning · 2 Kort sammanfattning av styrmodell ·
 * 3 Redovisning av målarbete, one chapter per KF goal (3.x) with its KS goals (3.x.y) ·
 * 4 verksamhetsmål för god ekonomisk hushållning · 5 Sammanfattning.
 */
import type { IsoDate } from '../domain/model';
import type { AssessmentCode, StatusCode, Tertial } from '../domain/vocabulary';

export const REPORT_FORMAT = 'tertial-report/1';

export interface ReportActivity {
  ref: string;
  title: string;
  status: StatusCode | null;
  /** Swedish label; '' when not reported */
  statusLabel: string;
  end: IsoDate;
  description: string | null;
  /** the owners' comments; several owners each on a line of their own, "Namn: …" */
  comment: string | null;
}

/** One measure row: "Mått | Period | Utfall | Mål", values in Swedish notation with their unit. */
export interface ReportMeasure {
  ref: string;
  name: string;
  /** the period of the outcome shown ('2025-T3'); '' when none is reported */
  period: string;
  /** '9,32 %', 'Ja'; '–' when none is reported */
  outcome: string;
  /** '9,5 %'; '–' when no target is set */
  target: string;
  comment: string | null;
}

export interface ReportGoal {
  ref: string;
  title: string;
  assessment: AssessmentCode;
  /** 'Delvis uppfyllt', or 'Förslag: Delvis uppfyllt' while nobody has decided */
  assessmentLabel: string;
  isProposal: boolean;
  comment: string;
  activities: ReportActivity[];
  /** the goal's measures; [] when it has none (no table is written) */
  measures: ReportMeasure[];
}

export interface ReportChapter {
  ref: string;
  title: string;
  /** "Detta fullmäktigemål har kommunstyrelsen brutit ner i två egna mål för 2025." */
  intro: string;
  /** the KF goal's own assessment, where it has measures; null otherwise */
  assessment: ReportGoal | null;
  goals: ReportGoal[];
}

export interface ReportSection {
  heading: string;
  paragraphs: string[];
}

export interface ReportModel {
  format: typeof REPORT_FORMAT;
  organisation: string;
  body: string;
  year: number;
  tertial: Tertial;
  /** "Målavstämning, tertial 3 2025" */
  title: string;
  /** "Målavstämning, tertial 3 2025 — Kommunstyrelsen" */
  fullTitle: string;
  introduction: ReportSection;
  styrmodell: ReportSection;
  goalWork: ReportSection & { chapters: ReportChapter[] };
  economic: ReportSection & { goals: ReportGoal[] };
  /**
   * Chapter 5: `source` 'written' when the paragraphs are the Sammanfattning the ledningsgrupp wrote
   * (its latest version, `writtenBy`/`writtenAt` say whose and when), 'generated' when they are built
   * from the assessments because nobody has written one.
   */
  summary: ReportSection & {
    counts: Record<AssessmentCode, number>;
    proposals: number;
    unreported: number;
    source: 'written' | 'generated';
    writtenBy?: string;
    writtenAt?: string;
  };
}

/** every goal of the report in the order it is written: each chapter's assessment and goals, then the economic goals */
export function reportGoals(m: ReportModel): ReportGoal[] {
  return [...m.goalWork.chapters.flatMap((c) => (c.assessment ? [c.assessment, ...c.goals] : c.goals)), ...m.economic.goals];
}
