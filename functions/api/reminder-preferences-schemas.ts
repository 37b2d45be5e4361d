/**
 * Request and response schemas of the reminder-preference routes (GET/PUT /me/reminder-preferences,
 * POST /mail/unsubscribe); route-schemas.ts lists them for the OpenAPI document.
 */
import * as z from 'zod';
import {
  DIGEST_TIMES,
  digestTimeOf,
  NON_URGENT_CADENCE_LABELS,
  NON_URGENT_CADENCES,
  reminderPreferencesChangeSchema,
  type ReminderPreferences,
} from '#shared/domain/reminder-preferences.ts';

export const reminderPreferencesBody = reminderPreferencesChangeSchema.describe(
  '바꿀 항목만 보냅니다. nonUrgent: 50%·75% 진행 알림(daily·weekly·off); pausedUntil: 이 날짜까지 알림 중지(휴가; null이면 해제); digestTime: 아침 알림 메일 시각(07:30~10:00, 30분 단위). ' +
    'legalDeadlines·limitationAlarms는 끌 수 없습니다(false면 400).',
);

export const reminderPreferencesView = z.object({
  nonUrgent: z.enum(NON_URGENT_CADENCES).describe('50%·75% 진행 알림: 매일·매주 첫 근무일·받지 않음'),
  nonUrgentLabel: z.string(),
  pausedUntil: z.iso.date().optional().describe('이 날짜(포함)까지 알림 중지 — 그동안 급한 건은 팀장에게 갑니다'),
  legalDeadlines: z.literal(true).describe('오늘 마감·기한 경과 알림 (끌 수 없음)'),
  limitationAlarms: z.literal(true).describe('징계시효 알림 (끌 수 없음)'),
  digestTime: z.enum(DIGEST_TIMES).describe('아침 알림 메일 시각 (한국 시각, 기본 08:30)'),
  version: z.number().int(),
  updatedAt: z.string().optional(),
});
export type ReminderPreferencesView = z.infer<typeof reminderPreferencesView>;

export const unsubscribeQuery = z.object({
  sub: z.string().min(1).max(200),
  token: z.string().regex(/^[A-Za-z0-9_-]{16,128}$/, 'token: the link from the mail'),
});

export const unsubscribeResponse = z.object({ nonUrgent: z.literal('off'), messageKo: z.string() });

export function preferencesView(preferences: ReminderPreferences): ReminderPreferencesView {
  return {
    nonUrgent: preferences.nonUrgent,
    nonUrgentLabel: NON_URGENT_CADENCE_LABELS[preferences.nonUrgent],
    ...(preferences.pausedUntil && { pausedUntil: preferences.pausedUntil }),
    legalDeadlines: true,
    limitationAlarms: true,
    digestTime: digestTimeOf(preferences),
    version: preferences.version,
    ...(preferences.updatedAt && { updatedAt: preferences.updatedAt }),
  };
}
