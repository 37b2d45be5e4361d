/** What reaches the logs: the use cases' entries on the Powertools logger, with personal data taken out. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BUSINESS_METRICS,
  countBusinessMetric,
  logEntry,
  logger,
  metrics,
  redact,
} from '#shared/observability/powertools.ts';

afterEach(() => vi.restoreAllMocks());

describe('redact', () => {
  it('masks addresses, tokens and secrets wherever they are, and keeps ids, counts and flags', () => {
    const entry = {
      caseId: '01JD5Z9V3X8Q2W4E6R7T9Y1A3M',
      recipient: 'jiwon.seo@gamsa.local',
      failed: [{ sub: 'abc', error: 'SMTP 550 <jiwon.seo@gamsa.local> mailbox unavailable', retryable: false }],
      taskToken: 'AAAAKgAAAAIAAAAAAAAAA',
      headers: { authorization: 'Bearer eyJhbGciOi' },
      sent: 3,
    };
    expect(redact(entry)).toEqual({
      caseId: '01JD5Z9V3X8Q2W4E6R7T9Y1A3M',
      recipient: '[redacted]',
      failed: [{ sub: 'abc', error: 'SMTP 550 <[email]> mailbox unavailable', retryable: false }],
      taskToken: '[redacted]',
      headers: { authorization: '[redacted]' },
      sent: 3,
    });
    expect(JSON.stringify(redact(entry))).not.toMatch(/gamsa\.local|eyJ|AAAAKg/);
  });
});

describe('logEntry', () => {
  it('logs a use case entry at its level, with its message and redacted details', () => {
    const warn = vi.spyOn(logger, 'warn').mockImplementation(() => undefined);
    const info = vi.spyOn(logger, 'info').mockImplementation(() => undefined);
    logEntry({ level: 'warn', message: 'a limitation alarm has nobody to tell', caseId: 'C1', email: 'a@b.kr' });
    logEntry({ message: 'deadline reminders run', remindersSent: 4 });
    expect(warn).toHaveBeenCalledWith('a limitation alarm has nobody to tell', { caseId: 'C1', email: '[redacted]' });
    expect(info).toHaveBeenCalledWith('deadline reminders run', { remindersSent: 4 });
  });
});

describe('business metrics', () => {
  it('counts completed tasks and reminders sent, and nothing for zero', () => {
    const add = vi.spyOn(metrics, 'addMetric');
    countBusinessMetric(BUSINESS_METRICS.taskCompleted);
    countBusinessMetric(BUSINESS_METRICS.reminderSent, 7);
    countBusinessMetric(BUSINESS_METRICS.reminderSent, 0);
    expect(add.mock.calls).toEqual([
      ['TaskCompleted', 'Count', 1],
      ['ReminderSent', 'Count', 7],
    ]);
    metrics.clearMetrics();
  });
});
