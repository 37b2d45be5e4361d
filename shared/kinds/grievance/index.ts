/**
 * Grievance complaints (고충민원): details under `grievance` (grievance.ts) with the statutory answer
 * period, extensions, clock stops and links; triage, audit findings, answer, 반복민원 closure and
 * mediation as decisions; the statutory due date can only be changed through its own rules.
 */
import * as z from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import { maskName, maskPerson } from '../../domain/identity.ts';
import { defineKind } from '../../domain/kind.ts';
import { grievanceTable } from './report.ts';
import { grievanceView } from './grievance-view.ts';
import {
  applyGrievanceDecision,
  GRIEVANCE_IDENTITY_FIELDS,
  GRIEVANCE_OUTCOME_LABELS,
  grievanceDecisionForms,
  grievanceIntakeSchema,
  grievanceRecordSchema,
  openGrievance,
  type GrievanceIntake,
  type GrievanceRecord,
} from './grievance.ts';
import { GRIEVANCE_DUE_RULES, grievanceTaskDue, type GrievanceDueRule } from './grievance-deadlines.ts';

export const grievance = defineKind({
  kind: 'grievance',
  labelKo: '고충민원',
  team: 'complaints',
  sealedByDefault: false,
  workflow: 'grievance',
  defaultPeriod: 'grievance.answer',
  reportTables: [grievanceTable],
  // Tens of thousands of cases a year: searches prefer any other partition.
  search: { large: true },
  requiredAtIntake: { channel: 'channel is required for a grievance complaint (required_for_grievance)' },
  taskTypes: ['grievance-triage', 'grievance-audit', 'grievance-answer', 'grievance-mediation'],
  details: {
    key: 'grievance',
    // The search facets read how it ended and whether the mediation committee has it.
    searched: {
      paths: [['outcome'], ['repeatedClosure', 'mediation'], ['lastMediation', 'decision']],
      row: z.object({
        outcome: z.string().optional(),
        repeatedClosure: z.object({ mediation: z.string() }).optional(),
        lastMediation: z.object({ decision: z.string() }).optional(),
      }),
      outcome: { labels: GRIEVANCE_OUTCOME_LABELS, of: (g: GrievanceRecord) => g.outcome },
      // A repeated grievance closed with mediation goes to the mediation committee (민원조정위원회).
      committee: (g: GrievanceRecord) => {
        const mediation = g.repeatedClosure?.mediation;
        return mediation === 'pending' || mediation === 'approved' || g.lastMediation !== undefined
          ? 'mediation'
          : undefined;
      },
    },
    record: grievanceRecordSchema,
    intake: grievanceIntakeSchema,
    view: grievanceView,
    // An extension and a clock stop or resumption record the statutory due date before and after.
    dueDateMove: (e) =>
      ['DUE_EXTENDED', 'CLOCK_STOPPED', 'CLOCK_RESUMED'].includes(e.type) && typeof e.data.dueDate === 'string'
        ? { before: e.data.previousDueDate, after: e.data.dueDate }
        : undefined,
    masked: (g: GrievanceRecord): GrievanceRecord => ({
      ...g,
      ...(g.complainant && { complainant: maskPerson(g.complainant) }),
      extensions: g.extensions.map((e) =>
        e.consent ? { ...e, consent: { ...e.consent, by: maskName(e.consent.by) } } : e,
      ),
    }),
    intakeDescriptionKo: '고충민원 정보 (민원인·다수인·재제출) — 고충민원에만 입력 가능',
    open({ kind, intake, input, actor, now, calendar }) {
      const opened = openGrievance({
        kind,
        intake: intake as GrievanceIntake | undefined,
        channel: input.channel,
        dueDate: input.dueDate,
        receivedAt: input.receivedAt,
        actorSub: actor.sub,
        now,
        ...(calendar !== undefined && { calendar }),
      });
      if (!opened) return undefined;
      return { details: opened.record, dueDate: opened.record.due.dueDate, eventData: opened.eventData };
    },
    notForKind: () =>
      new ValidationError(
        'grievance details are only for grievance complaints',
        '고충민원 정보는 고충민원에만 입력할 수 있습니다',
        {
          field: 'grievance',
          rule: 'only_for_grievance',
        },
      ),
  },
  decisions: {
    forms: grievanceDecisionForms,
    labels: {
      triage: '처리부서·담당자 지정',
      answer: '답변(처리결과 통지)',
      'close-as-repeated': '반복민원 종결(민원처리법 제23조)',
      'approve-closure': '종결 의결(민원조정위원회)',
      'reject-closure': '종결 불가 의결(답변 처리)',
    },
    assigning: ['triage'],
    apply(c, task, form, { actorSub, at, calendar }) {
      // Triage, audit findings, answer, 반복민원 closure, mediation (grievance.ts).
      const applied = applyGrievanceDecision(c, task.type, form, actorSub, at, calendar);
      return applied && { patch: { grievance: applied.grievance }, drafts: applied.drafts };
    },
  },
  guards: {
    assertPatch(c, patch) {
      if (c.grievance && patch.dueDate !== undefined && patch.dueDate !== c.dueDate) {
        throw new ValidationError(
          "A grievance's due date is its statutory period: extend it (POST /cases/{caseId}/extensions) or stop the clock (POST /cases/{caseId}/clock-stops)",
          '고충민원의 처리기한은 법정 처리기간입니다. 연장(시행령 제21조) 또는 현장조사 기간 정지(시행령 제17조⑤)로만 바꿀 수 있습니다',
          { field: 'dueDate', rule: 'statutory_due_date' },
        );
      }
    },
  },
  dueRules: {
    rules: GRIEVANCE_DUE_RULES,
    due: (rule, ctx) => grievanceTaskDue(rule as GrievanceDueRule, ctx),
  },
  sealedFields: GRIEVANCE_IDENTITY_FIELDS,
});
