/** What a sealed case's read tally counts (docs/design.md#sensitive-reads): reads per reader and Korea-time hour. */
export const READ_KINDS = ['case', 'tasks', 'history', 'case-as-of'] as const;
export type ReadKind = (typeof READ_KINDS)[number];

export interface ReadTally {
  caseId: string;
  /** Korea-time hour, e.g. 2026-12-04T13. */
  hour: string;
  readerSub: string;
  reads: number;
  /** Reads by what was read. */
  byWhat: Partial<Record<ReadKind, number>>;
  firstAt: string;
  lastAt: string;
  /** The chain event the first read of the hour appended. */
  eventSeq: number;
  eventHash: string;
}

/** The Korea-time hour a read is tallied under. */
export const koreaHourOf = (koreaIso: string): string => koreaIso.slice(0, 13);
