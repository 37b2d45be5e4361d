/** Key builders for the item layout documented in table-definition.ts. */
import { SEARCH_ATTRIBUTES } from './case-search-index.ts';

export const keys = {
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  event: (caseId: string, seq: number) => ({ pk: `CASE#${caseId}`, sk: `EVENT#${String(seq).padStart(8, '0')}` }),
  eventPrefix: 'EVENT#',
  task: (caseId: string, taskId: string) => ({ pk: `CASE#${caseId}`, sk: `TASK#${taskId}` }),
  taskPrefix: 'TASK#',
  tasksOfPerson: (sub: string) => `TASKS#${sub}`,
  tasksOfRole: (role: string, team: string | undefined) => `TASKS#ROLE#${role}#${team ?? 'ALL'}`,
  openTasksShard: (shard: number) => `OPEN_TASKS#${shard}`,
  /** One reminder (task × threshold × recipient), kept in its case's partition so it changes with the case's history. */
  reminder: (caseId: string, taskId: string, threshold: string, recipientSub: string) => ({
    pk: `CASE#${caseId}`,
    sk: `REMINDER#${taskId}#${threshold}#${recipientSub}`,
  }),
  /** The count of one reader's reads of a sealed case in one Korea-time hour (read-tally-store.ts). */
  readTally: (caseId: string, hour: string, readerSub: string) => ({
    pk: `CASE#${caseId}`,
    sk: `READS#${hour}#${readerSub}`,
  }),
  readTallyPrefix: 'READS#',
  /** A registrant (재산등록 의무자) of a property-review campaign, in the campaign case's partition. */
  registrant: (caseId: string, registrantNo: string) => ({ pk: `CASE#${caseId}`, sk: `REGISTRANT#${registrantNo}` }),
  registrantPrefix: 'REGISTRANT#',
  reminderDigest: (digestId: string) => ({ pk: `REMINDER_DIGEST#${digestId}`, sk: 'DIGEST' }),
  /** The mailing of one periodic report (e.g. `grievance-quarterly#2026-Q3#<sub>`): sent once. */
  reportMail: (reportId: string) => ({ pk: `REPORT_MAIL#${reportId}`, sk: 'MAIL' }),
  /** A frozen office report (report-store.ts): the report and the hash of the data it came from. */
  officeReport: (reportId: string) => ({ pk: `REPORT#${reportId}`, sk: 'OFFICE_REPORT' }),
  /** gsi2 partition of reminder digests not yet finished (sorted by lease end), for crash recovery. */
  openReminderDigests: 'REMINDER_DIGESTS#OPEN',
  staff: (sub: string) => ({ pk: `STAFF#${sub}`, sk: 'PROFILE' }),
  /** A person's reminder preferences and unsubscribe token, next to their profile. */
  reminderPreferences: (sub: string) => ({ pk: `STAFF#${sub}`, sk: 'REMINDER_PREFERENCES' }),
  caseNumberCounter: (year: number, team: string) => ({ pk: `COUNTER#CASENO#${year}#${team}`, sk: 'COUNTER' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' }),
  byAssignee: (sub: string) => `ASSIGNEE#${sub}`,
  byKind: (kind: string) => `KIND#${kind}`,
  byCaseNumber: (caseNumber: string) => `CASENO#${caseNumber}`,
  byTeam: (team: string) => `TEAM#${team}`,
  /** gsi1 partition of the staff records of a 구 department (부서) outside the office's teams: its contacts. */
  staffOfDepartment: (department: string) => `STAFF_DEPT#${department.trim()}`,
  byEmail: (email: string) => `EMAIL#${email.toLowerCase()}`,
} as const;

/** Attributes that exist only for the table's keys and indexes, never part of a record. */
const STORAGE_ATTRIBUTES = new Set<string>([
  'pk',
  'sk',
  'entity',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  ...SEARCH_ATTRIBUTES,
]);

export function withoutStorageKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([k]) => !STORAGE_ATTRIBUTES.has(k)));
}
