/**
 * What search results and exports may contain: an ALLOW-list. A case row is built field by field
 * from the record (never by copying it and deleting what must not show), so a field added to a case
 * later — e.g. the identity of a complainant or petitioner, or a misconduct case's officials
 * concerned — stays out of every list and export until someone adds it here on purpose.
 *
 * Sealed cases (신원 보호 대상) appear in lists, but without their title: it often names the people
 * involved. Their identity fields (officials concerned: name, department, grade, staff id; the
 * reporter or complainant) are never on a row for any case.
 */
import { CASE_STAGE_LABELS, type CaseRecord } from './case.ts';
import { KINDS } from '../kinds/registry.ts';
import { TEAM_LABELS } from './roles.ts';
import { agencyOf, committeeLabel, committeeOf, isOverdue, OUTCOME_LABELS, outcomeOf } from './search-facets.ts';
import { toKoreaIso } from './korea-time.ts';
import type { TimelineEntry } from './timeline.ts';

/** Shown instead of a sealed case's title. */
export const SEALED_TITLE = '비공개 사건';

/** One case as lists and exports show it (codes and Korean labels; times in Korea time). */
export interface CaseListEntry {
  caseId: string;
  caseNumber: string;
  kind: CaseRecord['kind'];
  kindLabel: string;
  team: CaseRecord['team'];
  teamLabel: string;
  title: string;
  sealed: boolean;
  stage: CaseRecord['stage'];
  stageLabel: string;
  outcome?: string;
  outcomeLabel?: string;
  assigneeSub?: string;
  department?: string;
  channel?: string;
  agency?: string;
  committee?: string;
  committeeLabel?: string;
  receivedAt: string;
  dueDate?: string;
  overdue: boolean;
  closedAt?: string;
  updatedAt: string;
}

export function caseListEntry(c: CaseRecord, today: string): CaseListEntry {
  const outcome = outcomeOf(c);
  const committee = committeeOf(c);
  const agency = agencyOf(c);
  return {
    caseId: c.caseId,
    caseNumber: c.caseNumber,
    kind: c.kind,
    kindLabel: KINDS.labelOf(c.kind),
    team: c.team,
    teamLabel: TEAM_LABELS[c.team],
    title: c.sealed ? SEALED_TITLE : c.title,
    sealed: c.sealed,
    stage: c.stage,
    stageLabel: CASE_STAGE_LABELS[c.stage],
    ...(outcome !== undefined && { outcome, outcomeLabel: OUTCOME_LABELS[outcome] }),
    ...(c.assigneeSub !== undefined && { assigneeSub: c.assigneeSub }),
    ...(c.department !== undefined && { department: c.department }),
    ...(c.channel !== undefined && { channel: c.channel }),
    ...(agency !== undefined && { agency }),
    ...(committee !== undefined && { committee, committeeLabel: committeeLabel(committee) }),
    receivedAt: toKoreaIso(new Date(c.receivedAt)),
    ...(c.dueDate !== undefined && { dueDate: c.dueDate }),
    overdue: isOverdue(c, today),
    ...(c.closedAt !== undefined && { closedAt: toKoreaIso(new Date(c.closedAt)) }),
    updatedAt: toKoreaIso(new Date(c.updatedAt)),
  };
}

export interface ExportColumn<T> {
  key: string;
  /** The Korean column heading. */
  header: string;
  value: (row: T) => string | number | boolean | undefined;
}

/** `2026-11-25 09:30` — Korea time as Excel reads a date-time cell. */
export const excelKoreaTime = (iso: string | undefined) =>
  iso === undefined ? undefined : toKoreaIso(new Date(iso)).slice(0, 16).replace('T', ' ');
const yesNo = (v: boolean) => (v ? '예' : '아니오');

export const CASE_EXPORT_COLUMNS: readonly ExportColumn<CaseListEntry>[] = [
  { key: 'caseNumber', header: '사건번호', value: (r) => r.caseNumber },
  { key: 'kind', header: '사건 종류', value: (r) => r.kindLabel },
  { key: 'team', header: '담당 팀', value: (r) => r.teamLabel },
  { key: 'title', header: '제목', value: (r) => r.title },
  { key: 'stage', header: '단계', value: (r) => r.stageLabel },
  { key: 'outcome', header: '처리 결과', value: (r) => r.outcomeLabel },
  { key: 'assigneeSub', header: '담당자', value: (r) => r.assigneeSub },
  { key: 'department', header: '관련 부서', value: (r) => r.department },
  { key: 'channel', header: '접수 경로', value: (r) => r.channel },
  { key: 'agency', header: '통보 기관', value: (r) => r.agency },
  { key: 'committee', header: '심의 위원회', value: (r) => r.committeeLabel },
  { key: 'receivedAt', header: '접수 일시', value: (r) => excelKoreaTime(r.receivedAt) },
  { key: 'dueDate', header: '처리기한', value: (r) => r.dueDate },
  { key: 'overdue', header: '기한 경과', value: (r) => yesNo(r.overdue) },
  { key: 'closedAt', header: '종결 일시', value: (r) => excelKoreaTime(r.closedAt) },
  { key: 'updatedAt', header: '최종 변경 일시', value: (r) => excelKoreaTime(r.updatedAt) },
  { key: 'sealed', header: '비공개', value: (r) => yesNo(r.sealed) },
  { key: 'caseId', header: '사건 ID', value: (r) => r.caseId },
];

/**
 * One timeline event as exported: who, when, what, stage before/after, decision, reasons and the
 * chain links. The event's `data` is not exported as such — it carries intake details such as the
 * officials concerned of a misconduct case — only the fields the timeline itself derives.
 */
export interface TimelineExportEntry {
  caseNumber: string;
  seq: number;
  type: string;
  typeLabel: string;
  at: string;
  actorSub: string;
  actorName?: string;
  actorRole: string;
  actorRoleLabel: string;
  stageBefore?: string;
  stageBeforeLabel?: string;
  stageAfter?: string;
  stageAfterLabel?: string;
  decision?: string;
  decisionLabel?: string;
  reasons?: string;
  taskId?: string;
  prevHash: string;
  hash: string;
}

export function timelineExportEntry(caseNumber: string, e: TimelineEntry): TimelineExportEntry {
  return {
    caseNumber,
    seq: e.seq,
    type: e.type,
    typeLabel: e.typeLabel,
    at: toKoreaIso(new Date(e.at)),
    actorSub: e.actor.sub,
    ...(e.actor.name !== undefined && { actorName: e.actor.name }),
    actorRole: e.actor.role,
    actorRoleLabel: e.actorRoleLabel,
    ...(e.stageBefore !== undefined && { stageBefore: e.stageBefore, stageBeforeLabel: e.stageBeforeLabel }),
    ...(e.stageAfter !== undefined && { stageAfter: e.stageAfter, stageAfterLabel: e.stageAfterLabel }),
    ...(e.decision !== undefined && { decision: e.decision, decisionLabel: e.decisionLabel }),
    ...(e.reasons !== undefined && { reasons: e.reasons }),
    ...(e.taskId !== undefined && { taskId: e.taskId }),
    prevHash: e.prevHash,
    hash: e.hash,
  };
}

export const TIMELINE_EXPORT_COLUMNS: readonly ExportColumn<TimelineExportEntry>[] = [
  { key: 'caseNumber', header: '사건번호', value: (r) => r.caseNumber },
  { key: 'seq', header: '순번', value: (r) => r.seq },
  { key: 'at', header: '일시', value: (r) => excelKoreaTime(r.at) },
  { key: 'type', header: '구분', value: (r) => r.typeLabel },
  { key: 'actorName', header: '처리자', value: (r) => r.actorName ?? r.actorSub },
  { key: 'actorRole', header: '역할', value: (r) => r.actorRoleLabel },
  { key: 'stageBefore', header: '이전 단계', value: (r) => r.stageBeforeLabel },
  { key: 'stageAfter', header: '이후 단계', value: (r) => r.stageAfterLabel },
  { key: 'decision', header: '결정', value: (r) => r.decisionLabel },
  { key: 'reasons', header: '사유', value: (r) => r.reasons },
  { key: 'taskId', header: '업무 ID', value: (r) => r.taskId },
  { key: 'hash', header: '해시', value: (r) => r.hash },
  { key: 'prevHash', header: '이전 해시', value: (r) => r.prevHash },
];
