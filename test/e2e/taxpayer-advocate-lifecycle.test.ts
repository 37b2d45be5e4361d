/**
 * 납세자보호관 end to end through the HTTP API and the local Step Functions service running the
 * kind's own workflow:
 *
 * - a 고충민원 (after a disposition) with distinctive tax information: refused unsealed (제86조), due
 *   on the 7-business-day setting → the advocate named → a 처분절차 일시중지 refused on a completed
 *   disposition → a 시정요구, its reply due on the setting, the tax department's reply → the result
 *   notified → closed;
 * - a 권리보호요청 (before one) takes a 세무조사 중지 요구; a consultation takes no request at all;
 * - the morning reminders mail the overdue task to the SMTP catcher, and the search and timeline
 *   exports list the case: neither the mail nor any export holds the title or any detail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { taxpayerAnswerDue, taxpayerReplyDue } from '#shared/kinds/taxpayer-consultation/taxpayer-deadlines.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, tryDecide, decide, caseOf, openTask } = staffApi(() => t);

const lead = staffNamed('배수빈');
const officer = staffNamed('신예린');

beforeAll(async () => {
  t = await startTestSystem({ jobs: true });
});
afterAll(async () => t?.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());

const TITLE = '남궁팔석 재산세 부과 고충';
const MATTER = '과세표준 412,345,678원 산정에 공시가격 오류, 주민번호 781212-1234567';
const SECRETS = ['남궁팔석', '412,345,678', '781212', '공시가격 오류', '도림동 77번지'];
const found = (text: string) => SECRETS.filter((s) => text.includes(s));

const COMPLAINT = {
  variant: 'complaint',
  taxItem: '재산세',
  disposition: '2026년 재산세 부과처분 (도림동 77번지)',
  matter: MATTER,
};

/** 08:30 Korea time on the first business day at least two weeks from now: the open tasks are overdue by then. */
function aMorningInTwoWeeks(): Date {
  let day = Date.parse(`${today}T00:00:00Z`) + 14 * 86_400_000;
  while (!calendar.isBusinessDay(new Date(day).toISOString().slice(0, 10))) day += 86_400_000;
  return new Date(`${new Date(day).toISOString().slice(0, 10)}T08:30:00+09:00`);
}

describe('a 고충민원 from receipt to closed', () => {
  let caseId = '';
  let caseNumber = '';

  it('refuses it unsealed, naming 제86조, and receives it sealed, due on the 7-day setting', async () => {
    const unsealed = await call(lead, 'POST', '/cases', {
      kind: 'taxpayer-consultation',
      title: TITLE,
      sealed: false,
      taxpayer: COMPLAINT,
    });
    expect(unsealed.status).toBe(422);
    expect(unsealed.body.error.messageKo).toContain('지방세기본법 제86조');
    const noDisposition = await call(lead, 'POST', '/cases', {
      kind: 'taxpayer-consultation',
      title: TITLE,
      taxpayer: { ...COMPLAINT, disposition: undefined },
    });
    expect(noDisposition.status).toBe(400);
    expect(noDisposition.body.error).toMatchObject({ field: 'taxpayer.disposition', rule: 'required' });

    const res = await call(lead, 'POST', '/cases', {
      kind: 'taxpayer-consultation',
      title: TITLE,
      department: '세무1과',
      taxpayer: COMPLAINT,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.case.caseId;
    caseNumber = res.body.case.caseNumber;
    expect(res.body.case.sealed).toBe(true);
    expect(res.body.case.taxpayer).toMatchObject({
      variant: 'complaint',
      dispositionCompleted: true,
      receivedOn: today,
    });
    const answerDue = taxpayerAnswerDue(today, calendar);
    expect(res.body.case.dueDate).toBe(answerDue.dueAt.slice(0, 10));

    await decide(lead, caseId, 'assign', { decision: 'assign', assigneeSub: officer.sub });
    const review = await openTask(caseId);
    expect(review.type).toBe('taxpayer-review');
    expect(review.dueAt).toBe(answerDue.dueAt);
    expect(review.dueBasis).toMatchObject({ article: '지방세기본법 시행령 제51조의2⑤', source: 'default' });
    expect(review.dueBasis?.labelKo).toContain('구 규칙 확인 필요');
  });

  it('refuses suspending a completed disposition; a 시정요구 waits for the tax department’s reply', async () => {
    const suspend = await tryDecide(officer, caseId, 'taxpayer-review', {
      decision: 'request-correction',
      power: 'suspend-procedure',
      content: '부과 절차 일시중지',
    });
    expect(suspend.status).toBe(400);
    expect(suspend.body.error).toMatchObject({ field: 'power', rule: 'disposition_completed' });

    await decide(officer, caseId, 'taxpayer-review', {
      decision: 'request-correction',
      power: 'correction',
      content: `공시가격 오류에 따른 과세표준 재산정 요구 — ${MATTER}`,
    });
    const reply = await openTask(caseId);
    expect(reply.type).toBe('taxpayer-department-reply');
    expect(reply.dueAt).toBe(taxpayerReplyDue(today, calendar).dueAt);
    expect(reply.dueBasis?.labelKo).toContain('구 규칙 확인 필요');
    await decide(officer, caseId, 'taxpayer-department-reply', {
      decision: 'record-department-reply',
      accepted: true,
      content: '과세표준 412,345,678원 → 398,000,000원으로 경정',
      repliedOn: today,
    });
  });

  it('notifies the result and closes', async () => {
    const review = await openTask(caseId);
    expect(review.type).toBe('taxpayer-review');
    await decide(officer, caseId, 'taxpayer-review', {
      decision: 'notify-taxpayer',
      result: '해소',
      content: '남궁팔석 님께 경정 결과 통지',
      notifiedOn: today,
    });
    const c = await caseOf(caseId);
    expect(c.stage).toBe('closed');
    expect(c.taxpayer.requests).toMatchObject([{ power: 'correction', reply: { accepted: true, repliedOn: today } }]);
    expect(c.taxpayer.result).toMatchObject({ result: '해소', notifiedOn: today });
    expect(c.detailsView.map((l: { labelKo: string }) => l.labelKo)).toEqual(
      expect.arrayContaining(['유형', '세목', '요구 1', '회신 1', '처리 결과']),
    );
    expect(caseNumber).not.toBe('');
  });
});

describe('the other variants', () => {
  it('a 권리보호요청 takes a 세무조사 중지 요구; a consultation takes no request', async () => {
    const rights = await call(lead, 'POST', '/cases', {
      kind: 'taxpayer-consultation',
      title: '세무조사 중 권리보호요청',
      assigneeSub: officer.sub,
      taxpayer: { variant: 'rights-protection', taxItem: '취득세', disposition: '취득세 세무조사', matter: MATTER },
    });
    expect(rights.status, JSON.stringify(rights.body)).toBe(201);
    expect(rights.body.case.taxpayer.dispositionCompleted).toBe(false);
    await decide(officer, rights.body.case.caseId, 'taxpayer-review', {
      decision: 'request-correction',
      power: 'suspend-audit',
      content: '조사 범위 일탈, 세무조사 중지 요구',
    });
    expect((await openTask(rights.body.case.caseId)).type).toBe('taxpayer-department-reply');

    const consult = await call(lead, 'POST', '/cases', {
      kind: 'taxpayer-consultation',
      title: '세무상담',
      assigneeSub: officer.sub,
      taxpayer: { variant: 'consultation', taxItem: '재산세', matter: MATTER },
    });
    expect(consult.status).toBe(201);
    const refused = await tryDecide(officer, consult.body.case.caseId, 'taxpayer-review', {
      decision: 'request-correction',
      power: 'correction',
      content: '시정요구',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.rule).toBe('not_for_consultation');
  });
});

describe('tax information never leaves the case', () => {
  it('sends the overdue tasks’ mail and the exports without the title or any detail', async () => {
    const { system } = t;
    await system.stepFunctions.settle();
    await system.scheduler!.tick(new Date());
    const fired = await system.scheduler!.tick(new Date(aMorningInTwoWeeks().getTime() + 10_000));
    expect(fired.find((run) => run.schedule === 'deadline-reminders')).toMatchObject({ outcome: 'succeeded' });
    const mail = system.mailCatcher!.messages();
    const toOfficer = mail.filter((m) => JSON.stringify(m).includes(officer.email));
    expect(toOfficer.length).toBeGreaterThan(0);
    // The mail is about the taxpayer cases (their numbers are in it) but carries nothing of them.
    const taxCases = await call(headOfOffice, 'GET', '/cases/search?kind=taxpayer-consultation');
    const open = (taxCases.body.items as { caseNumber: string; stage: string }[]).filter((i) => i.stage !== 'closed');
    expect(open.length).toBeGreaterThan(0);
    expect(open.some((i) => JSON.stringify(toOfficer).includes(i.caseNumber))).toBe(true);
    expect(found(JSON.stringify(mail))).toEqual([]);

    const csv = await fetchText('/cases/export?format=csv&kind=taxpayer-consultation');
    // Every taxpayer case is a row, and no row has a title.
    const items = taxCases.body.items as { caseId: string; caseNumber: string }[];
    expect(items).toHaveLength(3);
    for (const item of items) expect(csv).toContain(item.caseNumber);
    expect(csv.split('비공개 사건').length - 1).toBe(items.length);
    expect(found(csv)).toEqual([]);
    const timelines = await Promise.all(items.map((i) => fetchText(`/cases/${i.caseId}/history/export?format=csv`)));
    // The decisions are there by their labels; their texts are not.
    expect(timelines.join('')).toContain('세무부서 회신 기록');
    for (const timeline of timelines) expect(found(timeline)).toEqual([]);
    expect(found(JSON.stringify(taxCases.body))).toEqual([]);
  }, 120_000);
});

async function fetchText(path: string): Promise<string> {
  const res = await fetch(`${t.system.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${await staffApi(() => t).tokenOf(headOfOffice)}` },
  });
  expect(res.status, path).toBe(200);
  return res.text();
}
