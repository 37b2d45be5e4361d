/** 공익신고 (공익신고자 보호법: 신고자의 신원은 봉인): runs the generic review lifecycle until it declares its own. */
import { reviewKind } from '../case-review/review-kind.ts';

export const whistleblowerReport = reviewKind({
  kind: 'whistleblower-report',
  labelKo: '공익신고',
  team: 'complaints',
  sealedByDefault: true,
});
