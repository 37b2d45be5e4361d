/**
 * GET /cases/{caseId}/history/export?format=csv|json[&type=&actor=&from=&to=] — one case's timeline
 * as a file. The export is an EXPORTED event on the case's own chain, written before the answer.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { bufferSink, downloadHeaders } from './export-body.ts';
import { caseIdParams } from './schemas.ts';
import { historyExportQuery } from './search-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeExportUseCases } from '../wiring/search-usecases.ts';

const deps = once(() => ({ exports: composeExportUseCases() }));

export const handler = apiHandler(
  apiRoute('export-case-history'),
  { params: caseIdParams, query: historyExportQuery },
  async ({ actor, params, query }) => {
    const { exports } = deps();
    const sink = bufferSink();
    const outcome = await exports.exportTimeline(
      actor,
      params.caseId,
      {
        ...(query.type !== undefined && { types: query.type }),
        ...(query.actor !== undefined && { actorSub: query.actor }),
        ...(query.from !== undefined && { from: query.from }),
        ...(query.to !== undefined && { to: query.to }),
      },
      { format: query.format, out: sink.out, via: 'api' },
    );
    return {
      statusCode: 200,
      headers: {
        ...downloadHeaders(query.format, `사건이력_${outcome.caseNumber}`, `history-${params.caseId}`),
        'x-export-id': outcome.exportId,
        'x-export-rows': String(outcome.rowCount),
      },
      text: sink.text(),
    };
  },
);
