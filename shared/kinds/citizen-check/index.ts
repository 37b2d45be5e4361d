/**
 * 구민감사관 현장점검: the check under `citizenCheck` (citizen-check.ts) — the project, day, items and
 * the auditors on it, their reports and the department's reply — on its own lifecycle
 * (workflows/citizen-check.workflow.ts: assign → follow the reports → approve), whose handler's task is
 * due on the reports' due day while one is missing (citizen-check-deadlines.ts). The auditors act through their own routes
 * (shared/usecases/citizen-checks.ts); submitting the case is refused until every auditor has
 * reported and, where they found or advised anything, the department's reply is recorded.
 */
import { ValidationError } from '../../domain/errors.ts';
import { defineKind, refuse } from '../../domain/kind.ts';
import { CITIZEN_CHECK_DUE_RULES, citizenCheckTaskDue } from './citizen-check-deadlines.ts';
import {
  checkOutstanding,
  CITIZEN_CHECK_KIND,
  citizenCheckIntakeSchema,
  citizenCheckOf,
  citizenCheckRecordSchema,
  openCitizenCheck,
} from './citizen-check.ts';
import type { AppointedAuditor } from '../../domain/citizen-auditors.ts';
import { citizenCheckView } from './citizen-check-view.ts';

/** The intake after `checkIntake`: every auditor named from the directory. */
const checkedIntakeSchema = citizenCheckIntakeSchema.extend({ auditors: citizenCheckRecordSchema.shape.auditors });

export const CITIZEN_CHECK_WORKFLOW = 'citizen-check';

export const citizenCheck = defineKind({
  kind: CITIZEN_CHECK_KIND,
  labelKo: '구민감사관 현장점검',
  team: 'audit',
  sealedByDefault: false,
  workflow: CITIZEN_CHECK_WORKFLOW,
  details: {
    key: 'citizenCheck',
    record: citizenCheckRecordSchema,
    intake: citizenCheckIntakeSchema,
    view: citizenCheckView,
    intakeDescriptionKo: '구민감사관 현장점검: 공사·점검일·확인 항목·구민감사관(분야·임기) — 현장점검 사건에 필수',
    /**
     * Each auditor must be on the roster, in their term on the check's day, and still an active
     * 구민감사관 in the directory; the check keeps their appointment as it stands.
     */
    async checkIntake(intake, { staff, citizenAuditors }) {
      const parsed = citizenCheckIntakeSchema.parse(intake);
      const auditors: AppointedAuditor[] = [];
      for (const [i, sub] of parsed.auditors.entries()) {
        const field = `citizenCheck.auditors.${i}`;
        const [member, appointed] = await Promise.all([staff.get(sub), citizenAuditors?.get(sub)]);
        if (!member?.active || !member.roles.includes('citizen-auditor') || !appointed)
          throw refuse(
            `${sub} is not an active citizen auditor on the roster`,
            `구민감사관(${sub})을 명부에서 찾을 수 없습니다`,
            field,
            'not_citizen_auditor',
          );
        const { version: _v, updatedAt: _at, updatedBy: _by, ...appointment } = appointed;
        auditors.push({ ...appointment, name: member.name });
      }
      return { ...parsed, auditors };
    },
    open({ intake }) {
      if (intake === undefined)
        throw new ValidationError(
          'citizenCheck is required for a citizen-auditor check',
          '현장점검 정보를 입력하세요',
          {
            field: 'citizenCheck',
            rule: 'required',
          },
        );
      const record = openCitizenCheck(checkedIntakeSchema.parse(intake));
      return {
        details: record,
        eventData: { project: record.project.name, checkDate: record.checkDate, auditors: record.auditors.length },
      };
    },
    notForKind: () =>
      new ValidationError(
        'citizenCheck details are only for citizen-auditor checks',
        '구민감사관 현장점검 정보는 현장점검 사건에만 입력합니다',
        { field: 'citizenCheck', rule: 'not_for_kind' },
      ),
  },
  decisions: {
    forms: [],
    labels: {},
    async check(c, form) {
      const record = citizenCheckOf(c);
      if (!record || form.decision !== 'submit') return;
      const outstanding = checkOutstanding(record);
      if (outstanding)
        throw new ValidationError(outstanding.en, outstanding.ko, { field: 'decision', rule: 'check_outstanding' });
    },
  },
  dueRules: {
    rules: CITIZEN_CHECK_DUE_RULES,
    due: (_rule, { c, now, calendar }) => citizenCheckTaskDue(c, now, calendar),
  },
});
