/** How an access request is shown: the request and its status in Korean (never the identity). */
import { ACCESS_STATUS_LABELS } from '#shared/domain/identity.ts';
import type { AccessRequestView } from '#shared/usecases/identity-usecases.ts';

export const accessRequestView = (r: AccessRequestView) => ({
  ...r,
  statusLabel: ACCESS_STATUS_LABELS[r.currentStatus],
});
