/**
 * GET /cases/{caseId}/identity — the sealed reporter identity, for the handler the custodian granted
 * it to, while the grant lasts. The only function given kms:Decrypt on the identity key; the read
 * is in the case's history before the identity is returned.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { REPORTER_CONFIDENTIALITY_ARTICLE } from '#shared/domain/identity.ts';
import { apiRoute } from './routes.ts';
import { once } from '../wiring/once.ts';
import { composeIdentityUseCases } from '../wiring/identity.ts';
import { identityCaseParams, identityReadQuery } from './identity-schemas.ts';
import { accessRequestView } from './identity-view.ts';

const identityUseCases = once(() => composeIdentityUseCases());

export const handler = apiHandler(
  apiRoute('identity-read'),
  { params: identityCaseParams, query: identityReadQuery },
  async ({ actor, params, query }) => {
    const { identity, request } = await identityUseCases().readIdentity(actor, params.caseId, query.requestId);
    return {
      statusCode: 200,
      body: {
        reporter: identity,
        request: accessRequestView(request),
        noticeKo: `신고자의 인적사항이나 신고자임을 미루어 알 수 있는 사실을 다른 사람에게 알리거나 공개하면 처벌됩니다 (${REPORTER_CONFIDENTIALITY_ARTICLE}, 제30조①). 이 열람은 사건 이력에 기록되었습니다.`,
      },
    };
  },
);
