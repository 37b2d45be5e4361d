/** Which date a patrol-finding task is due by, read from the case record (the settings of patrol-finding-settings.ts). */
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import type { TaskDue } from '../../domain/task.ts';
import { dueAfterBusinessDays } from '../../policies/task-deadlines.ts';
import type { PatrolFindingRecord } from './patrol-finding.ts';
import {
  correctionDueOn,
  PATROL_FINDING_CATEGORIES,
  PATROL_FINDING_SETTINGS,
  type PatrolFindingDueRule,
  UNCONFIRMED_KO,
} from './patrol-finding-settings.ts';

const basis = (labelKo: string): TaskDue['basis'] => ({
  labelKo: `${labelKo} (${UNCONFIRMED_KO})`,
  article: '법정 기한 없음 — 구 순찰 업무 기준',
  confidence: 'G',
  source: 'default',
});

export function requestDue(foundOn: string, calendar: Calendar): TaskDue {
  const days = PATROL_FINDING_SETTINGS.requestBusinessDays;
  return {
    dueAt: dueAfterBusinessDays(calendar, `${foundOn}T09:00:00+09:00`, days),
    basis: basis(`부서 개선·조치 요구 — 설정값: 적출일 ${foundOn}부터 ${days}근무일`),
  };
}

export function correctionDue(r: PatrolFindingRecord, today: string, calendar: Calendar): TaskDue {
  const dueOn = r.dueOn ?? correctionDueOn(today, r.category, calendar);
  const category = PATROL_FINDING_CATEGORIES[r.category];
  const given = r.extensions.length > 0 || (r.rechecks.length === 0 && r.request?.dueFrom === 'given');
  return {
    dueAt: `${dueOn}T18:00:00+09:00`,
    basis: given
      ? {
          labelKo: `부서 조치 기한 — 지정·연장한 날 ${dueOn}`,
          article: '법정 기한 없음 — 부서에 요구한 기한',
          confidence: 'G',
          source: 'case-date',
        }
      : basis(`부서 조치 기한 — 설정값: ${category.labelKo} ${category.correctionDays}일 (${dueOn})`),
  };
}

export function recheckDue(reportedOn: string, calendar: Calendar): TaskDue {
  const days = PATROL_FINDING_SETTINGS.recheckBusinessDays;
  return {
    dueAt: dueAfterBusinessDays(calendar, `${reportedOn}T09:00:00+09:00`, days),
    basis: basis(`현장 재확인 — 설정값: 조치 보고일 ${reportedOn}부터 ${days}근무일`),
  };
}

export function patrolFindingTaskDue(
  rule: PatrolFindingDueRule,
  ctx: { c: CaseRecord & { patrolFinding?: PatrolFindingRecord }; now: string; calendar: Calendar },
): TaskDue {
  const r = ctx.c.patrolFinding;
  const today = ctx.now.slice(0, 10);
  switch (rule) {
    case 'patrol-finding.request':
      return requestDue(r?.foundOn ?? today, ctx.calendar);
    case 'patrol-finding.correction':
      if (!r) throw new Error('a patrol finding without its details');
      return correctionDue(r, today, ctx.calendar);
    case 'patrol-finding.recheck':
      return recheckDue(r?.reports.at(-1)?.reportedOn ?? today, ctx.calendar);
  }
}
