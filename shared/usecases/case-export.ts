/**
 * Exports: search results and case timelines as CSV (opens in Excel with Korean text: UTF-8 with a
 * BOM, RFC 4180 quoting, CRLF line ends, Korean headings, Korea-time dates) or JSON, written to a
 * stream as the index pages arrive, so the command line exports any number of rows in constant
 * memory.
 *
 * Over HTTP (Lambda behind API Gateway) a response is buffered and limited to 6 MB, so one response
 * carries at most API_EXPORT_MAX_ROWS rows; when more match, the response says so (`nextCursor`,
 * header `x-export-next-cursor`) and the next request continues there. The command line has no cap.
 *
 * Every export is recorded before its first row leaves (export-log.ts: who, filters, format; then
 * the row count). A timeline export is also an EXPORTED event on the exported case's own hash chain.
 * Rows come only from the allow-lists in export-fields.ts, so sealed identity fields cannot leak.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { ulid } from 'ulid';
import { filterRecord, type CaseSearchFilter } from '../domain/case-search-filter.ts';
import { NotFoundError } from '../domain/errors.ts';
import {
  CASE_EXPORT_COLUMNS,
  SEALED_TITLE,
  TIMELINE_EXPORT_COLUMNS,
  timelineExportEntry,
  type ExportColumn,
} from '../domain/export-fields.ts';
import { verifyChain } from '../domain/history.ts';
import { toKoreaIso } from '../domain/korea-time.ts';
import type { Actor } from '../domain/roles.ts';
import { timeline, type TimelineFilter } from '../domain/timeline.ts';
import { KINDS } from '../kinds/registry.ts';
import { assertCanRead, assertCanReadReports } from '../policies/case-access.ts';
import type { CaseRepository } from './ports.ts';
import type { ExportLog } from './ports.ts';
import { loadChain } from './chain-verification.ts';
import { assertCanExport, type CaseSearchUseCases } from './case-search-usecases.ts';
import { eventActorOf } from './case-operations.ts';

/** Rows per HTTP export response: a worst-case row (200-character Korean title) keeps it under ~4 MB of Lambda's 6 MB. */
export const API_EXPORT_MAX_ROWS = 2000;

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/**
 * A CSV writer for the given columns: BOM, heading row of Korean labels, CRLF, fields quoted when
 * they hold a comma, quote or line break (RFC 4180), and cells that Excel would run as a formula
 * (starting with = + - @) prefixed with an apostrophe.
 */
export function csvWriter<T>(columns: readonly ExportColumn<T>[]) {
  const stringifier = stringify({
    bom: true,
    header: true,
    columns: columns.map((c) => c.header),
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
    cast: { boolean: (v) => (v ? '예' : '아니오') },
  });
  const toRecord = (row: T) => columns.map((c) => c.value(row) ?? '');
  return { stringifier, toRecord };
}

async function writeCsv<T>(rows: AsyncIterable<T>, columns: readonly ExportColumn<T>[], out: Writable): Promise<void> {
  const { stringifier, toRecord } = csvWriter(columns);
  await pipeline(
    Readable.from(
      (async function* () {
        for await (const row of rows) yield toRecord(row);
      })(),
    ),
    stringifier,
    out,
  );
}

async function writeJson<T>(
  head: Record<string, unknown>,
  rows: AsyncIterable<T>,
  tail: () => Record<string, unknown>,
  out: Writable,
): Promise<void> {
  await pipeline(
    Readable.from(
      (async function* () {
        const opening = JSON.stringify(head);
        yield `${opening.slice(0, -1)}${opening.length > 2 ? ',' : ''}"rows":[`;
        let first = true;
        for await (const row of rows) {
          yield `${first ? '' : ','}\n${JSON.stringify(row)}`;
          first = false;
        }
        const closing = JSON.stringify(tail());
        yield `\n]${closing.length > 2 ? `,${closing.slice(1)}` : '}'}\n`;
      })(),
    ),
    out,
  );
}

export interface ExportDeps {
  cases: Pick<CaseRepository, 'get' | 'history' | 'appendWithoutVersion'>;
  search: CaseSearchUseCases;
  exportLog: ExportLog;
  clock?: () => Date;
  newId?: () => string;
}

export interface ExportOutcome {
  exportId: string;
  rowCount: number;
  /** Set when the export stopped at its row cap: pass it as `cursor` to continue. */
  nextCursor?: string;
}

export function caseExportUseCases(deps: ExportDeps) {
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => ulid());
  const eventActor = eventActorOf;

  return {
    /** Search results to `out`, page by page; recorded in the export log. */
    async exportSearch(
      actor: Actor,
      filter: CaseSearchFilter,
      options: {
        format: ExportFormat;
        out: Writable;
        via: 'api' | 'cli';
        maxRows?: number;
        cursor?: string;
        onRow?: (count: number) => void;
      },
    ): Promise<ExportOutcome> {
      assertCanExport(actor);
      const exportId = newId();
      const at = toKoreaIso(clock());
      const stream = deps.search.stream(actor, filter, {
        ...(options.cursor !== undefined && { cursor: options.cursor }),
        ...(options.maxRows !== undefined && { maxRows: options.maxRows }),
      });
      const filters = { ...filterRecord(filter), ...(options.cursor !== undefined && { cursor: options.cursor }) };
      await deps.exportLog.start({
        exportId,
        at,
        actor: eventActor(actor),
        scope: 'search',
        format: options.format,
        filters,
        via: options.via,
      });
      let rowCount = 0;
      const rows = (async function* () {
        for await (const { entry } of stream.rows) {
          rowCount += 1;
          options.onRow?.(rowCount);
          yield entry;
        }
      })();
      if (options.format === 'csv') await writeCsv(rows, CASE_EXPORT_COLUMNS, options.out);
      else {
        const head = {
          exportId,
          exportedAt: at,
          filters: filterRecord(filter),
          sort: stream.plan.sort,
          order: stream.plan.forward ? 'asc' : 'desc',
          sealedTitle: SEALED_TITLE,
        };
        await writeJson(
          head,
          rows,
          () => ({ rowCount, ...(stream.position() !== undefined && { nextCursor: stream.position() }) }),
          options.out,
        );
      }
      const nextCursor = stream.position();
      await deps.exportLog.finish(exportId, {
        rowCount,
        completedAt: toKoreaIso(clock()),
        ...(nextCursor !== undefined && { nextCursor }),
      });
      return { exportId, rowCount, ...(nextCursor !== undefined && { nextCursor }) };
    },

    /**
     * One case's timeline to `out`. The EXPORTED event is appended to the case's chain (and the
     * export logged) before any row is written: no record, no export.
     */
    async exportTimeline(
      actor: Actor,
      caseId: string,
      filter: TimelineFilter,
      options: { format: ExportFormat; out: Writable; via: 'api' | 'cli' },
    ): Promise<ExportOutcome & { caseNumber: string }> {
      assertCanExport(actor);
      const loaded = await deps.cases.get(caseId);
      if (!loaded)
        throw new NotFoundError(`No case with id ${caseId}`, `사건(${caseId})을 찾을 수 없습니다`, {
          field: 'caseId',
          rule: 'not_found',
        });
      assertCanRead(actor, loaded);
      const { case: c, events } = await loadChain(deps.cases, loaded);
      const verification = verifyChain(events, c);
      const entries = timeline(events, filter).map((e) => timelineExportEntry(c.caseNumber, e));
      const exportId = newId();
      const at = toKoreaIso(clock());
      const filters = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as Record<
        string,
        unknown
      >;
      await deps.exportLog.start({
        exportId,
        at,
        actor: eventActor(actor),
        scope: 'timeline',
        format: options.format,
        filters,
        caseId: c.caseId,
        caseNumber: c.caseNumber,
        via: options.via,
      });
      await deps.cases.appendWithoutVersion(c.caseId, [
        {
          type: 'EXPORTED',
          at,
          actor: eventActor(actor),
          data: {
            exportId,
            format: options.format,
            via: options.via,
            rows: entries.length,
            ...(Object.keys(filters).length > 0 && { filter: filters }),
          },
        },
      ]);
      const rows = (async function* () {
        yield* entries;
      })();
      if (options.format === 'csv') await writeCsv(rows, TIMELINE_EXPORT_COLUMNS, options.out);
      else {
        const head = {
          exportId,
          exportedAt: at,
          case: {
            caseId: c.caseId,
            caseNumber: c.caseNumber,
            kind: c.kind,
            kindLabel: KINDS.labelOf(c.kind),
            title: c.sealed ? SEALED_TITLE : c.title,
            sealed: c.sealed,
            stage: c.stage,
          },
          filter: filters,
          verification,
        };
        await writeJson(head, rows, () => ({ rowCount: entries.length }), options.out);
      }
      await deps.exportLog.finish(exportId, { rowCount: entries.length, completedAt: toKoreaIso(clock()) });
      return { exportId, rowCount: entries.length, caseNumber: c.caseNumber };
    },

    /** The export records of a month (auditors: who exported what). */
    async listExports(actor: Actor, month: string) {
      assertCanReadReports(actor);
      return deps.exportLog.listMonth(month);
    },
  };
}

export type CaseExportUseCases = ReturnType<typeof caseExportUseCases>;
