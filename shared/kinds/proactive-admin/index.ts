/** 적극행정 면책·사전컨설팅: runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';

export const proactiveAdmin = reviewKind({
  kind: 'proactive-admin',
  labelKo: '적극행정 면책·사전컨설팅',
  team: 'audit',
  defaultPeriod: 'active-admin.audit-opinion',
});
