/**
 * Misconduct investigations (비위 조사): external referrals (외부기관 통보사항) and internal
 * investigations (내부조사·민원사항). Both keep their details under `misconduct` (misconduct.ts),
 * share the disposition decisions and due rules, and differ in their workflow and intake.
 */
import * as z from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import { defineKind, type KindModule } from '../../domain/kind.ts';
import {
  applyMisconductDecision,
  DISPOSITION_LABELS,
  DISPOSITION_TYPES,
  concernedError,
  isConcerned,
  misconductDecisionForms,
  misconductIntakeSchema,
  misconductRecordSchema,
  openMisconduct,
  REFERRING_AGENCIES,
  suspendedError,
  suspensionDraft,
  type MisconductIntake,
  type MisconductRecord,
} from './misconduct.ts';
import { limitationWarning } from './discipline-limitation.ts';
import { checkOfficialsAgainstDirectory } from './officials.ts';
import { misconductView } from './misconduct-view.ts';
import { misconductTable } from './report.ts';
import { MISCONDUCT_DUE_RULES, misconductTaskDue, type MisconductDueRule } from './misconduct-deadlines.ts';

/** What both misconduct kinds declare alike (their details, decisions, guards and due rules). */
const misconductLifecycle = {
  team: 'investigation',
  sealedByDefault: true,
  reportTables: [misconductTable],
  taskTypes: [
    'request-discipline',
    'record-resolution',
    'issue-warning',
    'confirm-acknowledgement',
    'issue-corrective-order',
    'confirm-correction',
    'notify-agency',
  ],
  details: {
    key: 'misconduct',
    // The access rule reads the officials concerned; the facets the approved disposition, the
    // discipline request (personnel committee) and the referring agency. Never the officials' names.
    searched: {
      paths: [
        ['concernedSubs'],
        ['approved', 'disposition', 'type'],
        ['progress', 'requestSentOn'],
        ['referral', 'agency'],
      ],
      row: z.object({
        concernedSubs: z.array(z.string()).default([]),
        approved: z.object({ disposition: z.object({ type: z.enum(DISPOSITION_TYPES) }) }).optional(),
        progress: z.object({ requestSentOn: z.string().optional() }).default({}),
        referral: z.object({ agency: z.string() }).optional(),
      }),
      // The disposition the head of office approved.
      outcome: { labels: DISPOSITION_LABELS, of: (m: MisconductRecord) => m.approved?.disposition.type },
      // The personnel committee (인사위원회), once the discipline request is sent.
      committee: (m: MisconductRecord) => (m.progress.requestSentOn !== undefined ? 'personnel' : undefined),
    },
    record: misconductRecordSchema,
    intake: misconductIntakeSchema,
    view: misconductView,
    // 징계시효: it stops mattering once the discipline request is sent, or the approved disposition is not 징계.
    limitationWarning: (m: MisconductRecord, { stage, today }) =>
      limitationWarning(m.limitation, today, {
        ...(m.progress.requestSentOn !== undefined && { disciplineRequestedOn: m.progress.requestSentOn }),
        ...(m.approved !== undefined && { approvedDisposition: m.approved.disposition.type }),
        suspended: stage === 'suspended',
      }),
    intakeDescriptionKo: '비위 조사 정보 — 외부기관 통보사항·내부조사에 필수, 다른 종류에는 입력 불가',
    open({ kind, intake, input, actor, now }) {
      const opened = openMisconduct({
        kind,
        intake: intake as MisconductIntake | undefined,
        receivedAt: input.receivedAt,
        ...(input.assigneeSub !== undefined && { assigneeSub: input.assigneeSub }),
        actorSub: actor.sub,
        now,
      });
      if (!opened) return undefined;
      const { record, suspension } = opened;
      return {
        details: record,
        eventData: {
          category: record.category,
          conductDate: record.conductDate,
          ...(record.referral && { referral: record.referral }),
          ...(record.origin && { origin: record.origin }),
          officials: record.officials.map((o) => o.officialId),
          limitationDate: record.limitation.date,
          limitationArticle: record.limitation.article,
        },
        // A Board of Audit start-of-investigation notice: the procedure must not run (지방공무원법 제73조①).
        ...(suspension && {
          enter: { stage: 'suspended', draft: suspensionDraft(suspension, 'intake', actor, now, { atIntake: true }) },
        }),
      };
    },
    async checkIntake(intake, { staff, team }) {
      await checkOfficialsAgainstDirectory(staff, (intake as MisconductIntake).officials, team, 'misconduct.officials');
    },
    notForKind: () =>
      new ValidationError(
        'misconduct details are only for external-referral, internal-investigation',
        '비위 조사 정보는 외부기관 통보·내부조사 사건에만 입력합니다',
        { field: 'misconduct', rule: 'not_for_kind' },
      ),
  },
  decisions: {
    forms: misconductDecisionForms,
    labels: {
      propose: '조사결과·처분안 제출',
      endorse: '검토 완료(결재 상신)',
      'send-request': '징계의결 요구',
      'record-resolution': '징계의결 결과 등록',
      issue: '훈계·주의 처분',
      acknowledge: '수령 확인',
      'issue-order': '시정 요구',
      'confirm-correction': '시정 이행 확인',
      'send-result-notice': '처리결과 회신',
    },
    apply(c, task, form, { actorSub, at }) {
      if (!c.misconduct || form.decision === 'assign' || form.decision === 'submit') return undefined;
      const applied = applyMisconductDecision(
        c,
        task.type,
        form as unknown as Parameters<typeof applyMisconductDecision>[2],
        actorSub,
        at,
      );
      return { patch: { misconduct: applied.misconduct }, drafts: applied.drafts };
    },
  },
  guards: {
    assertMayHandle(c, sub, field) {
      if (isConcerned(c.misconduct, sub)) throw concernedError(field);
    },
    hiddenFrom: (c) => c.misconduct?.concernedSubs ?? [],
    authoredFindings: (c, sub) => c.misconduct?.proposal !== undefined && c.misconduct.proposal.by === sub,
    suspendedError,
  },
  dueRules: {
    rules: MISCONDUCT_DUE_RULES,
    due: (rule, ctx) => misconductTaskDue(rule as MisconductDueRule, ctx),
  },
} satisfies Omit<KindModule, 'kind' | 'labelKo' | 'workflow'>;

export const externalReferral = defineKind({
  ...misconductLifecycle,
  kind: 'external-referral',
  labelKo: '외부기관 통보사항 조사',
  workflow: 'external-referral',
  defaultPeriod: 'discipline.request-after-notice',
  // Only external referrals have a referring agency: a search by it reads this kind's partition.
  search: {
    filters: {
      agency: {
        path: ['misconduct', 'referral', 'agency'],
        partitionByKind: true,
        schema: z.enum(REFERRING_AGENCIES).describe('통보 기관 (외부기관 통보사항)'),
      },
    },
  },
});

export const internalInvestigation = defineKind({
  ...misconductLifecycle,
  kind: 'internal-investigation',
  labelKo: '내부조사·민원사항 조사',
  workflow: 'internal-investigation',
});
