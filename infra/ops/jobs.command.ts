/**
 * Operator command: list the scheduled jobs, or run (or replay) one run of a job now.
 *
 *   npm run jobs -- list
 *   npm run jobs -- run deadline-reminders [--at 2026-12-30T08:30]
 *   npm run jobs -- payload deadline-reminders --at 2026-12-30T08:30
 *
 * `--at` is the run's scheduled time in Korea time (or an ISO instant with its offset); without it,
 * the job's latest occurrence. A run is identified by that time, so running a day that already ran
 * sends nothing it sent — a replay finishes whatever that run left undone. `run` invokes the job's
 * handler in this process against the local system (DynamoDB Local, the mail catcher of `npm start`);
 * `payload` prints the event for the same run on AWS:
 *   aws lambda invoke --function-name <JobFunctionNames[job] from the stack outputs> \
 *     --cli-binary-format raw-in-base64-out --payload "$(npm run -s jobs -- payload <job> --at …)" out.json
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { z } from 'zod';
import { deployableJobs, jobModule } from '../../functions/jobs/job-modules.ts';
import { formatKoreanDateTime } from '#shared/domain/korea-time.ts';
import { latestRunAtOrBefore, nextRuns } from '#shared/schedules/schedule-occurrences.ts';
import { invocationEvent, type ScheduledJob } from '#shared/schedules/scheduled-job.ts';
import { scheduledJobs } from '#shared/schedules/scheduled-jobs.ts';
import { instantOfWallTime } from '#shared/schedules/zoned-time.ts';
import { lambdaContext } from '../local/api-server.ts';
import { DEMO_STAFF } from '../local/demo-data.ts';
import { localSettings } from '../local/local-settings.ts';
import { createScheduleStateStore } from '../local/scheduler/schedule-state-store.ts';
import { commandTable } from './command-table.ts';

const USAGE = [
  'usage: npm run jobs -- list',
  '       npm run jobs -- run <job> [--at 2026-12-30T08:30]',
  '       npm run jobs -- payload <job> [--at 2026-12-30T08:30]',
].join('\n');

const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

const argsSchema = z.object({
  command: z.enum(['list', 'run', 'payload'], { message: 'list, run, payload 중 하나를 주세요' }),
  job: z.string().optional(),
  at: z
    .string()
    .refine((text) => WALL_TIME.test(text) || !Number.isNaN(Date.parse(text)), {
      message: '--at은 한국 시각 2026-12-30T08:30 또는 오프셋이 있는 ISO 시각이어야 합니다',
    })
    .optional(),
});

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

function scheduledTimeOf(job: ScheduledJob, at: string | undefined): Date {
  if (at === undefined) {
    const latest = latestRunAtOrBefore(job.expression, new Date(), { timezone: job.timezone, rateAnchor: new Date(0) });
    if (!latest) fail(`${job.name}: 지난 실행 시각이 없습니다. --at을 주세요`);
    return latest;
  }
  const wall = WALL_TIME.exec(at);
  if (!wall) return new Date(at);
  const [, y, mo, d, h, mi, s] = wall;
  return instantOfWallTime(
    { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s ?? 0) },
    job.timezone,
  );
}

function eventFor(job: ScheduledJob, scheduledTime: Date, executionId: string): unknown {
  return invocationEvent(job.payload, {
    scheduleArn: `manual:${job.name}`,
    scheduledTime,
    executionId,
    attemptNumber: 1,
  });
}

/** Mail for a local run goes to the catcher of `npm start`, as the scheduler's runs do, and its links open the local console. */
function useLocalMail(): void {
  const settings = localSettings();
  process.env.CONSOLE_URL ??= `http://localhost:${settings.LOCAL_CONSOLE_PORT}`;
  if (process.env.MAIL_TRANSPORT) return;
  Object.assign(process.env, {
    MAIL_TRANSPORT: 'smtp',
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(settings.LOCAL_SMTP_PORT),
    SMTP_DELIVERY_LOOKUP_URL: `http://127.0.0.1:${settings.LOCAL_MAIL_WEB_PORT}`,
    MAIL_FROM: settings.LOCAL_MAIL_FROM,
    APP_BASE_URL: process.env.APP_BASE_URL ?? `http://localhost:${settings.LOCAL_API_PORT}`,
    OFFICE_LEVEL_STAFF_SUBS:
      process.env.OFFICE_LEVEL_STAFF_SUBS ??
      DEMO_STAFF.filter((m) => m.team === undefined)
        .map((m) => m.sub)
        .join(','),
  });
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { at: { type: 'string' } } });
const parsed = argsSchema.safeParse({ command: positionals[0], job: positionals[1], at: values.at });
if (!parsed.success) fail(parsed.error.issues.map((i) => `${i.path.join('.') || 'args'}: ${i.message}`).join('\n'));
const args = parsed.data;

if (args.command === 'list') {
  const { active, skipped } = deployableJobs();
  const table = process.env.TABLE_NAME ? undefined : commandTable();
  const states = table ? createScheduleStateStore(new DynamoDBClient({}), table.tableName) : undefined;
  for (const job of scheduledJobs) {
    const next = nextRuns(job.expression, new Date(), 1, { timezone: job.timezone, rateAnchor: new Date(0) })[0];
    const state = await states?.get(job.name).catch(() => undefined);
    console.log(`${job.name}${skipped.includes(job) ? '  (핸들러 없음: 실행되지 않음)' : ''}`);
    console.log(`  ${job.description}`);
    console.log(
      `  일정: ${job.expression} (${job.timezone})${next ? `, 다음 실행 ${formatKoreanDateTime(next)}` : ''}`,
    );
    if (state?.scheduledFor)
      console.log(
        `  마지막 실행: ${formatKoreanDateTime(new Date(state.scheduledFor))} 회차, ${state.status}${state.lastError ? ` — ${state.lastError}` : ''}`,
      );
  }
  if (active.length === 0) console.log('실행할 수 있는 작업이 없습니다.');
  process.exit(0);
}

const job = scheduledJobs.find((j) => j.name === args.job);
if (!job) fail(`작업 이름을 주세요: ${scheduledJobs.map((j) => j.name).join(', ')}`);
const scheduledTime = scheduledTimeOf(job, args.at);
const executionId = `manual-${randomBytes(6).toString('hex')}`;
const event = eventFor(job, scheduledTime, executionId);

if (args.command === 'payload') {
  console.log(JSON.stringify(event));
  process.exit(0);
}

const { local } = commandTable();
if (local) useLocalMail();
console.error(`${job.name}: ${formatKoreanDateTime(scheduledTime)} 회차를 실행합니다 (${executionId})`);
const load = jobModule(job.name);
if (load === undefined) fail(`${job.name}: 아직 핸들러가 없어 실행할 수 없습니다`);
const module = (await load()) as unknown as {
  handler: (event: unknown, context: ReturnType<typeof lambdaContext>) => Promise<unknown>;
};
try {
  const result = await module.handler(event, lambdaContext(`gamsa-${job.name}`, 15 * 60_000));
  // The report is the last line of the output, after the job's own log lines.
  console.log(JSON.stringify(result));
  process.exit(0);
} catch (error) {
  console.error(
    `${job.name}: 실행이 끝나지 않았습니다 — ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
  );
  console.error('같은 --at으로 다시 실행하면 남은 것만 처리합니다.');
  process.exit(1);
}
