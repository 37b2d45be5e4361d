/**
 * Settings of the deadline-reminder job only (API and workflow handlers never read them), parsed
 * once like the runtime configuration.
 */
import * as z from 'zod';
import { ConfigError } from './runtime-config.ts';

export const reminderJobConfigSchema = z.object({
  /** Deadline reminders: business days fully overdue before the head of office is told too. */
  REMINDER_HEAD_AFTER_BUSINESS_DAYS: z.coerce.number().int().min(0).max(250).default(3),
  /** Deadline reminders: calendar days past the run's day that the open-task index is read (see deadline-reminders.ts). */
  REMINDER_HORIZON_DAYS: z.coerce.number().int().min(0).max(400).default(45),
  /** Deadline reminders: seconds a digest may be held before another run takes it over as crashed (the schedule's retries must reach past it to finish a crashed run the same morning). */
  REMINDER_LEASE_SECONDS: z.coerce.number().int().min(30).max(3600).default(90),
  /**
   * On AWS: the user pool whose role groups say who holds an office-wide role with no team (the head
   * of office is whoever is in `head`). Set by the stack; when absent, OFFICE_LEVEL_STAFF_SUBS names them.
   */
  STAFF_USER_POOL_ID: z.string().min(1).optional(),
  /**
   * Without a user pool (the local system, tests): staff with no team who hold office-wide roles (the
   * head of office), comma-separated subs. Staff are listed by team; these are read by key so
   * escalations and {role: 'head'} tasks reach them.
   */
  OFFICE_LEVEL_STAFF_SUBS: z
    .string()
    .default('')
    .transform((text) =>
      text
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
});

export type ReminderJobConfig = z.infer<typeof reminderJobConfigSchema>;

export function parseReminderJobConfig(env: NodeJS.ProcessEnv = process.env): ReminderJobConfig {
  const result = reminderJobConfigSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      `Invalid reminder job configuration — ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}
