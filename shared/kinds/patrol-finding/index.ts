/**
 * 순찰 지적사항: details under `patrolFinding` (patrol-finding.ts) — the patrol or 살피미 report it
 * came from, the place, the department asked with the before-photos and a due date, its correction
 * reports with after-photos, the re-checks — run by workflows/patrol-finding.workflow.ts with the
 * settings of patrol-finding-settings.ts; the office report's tables by patrol and by 동 in report.ts.
 */
import * as z from 'zod';
import { CalendarYearNotCoveredError, createCalendar, type Calendar } from '../../calendar/index.ts';
import { ValidationError } from '../../domain/errors.ts';
import { defineKind } from '../../domain/kind.ts';
import {
  applyPatrolFindingDecision,
  nextPatrolFindingStep,
  openPatrolFinding,
  PATROL_FINDING_DECISION_LABELS,
  patrolFindingDecisionForms,
  patrolFindingIntakeSchema,
  patrolFindingIntakeSummary,
  patrolFindingRecordSchema,
  type PatrolFindingIntake,
} from './patrol-finding.ts';
import { patrolFindingTaskDue, requestDue } from './due.ts';
import { PATROL_FINDING_DUE_RULES, type PatrolFindingDueRule } from './patrol-finding-settings.ts';
import { patrolFindingView } from './patrol-finding-view.ts';
import { patrolFindingsByDongTable, patrolFindingsTable } from './report.ts';

export const PATROL_FINDING_WORKFLOW = 'patrol-finding';

let defaultCalendar: Calendar | undefined;
const calendarOr = (calendar: Calendar | undefined) => calendar ?? (defaultCalendar ??= createCalendar());

function settingDue(due: () => { dueAt: string }): string | undefined {
  try {
    return due().dueAt.slice(0, 10);
  } catch (error) {
    if (error instanceof CalendarYearNotCoveredError) return undefined;
    throw error;
  }
}

export const patrolFinding = defineKind({
  kind: 'patrol-finding',
  labelKo: '순찰 지적사항',
  team: 'patrol',
  sealedByDefault: false,
  workflow: PATROL_FINDING_WORKFLOW,
  // The list by 동 the patrol team reads: `?dong=…` searches this kind's partition only.
  search: {
    large: true,
    filters: {
      dong: {
        path: ['patrolFinding', 'place', 'dong'],
        partitionByKind: true,
        schema: z.string().trim().min(1).max(20).describe('행정동 (순찰 지적사항의 장소)'),
      },
    },
  },
  reportTables: [patrolFindingsTable, patrolFindingsByDongTable],
  taskTypes: ['patrol-finding-request', 'patrol-finding-correction', 'patrol-finding-recheck'],
  details: {
    key: 'patrolFinding',
    record: patrolFindingRecordSchema,
    intake: patrolFindingIntakeSchema,
    intakeDescriptionKo:
      '순찰 지적사항 (순찰 구분·순찰명 또는 살피미 신고번호, 적출일, 장소: 주소·행정동·좌표, 분야, 적출사항) — 순찰 지적사항에만',
    view: patrolFindingView,
    open({ intake, input, calendar }) {
      const record = openPatrolFinding(intake, input.receivedAt);
      const dueDate = input.dueDate ?? settingDue(() => requestDue(record.foundOn, calendarOr(calendar)));
      return {
        details: record,
        ...(dueDate !== undefined && { dueDate }),
        eventData: patrolFindingIntakeSummary(record),
      };
    },
    notForKind: () =>
      new ValidationError(
        'patrolFinding details are only for patrol findings',
        '순찰 지적사항 정보는 순찰 지적사항에만 입력합니다',
        { field: 'patrolFinding', rule: 'not_for_kind' },
      ),
  },
  decisions: {
    forms: patrolFindingDecisionForms,
    labels: PATROL_FINDING_DECISION_LABELS,
    apply(c, _task, form, { actorSub, at, calendar }) {
      const applied = applyPatrolFindingDecision(c, form, actorSub, at, calendar);
      return (
        applied && {
          patch: {
            patrolFinding: applied.record,
            ...(applied.department !== undefined && { department: applied.department }),
            ...(applied.dueDate !== undefined && { dueDate: applied.dueDate }),
          },
          drafts: [{ type: 'DECISION_RECORDED', data: { decision: form.decision, ...applied.eventData } }],
        }
      );
    },
  },
  dueRules: {
    rules: PATROL_FINDING_DUE_RULES,
    due: (rule, ctx) => patrolFindingTaskDue(rule as PatrolFindingDueRule, ctx),
  },
  nextStep: (c) => nextPatrolFindingStep(c),
});

export type { PatrolFindingIntake };
