/**
 * `npm run jobs -- run <job> --at …` in a process of its own, against a table in DynamoDB Local and
 * the mail catcher: it runs the job's handler for that scheduled time, and running the same time
 * again (a replay) sends nothing that run already sent.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../../infra/local/demo-data.ts';
import { scheduledJobs } from '#shared/schedules/scheduled-jobs.ts';
import { createReminderWorld, staffNamed, type OpenedTask, type ReminderWorld } from './reminder-fixture.ts';

const COMMAND = fileURLToPath(new URL('../../../infra/ops/jobs.command.ts', import.meta.url));
const run = promisify(execFile);

const lastLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;

let world: ReminderWorld;
let task: OpenedTask;

function jobs(...args: string[]) {
  return run(process.execPath, ['--import', 'tsx', COMMAND, ...args], {
    env: {
      ...process.env,
      TABLE_NAME: world.table.tableName,
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(world.catcher.smtpPort),
      SMTP_DELIVERY_LOOKUP_URL: world.catcher.httpUrl,
      MAIL_FROM: 'gamsa@gamsa.local',
      OFFICE_LEVEL_STAFF_SUBS: DEMO_USERS.head.sub,
    },
  });
}

beforeAll(async () => {
  world = await createReminderWorld();
  task = await world.openTask({
    kind: 'grievance',
    title: '고충민원 — 가로등 고장',
    openedAt: '2026-12-10T10:00:00+09:00',
    taskType: 'investigate',
    stage: 'investigation',
    assignTo: { sub: staffNamed('신예린').sub },
    allowedDecisions: ['submit'],
    dueInBusinessDays: 5,
  });
});

afterAll(async () => {
  await world?.close();
});

describe('npm run jobs', () => {
  it('runs one run of a job for the Korea time given, and a replay of it sends nothing more', async () => {
    const first = await jobs('run', 'deadline-reminders', '--at', '2026-12-17T08:30');
    expect(lastLine(first.stdout)).toMatchObject({ runDate: '2026-12-17', digestsSent: 1, failed: [] });
    expect(first.stderr).toContain('2026년 12월 17일(목) 08:30 회차를 실행합니다');
    const mails = world.catcher.messages();
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(task.caseNumber);
    expect(mails[0]!.subject).toContain('[영등포구청 감사담당관]');

    const replay = await jobs('run', 'deadline-reminders', '--at', '2026-12-17T08:30');
    expect(lastLine(replay.stdout)).toMatchObject({ runDate: '2026-12-17', digestsSent: 0 });
    expect(world.catcher.messages()).toHaveLength(1);
  }, 120_000);

  it('lists every scheduled job with what it does and when it runs next', async () => {
    const { stdout } = await jobs('list');
    for (const job of scheduledJobs) {
      expect(stdout).toContain(`${job.name}\n  ${job.description}\n  일정: ${job.expression} (Asia/Seoul), 다음 실행 `);
    }
  }, 120_000);

  it('prints the event for the same run on AWS, and refuses an unknown job or time with a usage line', async () => {
    const payload = await jobs('payload', 'deadline-reminders', '--at', '2026-12-30T08:30');
    expect(JSON.parse(payload.stdout)).toEqual({ job: 'deadline-reminders', scheduledTime: '2026-12-29T23:30:00Z' });
    await expect(jobs('run', 'no-such-job')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('작업 이름'),
    });
    await expect(jobs('run', 'deadline-reminders', '--at', 'tomorrow')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--at'),
    });
  }, 120_000);
});
