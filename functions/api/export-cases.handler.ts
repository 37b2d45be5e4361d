/**
 * GET /cases/export?format=csv|json&<the search filters> — the search results as a file. A Lambda
 * response is buffered and limited to 6 MB, so one response holds at most API_EXPORT_MAX_ROWS rows;
 * when more match, `x-export-next-cursor` (and `nextCursor` in JSON) continues with `cursor=`.
 * `npm run audit -- export` streams any number of rows. Each response is one export record.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { API_EXPORT_MAX_ROWS } from '#shared/usecases/case-export.ts';
import { bufferSink, downloadHeaders } from './export-body.ts';
import { exportQuery } from './search-schemas.ts';
import { once } from '../wiring/once.ts';
import { composeExportUseCases } from '../wiring/search-usecases.ts';

const deps = once(() => ({ exports: composeExportUseCases() }));

export const handler = apiHandler(apiRoute('export-cases'), { query: exportQuery }, async ({ actor, query }) => {
  const { exports } = deps();
  const { format, cursor, ...filter } = query;
  const sink = bufferSink();
  const outcome = await exports.exportSearch(actor, filter, {
    format,
    out: sink.out,
    via: 'api',
    maxRows: API_EXPORT_MAX_ROWS,
    ...(cursor !== undefined && { cursor }),
  });
  const day = koreaDate(new Date());
  return {
    statusCode: 200,
    headers: {
      ...downloadHeaders(format, `사건검색_${day}`, `cases-${day}`),
      'x-export-id': outcome.exportId,
      'x-export-rows': String(outcome.rowCount),
      ...(outcome.nextCursor !== undefined && { 'x-export-next-cursor': outcome.nextCursor }),
    },
    text: sink.text(),
  };
});
