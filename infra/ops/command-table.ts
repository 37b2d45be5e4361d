/**
 * Which table an operator command works on: `TABLE_NAME` (and the AWS settings around it) when set,
 * otherwise the local system's table in DynamoDB Local (infra/local/local-settings.ts), so
 * `npm run verify|report|audit` work next to `npm start` with no setup.
 */
import { localAnchorFile, localAnchorSigningKeyFile, localSettings } from '../local/local-settings.ts';

export function commandTable(): { tableName: string; local: boolean } {
  const configured = process.env.TABLE_NAME;
  if (configured) return { tableName: configured, local: false };
  const settings = localSettings();
  Object.assign(process.env, {
    TABLE_NAME: settings.TABLE_NAME,
    AWS_ENDPOINT_URL_DYNAMODB: settings.LOCAL_DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${settings.LOCAL_DYNAMODB_PORT}`,
    AWS_REGION: settings.AWS_REGION,
    AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID ?? 'local',
    AWS_SECRET_ACCESS_KEY: process.env.AWS_SECRET_ACCESS_KEY ?? 'local',
    ANCHOR_FILE: process.env.ANCHOR_FILE ?? localAnchorFile(settings.TABLE_NAME),
    ANCHOR_SIGNING_KEY_FILE: process.env.ANCHOR_SIGNING_KEY_FILE ?? localAnchorSigningKeyFile(settings.TABLE_NAME),
  });
  return { tableName: settings.TABLE_NAME, local: true };
}
