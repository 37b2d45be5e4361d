/**
 * A case as it stood at the end of a Korean date, rebuilt from its history (not from the case item,
 * which only knows the present). What can be rebuilt is exactly what the events record:
 *
 * - from CASE_CREATED: case number, kind, title, received time, sealed, channel, department, due date;
 * - from CASE_UPDATED (each changed field with before/after): title, summary, department, due date;
 * - from the events a kind says move the due date (`dueDateMove`: a grievance's extensions and clock stops, a
 *   petition's extension), with the due date before and after: the due date;
 * - from ASSIGNED (assignee and previous assignee): the assignee;
 * - from every event with `stageAfter` (stage moves, suspension, resumption): the stage, and the
 *   closing time when it reached `closed`;
 * - created at/by, and "last changed" = the time of the last event that changed the case.
 *
 * A field edited later is rebuilt from the first later change's `before`, so the summary (which
 * intake does not record) is exact too. Not rebuilt: the misconduct details (officials, evidence,
 * 징계시효, disposition — see the timeline for those events), the workflow execution and the version.
 */
import type { CaseRecord, CaseStage } from './case.ts';
import type { HistoryEvent } from './history.ts';
import type { KindRegistry } from './kind-registry.ts';
import { eventKoreaDate } from './timeline.ts';

export const AS_OF_FIELDS = [
  'caseNumber',
  'kind',
  'team',
  'title',
  'summary',
  'stage',
  'assigneeSub',
  'department',
  'channel',
  'receivedAt',
  'dueDate',
  'sealed',
  'createdAt',
  'createdBy',
  'updatedAt',
  'closedAt',
] as const;
/** Fields a case as of a date leaves out: every kind's details (read them in the history timeline) and the core's bookkeeping. */
export const notAsOfFields = (kinds: Pick<KindRegistry, 'sections'>): string[] => [
  ...kinds.sections.map(({ section }) => section.key),
  'executionArn',
  'version',
];

type AsOfField = (typeof AS_OF_FIELDS)[number];
export type CaseAsOf = Pick<CaseRecord, 'caseId' | AsOfField> & { asOf: string; lastSeq: number };

/** Events that only observe or notify; they do not change the case, so they do not move "last changed". */
const NON_CHANGING = new Set([
  'SENSITIVE_READ',
  'MAIL_SENT',
  'MAIL_FAILED',
  'EXPORTED',
  'REGISTRATION_READ',
  'FILE_DOWNLOADED',
]);

/**
 * `current` supplies only what never changes after intake (kind, team, channel, sealed, creator)
 * and the present value of a field no event ever changed. Undefined when the case did not exist yet.
 */
export function caseAsOf(
  current: CaseRecord,
  events: readonly HistoryEvent[],
  asOf: string,
  kinds: Pick<KindRegistry, 'dueDateMoveOf'>,
): CaseAsOf | undefined {
  const before = events.filter((e) => eventKoreaDate(e) <= asOf);
  const after = events.filter((e) => eventKoreaDate(e) > asOf);
  const created = before.find((e) => e.type === 'CASE_CREATED');
  if (!created) return undefined;

  const edited = (field: 'title' | 'summary' | 'department' | 'dueDate'): unknown => {
    const change = (e: HistoryEvent) =>
      e.type === 'CASE_UPDATED'
        ? (e.data.changes as Record<string, { before: unknown; after: unknown }> | undefined)?.[field]
        : field === 'dueDate'
          ? kinds.dueDateMoveOf(current.kind, e)
          : undefined;
    const lastBefore = [...before]
      .reverse()
      .map(change)
      .find((c) => c !== undefined);
    if (lastBefore) return lastBefore.after;
    const firstAfter = after.map(change).find((c) => c !== undefined);
    if (firstAfter) return firstAfter.before;
    // Never changed: what intake recorded, or the present value (a kind's own intake due date, never moved since).
    return field === 'title' || field === 'department' || field === 'dueDate'
      ? (created.data[field] ?? current[field])
      : current[field];
  };

  const assignments = events.filter((e) => e.type === 'ASSIGNED');
  const lastAssigned = [...before].reverse().find((e) => e.type === 'ASSIGNED');
  const firstLaterAssigned = after.find((e) => e.type === 'ASSIGNED');
  const assignee = lastAssigned
    ? lastAssigned.data.assigneeSub
    : firstLaterAssigned
      ? firstLaterAssigned.data.previous
      : assignments.length === 0
        ? current.assigneeSub
        : undefined;

  const lastStageMove = [...before].reverse().find((e) => e.stageAfter !== undefined);
  const stage = (lastStageMove?.stageAfter ?? 'intake') as CaseStage;
  const lastChange = [...before].reverse().find((e) => !NON_CHANGING.has(e.type)) ?? created;
  const defined = <T>(v: T | null | undefined): v is T => v !== undefined && v !== null;
  const title = edited('title');
  const summary = edited('summary');
  const department = edited('department');
  const dueDate = edited('dueDate');

  return {
    caseId: current.caseId,
    caseNumber: current.caseNumber,
    kind: current.kind,
    team: current.team,
    title: typeof title === 'string' ? title : current.title,
    summary: typeof summary === 'string' ? summary : '',
    stage,
    ...(defined(assignee) && { assigneeSub: String(assignee) }),
    ...(typeof department === 'string' && { department }),
    ...(current.channel !== undefined && { channel: current.channel }),
    receivedAt: current.receivedAt,
    ...(typeof dueDate === 'string' && { dueDate }),
    sealed: current.sealed,
    createdAt: created.at,
    createdBy: current.createdBy,
    updatedAt: lastChange.at,
    ...(stage === 'closed' && lastStageMove && { closedAt: lastStageMove.at }),
    asOf,
    lastSeq: before.at(-1)?.seq ?? 0,
  };
}
