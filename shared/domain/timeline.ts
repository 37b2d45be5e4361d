/**
 * A case's timeline as auditors read it: each history event with who (actor, role), when (Korea
 * time, also written the Korean way), the stage before/after, the decision and the reasons given;
 * filtered by event type, actor and Korean-date period. Pure: the chain itself is never altered,
 * so filtering never changes what verification sees.
 */
import { CASE_STAGE_LABELS, type CaseStage } from './case.ts';
import type { HistoryEvent, HistoryEventType } from './history.ts';
import { formatKoreanDateTime, koreaDate } from './korea-time.ts';
import { ROLE_LABELS, type Role } from './roles.ts';
import { ON_BEHALF_REASON_LABELS } from './task.ts';

export const EVENT_TYPE_LABELS: Record<HistoryEventType, string> = {
  CASE_CREATED: '사건 접수',
  CASE_UPDATED: '사건 정보 수정',
  NOTE_ADDED: '메모',
  STAGE_CHANGED: '단계 변경',
  ASSIGNED: '담당자 배정',
  TASK_OPENED: '업무 생성',
  TASK_COMPLETED: '업무 처리',
  DECISION_RECORDED: '결정 기록',
  MAIL_SENT: '메일 발송',
  MAIL_FAILED: '메일 전달 실패',
  SENSITIVE_READ: '비공개 사건 열람',
  WORKFLOW_MOVED: '워크플로 이동',
  OFFICIAL_ADDED: '관련 공무원 추가',
  EVIDENCE_ADDED: '증거 추가',
  FILE_ATTACHED: '파일 첨부',
  FILE_DOWNLOADED: '파일 내려받기',
  SUSPENDED: '절차 정지',
  RESUMED: '절차 재개',
  LIMITATION_CHANGED: '징계시효 변경',
  DISPOSITION_RECORDED: '처분 기록',
  RESOLUTION_RECORDED: '의결 기록',
  EXPORTED: '이력 내보내기',
  PETITION_EXTENDED: '청원 처리기간 연장',
  PETITION_OBJECTION_FILED: '청원 이의신청',
  COMMITTEE_MINUTES: '위원회 회의록',
  DUE_EXTENDED: '처리기간 연장',
  CLOCK_STOPPED: '현장조사 시작(기간 정지)',
  CLOCK_RESUMED: '현장조사 종료(기간 재개)',
  PROGRESS_NOTICE_RECORDED: '민원인 통지',
  CASES_LINKED: '동일 민원 연결',
  FINDING_RECORDED: '지적사항 기록',
  FINDING_UPDATED: '지적사항 수정·이행',
  REGISTRANTS_ADDED: '재산등록 의무자 등록',
  REGISTRANT_CHANGED: '재산등록 심사 진행',
  REGISTRATION_READ: '재산등록 사항 열람 (사유 기록)',
  CITIZEN_CHECK_REPORTED: '구민감사관 점검 결과 보고',
  CITIZEN_CHECK_REPLIED: '현장점검 부서 회신',
  IDENTITY_SEALED: '신고자 신원 봉인',
  IDENTITY_ACCESS_REQUESTED: '신원 열람 요청',
  IDENTITY_ACCESS_GRANTED: '신원 열람 승인',
  IDENTITY_ACCESS_REFUSED: '신원 열람 거부',
  IDENTITY_READ: '신원 열람',
};

export interface TimelineFilter {
  types?: readonly HistoryEventType[];
  actorSub?: string;
  /** Korean dates (YYYY-MM-DD), both inclusive. */
  from?: string;
  to?: string;
}

/** The Korean calendar date an event happened on, whatever offset its time was written with. */
export const eventKoreaDate = (e: Pick<HistoryEvent, 'at'>): string => koreaDate(new Date(e.at));

export function matchesFilter(e: HistoryEvent, f: TimelineFilter): boolean {
  if (f.types && f.types.length > 0 && !f.types.includes(e.type)) return false;
  if (f.actorSub !== undefined && e.actor.sub !== f.actorSub) return false;
  const day = f.from !== undefined || f.to !== undefined ? eventKoreaDate(e) : '';
  if (f.from !== undefined && day < f.from) return false;
  if (f.to !== undefined && day > f.to) return false;
  return true;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

/** One event as the timeline shows it; the stored event's fields (and hashes) stay as they are. */
export function timelineEntry(e: HistoryEvent) {
  const decision = text(e.data.decision);
  // Reasons are written under different names by different steps (return reasons, reassignment or suspension reason, comment).
  const reasons = text(e.data.reasons) ?? text(e.data.reasonLabel) ?? text(e.data.reason) ?? text(e.data.comment);
  const role = e.actor.role;
  return {
    ...e,
    typeLabel: EVENT_TYPE_LABELS[e.type],
    atKorea: formatKoreanDateTime(new Date(e.at)),
    date: eventKoreaDate(e),
    actorRoleLabel: role === 'system' ? '시스템' : role === 'unknown' ? '알 수 없음' : ROLE_LABELS[role as Role],
    ...(e.actor.onBehalfOf !== undefined && {
      onBehalfOfLabel: `${ON_BEHALF_REASON_LABELS[e.actor.onBehalfOf.reason as keyof typeof ON_BEHALF_REASON_LABELS] ?? '대결'} — ${e.actor.onBehalfOf.labelKo}`,
    }),
    ...(e.stageBefore !== undefined && { stageBeforeLabel: CASE_STAGE_LABELS[e.stageBefore as CaseStage] }),
    ...(e.stageAfter !== undefined && { stageAfterLabel: CASE_STAGE_LABELS[e.stageAfter as CaseStage] }),
    ...(decision !== undefined && { decision, decisionLabel: text(e.data.decisionLabel) ?? decision }),
    ...(reasons !== undefined && { reasons }),
    ...(text(e.data.taskId) !== undefined && { taskId: text(e.data.taskId) }),
  };
}

/** An entry as the timeline shows it; a coalesced sensitive read also carries its hour's read count (read-tally-store.ts). */
export type TimelineEntry = ReturnType<typeof timelineEntry> & {
  reads?: number;
  readsByWhat?: Record<string, number>;
};

export function timeline(events: readonly HistoryEvent[], filter: TimelineFilter = {}): TimelineEntry[] {
  return events.filter((e) => matchesFilter(e, filter)).map(timelineEntry);
}
