import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLocalScheduler,
  OneTimeScheduleInputError,
  ScheduleConflictError,
  type InvokeHandler,
  type LocalScheduler,
  type LocalSchedulerOptions,
  type ScheduledInvocation,
} from '../../../infra/local/scheduler/local-scheduler.ts';
import { createScheduleStateStore } from '../../../infra/local/scheduler/schedule-state-store.ts';
import { schedulerContext, type ScheduledJob } from '#shared/schedules/scheduled-job.ts';
import { deadlineRemindersJob, scheduledJobs } from '#shared/schedules/scheduled-jobs.ts';

const tableName = `scheduler-${randomUUID()}`;
const client = new DynamoDBClient({});
const kst = (text: string) => new Date(`${text}+09:00`);
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

interface Call {
  handler: string;
  event: unknown;
  invocation: ScheduledInvocation;
}

/** Records invocations; `behaviour` decides how each one ends. */
function recordingInvoker(behaviour: (call: Call, index: number) => Promise<void> = async () => undefined) {
  const calls: Call[] = [];
  const invoke: InvokeHandler = async (handler, event, invocation) => {
    const call = { handler, event, invocation };
    calls.push(call);
    await behaviour(call, calls.length - 1);
  };
  return { calls, invoke };
}

/** The real deadline-reminders declaration under a name of its own, so tests sharing the table do not meet. */
/** A once-a-morning weekday job (the digest itself runs every half hour; these tests are about the scheduler). */
function weekdayJob(): ScheduledJob {
  return {
    ...deadlineRemindersJob,
    name: `deadline-reminders-${randomUUID().slice(0, 8)}`,
    expression: 'cron(30 8 ? * MON-FRI *)',
  };
}

function scheduler(
  jobs: readonly ScheduledJob[],
  invoke: InvokeHandler,
  extra: Partial<LocalSchedulerOptions> = {},
): LocalScheduler {
  return createLocalScheduler({
    jobs,
    tableName,
    invoke,
    dynamodb: client,
    logger: silent,
    clock: () => new Date('2026-11-27T00:00:00Z'),
    ...extra,
  });
}

beforeAll(async () => {
  await scheduler([], async () => undefined).ensureTable();
});

afterAll(async () => {
  await client.send(new DeleteTableCommand({ TableName: tableName }));
  client.destroy();
});

describe('local scheduler — recurring jobs', () => {
  it('fires a weekday job at 08:30 Korea time with the event EventBridge Scheduler would send, once', async () => {
    const job = weekdayJob();
    const { calls, invoke } = recordingInvoker();
    const local = scheduler([job], invoke);

    expect(await local.tick(kst('2026-11-27T08:00:00'))).toEqual([]);
    expect(await local.tick(kst('2026-11-27T08:29:59'))).toEqual([]);
    const fired = await local.tick(kst('2026-11-27T08:30:10'));
    expect(await local.tick(kst('2026-11-27T08:30:25'))).toEqual([]);

    expect(fired).toMatchObject([
      {
        schedule: job.name,
        kind: 'recurring',
        scheduledFor: kst('2026-11-27T08:30:00'),
        attempt: 1,
        outcome: 'succeeded',
      },
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.handler).toBe('functions/jobs/deadline-reminders.handler.ts');
    expect(calls[0]?.event).toEqual({ job: 'deadline-reminders', scheduledTime: '2026-11-26T23:30:00Z' });
    expect(deadlineRemindersJob.payloadSchema.safeParse(calls[0]?.event).success).toBe(true);
    expect(calls[0]?.invocation).toMatchObject({
      scheduleName: job.name,
      attemptNumber: 1,
      scheduledTime: kst('2026-11-27T08:30:00'),
    });
    expect(await local.state(job.name)).toMatchObject({ status: 'succeeded', watermark: '2026-11-26T23:30:00.000Z' });
  });

  it('does not fire a finished run again after a restart, and fires the next one', async () => {
    const job = weekdayJob();
    const first = recordingInvoker();
    const before = scheduler([job], first.invoke);
    await before.tick(kst('2026-11-27T08:00:00'));
    await before.tick(kst('2026-11-27T08:30:05'));
    await before.stop();

    const second = recordingInvoker();
    const after = scheduler([job], second.invoke);
    expect(await after.tick(kst('2026-11-27T08:30:20'))).toEqual([]);
    expect(await after.tick(kst('2026-11-27T17:00:00'))).toEqual([]);
    await after.tick(kst('2026-11-30T08:30:05'));

    expect(first.calls).toHaveLength(1);
    expect(second.calls.map((c) => c.invocation.scheduledTime)).toEqual([kst('2026-11-30T08:30:00')]);
  });

  it('catches up every occurrence missed while stopped, once each, oldest first', async () => {
    const job = weekdayJob();
    await scheduler([job], async () => undefined).tick(kst('2026-11-27T07:00:00'));

    // Stopped from Friday morning until Wednesday 10:00: Fri, Mon, Tue and Wed 08:30 were missed.
    const { calls, invoke } = recordingInvoker();
    const restarted = scheduler([job], invoke);
    const caughtUp = await restarted.tick(kst('2026-12-02T10:00:00'));
    await restarted.tick(kst('2026-12-02T10:00:15'));
    await restarted.tick(kst('2026-12-03T08:30:05'));

    expect(caughtUp).toHaveLength(4);
    expect(calls.map((c) => c.event)).toEqual([
      { job: 'deadline-reminders', scheduledTime: '2026-11-26T23:30:00Z' },
      { job: 'deadline-reminders', scheduledTime: '2026-11-29T23:30:00Z' },
      { job: 'deadline-reminders', scheduledTime: '2026-11-30T23:30:00Z' },
      { job: 'deadline-reminders', scheduledTime: '2026-12-01T23:30:00Z' },
      { job: 'deadline-reminders', scheduledTime: '2026-12-02T23:30:00Z' },
    ]);
  });

  it('fires each declared job at its own Korea time on 1 January 2027, a Friday and a public holiday', async () => {
    const { calls, invoke } = recordingInvoker();
    const suffix = randomUUID().slice(0, 8);
    const jobs = scheduledJobs.map((job) => ({ ...job, name: `${job.name}-${suffix}` }));
    const local = scheduler(jobs, invoke);
    await local.tick(kst('2026-12-31T20:00:00'));

    const firedAt: Record<string, string[]> = {};
    for (const time of ['06:00:05', '07:00:05', '08:00:05', '08:30:05', '09:00:05', '12:00:00']) {
      const before = calls.length;
      await local.tick(kst(`2027-01-01T${time}`));
      firedAt[time] = calls
        .slice(before)
        .map((c) => c.handler)
        .sort();
    }

    // The weekday jobs fire on the holiday too: skipping it is the handler's decision, as on AWS.
    // The 10-minute reconciler fires once per tick here: the ticks are more than 10 minutes apart
    // and, declared catchUp 'latest', it fires only its newest missed run (not sixty since 20:00).
    // The chain anchor (00:30) and the upload clean-up (03:00) were missed while the scheduler was not
    // ticking and are caught up at 06:00.
    const reconcile = 'functions/jobs/workflow-reconcile.handler.ts';
    const digest = 'functions/jobs/deadline-reminders.handler.ts';
    expect(firedAt).toEqual({
      '06:00:05': [
        'functions/jobs/chain-anchor.handler.ts',
        'functions/jobs/committee-meetings-ahead.handler.ts',
        'functions/jobs/upload-cleanup.handler.ts',
        reconcile,
      ],
      // The morning digest runs every half hour from 07:00 to 10:30 (the times people choose from).
      '07:00:05': [digest, 'functions/jobs/grievance-quarterly-analysis.handler.ts', reconcile],
      // The exemption decisions for 감사원 at 07:30 and the registration status at 07:40 on the first day of a quarter.
      '08:00:05': [
        digest,
        digest,
        'functions/jobs/exemption-quarterly-report.handler.ts',
        'functions/jobs/property-registration-report.handler.ts',
        reconcile,
      ],
      '08:30:05': [digest, reconcile],
      '09:00:05': ['functions/jobs/committee-notices.handler.ts', digest, reconcile],
      '12:00:00': [digest, digest, digest, reconcile],
    });
    expect(calls.filter((c) => c.handler === reconcile).map((c) => c.invocation.scheduledTime)).toEqual(
      ['06:00', '07:00', '08:00', '08:30', '09:00', '12:00'].map((t) => kst(`2027-01-01T${t}:00`)),
    );
  });

  it('retries a failed run after the retry delay, with the same scheduled time and the next attempt number', async () => {
    const job = weekdayJob();
    const { calls, invoke } = recordingInvoker(async (_call, index) => {
      if (index === 0) throw new Error('SMTP down');
    });
    const local = scheduler([job], invoke, { retryDelayMs: 60_000 });
    await local.tick(kst('2026-11-27T08:00:00'));

    const failed = await local.tick(kst('2026-11-27T08:30:05'));
    expect(await local.state(job.name)).toMatchObject({ status: 'failed', attempt: 1, lastError: 'Error: SMTP down' });
    expect(await local.tick(kst('2026-11-27T08:31:00'))).toEqual([]);
    const retried = await local.tick(kst('2026-11-27T08:31:10'));

    expect(failed).toMatchObject([{ outcome: 'failed', attempt: 1, error: 'Error: SMTP down' }]);
    expect(retried).toMatchObject([{ outcome: 'succeeded', attempt: 2 }]);
    expect(calls.map((c) => [c.invocation.scheduledTime, c.invocation.attemptNumber])).toEqual([
      [kst('2026-11-27T08:30:00'), 1],
      [kst('2026-11-27T08:30:00'), 2],
    ]);
    expect(await local.state(job.name)).toMatchObject({ status: 'succeeded', attempt: 2 });
  });

  it('gives up after the last attempt and waits for the next occurrence', async () => {
    const job = weekdayJob();
    const { calls, invoke } = recordingInvoker(async () => {
      throw new Error('always broken');
    });
    const local = scheduler([job], invoke, { maxAttempts: 2, retryDelayMs: 60_000 });
    await local.tick(kst('2026-11-27T08:00:00'));
    await local.tick(kst('2026-11-27T08:30:05'));
    const last = await local.tick(kst('2026-11-27T08:31:05'));
    await local.tick(kst('2026-11-27T08:40:00'));

    expect(last).toMatchObject([{ outcome: 'gave-up', attempt: 2 }]);
    expect(calls).toHaveLength(2);
    expect(await local.state(job.name)).toMatchObject({ status: 'gave-up', lastError: 'Error: always broken' });
  });

  it('fires a run again when the process that claimed it died, once its lease has ended', async () => {
    const job = weekdayJob();
    const local = scheduler([job], async () => undefined);
    await local.tick(kst('2026-11-27T08:00:00'));
    // A process claims the 08:30 run and dies before recording an outcome.
    const store = createScheduleStateStore(client, tableName);
    const state = await store.get(job.name);
    if (!state) throw new Error('no state');
    await store.claim(state, {
      scheduledFor: kst('2026-11-27T08:30:00'),
      attempt: 1,
      executionId: 'dead-process',
      leaseUntil: kst('2026-11-27T08:45:00'),
      watermark: kst('2026-11-27T08:30:00'),
    });

    const { calls, invoke } = recordingInvoker();
    const restarted = scheduler([job], invoke);
    expect(await restarted.tick(kst('2026-11-27T08:40:00'))).toEqual([]);
    const recovered = await restarted.tick(kst('2026-11-27T08:45:05'));

    expect(recovered).toMatchObject([{ outcome: 'succeeded', attempt: 2, scheduledFor: kst('2026-11-27T08:30:00') }]);
    expect(calls).toHaveLength(1);
  });

  it('fires a run once when two schedulers share the table and tick together', async () => {
    const job = weekdayJob();
    await scheduler([job], async () => undefined).tick(kst('2026-11-27T08:00:00'));
    const a = recordingInvoker();
    const b = recordingInvoker();

    await Promise.all([
      scheduler([job], a.invoke).tick(kst('2026-11-27T08:30:05')),
      scheduler([job], b.invoke).tick(kst('2026-11-27T08:30:05')),
    ]);

    expect(a.calls.length + b.calls.length).toBe(1);
  });

  it('ticks once at start() to catch up, and stop() waits for that tick', async () => {
    const job = weekdayJob();
    await scheduler([job], async () => undefined).tick(kst('2026-11-27T08:00:00'));
    const { calls, invoke } = recordingInvoker();
    const local = scheduler([job], invoke, { clock: () => kst('2026-11-27T09:10:00') });

    local.start();
    await local.stop();

    expect(calls.map((c) => c.invocation.scheduledTime)).toEqual([kst('2026-11-27T08:30:00')]);
  });
});

describe('local scheduler — one-time schedules', () => {
  const wakeUp = (name: string) => ({
    name,
    expression: 'at(2026-12-01T09:00:00)',
    handler: 'functions/steps/wake-up-execution.handler.ts',
    payload: { executionName: 'petition-2026-0042', scheduledTime: schedulerContext.scheduledTime },
  });

  it('fires a one-time schedule once, at its Korea time, and never again after a restart', async () => {
    const name = `meeting-reminder-${randomUUID().slice(0, 8)}`;
    const { calls, invoke } = recordingInvoker();
    const local = scheduler([], invoke);
    await local.registerOneTime(wakeUp(name));

    expect(await local.tick(kst('2026-12-01T08:59:50'))).toEqual([]);
    const fired = await local.tick(kst('2026-12-01T09:00:05'));
    expect(await local.tick(kst('2026-12-01T09:00:20'))).toEqual([]);
    expect(await scheduler([], invoke).tick(kst('2026-12-02T09:00:00'))).toEqual([]);

    expect(fired).toMatchObject([
      { schedule: name, kind: 'one-time', scheduledFor: new Date('2026-12-01T00:00:00Z'), outcome: 'succeeded' },
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.handler).toBe('functions/steps/wake-up-execution.handler.ts');
    expect(calls[0]?.event).toEqual({ executionName: 'petition-2026-0042', scheduledTime: '2026-12-01T00:00:00Z' });
    expect(await local.state(name)).toMatchObject({ status: 'succeeded' });
  });

  it('fires a one-time schedule that came due while stopped on the first tick after start', async () => {
    const name = `wake-up-${randomUUID().slice(0, 8)}`;
    await scheduler([], async () => undefined).registerOneTime(wakeUp(name));
    const { calls, invoke } = recordingInvoker();

    await scheduler([], invoke).tick(kst('2026-12-03T11:00:00'));

    expect(calls.map((c) => c.invocation.scheduledTime)).toEqual([new Date('2026-12-01T00:00:00Z')]);
  });

  it('treats registering the same schedule again as a no-op, and a different one under the same name as a conflict', async () => {
    const name = `wake-up-${randomUUID().slice(0, 8)}`;
    const { calls, invoke } = recordingInvoker();
    const local = scheduler([], invoke);
    await local.registerOneTime(wakeUp(name));
    await local.tick(kst('2026-12-01T09:00:05'));

    const again = await local.registerOneTime(wakeUp(name));
    await local.tick(kst('2026-12-01T09:01:00'));

    expect(again.status).toBe('succeeded');
    expect(calls).toHaveLength(1);
    await expect(
      local.registerOneTime({ ...wakeUp(name), expression: 'at(2026-12-02T09:00:00)' }),
    ).rejects.toBeInstanceOf(ScheduleConflictError);
  });

  it('does not fire a one-time schedule that was deleted', async () => {
    const name = `wake-up-${randomUUID().slice(0, 8)}`;
    const { calls, invoke } = recordingInvoker();
    const local = scheduler([], invoke);
    await local.registerOneTime(wakeUp(name));

    expect(await local.deleteOneTime(name)).toBe(true);
    await local.tick(kst('2026-12-01T09:00:05'));

    expect(calls).toHaveLength(0);
    expect(await local.deleteOneTime(name)).toBe(false);
  });

  it('refuses a one-time schedule that is not an at() expression, naming the field', async () => {
    const local = scheduler([], async () => undefined);
    await expect(local.registerOneTime({ ...wakeUp('x'), expression: 'cron(0 9 * * ? *)' })).rejects.toBeInstanceOf(
      OneTimeScheduleInputError,
    );
    await expect(local.registerOneTime({ ...wakeUp('x'), expression: 'at(2026-02-30T09:00:00)' })).rejects.toThrow(
      /expression: at: day 30 does not exist/,
    );
    await expect(local.registerOneTime({ ...wakeUp('x'), handler: '../../etc/passwd' })).rejects.toThrow(
      /handler: must be functions/,
    );
  });
});
