/**
 * Petitions (청원, 청원법): details under `petition` (petition.ts) — petitioners, screening,
 * disclosure, committee review, decision, extension, objections and the statutory due date.
 */
import * as z from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import { maskPerson } from '../../domain/identity.ts';
import { defineKind } from '../../domain/kind.ts';
import {
  applyPetitionDecision,
  checkDuplicateOf,
  openPetition,
  PETITION_DECISIONS,
  PETITION_IDENTITY_FIELDS,
  petitionDecisionForms,
  petitionIntakeSchema,
  petitionIntakeSummary,
  petitionRecordSchema,
  type PetitionIntake,
  type PetitionRecord,
} from './petition.ts';
import { petitionView } from './petition-view.ts';
import { PETITION_DUE_RULES, petitionTaskDue, type PetitionDueRule } from './petition-deadlines.ts';

export const petition = defineKind({
  kind: 'petition',
  labelKo: '청원',
  team: 'complaints',
  sealedByDefault: false,
  workflow: 'petition',
  defaultPeriod: 'petition.decision',
  taskTypes: [
    'screen-petition',
    'review-disclosure',
    'decide-disclosure',
    'review-petition',
    'decide-petition',
    'notify-petitioner',
    'decide-objection',
  ],
  details: {
    key: 'petition',
    // The search facets read the decision (or the screening that ended it) and the review committee.
    searched: {
      paths: [
        ['decision', 'outcome'],
        ['screening', 'outcome'],
        ['committeeReview', 'recommendation'],
      ],
      row: z.object({
        decision: z.object({ outcome: z.string() }).optional(),
        screening: z.object({ outcome: z.string() }).optional(),
        committeeReview: z.object({ recommendation: z.string() }).optional(),
      }),
      // The decision, or the screening that ended the petition early.
      outcome: {
        labels: {
          accept: '청원 채택',
          reject: '청원 불채택',
          'not-process': '청원 처리하지 않음',
          duplicate: '중복 청원 종결',
        },
        of: (p: PetitionRecord) => {
          if (p.decision) return p.decision.outcome;
          const screened = p.screening?.outcome;
          return screened === 'not-process' || screened === 'duplicate' ? screened : undefined;
        },
      },
      // Reviewed by the petition review committee (청원심의회).
      committee: (p: PetitionRecord) => (p.committeeReview !== undefined ? 'petition-review' : undefined),
    },
    record: petitionRecordSchema,
    intake: petitionIntakeSchema,
    view: petitionView,
    // The one extension (청원법 제21조③) records the processing period's end before and after.
    dueDateMove: (e) =>
      e.type === 'PETITION_EXTENDED' && typeof e.data.after === 'string'
        ? { before: e.data.before, after: e.data.after }
        : undefined,
    masked: (p: PetitionRecord): PetitionRecord => ({
      ...p,
      petitioner: maskPerson(p.petitioner),
      representatives: p.representatives.map(maskPerson),
    }),
    intakeDescriptionKo: '청원 정보 (개인/공동, 공개청원 여부, 청원인) — 청원에 필수, 다른 종류에는 입력 불가',
    open({ kind, intake, input, calendar }) {
      const opened = openPetition({
        kind,
        intake: intake as PetitionIntake | undefined,
        receivedAt: input.receivedAt,
        ...(calendar !== undefined && { calendar }),
      });
      if (!opened) return undefined;
      return {
        details: opened,
        dueDate: input.dueDate ?? opened.due.dueDate,
        eventData: petitionIntakeSummary(opened),
      };
    },
    notForKind: () =>
      new ValidationError('petition details are only for petitions', '청원 정보는 청원 사건에만 입력합니다', {
        field: 'petition',
        rule: 'not_for_kind',
      }),
  },
  decisions: {
    forms: petitionDecisionForms,
    labels: {
      'process-petition': '처리 대상으로 결정',
      'decline-petition': '처리하지 않음(제6조 사유 통지)',
      'close-duplicate': '반복청원 종결(제16조)',
      'recommend-disclosure': '공개 적합 의결',
      'recommend-nondisclosure': '공개 부적합 의결',
      disclose: '공개 결정',
      'withhold-disclosure': '공개 부적합 결정',
      'recommend-acceptance': '채택 의결',
      'recommend-rejection': '불채택 의결',
      'accept-petition': '청원 채택(처리)',
      'reject-petition': '청원 불채택',
      'send-petition-notice': '처리결과 통지',
      'uphold-objection': '이의신청 인용',
      'dismiss-objection': '이의신청 기각',
    },
    async check(c, form, lookup) {
      if (form.decision !== 'close-duplicate') return;
      const duplicateOf = String(form.duplicateOf);
      checkDuplicateOf(c, duplicateOf, await lookup.findByCaseNumber(duplicateOf));
    },
    apply(c, _task, form, { actorSub, at, calendar }) {
      if (!c.petition || !(PETITION_DECISIONS as readonly string[]).includes(form.decision)) return undefined;
      const applied = applyPetitionDecision(c, form, actorSub, at, calendar);
      return { patch: { petition: applied.petition, dueDate: applied.dueDate }, drafts: applied.drafts };
    },
  },
  dueRules: {
    rules: PETITION_DUE_RULES,
    due: (rule, ctx) => petitionTaskDue(rule as PetitionDueRule, ctx),
  },
  sealedFields: PETITION_IDENTITY_FIELDS,
});
