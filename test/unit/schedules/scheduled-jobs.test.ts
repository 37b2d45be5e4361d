import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { scheduledJobs } from '#shared/schedules/scheduled-jobs.ts';
import {
  defineScheduledJob,
  invocationEvent,
  jobEventSchema,
  renderScheduleInput,
  schedulerContext,
  ScheduledJobDefinitionError,
  type ScheduledJob,
} from '#shared/schedules/scheduled-job.ts';

const byName = (name: string) => scheduledJobs.find((job) => job.name === name);

function definitionError(job: ScheduledJob): ScheduledJobDefinitionError {
  try {
    defineScheduledJob(job);
  } catch (error) {
    if (error instanceof ScheduledJobDefinitionError) return error;
    throw error;
  }
  throw new Error('expected the declaration to be rejected');
}

const validJob: ScheduledJob = {
  name: 'sample-job',
  description: '예시 작업',
  expression: 'cron(0 9 ? * MON-FRI *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/sample-job.handler.ts',
  payload: { job: 'sample-job', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('sample-job'),
  businessDaysOnly: true,
};

describe('scheduledJobs', () => {
  it('declares the office jobs with the agreed times', () => {
    expect(Object.fromEntries(scheduledJobs.map((job) => [job.name, job.expression]))).toEqual({
      'deadline-reminders': 'cron(0,30 7-10 ? * MON-FRI *)',
      'committee-notices': 'cron(0 9 ? * MON-FRI *)',
      'committee-meetings-ahead': 'cron(0 6 1 * ? *)',
      'grievance-quarterly-analysis': 'cron(0 7 1 JAN,APR,JUL,OCT ? *)',
      'exemption-quarterly-report': 'cron(30 7 1 JAN,APR,JUL,OCT ? *)',
      'property-registration-report': 'cron(40 7 1 JAN,APR,JUL,OCT ? *)',
      'field-complaint-monthly-analysis': 'cron(0 7 5 * ? *)',
      'disclosure-rereview': 'cron(0 6 2 JAN ? *)',
      'chain-anchor': 'cron(30 0 * * ? *)',
      'upload-cleanup': 'cron(0 3 * * ? *)',
      'workflow-reconcile': 'cron(0/10 * * * ? *)',
    });
  });

  it('keeps every job in Korea time with a handler under functions/jobs', () => {
    for (const job of scheduledJobs) {
      expect(job.timezone).toBe('Asia/Seoul');
      expect(job.handler).toBe(`functions/jobs/${job.name}.handler.ts`);
    }
  });

  it('skips holidays only for the mail jobs about the day’s work, never for runs that must not be lost', () => {
    // 징계시효 alarms are part of the morning digest: one whose day is a holiday goes out the business day before.
    expect(scheduledJobs.filter((job) => job.businessDaysOnly).map((job) => job.name)).toEqual([
      'deadline-reminders',
      'committee-notices',
    ]);
  });

  it('delivers each payload with the run’s scheduled time filled in, as the handler’s schema expects', () => {
    const job = byName('committee-meetings-ahead');
    if (!job) throw new Error('committee-meetings-ahead is missing');
    const event = invocationEvent(job.payload, {
      scheduleArn: 'arn:aws:scheduler:ap-northeast-2:000000000000:schedule/default/committee-meetings-ahead',
      scheduledTime: new Date('2026-11-30T21:00:00.000Z'),
      executionId: 'e-1',
      attemptNumber: 1,
    });
    expect(job.payloadSchema.parse(event)).toEqual({
      job: 'committee-meetings-ahead',
      scheduledTime: '2026-11-30T21:00:00Z',
      monthsAhead: 1,
    });
  });
});

describe('renderScheduleInput', () => {
  it('fills every EventBridge Scheduler context attribute, wherever it appears in the input', () => {
    const input = JSON.stringify({
      arn: schedulerContext.scheduleArn,
      at: schedulerContext.scheduledTime,
      note: `run ${schedulerContext.executionId} try ${schedulerContext.attemptNumber}`,
    });
    const rendered = renderScheduleInput(input, {
      scheduleArn: 'arn:x',
      scheduledTime: new Date('2026-11-26T23:30:00.456Z'),
      executionId: 'abc123',
      attemptNumber: 2,
    });
    expect(JSON.parse(rendered)).toEqual({ arn: 'arn:x', at: '2026-11-26T23:30:00Z', note: 'run abc123 try 2' });
  });
});

describe('defineScheduledJob', () => {
  it('accepts a valid declaration unchanged', () => {
    expect(defineScheduledJob(validJob)).toBe(validJob);
  });

  it.each<[string, Partial<ScheduledJob>, RegExp]>([
    [
      'an invalid expression',
      { expression: 'cron(0 9 * * MON *)' },
      /expression: day-of-week: one of day-of-month and day-of-week must be \?/,
    ],
    ['a one-time expression', { expression: 'at(2026-12-01T09:00:00)' }, /expression: must recur/],
    ['a description not in Korean', { description: 'Sends reminders' }, /description: must be written in Korean/],
    ['a name AWS would refuse', { name: '처리기한 알림' }, /name: must be 1-64 letters/],
    [
      'a handler outside functions/jobs',
      { handler: 'functions/jobs/../api/x.handler.ts' as ScheduledJob['handler'] },
      /handler: must be functions\/jobs/,
    ],
    [
      'a payload the handler’s schema refuses',
      { payload: { job: 'other-job', scheduledTime: schedulerContext.scheduledTime } },
      /payload\.job: .*sample-job/,
    ],
    [
      'a payload that forgets the scheduled time',
      {
        payload: { job: 'sample-job' },
        payloadSchema: jobEventSchema('sample-job').extend({ extra: z.string().optional() }),
      },
      /payload\.scheduledTime/,
    ],
  ])('rejects %s, naming the field', (_label, change, message) => {
    const error = definitionError({ ...validJob, ...change });
    expect(error.name).toBe('ScheduledJobDefinitionError');
    expect(error.message).toMatch(message);
    expect(error.cause).toBeDefined();
  });
});
