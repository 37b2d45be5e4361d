/**
 * POST /reports/office {from, to} — generates the report and freezes it with the hash of the data it
 * came from (report-store.ts); answers 201 with the report id. With an Idempotency-Key a retry
 * answers with the same frozen report (replayed: true) and stores nothing more.
 */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { replayHeaders } from './case-view.ts';
import { officeReportDeps } from './office-report-deps.ts';
import { officeReportBody } from './office-report-schemas.ts';

export const handler = apiHandler({ auth: true, body: officeReportBody }, async ({ actor, body, idempotencyKey }) => {
  const { officeReports, baseUrl } = officeReportDeps();
  const outcome = await officeReports.freeze(
    actor,
    { from: body.from, to: body.to },
    idempotencyKey
      ? { key: idempotencyKey, request: { op: 'freeze-office-report', from: body.from, to: body.to } }
      : undefined,
  );
  const { reportId } = outcome.result;
  return {
    statusCode: 201,
    body: {
      ...outcome.result,
      replayed: outcome.replayed,
      links: { self: `${baseUrl}/reports/office/${reportId}`, check: `${baseUrl}/reports/office/${reportId}/check` },
    },
    headers: { ...replayHeaders(outcome.replayed), location: `/reports/office/${reportId}` },
  };
});
