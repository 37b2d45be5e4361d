/**
 * 구민감사관 현장점검 end to end through the HTTP API and the generic review lifecycle:
 *
 * - the roster: the audit team's lead appoints and changes 구민감사관 (versioned), an investigator
 *   cannot, a 구민감사관 cannot read it; intake names the auditors from it (someone not on it, or a
 *   check outside an auditor's term, is refused) and keeps each one's appointment;
 * - the access rule: a citizen auditor lists and reads only the checks they are on — another's check
 *   answers 404 like a missing one, and no case route answers them (not even their own check's case);
 * - the auditor reports once; the case cannot be submitted until every auditor has reported and the
 *   department's reply to a finding is recorded; the auditor then sees the reply, and the chain verifies;
 * - a late report: the handler's task is due on the report's due day (the setting), so the morning
 *   deadline digest lists the check for the handler; once the report is in, the task is due later.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../infra/local/demo-data.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { CITIZEN_CHECK_SETTINGS } from '#shared/kinds/citizen-check/citizen-check.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, decide, tryDecide, caseOf, openTask } = staffApi(() => t);
const calendar = createCalendar();

const auditLead = staffNamed('강민수');
const auditStaff = staffNamed('서지원');
const roadAuditor = DEMO_USERS['citizen-auditor'];
const dongAuditor = staffNamed('염미숙');

beforeAll(async () => {
  t = await startTestSystem({ jobs: true });
});
afterAll(async () => t?.system.close());

const daysBefore = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
// An explicit past day: whatever weekday CI runs on, the check has happened.
const checkDate = daysBefore(koreaDate(new Date()), 3);

const checkOf = (auditorSub: string, project: string, on = checkDate) => ({
  kind: 'citizen-check',
  title: `구민감사관 현장점검 — ${project}`,
  department: '도로과',
  citizenCheck: {
    project: { name: project, orderingDepartment: '도로과', contractAmountWon: 1_250_000_000 },
    checkDate: on,
    items: ['construction', 'unpaid-wages'],
    auditors: [auditorSub],
  },
});

describe('the roster of 구민감사관', () => {
  it('is kept by the audit team’s lead (versioned), not by an investigator, and unseen by an auditor', async () => {
    const list = await call(auditStaff, 'GET', `/citizen-auditors?on=${checkDate}`);
    expect(list.status).toBe(200);
    const dong = list.body.items.find((a: { sub: string }) => a.sub === dongAuditor.sub);
    expect(dong).toMatchObject({ name: dongAuditor.name, field: 'dong', version: 1 });
    expect(list.body.items.map((a: { sub: string }) => a.sub)).toContain(roadAuditor.sub);

    const input = { field: 'dong', dong: '신길5동', cohort: 8, termStart: dong.termStart, termEnd: dong.termEnd };
    expect((await call(auditStaff, 'PUT', `/citizen-auditors/${dongAuditor.sub}`, input)).status).toBe(403);
    expect((await call(roadAuditor, 'GET', '/citizen-auditors')).status).toBe(403);
    const unversioned = await call(auditLead, 'PUT', `/citizen-auditors/${dongAuditor.sub}`, input);
    expect(unversioned.body.error).toMatchObject({ field: 'expectedVersion', rule: 'required_for_update' });
    const moved = await call(auditLead, 'PUT', `/citizen-auditors/${dongAuditor.sub}`, {
      ...input,
      expectedVersion: 1,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.auditor).toMatchObject({ dong: '신길5동', version: 2, updatedBy: auditLead.sub });
    const staff = await call(auditLead, 'PUT', `/citizen-auditors/${auditStaff.sub}`, { ...input, dong: '신길1동' });
    expect(staff.body.error).toMatchObject({ rule: 'not_citizen_auditor' });
  });
});

describe('citizen auditors see only the checks they are on', () => {
  let mine = '';
  let theirs = '';
  let seeded: string[] = [];

  it('refuses someone who is not a 구민감사관, and a check outside the auditor’s term', async () => {
    const staff = await call(auditLead, 'POST', '/cases', checkOf(auditStaff.sub, '보도 정비 공사'));
    expect(staff.status).toBe(400);
    expect(staff.body.error).toMatchObject({ field: 'citizenCheck.auditors.0', rule: 'not_citizen_auditor' });
    const { termStart } = (await call(auditLead, 'GET', '/citizen-auditors')).body.items.find(
      (a: { sub: string }) => a.sub === roadAuditor.sub,
    );
    const before = await call(
      auditLead,
      'POST',
      '/cases',
      checkOf(roadAuditor.sub, '보도 정비', daysBefore(termStart, 1)),
    );
    expect(before.status).toBe(400);
    expect(before.body.error).toMatchObject({ field: 'citizenCheck.auditors.0', rule: 'outside_term' });
    // The demo check names the road auditor too: it is theirs, and stays in their list below.
    seeded = (await call(roadAuditor, 'GET', '/citizen-checks')).body.items.map((i: { caseId: string }) => i.caseId);
  });

  it('receives two checks, each with its own auditor named from the directory', async () => {
    const a = await call(auditLead, 'POST', '/cases', checkOf(roadAuditor.sub, '신길로 도로 포장 공사'));
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    mine = a.body.case.caseId;
    expect(a.body.case.citizenCheck.auditors[0]).toMatchObject({
      sub: roadAuditor.sub,
      name: roadAuditor.name,
      field: 'civil',
      cohort: 8,
    });
    const b = await call(auditLead, 'POST', '/cases', checkOf(dongAuditor.sub, '경로당 리모델링 공사'));
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    theirs = b.body.case.caseId;
    expect(b.body.case.citizenCheck.auditors[0]).toMatchObject({ field: 'dong', dong: '신길5동' });
  });

  it('lists and reads only the auditor’s own check; another’s answers 404, every case route 403', async () => {
    const list = await call(roadAuditor, 'GET', '/citizen-checks');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual([mine, ...seeded].sort());
    const own = await call(roadAuditor, 'GET', `/citizen-checks/${mine}`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ caseId: mine, project: { name: '신길로 도로 포장 공사' }, checkDate });
    expect(own.body).not.toHaveProperty('title');
    expect(own.body).not.toHaveProperty('assigneeSub');

    expect((await call(roadAuditor, 'GET', `/citizen-checks/${theirs}`)).status).toBe(404);
    const missing = await call(roadAuditor, 'GET', '/citizen-checks/01HZZZZZZZZZZZZZZZZZZZZZZZ');
    expect(missing.status).toBe(404);
    expect(missing.body.error.messageKo).toBe(
      (await call(roadAuditor, 'GET', `/citizen-checks/${theirs}`)).body.error.messageKo,
    );
    const report = {
      results: [
        { item: 'construction', outcome: 'no-issue' },
        { item: 'unpaid-wages', outcome: 'no-issue' },
      ],
    };
    expect((await call(roadAuditor, 'POST', `/citizen-checks/${theirs}/report`, report)).status).toBe(404);
    expect(
      (await call(roadAuditor, 'POST', `/citizen-checks/${mine}/reply`, { repliedOn: checkDate, action: '조치' }))
        .status,
    ).toBe(404);

    for (const path of [`/cases/${theirs}`, `/cases/${mine}`, `/cases/${mine}/history`, `/cases/${mine}/tasks`]) {
      expect((await call(roadAuditor, 'GET', path)).status, path).toBe(403);
    }
    expect((await call(roadAuditor, 'GET', '/cases/search')).status).toBe(403);
    expect((await call(roadAuditor, 'GET', '/staff')).status).toBe(403);
    expect((await call(roadAuditor, 'POST', '/cases', checkOf(roadAuditor.sub, '자가 접수'))).status).toBe(403);

    const other = await call(dongAuditor, 'GET', '/citizen-checks');
    expect(other.body.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual([theirs, ...seeded].sort());
  });

  it('closes only after the auditor’s report and the department’s reply to the finding', async () => {
    await decide(auditLead, mine, 'assign', { decision: 'assign', assigneeSub: auditStaff.sub });
    const early = await tryDecide(auditStaff, mine, 'investigate', { decision: 'submit', findings: '점검 완료' });
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({ rule: 'check_outstanding' });
    expect(early.body.error.messageKo).toContain(roadAuditor.name);

    const uncovered = await call(roadAuditor, 'POST', `/citizen-checks/${mine}/report`, {
      results: [{ item: 'construction', outcome: 'no-issue' }],
    });
    expect(uncovered.status).toBe(400);
    expect(uncovered.body.error.rule).toBe('items_mismatch');
    const report = {
      results: [
        { item: 'construction', outcome: 'advice', note: '배수구 경사 보완 권고' },
        { item: 'unpaid-wages', outcome: 'finding', note: '장비대금 2개월 체불 진술' },
      ],
    };
    const reported = await call(roadAuditor, 'POST', `/citizen-checks/${mine}/report`, report, {
      'Idempotency-Key': `cc-${mine}`,
    });
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    expect(reported.body.check.reports).toHaveLength(1);
    const replay = await call(roadAuditor, 'POST', `/citizen-checks/${mine}/report`, report, {
      'Idempotency-Key': `cc-${mine}`,
    });
    expect(replay.status).toBe(200);
    expect((await call(roadAuditor, 'POST', `/citizen-checks/${mine}/report`, report)).status).toBe(409);

    const noReply = await tryDecide(auditStaff, mine, 'investigate', { decision: 'submit', findings: '점검 완료' });
    expect(noReply.status).toBe(400);
    expect(noReply.body.error.messageKo).toContain('부서 회신');
    const reply = await call(auditStaff, 'POST', `/citizen-checks/${mine}/reply`, {
      repliedOn: koreaDate(new Date()),
      action: '체불 장비대금 지급 완료, 배수구 재시공',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    await decide(auditStaff, mine, 'investigate', { decision: 'submit', findings: '체불 해소 확인' });
    await decide(headOfOffice, mine, 'approve', { decision: 'approve' });
    expect((await caseOf(mine)).stage).toBe('closed');

    const seen = await call(roadAuditor, 'GET', `/citizen-checks/${mine}`);
    expect(seen.body).toMatchObject({ closed: true, reply: { action: '체불 장비대금 지급 완료, 배수구 재시공' } });

    const history = await call(headOfOffice, 'GET', `/cases/${mine}/history`);
    const reportedEvent = history.body.events.find((e: { type: string }) => e.type === 'CITIZEN_CHECK_REPORTED');
    expect(reportedEvent.actor.sub).toBe(roadAuditor.sub);
    expect((await call(headOfOffice, 'GET', `/cases/${mine}/verify`)).body.ok).toBe(true);
  });
});

describe('a late report reaches the handler’s morning digest', () => {
  it('dates the handler’s task by the report’s due day, mails it overdue, and moves it once the report is in', async () => {
    // Long enough ago that the report's due day (moved off holidays) has passed, whatever day CI runs.
    const lateOn = daysBefore(koreaDate(new Date()), 20);
    const created = await call(
      auditLead,
      'POST',
      '/cases',
      checkOf(roadAuditor.sub, '대림로 하수관 정비 공사', lateOn),
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { caseId, caseNumber } = created.body.case;
    expect(created.body.case.citizenCheck.reportDueOn).toBe(daysBefore(lateOn, -CITIZEN_CHECK_SETTINGS.reportDueDays));
    await decide(auditLead, caseId, 'assign', { decision: 'assign', assigneeSub: auditStaff.sub });

    const task = await openTask(caseId);
    let due = created.body.case.citizenCheck.reportDueOn as string;
    while (!calendar.isBusinessDay(due)) due = daysBefore(due, -1);
    expect(task).toMatchObject({ type: 'investigate', dueAt: `${due}T18:00:00+09:00` });
    expect(task.dueBasis?.labelKo).toContain('구 규칙 확인 필요');

    const { system } = t;
    await system.scheduler!.tick(new Date());
    let morning = daysBefore(koreaDate(new Date()), -1);
    while (!calendar.isBusinessDay(morning)) morning = daysBefore(morning, -1);
    const fired = await system.scheduler!.tick(new Date(`${morning}T10:00:10+09:00`));
    expect(fired.find((run) => run.schedule === 'deadline-reminders')).toMatchObject({ outcome: 'succeeded' });
    const toHandler = system.mailCatcher!.messages().filter((m) => JSON.stringify(m).includes(auditStaff.email));
    expect(JSON.stringify(toHandler)).toContain(caseNumber);

    const report = {
      results: [
        { item: 'construction', outcome: 'no-issue' },
        { item: 'unpaid-wages', outcome: 'no-issue' },
      ],
    };
    expect((await call(roadAuditor, 'POST', `/citizen-checks/${caseId}/report`, report)).status).toBe(201);
    const after = await openTask(caseId);
    expect(after.taskId).toBe(task.taskId);
    expect(after.dueAt > `${koreaDate(new Date())}T23:59`).toBe(true);
    expect(after.dueBasis?.labelKo).toContain(`${CITIZEN_CHECK_SETTINGS.followUpBusinessDays}근무일`);
  });
});
