/** zod issues → one ValidationError that names the field and the rule, in Korean and English. */
import type * as z from 'zod';
import { ValidationError, type ErrorDetail } from '../domain/errors.ts';

function koreanFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '필수 항목입니다' : `형식이 올바르지 않습니다 (기대: ${issue.expected})`;
    case 'too_small':
      return `값이 너무 작거나 짧습니다 (최소 ${String(issue.minimum)})`;
    case 'too_big':
      return `값이 너무 크거나 깁니다 (최대 ${String(issue.maximum)})`;
    case 'invalid_value':
      return `허용되지 않는 값입니다 (허용: ${issue.values.map(String).join(', ')})`;
    case 'invalid_format':
      return `형식이 올바르지 않습니다 (${issue.format})`;
    case 'unrecognized_keys':
      return `알 수 없는 항목입니다: ${issue.keys.join(', ')}`;
    default:
      return '입력값이 올바르지 않습니다';
  }
}

export function validationErrorFrom(
  error: z.ZodError,
  location: 'body' | 'path' | 'query' | 'header',
): ValidationError {
  const details: ErrorDetail[] = error.issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
    const field = path.length > 0 ? path.map(String).join('.') : location;
    return { field, rule: issue.code, message: `${issue.message} / ${koreanFor(issue)}` };
  });
  const first = error.issues[0];
  const firstDetail = details[0];
  return new ValidationError(
    `Invalid ${location}: ${firstDetail?.field} — ${first?.message ?? 'invalid'}`,
    `입력값 오류 (${location}): ${firstDetail?.field} — ${first ? koreanFor(first) : '올바르지 않습니다'}`,
    { field: firstDetail?.field, rule: firstDetail?.rule, details },
  );
}
