import { describe, expect, it } from 'vitest';
import {
  parseScheduleExpression,
  ScheduleExpressionError,
  scheduleExpressionSchema,
  type ScheduleExpressionPart,
} from '#shared/schedules/schedule-expression.ts';

function rejection(expression: string): ScheduleExpressionError {
  try {
    parseScheduleExpression(expression);
  } catch (error) {
    if (error instanceof ScheduleExpressionError) return error;
    throw error;
  }
  throw new Error(`expected "${expression}" to be rejected`);
}

describe('parseScheduleExpression — accepts what EventBridge Scheduler accepts', () => {
  it.each([
    'cron(30 8 ? * MON-FRI *)',
    'cron(0 9 ? * MON-FRI *)',
    'cron(0 8 * * ? *)',
    'cron(0 6 1 * ? *)',
    'cron(0 7 1 JAN,APR,JUL,OCT ? *)',
    'cron(0/15 * * * ? *)',
    'cron(*/5 9-18 ? * 2-6 *)',
    'cron(5,35 14 * * ? *)',
    'cron(0 9 L * ? *)',
    'cron(0 9 15W * ? *)',
    'cron(0 9 ? * L *)',
    'cron(0 9 ? * 6L *)',
    'cron(0 9 ? * FRIL *)',
    'cron(0 10 ? * 3#2 *)',
    'cron(0 10 ? * TUE#2 *)',
    'cron(0 0 1 1 ? 2027)',
    'cron(0 0 1 1 ? 2026-2030/2)',
    'cron(59 23 31 DEC ? 2199)',
    'cron(0 12 ? JAN-MAR/2 SUN,SAT *)',
    'rate(1 minute)',
    'rate(15 minutes)',
    'rate(1 hour)',
    'rate(2 days)',
    'at(2026-12-01T09:00:00)',
    'at(2028-02-29T23:59:59)',
  ])('accepts %s', (expression) => {
    expect(() => parseScheduleExpression(expression)).not.toThrow();
  });

  it('keeps the six cron fields as written, in AWS order', () => {
    const parsed = parseScheduleExpression('cron(30 8 ? * MON-FRI *)');
    expect(parsed).toEqual({
      kind: 'cron',
      source: 'cron(30 8 ? * MON-FRI *)',
      fields: { minutes: '30', hours: '8', 'day-of-month': '?', month: '*', 'day-of-week': 'MON-FRI', year: '*' },
    });
  });

  it('reads rate() into an interval and at() into a wall time with no zone', () => {
    expect(parseScheduleExpression('rate(15 minutes)')).toMatchObject({
      kind: 'rate',
      value: 15,
      unit: 'minute',
      intervalMs: 900_000,
    });
    expect(parseScheduleExpression('at(2026-12-01T09:05:07)')).toMatchObject({
      kind: 'at',
      wallTime: { year: 2026, month: 12, day: 1, hour: 9, minute: 5, second: 7 },
    });
  });
});

describe('parseScheduleExpression — rejects invalid syntax naming the field and the rule', () => {
  it.each<[string, ScheduleExpressionPart, RegExp]>([
    // the day-of-month / day-of-week rule
    ['cron(0 9 ? * ? *)', 'day-of-week', /only one of day-of-month and day-of-week may be \?/],
    ['cron(0 9 * * MON *)', 'day-of-week', /one of day-of-month and day-of-week must be \?/],
    ['cron(0 9 1 * * *)', 'day-of-week', /must be \?/],
    // out of range, per field
    ['cron(60 8 * * ? *)', 'minutes', /60 is outside 0-59/],
    ['cron(0 24 * * ? *)', 'hours', /24 is outside 0-23/],
    ['cron(0 9 32 * ? *)', 'day-of-month', /32 is outside 1-31/],
    ['cron(0 9 0 * ? *)', 'day-of-month', /0 is outside 1-31/],
    ['cron(0 9 1 13 ? *)', 'month', /13 is outside 1-12/],
    ['cron(0 9 ? * 0 *)', 'day-of-week', /0 is outside 1-7/],
    ['cron(0 9 ? * 8 *)', 'day-of-week', /8 is outside 1-7/],
    ['cron(0 9 1 * ? 1969)', 'year', /1969 is outside 1970-2199/],
    ['cron(0 9 1 * ? 2200)', 'year', /2200 is outside 1970-2199/],
    // wildcards in the wrong field or form
    ['cron(? 9 1 * ? *)', 'minutes', /\? is only allowed in day-of-month and day-of-week/],
    ['cron(0 9 ? * MON/2 *)', 'day-of-week', /\/ \(increments\) is not allowed in day-of-week/],
    ['cron(0 9 1,L * ? *)', 'day-of-month', /must stand alone/],
    ['cron(0 9 ? * 3#1,6#3 *)', 'day-of-week', /must be the only expression/],
    ['cron(0 9 ? * 3#6 *)', 'day-of-week', /occurrence after # must be 1-5/],
    ['cron(0 9 W * ? *)', 'day-of-month', /W needs a day before it/],
    ['cron(0 9 32W * ? *)', 'day-of-month', /day before W must be 1-31/],
    ['cron(0 9 LW * ? *)', 'day-of-month', /not in AWS's documented forms/],
    ['cron(0 9 ? * mon *)', 'day-of-week', /upper case \(MON\)/],
    ['cron(0 9 ? * FRI-MON *)', 'day-of-week', /must go upward/],
    ['cron(0/60 * * * ? *)', 'minutes', /increment 60 .* must be between 1 and 59/],
    ['cron(0/0 * * * ? *)', 'minutes', /increment 0 .* must be between 1 and 59/],
    ['cron(1,,2 * * * ? *)', 'minutes', /empty list item/],
    // shape of the expression
    ['cron(0 9 * * ?)', 'expression', /six fields/],
    ['cron(0  9 * * ? *)', 'expression', /single spaces/],
    ['cron(0 9 * * ? * *)', 'expression', /six fields/],
    ['CRON(0 9 * * ? *)', 'expression', /must be cron\(\.\.\.\), rate\(\.\.\.\) or at\(\.\.\.\)/],
    ['0 9 * * ? *', 'expression', /must be cron/],
    // rate()
    ['rate(1 minutes)', 'rate unit', /singular "minute"/],
    ['rate(5 minute)', 'rate unit', /plural "minutes"/],
    ['rate(0 minutes)', 'rate value', /positive whole number/],
    ['rate(-5 minutes)', 'rate value', /positive whole number/],
    ['rate(1.5 hours)', 'rate value', /positive whole number/],
    ['rate(2 weeks)', 'rate unit', /minute\(s\), hour\(s\) or day\(s\)/],
    ['rate(5minutes)', 'expression', /value unit/],
    // at()
    ['at(2026-02-29T09:00:00)', 'at', /day 29 does not exist in 2026-02/],
    ['at(2026-12-01T24:00:00)', 'at', /hour 24/],
    ['at(2026-12-01 09:00:00)', 'at', /yyyy-mm-ddThh:mm:ss/],
    ['at(2026-12-01T09:00:00Z)', 'at', /no zone/],
  ])('rejects %s (%s)', (expression, part, rule) => {
    const error = rejection(expression);
    expect(error.name).toBe('ScheduleExpressionError');
    expect(error).toMatchObject({ part, field: part, statusCode: 400, code: 'VALIDATION_FAILED' });
    expect(error.rule).toMatch(rule);
    expect(error.message).toContain(expression);
    expect(error.message).toContain(`${part}:`);
  });

  it('reports the rule through the zod schema used at boundaries', () => {
    const result = scheduleExpressionSchema.safeParse('cron(0 9 ? * ? *)');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(
      /^day-of-week: only one of day-of-month and day-of-week may be \?/,
    );
    expect(scheduleExpressionSchema.safeParse('cron(0 9 ? * MON *)').success).toBe(true);
  });
});
