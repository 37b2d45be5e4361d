/**
 * 일상감사 and 계약원가심사 end to end through the HTTP API and the local Step Functions service
 * running their own workflows: ten daily audits (request with the requester filled from the staff
 * directory, on-site check, each opinion, a return, the department's action and its report to the
 * approver) and ten contract reviews (every category, a supplement that stops the clock, an interim
 * reply, reviewed amounts whose savings the office report then sums by category and month). Due dates
 * are checked against their setting, worked out by hand; bad input is refused with field and rule.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StaffMember } from '#shared/domain/staff.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, openTask, tryDecide, decide, caseOf } = staffApi(() => t);

const head = headOfOffice;
const auditLead = staffNamed('강민수');
const auditor = staffNamed('서지원');
const contractAuditor = staffNamed('임채원');
/** Staff of other departments who send requests: in the directory with their department and telephone. */
const roadContact: StaffMember = {
  sub: 'dept-road-0001',
  name: '윤하늘',
  email: 'haneul.yoon@gamsa.local',
  position: '도로관리 주무관(7급)',
  department: '도로관리과',
  phone: '02-2670-3456',
  roles: ['clerk'],
  active: true,
};
const parkContact: StaffMember = {
  sub: 'dept-park-0001',
  name: '장서윤',
  email: 'seoyun.jang@gamsa.local',
  position: '공원조성 주무관(6급)',
  department: '공원녹지과',
  roles: ['clerk'],
  active: true,
};

beforeAll(async () => {
  t = await startTestSystem();
  const client = new DynamoDBClient({});
  const staff = new StaffRepository(createDocumentClient(client), t.tableName);
  for (const m of [roadContact, parkContact]) await staff.putIfAbsent(m);
  client.destroy();
});
afterAll(async () => t?.system.close());

const today = koreaDate(new Date());
const calendar = createCalendar();
/** `days` calendar days after `on`, then on to the next business day (the settings' rule). */
function daysThenBusinessDay(on: string, days: number): string {
  let d = new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  while (!calendar.isBusinessDay(d)) d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return d;
}

// November 2026 has no public holiday: the business days are Monday to Friday.
const RECEIVED = [
  '2026-11-02',
  '2026-11-03',
  '2026-11-04',
  '2026-11-05',
  '2026-11-06',
  '2026-11-09',
  '2026-11-10',
  '2026-11-11',
  '2026-11-12',
  '2026-11-13',
];
/** The opinion's setting: 7 business days after the request, counted by hand on the November calendar. */
const DAILY_AUDIT_DUE = [
  '2026-11-11',
  '2026-11-12',
  '2026-11-13',
  '2026-11-16',
  '2026-11-17',
  '2026-11-18',
  '2026-11-19',
  '2026-11-20',
  '2026-11-23',
  '2026-11-24',
];
const CATEGORIES = ['major-policy', 'contract', 'budget', 'other', 'regulation'] as const;
const OPINIONS = ['적정', '개선', '위법·부당'] as const;

describe('daily audits (일상감사)', () => {
  it('fills the requesting department from the staff directory and refuses an unknown requester or category', async () => {
    const unknown = await call(head, 'POST', '/cases', {
      kind: 'daily-audit',
      title: '도로 재포장 공사 계약',
      dailyAudit: { category: 'contract', requesterSub: 'nobody-here' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ field: 'dailyAudit.requesterSub', rule: 'unknown_staff' });
    expect(unknown.body.error.messageKo).toContain('직원');

    const badCategory = await call(head, 'POST', '/cases', {
      kind: 'daily-audit',
      title: '도로 재포장 공사 계약',
      dailyAudit: { category: '계약', requesterSub: roadContact.sub },
    });
    expect(badCategory.status).toBe(400);
    expect(badCategory.body.error.field).toBe('dailyAudit.category');

    const noDepartment = await call(head, 'POST', '/cases', {
      kind: 'daily-audit',
      title: '도로 재포장 공사 계약',
      dailyAudit: { category: 'contract', requester: { name: '누군가' } },
    });
    expect(noDepartment.status).toBe(400);
    expect(noDepartment.body.error).toMatchObject({ field: 'dailyAudit.requester.department', rule: 'required' });
  });

  it('takes ten requests from intake to the department’s report to the approver, each due date on its setting', async () => {
    const ids: string[] = [];
    for (const [i, on] of RECEIVED.entries()) {
      const res = await call(head, 'POST', '/cases', {
        kind: 'daily-audit',
        title: `일상감사 ${i + 1}: ${['도로 재포장 공사', '공원 조성 용역', '예산 전용', '행사 대행', '옥외광고 허가'][i % 5]}`,
        receivedAt: `${on}T10:00:00+09:00`,
        ...(i > 0 && { assigneeSub: auditor.sub }),
        dailyAudit: {
          category: CATEGORIES[i % 5],
          requesterSub: i % 2 === 0 ? roadContact.sub : parkContact.sub,
          ...(i % 5 === 1 && { amountWon: 120_000_000 + i, contractMethod: '제한경쟁입찰' }),
          ...(i % 2 === 1 && { requester: { department: '무시됨', phone: '02-2670-9999' } }),
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const c = res.body.case;
      expect(c.dueDate).toBe(DAILY_AUDIT_DUE[i]);
      expect(c.dailyAudit.requestedOn).toBe(on);
      ids.push(c.caseId);
    }
    const first = await caseOf(ids[0]!);
    expect(first.dailyAudit.requester).toEqual({
      sub: roadContact.sub,
      name: '윤하늘',
      position: '도로관리 주무관(7급)',
      department: '도로관리과',
      email: roadContact.email,
      phone: '02-2670-3456',
    });
    // The directory wins over what was typed; a field it lacks is taken from the intake.
    const second = await caseOf(ids[1]!);
    expect(second.dailyAudit.requester).toMatchObject({ department: '공원녹지과', phone: '02-2670-9999' });

    // The first request waits for the audit team lead to name the auditor.
    await decide(auditLead, ids[0]!, 'assign', { decision: 'assign', assigneeSub: auditor.sub });

    for (const [i, caseId] of ids.entries()) {
      console.log(`일상감사 ${i + 1}/10`);
      const review = await openTask(caseId);
      expect(review.type).toBe('daily-audit-review');
      expect(review.dueAt.slice(0, 10)).toBe(DAILY_AUDIT_DUE[i]);
      expect(review.dueBasis).toMatchObject({
        article: '공공감사법 시행령 제13조⑤',
        source: 'default',
        confidence: 'G',
      });
      expect(review.dueBasis!.labelKo).toContain('구 규칙 확인 필요');
      if (i === 2) {
        const early = await tryDecide(auditor, caseId, 'daily-audit-review', {
          decision: 'record-onsite-check',
          checkedOn: '2026-10-01',
          place: '예산 집행 현장',
          note: '서류와 현장 일치 확인',
        });
        expect(early.status).toBe(400);
        expect(early.body.error).toMatchObject({ field: 'checkedOn', rule: 'date_order' });
        await decide(auditor, caseId, 'daily-audit-review', {
          decision: 'record-onsite-check',
          checkedOn: '2026-11-06',
          place: '예산 집행 현장',
          note: '서류와 현장 일치 확인',
        });
      }
      const opinion = OPINIONS[i % 3]!;
      await decide(auditor, caseId, 'daily-audit-review', {
        decision: 'propose-opinion',
        opinion,
        content: opinion === '적정' ? '원안대로 추진 적정' : '단가 산정 근거 보완 및 공법 재검토 요망',
        ...(opinion === '개선' && { savingWon: 3_000_000 }),
      });
      if (i === 4) {
        await decide(head, caseId, 'approve', { decision: 'return', reasons: '개선 요구사항을 구체적으로 적을 것' });
        expect((await openTask(caseId)).type).toBe('daily-audit-review');
        await decide(auditor, caseId, 'daily-audit-review', {
          decision: 'propose-opinion',
          opinion,
          content: '계약 방법을 제한경쟁으로 바꾸고 과업 범위를 명확히 할 것',
        });
      }
      await decide(head, caseId, 'approve', { decision: 'approve', comment: '통보' });
      const action = await openTask(caseId);
      expect(action.type).toBe('daily-audit-action-result');
      expect(action.dueAt.slice(0, 10)).toBe(daysThenBusinessDay(today, 30));
      expect(action.dueBasis).toMatchObject({ article: '공공감사법 시행령 제13조④', source: 'default' });
      expect(action.dueBasis!.labelKo).toContain('구 규칙 확인 필요');
      if (i === 0) {
        const before = await tryDecide(auditor, caseId, 'daily-audit-action-result', {
          decision: 'record-action-result',
          action: '원안 시행',
          resultNotifiedOn: today,
          reportedToApproverOn: '2026-11-01',
        });
        expect(before.status).toBe(400);
        expect(before.body.error).toMatchObject({ field: 'reportedToApproverOn', rule: 'date_order' });
        const missing = await tryDecide(auditor, caseId, 'daily-audit-action-result', {
          decision: 'record-action-result',
          action: '원안 시행',
          resultNotifiedOn: today,
        });
        expect(missing.status).toBe(400);
        expect(missing.body.error.field).toBe('reportedToApproverOn');
      }
      await decide(auditor, caseId, 'daily-audit-action-result', {
        decision: 'record-action-result',
        action: opinion === '적정' ? '원안 시행' : '감사의견에 따라 설계 변경 후 시행',
        resultNotifiedOn: today,
        reportedToApproverOn: today,
      });
    }
    for (const [i, caseId] of ids.entries()) {
      const c = await caseOf(caseId);
      expect(c.stage).toBe('closed');
      expect(c.dailyAudit.opinion.result).toBe(OPINIONS[i % 3]);
      expect(c.dailyAudit.notice).toMatchObject({ notifiedOn: today, approvedBy: head.sub });
      expect(c.dailyAudit.action).toMatchObject({ resultNotifiedOn: today, reportedToApproverOn: today });
    }
    const checked = await caseOf(ids[2]!);
    expect(checked.dailyAudit.onSiteChecks).toHaveLength(1);
    // The case page reads the same details as labelled Korean lines, from the kind's own view.
    const lines = new Map(
      (checked.detailsView as { labelKo: string; value: string }[]).map((l) => [l.labelKo, l.value]),
    );
    expect(lines.get('감사의견')).toContain(OPINIONS[2]);
    expect(lines.get('실지감사 1')).toBeDefined();
    expect(lines.get('통보일')).toMatch(/^\d{4}년 \d{1,2}월 \d{1,2}일\([일월화수목금토]\)$/);
    expect((await caseOf(ids[4]!)).dailyAudit.returns).toHaveLength(1);
  }, 600_000);
});

interface ContractPlan {
  category: string;
  design: number;
  reviewed: number;
  adjustments: { reason: string; amountWon: number }[];
}
const CONTRACTS: ContractPlan[] = [
  {
    category: 'works-general',
    design: 850_000_000,
    reviewed: 812_400_000,
    adjustments: [
      { reason: '단가', amountWon: 25_000_000 },
      { reason: '품셈', amountWon: 12_600_000 },
    ],
  },
  {
    category: 'works-specialist',
    design: 120_000_000,
    reviewed: 114_000_000,
    adjustments: [{ reason: '수량', amountWon: 6_000_000 }],
  },
  {
    category: 'services',
    design: 95_000_000,
    reviewed: 90_250_000,
    adjustments: [{ reason: '요율', amountWon: 4_750_000 }],
  },
  {
    category: 'goods-manufacture',
    design: 40_000_000,
    reviewed: 38_800_000,
    adjustments: [{ reason: '단가', amountWon: 1_200_000 }],
  },
  { category: 'goods-purchase', design: 5_000_000, reviewed: 5_000_000, adjustments: [] },
  {
    category: 'works-general',
    design: 1_200_000_000,
    reviewed: 1_150_000_000,
    adjustments: [{ reason: '공종', amountWon: 50_000_000 }],
  },
  {
    category: 'services',
    design: 60_000_000,
    reviewed: 61_000_000,
    adjustments: [{ reason: '수량', amountWon: -1_000_000 }],
  },
  {
    category: 'works-specialist',
    design: 300_000_000,
    reviewed: 291_000_000,
    adjustments: [{ reason: '단가', amountWon: 9_000_000 }],
  },
  {
    category: 'goods-purchase',
    design: 25_000_000,
    reviewed: 24_000_000,
    adjustments: [{ reason: '단가', amountWon: 1_000_000 }],
  },
  {
    category: 'services',
    design: 45_000_000,
    reviewed: 42_300_000,
    adjustments: [
      { reason: '요율', amountWon: 2_000_000 },
      { reason: '품셈', amountWon: 700_000 },
    ],
  },
];
/** Requests of 2–13 November: ten days after, the first day not counted; a weekend day moves to Monday. */
const CONTRACT_DUE = [
  '2026-11-12',
  '2026-11-13',
  '2026-11-16',
  '2026-11-16',
  '2026-11-16',
  '2026-11-19',
  '2026-11-20',
  '2026-11-23',
  '2026-11-23',
  '2026-11-23',
];

describe('contract cost reviews (계약원가심사)', () => {
  it('refuses a request without its project and amounts, and a non-positive design amount', async () => {
    const none = await call(head, 'POST', '/cases', { kind: 'contract-review', title: '심사' });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ field: 'contractReview', rule: 'required' });
    const zero = await call(head, 'POST', '/cases', {
      kind: 'contract-review',
      title: '심사',
      contractReview: {
        projectName: '보도 정비',
        category: 'services',
        designAmountWon: 0,
        requesterSub: roadContact.sub,
      },
    });
    expect(zero.status).toBe(400);
    expect(zero.body.error.field).toBe('contractReview.designAmountWon');
  });

  it('reviews ten contracts; savings are computed, supplements stop the clock, and the office report sums them', async () => {
    const ids: string[] = [];
    for (const [i, plan] of CONTRACTS.entries()) {
      const res = await call(head, 'POST', '/cases', {
        kind: 'contract-review',
        title: `계약원가심사 ${i + 1}`,
        receivedAt: `${RECEIVED[i]}T14:00:00+09:00`,
        assigneeSub: contractAuditor.sub,
        contractReview: {
          projectName: `사업 ${i + 1}`,
          category: plan.category,
          designAmountWon: plan.design,
          requesterSub: i % 2 === 0 ? roadContact.sub : parkContact.sub,
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      const c = res.body.case;
      expect(c.dueDate).toBe(CONTRACT_DUE[i]);
      expect(c.contractReview.requester.department).toBe(i % 2 === 0 ? '도로관리과' : '공원녹지과');
      ids.push(c.caseId);
    }
    // ₩5,000,000 of goods is under the example threshold (₩10,000,000), which is labelled as unconfirmed.
    const small = (await caseOf(ids[4]!)).contractReview;
    expect(small.threshold).toMatchObject({ amountWon: 10_000_000, reached: false });
    expect(small.threshold.sourceKo).toContain('구 규칙 확인 필요');

    for (const [i, caseId] of ids.entries()) {
      const plan = CONTRACTS[i]!;
      console.log(`계약원가심사 ${i + 1}/10`);
      const review = await openTask(caseId);
      expect(review.type).toBe('contract-review');
      expect(review.dueAt.slice(0, 10)).toBe(CONTRACT_DUE[i]);
      expect(review.dueBasis!.labelKo).toContain('구 규칙 확인 필요');
      if (i === 0) {
        // Documents asked on 4 Nov, received on 9 Nov: five days not counted → 12 Nov becomes 17 Nov.
        await decide(contractAuditor, caseId, 'contract-review', {
          decision: 'request-contract-documents',
          requestedOn: '2026-11-04',
          items: '단가 산출 근거, 견적서 3부',
        });
        const waiting = await caseOf(caseId);
        expect(waiting.contractReview.due).toMatchObject({ clockStopped: true });
        await decide(contractAuditor, caseId, 'contract-review-supplement', {
          decision: 'contract-documents-received',
          receivedOn: '2026-11-09',
        });
        const resumed = await caseOf(caseId);
        expect(resumed.dueDate).toBe('2026-11-17');
        expect(resumed.contractReview.due).toMatchObject({
          dueDate: '2026-11-17',
          stoppedDays: 5,
          clockStopped: false,
        });
        expect((await openTask(caseId)).dueAt.slice(0, 10)).toBe('2026-11-17');
        // An interim reply is for a review that will run late: an expected date within the due date is refused.
        const notLate = await tryDecide(contractAuditor, caseId, 'contract-review', {
          decision: 'send-interim-reply',
          sentOn: '2026-11-16',
          reason: '현장 확인 필요',
          expectedOn: '2026-11-17',
        });
        expect(notLate.status).toBe(400);
        expect(notLate.body.error).toMatchObject({ field: 'expectedOn', rule: 'not_late' });
        await decide(contractAuditor, caseId, 'contract-review', {
          decision: 'send-interim-reply',
          sentOn: '2026-11-16',
          reason: '현장 확인 필요',
          expectedOn: '2026-11-25',
        });
        const typedSaving = await tryDecide(contractAuditor, caseId, 'contract-review', {
          decision: 'propose-review-result',
          reviewedAmountWon: plan.reviewed,
          savingWon: plan.design - plan.reviewed,
          adjustments: plan.adjustments,
          opinion: '단가·품셈 조정',
        });
        expect(typedSaving.status).toBe(400);
        expect(typedSaving.body.error.field).toBe('savingWon');
        const wrongSum = await tryDecide(contractAuditor, caseId, 'contract-review', {
          decision: 'propose-review-result',
          reviewedAmountWon: plan.reviewed,
          adjustments: [{ reason: '단가', amountWon: 1 }],
          opinion: '단가·품셈 조정',
        });
        expect(wrongSum.status).toBe(400);
        expect(wrongSum.body.error).toMatchObject({ field: 'adjustments', rule: 'adjustments_sum' });
      }
      await decide(contractAuditor, caseId, 'contract-review', {
        decision: 'propose-review-result',
        reviewedAmountWon: plan.reviewed,
        adjustments: plan.adjustments,
        opinion: plan.adjustments.length ? '설계 원가 조정' : '설계 금액 적정',
      });
      await decide(head, caseId, 'approve', { decision: 'approve' });
      await decide(contractAuditor, caseId, 'contract-review-applied', {
        decision: 'record-contract-applied',
        applied: i !== 3,
        confirmedOn: today,
        ...(i !== 3 && { contractAmountWon: plan.reviewed }),
      });
    }
    let totalSaving = 0;
    for (const [i, caseId] of ids.entries()) {
      const c = await caseOf(caseId);
      const plan = CONTRACTS[i]!;
      expect(c.stage).toBe('closed');
      expect(c.contractReview.result.savingWon).toBe(plan.design - plan.reviewed);
      totalSaving += plan.design - plan.reviewed;
    }
    const first = await caseOf(ids[0]!);
    expect(first.contractReview.result).toMatchObject({ savingWon: 37_600_000, savingRate: 4.4 });
    expect(first.detailsView).toContainEqual({ labelKo: '절감액', value: '37,600,000원 (4.4%)' });
    expect((await caseOf(ids[6]!)).contractReview.result).toMatchObject({ savingWon: -1_000_000, savingRate: -1.7 });
    expect(totalSaving).toBe(111_250_000);

    const report = await call(head, 'GET', '/reports/office?from=2026-11-01&to=2026-11-30');
    expect(report.status).toBe(200);
    const table = report.body.tables.find((tb: { id: string }) => tb.id === 'contract-savings');
    const row = (key: string) => table.rows.find((r: { key: string }) => r.key === key).cells;
    expect(row('total')).toEqual({
      received: 10,
      notified: 10,
      designWon: 2_740_000_000,
      reviewedWon: 2_628_750_000,
      savingWon: 111_250_000,
      averageSavingWon: 11_125_000,
      savingRate: 4.1,
    });
    expect(row('services')).toMatchObject({
      received: 3,
      notified: 3,
      savingWon: 6_450_000,
      averageSavingWon: 2_150_000,
    });
    expect(row('works-general')).toMatchObject({ received: 2, savingWon: 87_600_000, averageSavingWon: 43_800_000 });
    expect(row('goods-purchase')).toMatchObject({ received: 2, savingWon: 1_000_000, averageSavingWon: 500_000 });
    expect(row('2026-11')).toMatchObject({ received: 10, savingWon: 111_250_000 });
    const prevention = report.body.tables.find((tb: { id: string }) => tb.id === 'prevention');
    expect(prevention.rows.find((r: { key: string }) => r.key === 'daily-audit').cells).toMatchObject({
      received: 10,
      closed: 10,
    });
  }, 600_000);
});
