/**
 * The reminder job as `npm start` runs it: the local system with its mail catcher and scheduler,
 * the scheduler firing the declared 08:30 job, the handler module imported and invoked with a
 * Lambda-like context, its mail sent over SMTP (MAIL_TRANSPORT=smtp) to the catcher's inbox.
 */
import { randomUUID } from 'node:crypto';
import { formatKoreanDate } from '#shared/mail/korean-date-format.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../../infra/local/demo-data.ts';
import { freePort } from '../../../infra/local/dynamodb-local.ts';
import { startLocalSystem, type LocalSystem } from '../../../infra/local/local-system.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { deployableJobs } from '../../../functions/jobs/job-modules.ts';
import { readDigest } from './reminder-fixture.ts';

let system: LocalSystem;
const lead = DEMO_STAFF.find((m) => m.roles.includes('team-lead') && m.team === 'investigation')!;

/** 08:30 Korea time on the first business day at least a week from now: any 2-day task opened today is overdue by then. */
function aMorningNextWeek(): Date {
  const calendar = createCalendar();
  let day = Date.parse(`${koreaDate(new Date())}T00:00:00Z`) + 7 * 86_400_000;
  while (!calendar.isBusinessDay(new Date(day).toISOString().slice(0, 10))) day += 86_400_000;
  return new Date(`${new Date(day).toISOString().slice(0, 10)}T08:30:00+09:00`);
}

beforeAll(async () => {
  const endpoint = process.env.AWS_ENDPOINT_URL_DYNAMODB;
  if (!endpoint) throw new Error('the global test setup did not start DynamoDB Local');
  system = await startLocalSystem({
    tableName: `wiring-${randomUUID()}`,
    apiPort: await freePort(),
    dynamoEndpoint: endpoint,
    mailCatcher: {},
    scheduler: { runLoop: false },
  });
});

afterAll(async () => {
  await system?.close();
});

describe('deadline reminders in the local system', () => {
  it('schedules only the jobs whose handler exists — the same deployableJobs() the CDK app deploys — and says which it left out', () => {
    const deployable = deployableJobs();
    expect(system.scheduledJobs).toEqual({
      active: deployable.active.map((j) => j.name),
      skipped: deployable.skipped.map((j) => j.name),
    });
    expect(system.scheduledJobs.active).toEqual(
      expect.arrayContaining(['deadline-reminders', 'committee-notices', 'committee-meetings-ahead']),
    );
  });

  it('reports the mail catcher in the health check', async () => {
    const res = await fetch(`${system.apiUrl}/health`);
    const body = (await res.json()) as { status: string; checks: Record<string, string> };
    expect(res.status).toBe(200);
    expect(body.checks.mailCatcher).toBe('ok');
  });

  it('fires the 08:30 job through the scheduler and delivers the digest to the local inbox', async () => {
    const user = DEMO_STAFF.find((m) => m.roles.includes('clerk'))!;
    const token = await system.issuer.mint({ sub: user.sub, email: user.email, name: user.name, roles: user.roles });
    const created = await fetch(`${system.apiUrl}/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'case-review', title: '일반 검토 — 배정 대기', department: '도로관리과' }),
    });
    expect(created.status).toBe(201);
    const caseNumber = ((await created.json()) as { case: { caseNumber: string } }).case.caseNumber;
    await system.stepFunctions.settle();

    const scheduler = system.scheduler!;
    expect(await scheduler.tick(new Date())).toEqual([]);
    const morning = aMorningNextWeek();
    const fired = await scheduler.tick(new Date(morning.getTime() + 10_000));

    // Every weekday missed since the last tick runs once, oldest first, ending with that morning's run;
    // every deployable job runs through the same scheduler.
    const deadlineRuns = fired.filter((run) => run.schedule === 'deadline-reminders');
    expect(deadlineRuns.length).toBeGreaterThanOrEqual(5);
    expect(deadlineRuns.at(-1)).toMatchObject({ scheduledFor: morning, outcome: 'succeeded' });
    const times = deadlineRuns.map((run) => run.scheduledFor.getTime());
    expect(times).toEqual([...new Set(times)].sort((a, b) => a - b));
    expect(fired.filter((run) => run.outcome !== 'succeeded')).toEqual([]);
    const toLead = system
      .mailCatcher!.messages()
      .filter((m) => m.to[0]?.address === lead.email && m.subject.includes(formatKoreanDate(morning)));
    expect(toLead).toHaveLength(1);
    // Their own task (the team lead assigns), overdue for days by then: "계속 기한 경과".
    expect(readDigest(toLead[0]!).items).toContain(`계속 기한 경과 ${caseNumber}`);
    // The optional part can be turned off from the mail itself (RFC 8058 one-click).
    expect(toLead[0]!.headers['list-unsubscribe']).toMatch(
      /^<http:\/\/localhost:\d+\/mail\/unsubscribe\?sub=.+&token=.+>$/,
    );
    expect(toLead[0]!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(toLead[0]!.headers['x-gamsa-template']).toBe('deadline-digest');

    const inbox = await fetch(`${system.mailCatcher!.httpUrl}/api/messages`);
    expect(((await inbox.json()) as { messages: unknown[] }).messages.length).toBe(
      system.mailCatcher!.messages().length,
    );
  }, 240_000);
});
