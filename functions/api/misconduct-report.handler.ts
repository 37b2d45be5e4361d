/**
 * GET /reports/misconduct?from=YYYY-MM-DD&to=YYYY-MM-DD — external referrals and internal
 * investigations received in the period, counted as the office reports them (징계·불문경고 /
 * 훈계·주의 / 내부종결·시정조치 / 진행).
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { misconductReportQuery } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { composeMisconductUseCases } from '../wiring/misconduct-usecases.ts';

const deps = once(() => ({ misconduct: composeMisconductUseCases() }));

export const handler = apiHandler(
  apiRoute('misconduct-report'),
  { query: misconductReportQuery },
  async ({ actor, query }) => {
    const { misconduct } = deps();
    return { statusCode: 200, body: await misconduct.report(actor, query.from, query.to) };
  },
);
