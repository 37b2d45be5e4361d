/**
 * What each person chooses about their reminder mail (issue 20), and what nobody may choose:
 *
 * - `nonUrgent`: progress reminders (50% and 75% of a task's time, their own or as team lead) come
 *   `daily`, `weekly` (on the first business day of the week, in that morning's digest) or `off`
 *   — the one optional part of the digest, and what a mail's List-Unsubscribe turns off;
 * - `pausedUntil`: away (leave) through this Korea date; nothing is mailed to them, and their urgent
 *   items go to their team lead meanwhile (reminder-policy.ts reminderRecipients, `deputy`);
 * - `digestTime`: when their morning digest comes, one of DIGEST_TIMES (07:30–10:00 every 30
 *   minutes, default 08:30); the job runs at each and mails only the people whose time it is, and
 *   never a second digest the same day to someone who moved their time after receiving one;
 * - legal deadlines (due today, overdue) and 징계시효 alarms cannot be turned off: asking to is
 *   refused, naming the field and the rule, and changes nothing.
 */
import * as z from 'zod';
import { ValidationError } from './errors.ts';

export const NON_URGENT_CADENCES = ['daily', 'weekly', 'off'] as const;
export type NonUrgentCadence = (typeof NON_URGENT_CADENCES)[number];

export const NON_URGENT_CADENCE_LABELS: Readonly<Record<NonUrgentCadence, string>> = {
  daily: '매일',
  weekly: '매주 첫 근무일',
  off: '받지 않음',
};

/** The times a morning digest may be chosen for (Korea time). */
export const DIGEST_TIMES = ['07:30', '08:00', '08:30', '09:00', '09:30', '10:00'] as const;
export type DigestTime = (typeof DIGEST_TIMES)[number];
export const DEFAULT_DIGEST_TIME: DigestTime = '08:30';

/** Longest pause one change may set: a long leave (육아휴직 aside) fits; a forgotten pause ends. */
export const MAX_PAUSE_DAYS = 366;

export const reminderPreferencesSchema = z.object({
  sub: z.string().min(1),
  nonUrgent: z.enum(NON_URGENT_CADENCES),
  pausedUntil: z.iso.date().optional(),
  /** Absent on records stored before the choice existed: DEFAULT_DIGEST_TIME. */
  digestTime: z.enum(DIGEST_TIMES).optional(),
  /** Bumped on every change; a change may name the version it read (optimistic concurrency). */
  version: z.number().int().min(0),
  updatedAt: z.string().optional(),
});
export type ReminderPreferences = z.infer<typeof reminderPreferencesSchema>;

export const defaultReminderPreferences = (sub: string): ReminderPreferences => ({
  sub,
  nonUrgent: 'daily',
  version: 0,
});

export const reminderPreferencesChangeSchema = z.strictObject({
  nonUrgent: z.enum(NON_URGENT_CADENCES).optional(),
  /** A Korea date to be away through; null ends a pause. */
  pausedUntil: z.iso.date().nullable().optional(),
  /** When the morning digest comes (Korea time): 07:30, 08:00, 08:30, 09:00, 09:30 or 10:00. */
  digestTime: z.enum(DIGEST_TIMES).optional(),
  /** Always on; present only so that asking to turn them off gets a clear refusal. */
  legalDeadlines: z.boolean().optional(),
  limitationAlarms: z.boolean().optional(),
  /** The version the client read; a change to a newer one is refused (409). */
  expectedVersion: z.number().int().min(0).optional(),
});
export type ReminderPreferencesChange = z.infer<typeof reminderPreferencesChangeSchema>;

const ALWAYS_ON: Readonly<Record<'legalDeadlines' | 'limitationAlarms', { en: string; ko: string }>> = {
  legalDeadlines: {
    en: 'reminders of legal deadlines (due today, overdue) cannot be turned off',
    ko: '법정 처리기한 알림(오늘 마감·기한 경과)은 끌 수 없습니다',
  },
  limitationAlarms: {
    en: 'disciplinary limitation (징계시효) alarms cannot be turned off',
    ko: '징계시효 알림은 끌 수 없습니다',
  },
};

const DAY_MS = 86_400_000;

/**
 * The preferences after a change made on Korea date `today`, or a ValidationError naming the field
 * and the rule: an always-on part turned off, or a pause that ends in the past or too far ahead.
 */
export function applyPreferencesChange(
  current: ReminderPreferences,
  change: ReminderPreferencesChange,
  today: string,
): ReminderPreferences {
  for (const field of ['legalDeadlines', 'limitationAlarms'] as const) {
    if (change[field] === false)
      throw new ValidationError(`${field}: ${ALWAYS_ON[field].en}`, `${field}: ${ALWAYS_ON[field].ko}`, {
        field,
        rule: 'always-on',
        details: [{ field, rule: 'always-on', message: `${ALWAYS_ON[field].en} / ${ALWAYS_ON[field].ko}` }],
      });
  }
  const next: ReminderPreferences = { ...current };
  if (change.nonUrgent !== undefined) next.nonUrgent = change.nonUrgent;
  if (change.digestTime !== undefined) next.digestTime = change.digestTime;
  if (change.pausedUntil === null) delete next.pausedUntil;
  else if (change.pausedUntil !== undefined) {
    const days = (Date.parse(`${change.pausedUntil}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS;
    if (days < 0)
      throw new ValidationError(
        `pausedUntil: a pause must end today or later (today is ${today})`,
        `pausedUntil: 알림 중지는 오늘(${today}) 이후에 끝나야 합니다`,
        { field: 'pausedUntil', rule: 'not-in-past' },
      );
    if (days > MAX_PAUSE_DAYS)
      throw new ValidationError(
        `pausedUntil: a pause may last at most ${MAX_PAUSE_DAYS} days`,
        `pausedUntil: 알림 중지는 최대 ${MAX_PAUSE_DAYS}일까지입니다`,
        { field: 'pausedUntil', rule: 'max-pause' },
      );
    next.pausedUntil = change.pausedUntil;
  }
  return next;
}

/** The time of a person's morning digest. */
export const digestTimeOf = (preferences: ReminderPreferences | undefined): DigestTime =>
  preferences?.digestTime ?? DEFAULT_DIGEST_TIME;

/** Away on Korea date `date`. */
export const isPaused = (preferences: ReminderPreferences, date: string) =>
  preferences.pausedUntil !== undefined && date <= preferences.pausedUntil;
