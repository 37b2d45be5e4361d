/**
 * Imports a 응답소 export into field-complaint records. Idempotent by 응답소 number: a row whose
 * content is unchanged writes nothing; a changed row updates its record and appends one entry to
 * the record's change log (what changed, from which import and row); a new row creates a record.
 * A malformed row (or a second row with a number already seen in the same file) is reported with
 * its row number and reason and the rest imports. A crash mid-file loses nothing: running the
 * import again finishes it (rows already written are unchanged).
 */
import type { Calendar } from '../calendar/index.ts';
import {
  type FieldComplaintRecord,
  type FieldComplaintRow,
  type RowError,
  readRow,
  rowChanges,
  toRecord,
} from '../kinds/field-complaint/complaint-record.ts';
import type { OpenedExport } from '../kinds/field-complaint/export-file.ts';
import {
  DEFAULT_FIELD_COMPLAINT_STANDARDS,
  type FieldComplaintStandards,
  standardsLookup,
} from '../kinds/field-complaint/standards.ts';

export interface StoredFieldComplaint {
  record: FieldComplaintRecord;
  version: number;
}

export interface FieldComplaintChange {
  at: string;
  importId: string;
  row: number;
  changes: Record<string, [unknown, unknown]>;
}

export interface FieldImportJob {
  importId: string;
  fileName: string;
  /** queued: started through the API, waiting for its worker (field-complaint-import-jobs.ts). */
  status: 'queued' | 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt?: string;
  byName?: string;
  bySub?: string;
  /** When the job's status was last saved (Korea time): a worker that stops saving has died. */
  savedAt?: string;
  /**
   * The run this status belongs to (API imports): starting a stale job again makes the next attempt,
   * and a save by an earlier attempt's worker is refused by the store.
   */
  attempt?: number;
  /** The uploaded file's size and SHA-256 (API imports: checked against what the browser declared). */
  size?: number;
  sha256?: string;
  counts: FieldImportCounts;
  /** The first errors (row and reason); `counts.failed` has how many in all. */
  errors: RowError[];
  messageKo?: string;
}

export interface FieldImportCounts {
  read: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

/** Storage of field-complaint records (shared/store/field-complaint-store.ts). */
export interface FieldComplaintRecords {
  getMany(numbers: readonly string[]): Promise<Map<string, StoredFieldComplaint>>;
  /** Creates records that do not exist yet (numbers checked absent just before). */
  createMany(records: readonly FieldComplaintRecord[], importId: string): Promise<void>;
  /** Replaces the record if still at `expectedVersion`, with its change-log entry; false when it moved on. */
  update(record: FieldComplaintRecord, expectedVersion: number, change: FieldComplaintChange): Promise<boolean>;
  saveJob(job: FieldImportJob): Promise<void>;
  getJob(importId: string): Promise<FieldImportJob | undefined>;
  changesOf(number: string): Promise<FieldComplaintChange[]>;
  month(month: string): Promise<FieldComplaintRecord[]>;
}

export interface FieldImportOptions {
  importId: string;
  fileName: string;
  byName?: string;
  calendar: Calendar;
  standards?: FieldComplaintStandards;
  clock?: () => Date;
  /** Rows per storage round (one BatchGet; default 100, DynamoDB's BatchGet limit). */
  chunkSize?: number;
  /** Chunks in flight at once (default 4). */
  concurrency?: number;
  /** Called after each chunk with the counts so far. */
  onProgress?: (counts: FieldImportCounts) => void;
  /** How often (rows) the job's status is saved for the console (default 5,000). */
  saveEvery?: number;
  /** The job's fields from its start through the API (who, attempt, the file's hash, when it was queued). */
  job?: Pick<FieldImportJob, 'bySub' | 'attempt' | 'size' | 'sha256' | 'startedAt'>;
}

const KEPT_ERRORS = 500;
const koreaNow = (d: Date) => `${new Date(d.getTime() + 9 * 3_600_000).toISOString().slice(0, 19)}+09:00`;

export async function importFieldComplaints(
  store: FieldComplaintRecords,
  file: OpenedExport,
  options: FieldImportOptions,
): Promise<FieldImportJob> {
  const clock = options.clock ?? (() => new Date());
  const lookup = standardsLookup(options.standards ?? DEFAULT_FIELD_COMPLAINT_STANDARDS);
  const chunkSize = options.chunkSize ?? 100;
  const concurrency = options.concurrency ?? 4;
  const saveEvery = options.saveEvery ?? 5000;
  const counts: FieldImportCounts = { read: 0, created: 0, updated: 0, unchanged: 0, failed: 0 };
  const job: FieldImportJob = {
    importId: options.importId,
    fileName: options.fileName,
    status: 'running',
    startedAt: koreaNow(clock()),
    ...(options.byName ? { byName: options.byName } : {}),
    ...options.job,
    counts,
    errors: [],
  };
  const save = (snapshot: FieldImportJob) => store.saveJob({ ...snapshot, savedAt: koreaNow(clock()) });
  await save(job);
  const fail = (error: RowError) => {
    counts.failed++;
    if (job.errors.length < KEPT_ERRORS) job.errors.push(error);
  };
  const seen = new Map<string, number>();
  const inFlight = new Set<Promise<void>>();
  let lastSaved = 0;

  const storeChunk = async (chunk: { row: number; data: FieldComplaintRow }[]) => {
    const existing = await store.getMany(chunk.map((c) => c.data.number));
    const fresh: FieldComplaintRecord[] = [];
    const changed: {
      row: number;
      data: FieldComplaintRow;
      record: FieldComplaintRecord;
      stored: StoredFieldComplaint;
    }[] = [];
    for (const { row, data } of chunk) {
      const record = toRecord(data, lookup(data.field, data.item), options.calendar);
      const stored = existing.get(data.number);
      if (!stored) {
        fresh.push(record);
        continue;
      }
      if (stored.record.rowHash === record.rowHash) {
        counts.unchanged++;
        continue;
      }
      changed.push({ row, data, record, stored });
    }
    if (fresh.length > 0) await store.createMany(fresh, options.importId);
    counts.created += fresh.length;
    // A few at a time: a changed row is a transaction, and a month's re-export may change thousands.
    for (let i = 0; i < changed.length; i += 8) {
      await Promise.all(
        changed.slice(i, i + 8).map(async ({ row, data, record, stored }) => {
          const change = {
            at: koreaNow(clock()),
            importId: options.importId,
            row,
            changes: rowChanges(stored.record, data),
          };
          if (await store.update(record, stored.version, change)) counts.updated++;
          else
            fail({
              row,
              number: data.number,
              reasonKo: '다른 가져오기가 같은 민원을 동시에 바꾸었습니다. 다시 가져오십시오',
            });
        }),
      );
    }
  };

  const flush = async (chunk: { row: number; data: FieldComplaintRow }[]) => {
    const work = storeChunk(chunk).then(async () => {
      inFlight.delete(work);
      options.onProgress?.({ ...counts });
      if (counts.read - lastSaved >= saveEvery) {
        lastSaved = counts.read;
        await save({ ...job, counts: { ...counts } });
      }
    });
    // Marked handled here: a failed chunk is awaited below (race, all), but may fail before that.
    work.catch(() => undefined);
    inFlight.add(work);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  };

  try {
    let chunk: { row: number; data: FieldComplaintRow }[] = [];
    for await (const { row, cells } of file.rows) {
      if (cells.every((c) => c === null || c === undefined || String(c).trim() === '')) continue;
      counts.read++;
      const outcome = readRow(row, cells, file.columns);
      if (!outcome.ok) {
        fail(outcome.error);
        continue;
      }
      const earlier = seen.get(outcome.row.number);
      if (earlier !== undefined) {
        fail({ row, number: outcome.row.number, reasonKo: `같은 응답소 번호가 ${earlier}행에 이미 있습니다` });
        continue;
      }
      seen.set(outcome.row.number, row);
      chunk.push({ row, data: outcome.row });
      if (chunk.length >= chunkSize) {
        await flush(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await flush(chunk);
    await Promise.all(inFlight);
    Object.assign(job, { status: 'done', finishedAt: koreaNow(clock()), counts: { ...counts } });
  } catch (error) {
    await Promise.allSettled(inFlight);
    Object.assign(job, {
      status: 'failed',
      finishedAt: koreaNow(clock()),
      counts: { ...counts },
      messageKo: `가져오기가 중단되었습니다: ${error instanceof Error ? error.message : String(error)} (다시 가져오면 이어서 반영됩니다)`,
    });
    await save(job);
    throw error;
  }
  await save(job);
  return job;
}
