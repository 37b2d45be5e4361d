/**
 * Runtime configuration, parsed once at module load (STYLE: config is parsed once, no `process.env.X!`).
 * The same variables are set by the CDK function construct on AWS and by infra/local on one machine.
 * Service endpoints are NOT configured here: the AWS SDK reads AWS_ENDPOINT_URL_DYNAMODB /
 * AWS_ENDPOINT_URL_SFN itself, so application code never asks whether it runs locally.
 */
import * as z from 'zod';

export const runtimeConfigSchema = z.object({
  TABLE_NAME: z.string().min(3).describe('DynamoDB table that holds cases, tasks, history, staff'),
  APP_BASE_URL: z.url().default('http://localhost:4000').describe('Base URL used in links (mail, API responses)'),
  OFFICE_NAME: z.string().min(1).default('영등포구청 감사담당관').describe('Signs mail and prefixes subjects'),
  /**
   * Where staff open cases and tasks: the web console. Mail links point here, never at the API
   * (which answers a browser with 401 JSON); APP_BASE_URL when absent.
   */
  CONSOLE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Cognito-shaped JWT verification (local issuer or the real user pool). */
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  /**
   * The identity key that seals whistleblowers' identities (shared/identity/): a KMS key id or ARN on
   * AWS, set only on the functions granted to use it; or, on one machine, a key file of its own.
   * Neither set: the function cannot seal or open identities (intake of a report with a reporter fails).
   */
  IDENTITY_KEY_ID: z.string().min(1).optional(),
  IDENTITY_KEY_FILE: z.string().min(1).optional(),
  /** The bucket of case files (shared/store/s3-file-store.ts); file routes answer 500 without it. */
  FILES_BUCKET: z.string().min(3).optional(),
  /** Path-style S3 URLs: the local S3-compatible server has no per-bucket host names. */
  FILES_PATH_STYLE: z.stringbool().default(false),
  /** Refuse downloads until a virus scanner has tagged the object scan=clean (the hook point). */
  FILES_SCAN_REQUIRED: z.stringbool().default(false),
  /**
   * The function that runs a 응답소 import started through the API (invoked asynchronously); set only on
   * the route that starts imports. Locally the same name is answered by the local host's Lambda endpoint.
   */
  FIELD_IMPORT_WORKER: z.string().min(1).optional(),
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
