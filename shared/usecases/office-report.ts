/**
 * The office's report from data (issue 7): generate the part Ⅱ tables for any period, freeze a
 * generated report with the hash of the data it came from, read a frozen one back, and check a
 * frozen one against the data now, table by table.
 *
 * Reading: one gsi2 range query per kind (KIND#<kind> between the receipt dates,
 * CaseRepository.receivedBetween) — never a scan; committee meetings through the committee
 * repository when one is wired (`meetings`), otherwise that table is left out and the report says so.
 *
 * What is hashed (office-report.ts digestOf): per table, the canonical table (RFC 8785) and the
 * sorted list of the case ids and versions it counted; the report's data hash covers both for every
 * table and the period. Case versions rather than history heads: reading a sealed case appends a
 * SENSITIVE_READ event to its chain without changing the case (case-repository appendWithoutVersion),
 * so a history head moves when someone merely looks — the version moves only when the case changes.
 */
import { ulid } from 'ulid';
import type { CaseRecord } from '../domain/case.ts';
import type { CaseKind } from '../domain/case.ts';
import type { KindRegistry } from '../domain/kind-registry.ts';
import { KINDS } from '../kinds/registry.ts';
import type { FieldComplaintRecord } from '../kinds/field-complaint/complaint-record.ts';
import { fieldComplaintsTable } from '../kinds/field-complaint/report-table.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import {
  buildOfficeReport,
  compareReports,
  receivedInPeriod,
  type MeetingHeld,
  type OfficeReportData,
  type ReportPeriod,
  type TableCheck,
} from '../domain/office-report.ts';
import { primaryRole, type Actor } from '../domain/roles.ts';
import { assertCanFreezeReports, assertCanReadReports } from '../policies/case-access.ts';
import type { CaseRepository, CommitteeRepository, FrozenReport, IdempotencyStore, ReportStore } from './ports.ts';
import { COMMITTEE_KINDS, meetingDate, meetingWasHeld } from '../domain/committee.ts';
import { runIdempotent, type IdempotencyRequest } from './idempotent.ts';

/** Meetings held (meeting date inside the period, Korea dates) — the committee repository's listing. */
export interface MeetingSource {
  meetingsHeldBetween(from: string, to: string): Promise<MeetingHeld[]>;
}

/**
 * Meetings held, read through the committee repository (one gsi2 range query per committee on
 * MEETINGS#<kind> between the dates): a meeting counts once it was held — its attendance recorded
 * (status held or closed), on its meeting date (Korea time); scheduled and cancelled meetings do not count.
 */
export function committeeMeetingSource(committees: Pick<CommitteeRepository, 'meetingsBetween'>): MeetingSource {
  return {
    async meetingsHeldBetween(from, to) {
      const lists = await Promise.all(COMMITTEE_KINDS.map((kind) => committees.meetingsBetween(kind, from, to)));
      return lists
        .flat()
        .filter((m) => meetingWasHeld(m) && meetingDate(m) >= from && meetingDate(m) <= to)
        .map((m) => ({ meetingId: m.meetingId, committee: m.committee, version: m.version }));
    },
  };
}

/** 응답소 현장민원 records received between two Korea dates, with their versions (field-complaint-store.ts). */
export interface FieldComplaintSource {
  receivedBetween(from: string, to: string): Promise<{ record: FieldComplaintRecord; version: number }[]>;
}

export interface OfficeReportDeps {
  cases: Pick<CaseRepository, 'receivedBetween'>;
  /** When wired, the report has the 응답소 현장민원 table. */
  fieldComplaints?: FieldComplaintSource;
  /** The kinds the report counts (default: the office's). */
  kinds?: KindRegistry;
  reports?: ReportStore;
  idempotency?: Pick<IdempotencyStore, 'find'>;
  meetings?: MeetingSource;
  clock?: () => Date;
  newId?: () => string;
}

export interface ReadProgress {
  kind: CaseKind;
  /** Cases read of this kind. */
  count: number;
  kindsDone: number;
  kindsTotal: number;
}

export function assertPeriod(period: ReportPeriod): void {
  if (period.to < period.from) {
    throw new ValidationError('to is before from', '종료일(to)이 시작일(from)보다 앞설 수 없습니다', {
      field: 'to',
      rule: 'not_before_from',
    });
  }
}

/** Reads the period's cases kind by kind (index range queries) and builds the report. */
export async function computeOfficeReport(
  deps: Pick<OfficeReportDeps, 'cases' | 'meetings' | 'clock' | 'kinds' | 'fieldComplaints'>,
  period: ReportPeriod,
  options: { onProgress?: (progress: ReadProgress) => void; concurrency?: number } = {},
): Promise<OfficeReportData> {
  assertPeriod(period);
  const clock = deps.clock ?? (() => new Date());
  const registry = deps.kinds ?? KINDS;
  const kinds = registry.kinds;
  const byKind: Record<CaseKind, CaseRecord[]> = Object.fromEntries(kinds.map((kind) => [kind, [] as CaseRecord[]]));
  let kindsDone = 0;
  const queue = [...kinds];
  const worker = async () => {
    for (let kind = queue.shift(); kind !== undefined; kind = queue.shift()) {
      const list = byKind[kind] ?? [];
      for await (const c of deps.cases.receivedBetween(kind, period.from, period.to)) {
        // The index sorts by receivedAt as written; a time written with another offset is checked on its Korea date.
        if (receivedInPeriod(c, period)) list.push(c);
      }
      kindsDone += 1;
      options.onProgress?.({ kind, count: list.length, kindsDone, kindsTotal: kinds.length });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, kinds.length)) }, worker));
  const meetings = deps.meetings ? await deps.meetings.meetingsHeldBetween(period.from, period.to) : undefined;
  const now = clock();
  const extraTables = [];
  if (deps.fieldComplaints) {
    // Judged late as of the period's end once it is over, so a past period's frozen report stays equal.
    const end = `${period.to}T23:59:59+09:00`;
    const asOf = Date.parse(end) < now.getTime() ? end : toKoreaIso(now);
    extraTables.push(fieldComplaintsTable(await deps.fieldComplaints.receivedBetween(period.from, period.to), asOf));
  }
  return buildOfficeReport({
    period,
    generatedAt: toKoreaIso(now),
    byKind,
    meetings,
    kinds: registry,
    extraTables,
  });
}

export interface ReportCheck {
  reportId: string;
  frozenAt: string;
  period: ReportPeriod;
  matches: boolean;
  dataHashFrozen: string;
  dataHashNow: string;
  checkedAt: string;
  tables: TableCheck[];
  messageKo: string;
}

export function officeReportUseCases(deps: OfficeReportDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => ulid());

  function store(): ReportStore {
    if (!deps.reports) throw new Error('office reports: no report store wired');
    return deps.reports;
  }

  async function load(reportId: string): Promise<FrozenReport> {
    const found = await store().get(reportId);
    if (!found)
      throw new NotFoundError(`No frozen report ${reportId}`, `확정 보고서(${reportId})를 찾을 수 없습니다`, {
        field: 'reportId',
        rule: 'not_found',
      });
    return found;
  }

  return {
    /** A report for the period as the data stands now (not stored). */
    async generate(actor: Actor, period: ReportPeriod): Promise<OfficeReportData> {
      assertCanReadReports(actor);
      return computeOfficeReport(deps, period);
    },

    /** Generates and stores the report with its data hash; an Idempotency-Key makes a retry return the same report. */
    async freeze(
      actor: Actor,
      period: ReportPeriod,
      idempotency?: IdempotencyRequest,
    ): Promise<{ result: FrozenReport; replayed: boolean }> {
      assertCanFreezeReports(actor);
      assertPeriod(period);
      if (!deps.idempotency) throw new Error('office reports: no idempotency store wired');
      const now = clock();
      return runIdempotent(deps.idempotency, actor.sub, idempotency, now, async (claimFor) => {
        const report = await computeOfficeReport(deps, period);
        const frozen: FrozenReport = {
          reportId: newId(),
          frozenAt: toKoreaIso(now),
          frozenBy: { sub: actor.sub, ...(actor.name !== undefined && { name: actor.name }), role: primaryRole(actor) },
          dataHash: report.digest.dataHash,
          report,
        };
        return store().freeze(frozen, claimFor);
      });
    },

    async getFrozen(actor: Actor, reportId: string): Promise<FrozenReport> {
      assertCanReadReports(actor);
      return load(reportId);
    },

    /** Recomputes the frozen report's period now and says whether the data still matches, table by table. */
    async check(actor: Actor, reportId: string): Promise<ReportCheck> {
      assertCanReadReports(actor);
      const frozen = await load(reportId);
      const now = await computeOfficeReport(deps, frozen.report.period);
      const { matches, tables } = compareReports(frozen.report, now);
      const changed = tables.filter((t) => !t.cellsMatch || !t.basisMatch);
      return {
        reportId,
        frozenAt: frozen.frozenAt,
        period: frozen.report.period,
        matches,
        dataHashFrozen: frozen.dataHash,
        dataHashNow: now.digest.dataHash,
        checkedAt: now.generatedAt,
        tables,
        messageKo: matches
          ? '확정 당시의 데이터와 지금의 데이터가 같습니다.'
          : `확정 이후 데이터가 바뀌었습니다: ${changed
              .map(
                (t) =>
                  `${t.titleKo}(${t.changes.length ? `수치 ${t.changes.length}곳` : t.presence ? '표 유무' : '집계 사건의 버전'})`,
              )
              .join(', ')}`,
      };
    },
  };
}

export type OfficeReportUseCases = ReturnType<typeof officeReportUseCases>;
