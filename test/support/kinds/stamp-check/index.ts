/**
 * A throw-away kind for tests only: 직인 관리 점검 (a check of how an office keeps its official
 * seals), two steps — the team lead records the inspection, the head of office approves — then
 * closed. It is declared like any kind of the office and touches no file of the case core.
 *
 * It adds no field to the `CaseRecord` type (no declaration merging): its hooks read their details
 * through `stampCheckOf`, which shows that merging is a convenience for the kinds, not a need of the core.
 */
import * as z from 'zod';
import type { CaseRecord } from '#shared/domain/case.ts';
import { ValidationError } from '#shared/domain/errors.ts';
import { defineKind } from '#shared/domain/kind.ts';
import { dueAfterBusinessDays } from '#shared/policies/task-deadlines.ts';

export const STAMP_CHECK_WORKFLOW = 'stamp-check';

const stampCheckRecordSchema = z.object({
  office: z.string(),
  finding: z.string().optional(),
  inspectedOn: z.iso.date().optional(),
});
type StampCheckRecord = z.infer<typeof stampCheckRecordSchema>;

export const stampCheckOf = (c: CaseRecord): StampCheckRecord | undefined =>
  (c as CaseRecord & { stampCheck?: StampCheckRecord }).stampCheck;

const recordInspectionForm = z.strictObject({
  decision: z.literal('record-inspection'),
  finding: z.string().trim().min(1).max(2000),
  inspectedOn: z.iso.date(),
});

export const stampCheck = defineKind({
  kind: 'stamp-check',
  labelKo: '직인 관리 점검 (시험용)',
  team: 'investigation',
  sealedByDefault: false,
  workflow: STAMP_CHECK_WORKFLOW,
  taskTypes: ['inspect-stamps'],
  details: {
    key: 'stampCheck',
    record: stampCheckRecordSchema,
    intake: z.strictObject({ office: z.string().trim().min(1).max(100) }),
    open({ intake }) {
      const parsed = z.strictObject({ office: z.string().trim().min(1).max(100) }).safeParse(intake);
      if (!parsed.success) {
        throw new ValidationError('a stamp check names the office inspected', '점검 대상 부서를 입력해야 합니다', {
          field: 'stampCheck.office',
          rule: 'required_for_kind',
        });
      }
      return { details: { office: parsed.data.office }, eventData: { office: parsed.data.office } };
    },
    notForKind: () =>
      new ValidationError(
        'stamp check details are only for stamp checks',
        '직인 점검 정보는 직인 점검에만 입력합니다',
        {
          field: 'stampCheck',
          rule: 'not_for_kind',
        },
      ),
  },
  decisions: {
    forms: [recordInspectionForm],
    labels: { 'record-inspection': '점검 결과 기록' },
    apply(c, _task, form) {
      if (form.decision !== 'record-inspection') return undefined;
      const { finding, inspectedOn } = recordInspectionForm.parse(form);
      const current = stampCheckOf(c);
      if (!current) return undefined;
      return { patch: { stampCheck: { ...current, finding, inspectedOn } }, drafts: [] };
    },
  },
  dueRules: {
    rules: ['stamp-check.inspection'],
    due: (_rule, ctx) => ({
      dueAt: dueAfterBusinessDays(ctx.calendar, ctx.now, 3),
      basis: { labelKo: '점검 기한 3근무일 (시험용 규칙)', source: 'default' },
    }),
  },
});
