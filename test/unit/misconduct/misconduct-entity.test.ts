/** The misconduct case's own rules (shared/kinds/misconduct/misconduct.ts): intake, suspension, decisions, report. */
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '#shared/domain/case.ts';
import { openCase } from '#shared/kinds/registry.ts';
import {
  applyMisconductDecision,
  nextDispositionStep,
  reportCategory,
  resumeCase,
  suspendCase,
  type MisconductIntake,
} from '#shared/kinds/misconduct/misconduct.ts';
import { decisionFormSchema } from '#shared/kinds/registry.ts';

const actor = { sub: 'lead-1', name: '최유진', role: 'team-lead' as const };
const now = '2026-11-25T09:00:00+09:00';
const official = { name: '김철수', department: '도로관리과', grade: '지방시설주사(6급)' };
const referral: MisconductIntake = {
  category: 'bribery',
  conductDate: '2025-03-02',
  officials: [official],
  referral: {
    agency: '경찰',
    noticeType: '범죄처분결과 통보',
    noticeNumber: '영등포서-2026-118',
    noticeDate: '2026-11-20',
  },
};

function open(
  intake: MisconductIntake = referral,
  extra: Partial<Parameters<typeof openCase>[0]['input']> = {},
): CaseRecord {
  return openCase({
    caseId: 'C1',
    caseNumber: '2026-조사-0001',
    input: { kind: 'external-referral', title: 't', receivedAt: now, misconduct: intake, ...extra },
    actor,
    now,
  }).next;
}

describe('misconduct intake', () => {
  it('stores the notice, officials and the 징계시효 on the case', () => {
    const c = open();
    expect(c.misconduct).toMatchObject({
      category: 'bribery',
      referral: { agency: '경찰' },
      officials: [{ officialId: 'O1', name: '김철수' }],
      concernedSubs: [],
    });
    expect(c.misconduct?.limitation).toMatchObject({ date: '2030-03-02', years: 5 });
  });

  it('refuses a referral without its notice, an internal case without its origin, and details on other kinds', () => {
    const { referral: _r, ...bare } = referral;
    expect(() => open(bare)).toThrow(
      expect.objectContaining({ field: 'misconduct.referral', rule: 'required_for_kind' }),
    );
    expect(() =>
      openCase({
        caseId: 'C',
        caseNumber: 'n',
        input: { kind: 'internal-investigation', title: 't', receivedAt: now, misconduct: bare },
        actor,
        now,
      }),
    ).toThrow(expect.objectContaining({ field: 'misconduct.origin' }));
    expect(() =>
      openCase({
        caseId: 'C',
        caseNumber: 'n',
        input: { kind: 'grievance', title: 't', receivedAt: now, misconduct: referral },
        actor,
        now,
      }),
    ).toThrow(expect.objectContaining({ field: 'misconduct', rule: 'not_for_kind' }));
    expect(() =>
      openCase({
        caseId: 'C',
        caseNumber: 'n',
        input: { kind: 'external-referral', title: 't', receivedAt: now },
        actor,
        now,
      }),
    ).toThrow(expect.objectContaining({ field: 'misconduct', rule: 'required_for_kind' }));
  });

  it('refuses a notice dated after its receipt, and conduct after the notice', () => {
    expect(() => open({ ...referral, referral: { ...referral.referral!, noticeDate: '2026-11-26' } })).toThrow(
      expect.objectContaining({ field: 'receivedAt' }),
    );
    expect(() => open({ ...referral, conductDate: '2026-11-21' })).toThrow(
      expect.objectContaining({ field: 'misconduct.referral.noticeDate' }),
    );
  });

  it('never assigns the case to an official concerned (403 official_concerned)', () => {
    expect(() =>
      open({ ...referral, officials: [{ ...official, staffSub: 'inv-1' }] }, { assigneeSub: 'inv-1' }),
    ).toThrow(expect.objectContaining({ statusCode: 403, rule: 'official_concerned' }));
  });

  it('suspends at intake on a Board of Audit start-of-investigation notice (지방공무원법 제73조①: must stop)', () => {
    const { next, drafts } = openCase({
      caseId: 'C1',
      caseNumber: 'n',
      input: {
        kind: 'external-referral',
        title: 't',
        receivedAt: now,
        misconduct: {
          ...referral,
          referral: {
            agency: '감사원',
            noticeType: '수사·조사 개시 통보',
            noticeNumber: '감사원-1',
            noticeDate: '2026-11-24',
          },
        },
      },
      actor,
      now,
    });
    expect(next.stage).toBe('suspended');
    expect(next.misconduct?.suspension).toMatchObject({
      reason: 'audit-board-investigation',
      mandatory: true,
      article: '지방공무원법 제73조①',
      resumeStage: 'intake',
    });
    expect(drafts.map((d) => d.type)).toEqual(['CASE_CREATED', 'SUSPENDED']);
  });
});

describe('suspension and resumption (지방공무원법 제73조, 제73조의2②)', () => {
  const parked = { ...open(), stage: 'investigation' as const, version: 4 };
  const tasks = [{ taskId: 'T1', stage: 'investigation' as const }];

  it('needs the case to be parked at a task, remembers its stage, and refuses acting twice', () => {
    expect(() =>
      suspendCase(parked, { reason: 'criminal-investigation', startNoticeReceivedOn: '2026-11-24' }, [], actor, now),
    ).toThrow(expect.objectContaining({ rule: 'workflow_busy' }));
    const { next } = suspendCase(
      parked,
      { reason: 'criminal-investigation', startNoticeReceivedOn: '2026-11-24' },
      tasks,
      actor,
      now,
    );
    expect(next.misconduct?.suspension).toMatchObject({
      mandatory: false,
      article: '지방공무원법 제73조②',
      resumeStage: 'investigation',
      cancelledTaskIds: ['T1'],
    });
    expect(() =>
      suspendCase(next, { reason: 'criminal-investigation', startNoticeReceivedOn: '2026-11-24' }, tasks, actor, now),
    ).toThrow(expect.objectContaining({ statusCode: 409, rule: 'case_suspended' }));
  });

  it('lets the office go on before the notice only where stopping was discretionary (제73조② vs ①)', () => {
    const byAudit = suspendCase(
      parked,
      { reason: 'audit-board-investigation', startNoticeReceivedOn: '2026-11-24' },
      tasks,
      actor,
      now,
    ).next;
    expect(() => resumeCase(byAudit, { basis: 'office-decision', reasonText: '자체 판단' }, actor, now, 'x')).toThrow(
      expect.objectContaining({ statusCode: 409, rule: 'mandatory_suspension' }),
    );
    const byPolice = suspendCase(
      parked,
      { reason: 'criminal-investigation', startNoticeReceivedOn: '2026-11-24' },
      tasks,
      actor,
      now,
    ).next;
    const resumed = resumeCase(
      byPolice,
      { basis: 'office-decision', reasonText: '수사와 별개로 진행' },
      actor,
      now,
      'exec-2',
    ).next;
    expect(resumed).toMatchObject({ stage: 'investigation', pendingExecutionName: 'exec-2' });
    expect(resumed.misconduct?.suspension).toBeUndefined();
    expect(resumed.misconduct?.limitation.date).toBe(parked.misconduct?.limitation.date);
  });

  it('moves the 징계시효 on the end notice when less than a month is left (제73조의2②)', () => {
    const near = open({
      ...referral,
      category: 'other',
      conductDate: '2023-12-10',
      referral: { ...referral.referral!, noticeDate: '2026-11-01' },
    }); // 2026-12-10
    const suspended = suspendCase(
      { ...near, stage: 'investigation' },
      { reason: 'criminal-investigation', startNoticeReceivedOn: '2026-11-10' },
      tasks,
      actor,
      now,
    ).next;
    const { next, drafts } = resumeCase(
      suspended,
      { basis: 'end-notice', endNoticeReceivedOn: '2026-11-20' },
      actor,
      now,
      'exec-2',
    );
    expect(next.misconduct?.limitation.date).toBe('2026-12-20');
    expect(drafts.map((d) => d.type)).toEqual(['RESUMED', 'LIMITATION_CHANGED']);
    expect(drafts[1]?.data).toMatchObject({
      before: '2026-12-10',
      after: '2026-12-20',
      article: '지방공무원법 제73조의2②',
    });
  });
});

describe('decisions on the disposition', () => {
  const form = (body: unknown) => decisionFormSchema.parse(body);
  const approved = (c: CaseRecord, disposition: unknown): CaseRecord => {
    const proposed = applyMisconductDecision(
      c,
      'investigate',
      form({ decision: 'propose', findings: 'f', disposition }) as never,
      'inv-1',
      now,
    ).misconduct;
    const done = applyMisconductDecision(
      { ...c, misconduct: proposed },
      'approve',
      { decision: 'approve' },
      'head-1',
      now,
    ).misconduct;
    return { ...c, misconduct: done };
  };

  it('refuses a closure without a reason code and a resolution type that does not exist (zod)', () => {
    expect(
      decisionFormSchema.safeParse({ decision: 'propose', findings: 'f', disposition: { type: 'closure' } }).error
        ?.issues[0]?.path,
    ).toEqual(['disposition', 'reasonCode']);
    expect(
      decisionFormSchema.safeParse({ decision: 'record-resolution', resolution: '경고', resolvedOn: '2026-11-25' })
        .error?.issues[0]?.path,
    ).toEqual(['resolution']);
  });

  it('requires the surcharge request for the money grounds and its resolution afterwards (제69조의2①)', () => {
    const c = approved(open(), { type: 'discipline', severity: '중징계' });
    expect(() =>
      applyMisconductDecision(
        c,
        'request-discipline',
        form({ decision: 'send-request', requestedOn: '2026-11-25', documentNumber: 'd' }) as never,
        'inv-1',
        now,
      ),
    ).toThrow(expect.objectContaining({ field: 'surchargeRequested', rule: 'surcharge_required' }));
    const requested = applyMisconductDecision(
      c,
      'request-discipline',
      form({
        decision: 'send-request',
        requestedOn: '2026-11-25',
        documentNumber: 'd',
        surchargeRequested: true,
        surchargeBaseAmountWon: 3_000_000,
      }) as never,
      'inv-1',
      now,
    );
    const withRequest = { ...c, misconduct: requested.misconduct };
    expect(nextDispositionStep('external-referral', requested.misconduct)).toBe('record-resolution');
    expect(() =>
      applyMisconductDecision(
        withRequest,
        'record-resolution',
        form({ decision: 'record-resolution', resolution: '감봉', months: 2, resolvedOn: '2026-11-25' }) as never,
        'inv-1',
        now,
      ),
    ).toThrow(expect.objectContaining({ field: 'surcharge', rule: 'surcharge_required' }));
    expect(() =>
      applyMisconductDecision(
        withRequest,
        'record-resolution',
        form({
          decision: 'record-resolution',
          resolution: '정직',
          resolvedOn: '2026-11-25',
          surcharge: { multiple: 2, amountWon: 6_000_000 },
        }) as never,
        'inv-1',
        now,
      ),
    ).toThrow(expect.objectContaining({ field: 'months', rule: 'months_required' }));
    const done = applyMisconductDecision(
      withRequest,
      'record-resolution',
      form({
        decision: 'record-resolution',
        resolution: '해임',
        resolvedOn: '2026-11-25',
        surcharge: { multiple: 2, amountWon: 6_000_000 },
      }) as never,
      'inv-1',
      now,
    );
    expect(done.drafts.map((d) => d.type)).toEqual(['RESOLUTION_RECORDED']);
    expect(nextDispositionStep('external-referral', done.misconduct)).toBe('notify-agency');
    expect(nextDispositionStep('internal-investigation', done.misconduct)).toBe('close');
  });

  it('refuses to propose or approve discipline once the limitation has run out (제73조의2①)', () => {
    const old = open({ ...referral, category: 'other', conductDate: '2023-01-02' }); // ended 2026-01-02
    expect(() =>
      applyMisconductDecision(
        old,
        'investigate',
        form({ decision: 'propose', findings: 'f', disposition: { type: 'discipline', severity: '경징계' } }) as never,
        'inv-1',
        now,
      ),
    ).toThrow(expect.objectContaining({ statusCode: 409, rule: 'limitation_expired' }));
    expect(() => approved(old, { type: 'caution' })).not.toThrow();
  });

  it('counts a case in the office category of its approved disposition, 진행 before approval', () => {
    expect(reportCategory(open().misconduct)).toBe('진행');
    expect(reportCategory(approved(open(), { type: 'discipline', severity: '경징계' }).misconduct)).toBe(
      '징계·불문경고',
    );
    expect(reportCategory(approved(open(), { type: 'admonition' }).misconduct)).toBe('훈계·주의');
    expect(reportCategory(approved(open(), { type: 'closure', reasonCode: 'no-misconduct' }).misconduct)).toBe(
      '내부종결·시정조치',
    );
    expect(
      reportCategory(
        approved(open(), {
          type: 'corrective-action',
          department: '도로관리과',
          order: '절차 개선',
          complianceDueDate: '2026-12-31',
        }).misconduct,
      ),
    ).toBe('내부종결·시정조치');
  });
});
