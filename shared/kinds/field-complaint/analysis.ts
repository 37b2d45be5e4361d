/**
 * 월별 운영실태 분석 (the patrol team's monthly analysis shared with departments) and the December
 * department ranking (우수부서: 최우수 1, 우수 5).
 *
 * Per month, overall and by department, field and item: received, completed, open, delayed, the
 * delay rate, and the average and 90th-percentile handling time (clock hours, completed only).
 * Delayed = completed after the due time, or still open past it at `asOf` (an open complaint not yet
 * due is not counted late). Delay rate = delayed ÷ received in the month. Month over month: the
 * change in delay rate (%p) and in average handling time against the month before.
 */
import { type FieldComplaintRecord, isDelayed } from './complaint-record.ts';

export interface GroupStats {
  key: string;
  received: number;
  completed: number;
  open: number;
  delayed: number;
  /** delayed ÷ received, 0..1 (0 when nothing was received). */
  delayRate: number;
  avgHours?: number;
  p90Hours?: number;
  /** Share of rated complaints rated 만족 or 매우만족 (undefined when none was rated). */
  satisfiedShare?: number;
}

export interface MonthAnalysis {
  month: string;
  asOf: string;
  overall: GroupStats;
  byDepartment: GroupStats[];
  byField: GroupStats[];
  byItem: GroupStats[];
}

export interface GroupTrend extends GroupStats {
  /** Delay rate change against the month before, in percentage points (undefined: no data then). */
  delayRateChangePts?: number;
  avgHoursChange?: number;
}

/** Nearest-rank percentile of an ascending list. */
export function nearestRank(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const SATISFIED = new Set(['만족', '매우만족']);
const round = (v: number, digits = 2) => Math.round(v * 10 ** digits) / 10 ** digits;

class Accumulator {
  received = 0;
  completed = 0;
  delayed = 0;
  rated = 0;
  satisfied = 0;
  hours: number[] = [];
  add(r: FieldComplaintRecord, asOf: string) {
    this.received++;
    if (r.completedAt) {
      this.completed++;
      this.hours.push((r.handlingMinutes ?? 0) / 60);
    }
    if (isDelayed(r, asOf)) this.delayed++;
    if (r.satisfaction) {
      this.rated++;
      if (SATISFIED.has(r.satisfaction.replace(/\s+/g, ''))) this.satisfied++;
    }
  }
  stats(key: string): GroupStats {
    const sorted = this.hours.sort((a, b) => a - b);
    const sum = sorted.reduce((a, b) => a + b, 0);
    const p90 = nearestRank(sorted, 90);
    return {
      key,
      received: this.received,
      completed: this.completed,
      open: this.received - this.completed,
      delayed: this.delayed,
      delayRate: this.received === 0 ? 0 : round(this.delayed / this.received, 4),
      ...(sorted.length > 0 ? { avgHours: round(sum / sorted.length), p90Hours: round(p90!) } : {}),
      ...(this.rated > 0 ? { satisfiedShare: round(this.satisfied / this.rated, 4) } : {}),
    };
  }
}

function grouped(records: Iterable<FieldComplaintRecord>, asOf: string, keyOf: (r: FieldComplaintRecord) => string) {
  const groups = new Map<string, Accumulator>();
  for (const r of records) {
    const key = keyOf(r);
    let acc = groups.get(key);
    if (!acc) groups.set(key, (acc = new Accumulator()));
    acc.add(r, asOf);
  }
  return [...groups.entries()]
    .map(([key, acc]) => acc.stats(key))
    .sort((a, b) => b.received - a.received || a.key.localeCompare(b.key, 'ko'));
}

/** The month's analysis from its records (one gsi2 partition). */
export function analyseMonth(month: string, records: readonly FieldComplaintRecord[], asOf: string): MonthAnalysis {
  const overall = new Accumulator();
  for (const r of records) overall.add(r, asOf);
  return {
    month,
    asOf,
    overall: overall.stats('전체'),
    byDepartment: grouped(records, asOf, (r) => r.department),
    byField: grouped(records, asOf, (r) => r.field),
    byItem: grouped(records, asOf, (r) => `${r.field} · ${r.item}`),
  };
}

/** The groups of `current` with their change against `previous` (the month before). */
export function monthOverMonth(current: readonly GroupStats[], previous: readonly GroupStats[]): GroupTrend[] {
  const before = new Map(previous.map((g) => [g.key, g]));
  return current.map((g) => {
    const p = before.get(g.key);
    if (!p || p.received === 0) return g;
    return {
      ...g,
      delayRateChangePts: round((g.delayRate - p.delayRate) * 100),
      ...(g.avgHours !== undefined && p.avgHours !== undefined
        ? { avgHoursChange: round(g.avgHours - p.avgHours) }
        : {}),
    };
  });
}

/**
 * 연말 우수부서 평가 — the office's own formula (a setting; not Seoul's evaluation, which we have
 * not read): score = delay weight × (1 − delay rate) + speed weight × (1 − min(average hours ÷
 * speed horizon, 1)) + satisfaction weight × satisfied share (a department nobody rated gets the
 * office's average share), out of 100; departments with fewer than `minimumReceived` complaints in
 * the year are not ranked. Ties: lower delay rate, then more complaints, then name.
 */
export const DEFAULT_RANKING_SETTINGS = Object.freeze({
  labelKo: '사무소 자체 산식 (서울시 평가 기준 아님)',
  delayWeight: 50,
  speedWeight: 30,
  satisfactionWeight: 20,
  speedHorizonHours: 24,
  minimumReceived: 100,
  top: 1,
  excellent: 5,
});
export type RankingSettings = typeof DEFAULT_RANKING_SETTINGS;

export interface RankedDepartment extends GroupStats {
  score: number;
  rank: number;
  awardKo?: '최우수' | '우수';
}

export function rankDepartments(
  year: readonly GroupStats[],
  settings: RankingSettings = DEFAULT_RANKING_SETTINGS,
): RankedDepartment[] {
  const rated = year.filter((g) => g.satisfiedShare !== undefined);
  const averageShare = rated.length === 0 ? 0 : rated.reduce((a, g) => a + (g.satisfiedShare ?? 0), 0) / rated.length;
  return year
    .filter((g) => g.received >= settings.minimumReceived)
    .map((g) => ({
      ...g,
      score: round(
        settings.delayWeight * (1 - g.delayRate) +
          settings.speedWeight *
            (1 - Math.min((g.avgHours ?? settings.speedHorizonHours) / settings.speedHorizonHours, 1)) +
          settings.satisfactionWeight * (g.satisfiedShare ?? averageShare),
      ),
    }))
    .sort(
      (a, b) =>
        b.score - a.score || a.delayRate - b.delayRate || b.received - a.received || a.key.localeCompare(b.key, 'ko'),
    )
    .map((g, i) => ({
      ...g,
      rank: i + 1,
      ...(i < settings.top
        ? { awardKo: '최우수' as const }
        : i < settings.top + settings.excellent
          ? { awardKo: '우수' as const }
          : {}),
    }));
}

/** A year's department figures from its months' records (the ranking's input). */
export function analyseYear(records: Iterable<FieldComplaintRecord>, asOf: string): GroupStats[] {
  return grouped(records, asOf, (r) => r.department);
}
