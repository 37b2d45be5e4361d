/**
 * When the handler's task on a 구민감사관 check is due. While an auditor's report is missing, the task
 * is due on the report's due day (the check day + the setting, moved off a non-business day): a late
 * report makes the task overdue, and the morning deadline digest lists it for the handler (and,
 * later, their team lead) like any other overdue task. Once every auditor has reported, the task is
 * due a setting's business days later, for the reply and the closing. Neither period is in a text we
 * hold: settings, "구 규칙 확인 필요".
 */
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { TaskDue } from '../../domain/task.ts';
import { dueAfterBusinessDays } from '../../policies/task-deadlines.ts';
import { CITIZEN_CHECK_SETTINGS, citizenCheckOf, UNCONFIRMED_KO, type CitizenCheckRecord } from './citizen-check.ts';

export const CITIZEN_CHECK_DUE_RULES = ['citizen-check.follow-up'] as const;

const DAY_MS = 86_400_000;
const nextDay = (on: string) => new Date(Date.parse(`${on}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

export const reportsMissing = (r: CitizenCheckRecord): boolean =>
  r.auditors.some((a) => !r.reports.some((x) => x.auditorSub === a.sub));

/** The handler's task: due with the reports while one is missing, then `followUpBusinessDays` after `now`. */
export function citizenCheckTaskDue(c: CaseRecord, now: string, calendar: Calendar): TaskDue {
  const record = citizenCheckOf(c);
  const { reportDueDays, followUpBusinessDays } = CITIZEN_CHECK_SETTINGS;
  if (record && reportsMissing(record)) {
    let due = record.reportDueOn;
    while (!calendar.isBusinessDay(due)) due = nextDay(due);
    return {
      dueAt: `${due}T18:00:00+09:00`,
      basis: {
        labelKo: `구민감사관 점검 결과 보고 — 설정값: 점검일 ${record.checkDate}부터 ${reportDueDays}일 (${UNCONFIRMED_KO})`,
        source: 'default',
      },
    };
  }
  return {
    dueAt: dueAfterBusinessDays(calendar, now, followUpBusinessDays),
    basis: {
      labelKo: `현장점검 부서 회신·종결 — 설정값: 보고 후 ${followUpBusinessDays}근무일 (${UNCONFIRMED_KO})`,
      source: 'default',
    },
  };
}
