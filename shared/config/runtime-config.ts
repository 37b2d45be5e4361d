/**
 * Runtime configuration, parsed once at module load (STYLE: config is parsed once, no `process.env.X!`).
 * The same variables are set by the CDK function construct on AWS and by infra/local on one machine.
 * Service endpoints are NOT configured here: the AWS SDK reads AWS_ENDPOINT_URL_DYNAMODB /
 * AWS_ENDPOINT_URL_SFN itself, so application code never asks whether it runs locally.
 */
import { z } from 'zod';

export const runtimeConfigSchema = z.object({
  TABLE_NAME: z.string().min(3).describe('DynamoDB table that holds cases, tasks, history, staff'),
  APP_BASE_URL: z.url().default('http://localhost:4000').describe('Base URL used in links (mail, API responses)'),
  OFFICE_NAME: z.string().min(1).default('OO구청 감사담당관'),
  /** Cognito-shaped JWT verification (local issuer or the real user pool). */
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  /** State machine ARN per workflow name, as JSON: {"case-review": "arn:aws:states:…"}. */
  WORKFLOW_ARNS: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.string().startsWith('arn:'))),
  /** Deadline reminders: business days fully overdue before the head of office is told too. */
  REMINDER_HEAD_AFTER_BUSINESS_DAYS: z.coerce.number().int().min(0).max(250).default(3),
  /** Deadline reminders: calendar days past the run's day that the open-task index is read (see deadline-reminders.ts). */
  REMINDER_HORIZON_DAYS: z.coerce.number().int().min(0).max(400).default(45),
  /** Deadline reminders: seconds a digest may be held before another run takes it over as crashed (the schedule's retries must reach past it to finish a crashed run the same morning). */
  REMINDER_LEASE_SECONDS: z.coerce.number().int().min(30).max(3600).default(90),
  /**
   * Staff with no team who hold office-wide roles (the head of office), comma-separated subs. Staff
   * are listed by team; these are read by key so escalations and {role: 'head'} tasks reach them.
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

export type RuntimeConfig = z.infer<typeof runtimeConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const result = runtimeConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid runtime configuration — ${problems}`);
  }
  return result.data;
}

let cached: RuntimeConfig | undefined;
/** The process's configuration, parsed on first use and then fixed. */
export function runtimeConfig(): RuntimeConfig {
  cached ??= parseRuntimeConfig();
  return cached;
}
