/**
 * 적극행정 면책결정 분기 통보 end to end: an exemption decided today through the API and the kind's
 * workflow is counted in the mail the quarterly job (run by the local scheduler, as on AWS by
 * EventBridge Scheduler) sends through SMTP to the mail catcher on the first day of the next
 * quarter — with the day 감사원 must have it by (the quarter's end + 10 days, 시행령 제13조의4⑤).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { formatKoreanDate } from '#shared/mail/korean-date-format.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, decide, caseOf } = staffApi(() => t);

const head = headOfOffice;
const auditLead = staffNamed('강민수');
const auditor = staffNamed('서지원');
const calendar = createCalendar();
const today = koreaDate(new Date());
const addDays = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The first day of the quarter after `on`, and the last day of `on`'s quarter. */
function quarterAround(on: string) {
  const [y, m] = on.split('-').map(Number) as [number, number];
  const nextFirstMonth = Math.floor((m - 1) / 3) * 3 + 4;
  const next = nextFirstMonth > 12 ? `${y + 1}-01-01` : `${y}-${String(nextFirstMonth).padStart(2, '0')}-01`;
  return { nextQuarterStart: next, quarterEnd: addDays(next, -1) };
}

beforeAll(async () => {
  t = await startTestSystem({ jobs: true });
});
afterAll(async () => t?.system.close());

describe('the quarterly exemption report', () => {
  let caseNumber = '';
  const { nextQuarterStart, quarterEnd } = quarterAround(today);
  const firstRun = new Date(`${nextQuarterStart}T07:30:10+09:00`);

  it('counts an exemption decided today in the next quarter’s mail, with 감사원’s due day', async () => {
    const res = await call(auditLead, 'POST', '/cases', {
      kind: 'proactive-admin',
      title: '도로 긴급보수 선시공 면책 신청',
      proactiveAdmin: {
        track: 'exemption',
        requestedOn: today,
        requester: { department: '도로과', name: '최유진' },
        matter: '집중호우 뒤 도로 긴급보수의 선시공',
        lawsConcerned: ['지방자치단체 계약에 관한 법률'],
        auditEndedOn: addDays(today, -10),
        applicant: 'audited-person',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const caseId = res.body.case.caseId;
    caseNumber = res.body.case.caseNumber;
    await decide(auditLead, caseId, 'assign', { decision: 'assign', assigneeSub: auditor.sub });
    await decide(auditor, caseId, 'proactive-admin-review', {
      decision: 'propose-exemption',
      result: 'exempt',
      publicInterest: true,
      activeHandling: true,
      noIntentOrGrossNegligence: true,
      noPrivateInterest: true,
      noGraveProceduralDefect: true,
      reasons: '주민 안전을 위한 선시공',
    });
    await decide(head, caseId, 'approve', { decision: 'approve', comment: '면책' });
    expect((await caseOf(caseId)).proactiveAdmin.decision.decidedOn).toBe(today);

    const scheduler = t.system.scheduler!;
    // The first tick only fixes where the scheduler starts (a minute before the run, so the months
    // between are not caught up); the next fires what fell due since.
    await scheduler.tick(new Date(firstRun.getTime() - 60_000));
    const fired = await scheduler.tick(firstRun);
    expect(fired.find((r) => r.schedule === 'exemption-quarterly-report')?.outcome).toBe('succeeded');
    await t.system.mailCatcher!.waitFor((m) => m.headers['x-gamsa-template'] === 'exemption-quarterly-report');

    const mails = t.system
      .mailCatcher!.messages()
      .filter((m) => m.headers['x-gamsa-template'] === 'exemption-quarterly-report');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.to[0]?.address).toBe(head.email);
    let dueOn = addDays(quarterEnd, 10);
    while (!calendar.isBusinessDay(dueOn)) dueOn = addDays(dueOn, 1);
    expect(mail.subject).toContain(`면책결정 감사원 통보 (${formatKoreanDate(dueOn)}까지)`);
    expect(mail.text).toContain('면책결정 1건, 불면책 0건');
    expect(mail.text).toContain(`- ${caseNumber} 도로 긴급보수 선시공 면책 신청 (결정 ${formatKoreanDate(today)})`);
  });
});
