/**
 * The shapes a grievance case keeps of its due date, its extensions and its field-investigation
 * clock stops: grievance.ts validates them, grievance-deadlines.ts counts with them.
 */
import * as z from 'zod';

export const text = (max: number) => z.string().trim().min(1).max(max);
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

export const CONSENT_METHODS = ['서면', '전자우편', '전자민원창구', '전화', '문자', '방문'] as const;

export const dueSchema = z.object({
  dueDate: isoDate,
  dueAt: isoDateTime,
  article: z.string(),
  confidence: z.string(),
  summaryKo: z.string(),
  explanation: z.array(z.string()),
  computedAt: isoDateTime,
});
export type GrievanceDue = z.infer<typeof dueSchema>;

export const consentSchema = z.strictObject({
  given: z.boolean().describe('민원인 동의 여부'),
  by: text(50).describe('동의한 사람 (민원인 또는 대리인, 개인정보)'),
  at: isoDateTime.describe('동의 일시'),
  method: z.enum(CONSENT_METHODS).describe('동의 방법'),
});

export const extensionSchema = z.object({
  seq: z.number().int().positive(),
  days: z.number().int().positive(),
  reasonKo: z.string(),
  requestedAt: isoDateTime,
  by: z.string(),
  previousDueDate: isoDate,
  dueDate: isoDate,
  consent: consentSchema.optional(),
});
export type GrievanceExtension = z.infer<typeof extensionSchema>;

export const clockStopSchema = z.object({
  stopId: z.string(),
  from: isoDate,
  /** Absent while the field investigation runs. */
  to: isoDate.optional(),
  /** The last day it may run (14 days, 시행령 제17조④). */
  limitDate: isoDate,
  reasonKo: z.string(),
  startedBy: z.string(),
  startedAt: isoDateTime,
  endedBy: z.string().optional(),
  endedAt: isoDateTime.optional(),
});
export type GrievanceClockStop = z.infer<typeof clockStopSchema>;
