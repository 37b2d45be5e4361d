/** GET /cases/{caseId}/verify — recomputes the case's hash chain and names the first broken link. */
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { caseIdParams } from './schemas.ts';
import { once } from '../wiring/once.ts';
import { anchorStoreFromEnv } from '#shared/anchor/anchor-store.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';

const deps = once(() => ({ cases: composeCaseUseCases({ anchors: anchorStoreFromEnv() }) }));

export const handler = apiHandler(apiRoute('verify-case'), { params: caseIdParams }, async ({ actor, params }) => {
  const { cases } = deps();
  return { statusCode: 200, body: await cases.verifyCase(actor, params.caseId) };
});
