/** GET /health — 200 when the table answers, 503 otherwise. */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { toKoreaIso } from '#shared/domain/korea-time.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { doc, tableName } from '../wiring/table.ts';

export const handler = apiHandler(apiRoute('health'), {}, async () => {
  const checks: Record<string, string> = {};
  try {
    const out = await doc.send(new DescribeTableCommand({ TableName: tableName() }));
    checks.table = out.Table?.TableStatus === 'ACTIVE' ? 'ok' : `status ${out.Table?.TableStatus ?? 'unknown'}`;
  } catch (error) {
    checks.table = `unreachable: ${error instanceof Error ? error.name : 'error'}`;
  }
  const ok = Object.values(checks).every((v) => v === 'ok');
  return { statusCode: ok ? 200 : 503, body: { status: ok ? 'ok' : 'degraded', checks, time: toKoreaIso(new Date()) } };
});
