/**
 * POST /reports/office {from, to} — generates the report and freezes it with the hash of the data it
 * came from (report-store.ts); answers 201 with the report id. With an Idempotency-Key a retry
 * answers with the same frozen report (replayed: true) and stores nothing more.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { replayHeaders } from './case-view.ts';
import { officeReportBody } from './office-report-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeOfficeReportUseCases } from '../wiring/office-report-usecases.ts';
import { baseUrl } from '../wiring/table.ts';

const deps = once(() => ({ officeReports: composeOfficeReportUseCases(), baseUrl: baseUrl() }));

export const handler = apiHandler(
  apiRoute('office-report-freeze'),
  { body: officeReportBody },
  async ({ actor, body, idempotent }) => {
    const { officeReports, baseUrl } = deps();
    const outcome = await officeReports.freeze(
      actor,
      { from: body.from, to: body.to },
      idempotent({ from: body.from, to: body.to }),
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
  },
);
