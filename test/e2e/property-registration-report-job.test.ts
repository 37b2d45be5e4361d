/**
 * 재산등록 현황 보고 end to end: a campaign with registrants and a 고지거부 case received through the API
 * are counted in the mail the quarterly job (run by the local scheduler, as on AWS by EventBridge
 * Scheduler) sends through SMTP to the head of office on the first day of the next quarter — with the
 * day the status is due (the quarter's end + 10 days, 시행령 제8조) and, in January, the past year's
 * data due 31 March (제36조②) — counts only, no registrant's name; a second run sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/api-server.ts';
import { handler as reportJob } from '../../functions/jobs/property-registration-report.handler.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { formatKoreanDate } from '#shared/mail/korean-date-format.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call } = staffApi(() => t);
const lead = staffNamed('최유진');
const calendar = createCalendar();
const today = koreaDate(new Date());
const year = Number(today.slice(0, 4));
const addDays = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function quarterAround(on: string) {
  const [y, m] = on.split('-').map(Number) as [number, number];
  const nextFirstMonth = Math.floor((m - 1) / 3) * 3 + 4;
  const next = nextFirstMonth > 12 ? `${y + 1}-01-01` : `${y}-${String(nextFirstMonth).padStart(2, '0')}-01`;
  return { nextQuarterStart: next, quarterEnd: addDays(next, -1), fourth: nextFirstMonth > 12 };
}

beforeAll(async () => {
  t = await startTestSystem({ jobs: true });
});
afterAll(async () => t?.system.close());

describe('the quarterly registration status report', () => {
  it('counts this year’s registrants and 고지거부 cases in the next quarter’s mail, once', async () => {
    const campaign = await call(lead, 'POST', '/cases', {
      kind: 'property-review',
      title: `${year}년 정기 재산변동신고 심사`,
      propertyReview: { year, registrationType: 'yearly' },
    });
    expect(campaign.status, JSON.stringify(campaign.body)).toBe(201);
    const person = (no: string, name: string) => ({
      registrantNo: no,
      name,
      category: 'district-official',
      department: '건축과',
      position: '지방시설주사(6급)',
      registrationType: 'yearly',
      eventOn: `${year}-01-01`,
    });
    const added = await call(lead, 'POST', `/cases/${campaign.body.case.caseId}/registrants`, {
      registrants: [person('Q-1', '고비밀'), person('Q-2', '노출금지'), person('Q-3', '남궁보안')],
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    const filed = await call(lead, 'POST', `/cases/${campaign.body.case.caseId}/registrants/Q-1/actions`, {
      action: 'file',
      filedOn: today,
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    const refusal = await call(lead, 'POST', '/cases', {
      kind: 'disclosure-refusal',
      title: '고지거부 심사',
      disclosureRefusal: { registrantNo: 'Q-2' },
    });
    expect(refusal.status, JSON.stringify(refusal.body)).toBe(201);

    const { nextQuarterStart, quarterEnd, fourth } = quarterAround(today);
    const runAt = new Date(`${nextQuarterStart}T07:40:10+09:00`);
    const scheduler = t.system.scheduler!;
    await scheduler.tick(new Date(runAt.getTime() - 60_000));
    const fired = await scheduler.tick(runAt);
    expect(fired.find((r) => r.schedule === 'property-registration-report')?.outcome).toBe('succeeded');
    const isReport = (m: { headers: Record<string, string> }) => m.headers['x-gamsa-template'] === 'periodic-report';
    await t.system.mailCatcher!.waitFor(isReport);
    const mails = t.system.mailCatcher!.messages().filter(isReport);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to[0]?.address).toBe(headOfOffice.email);
    let statusDue = addDays(quarterEnd, 10);
    while (!calendar.isBusinessDay(statusDue)) statusDue = addDays(statusDue, 1);
    expect(mail.subject).toContain('재산등록 현황 보고');
    expect(mail.text).toContain(`시행령 제8조) — ${formatKoreanDate(statusDue)}까지`);
    expect(mail.text).toContain('- 재산등록 의무자 (심사 대상): 3');
    expect(mail.text).toContain('- — 신고 대기: 2');
    expect(mail.text).toContain('- — 접수: 1');
    expect(mail.text).toContain('- 신고 유형: 정기 변동신고: 3');
    expect(mail.text).toContain('- 고지거부 심사 접수: 1');
    if (fourth) expect(mail.text).toContain(`제36조②) — ${formatKoreanDate(`${year + 1}-03-31`)}까지`);
    else expect(mail.text).not.toContain('연차보고서');
    for (const secret of ['고비밀', '노출금지', '남궁보안', 'Q-1'])
      expect(mail.text + (mail.html ?? '')).not.toContain(secret);

    // The same run again (a retry with the same scheduled time) mails nobody twice.
    await t.system.mailCatcher!.clear();
    const again = (await reportJob(
      { job: 'property-registration-report', scheduledTime: runAt.toISOString() },
      lambdaContext('gamsa-property-registration-report', 60_000),
    )) as { alreadySent: string[]; sentTo: string[] };
    expect(again).toMatchObject({ sentTo: [], alreadySent: [headOfOffice.sub] });
    expect(t.system.mailCatcher!.messages().filter(isReport)).toHaveLength(0);
  });
});
