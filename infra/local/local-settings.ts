/**
 * Settings of the one-machine system: ports, names and the local user pool's identity. Every value
 * can be overridden by an environment variable of the same name.
 */
import { join, resolve } from 'node:path';
import * as z from 'zod';

const settingsSchema = z.object({
  LOCAL_API_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  LOCAL_DYNAMODB_PORT: z.coerce.number().int().min(1).max(65535).default(8765),
  /** Use a DynamoDB Local that is already running instead of starting one. */
  LOCAL_DYNAMODB_ENDPOINT: z.url().optional(),
  /** The staff console (built web/dist) served by `npm start`. */
  LOCAL_CONSOLE_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The Vite dev server of `npm run web:dev`; the local API's CORS allows its origin. */
  LOCAL_CONSOLE_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(5173),
  LOCAL_SFN_PORT: z.coerce.number().int().min(1).max(65535).default(4100),
  /** How often the local Step Functions service wakes due timers and task deadlines by itself. */
  LOCAL_SFN_POLL_MS: z.coerce.number().int().min(100).default(15_000),
  LOCAL_DATA_DIR: z.string().default(resolve(process.cwd(), '.data')),
  /** The mail catcher: SMTP port the jobs send to, and its web inbox. */
  LOCAL_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(1025),
  LOCAL_MAIL_WEB_PORT: z.coerce.number().int().min(1).max(65535).default(1080),
  /** Sender address of local mail (the display name is OFFICE_NAME, 감사담당관). */
  LOCAL_MAIL_FROM: z.email().default('gamsa@gamsa.local'),
  TABLE_NAME: z.string().default('gamsa-cases'),
  AWS_REGION: z.string().default('ap-northeast-2'),
});

export type LocalSettings = z.infer<typeof settingsSchema>;

export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const parsed = settingsSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Invalid local settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/** The local "user pool": tokens carry Cognito's issuer shape for this id, and this client as audience. */
export const LOCAL_USER_POOL = {
  region: 'ap-northeast-2',
  userPoolId: 'ap-northeast-2_LocalPool',
  clientId: 'local-gamsa-web-client',
} as const;

export const localIssuer = () =>
  `https://cognito-idp.${LOCAL_USER_POOL.region}.amazonaws.com/${LOCAL_USER_POOL.userPoolId}`;

/**
 * The local host's chain anchor store (shared/anchor/anchor-store.ts): an append-only file per table
 * under the data directory, the counterpart of the Object Lock bucket on AWS.
 */
export function localAnchorFile(tableName: string, dataDir: string = localSettings().LOCAL_DATA_DIR): string {
  return join(dataDir, `chain-anchors-${tableName}.jsonl`);
}
/** The local key that signs that table's anchors (made on first use; on AWS a KMS key does this). */
export function localAnchorSigningKeyFile(tableName: string, dataDir: string = localSettings().LOCAL_DATA_DIR): string {
  return join(dataDir, `anchor-signing-key-${tableName}.pem`);
}
/** The file a running `npm start` writes into its data directory: its process id and API address. */
export const runningSystemFile = (dataDir: string) => join(dataDir, 'running-system.json');
