/** A patrol finding on the case page: where and what, the department asked, its reports, the re-checks. */
import { dateKo, detailsLines, type DetailsLine } from '../../domain/details-view.ts';
import {
  CLOSED_WITHOUT_REQUEST,
  PATROL_ORIGINS,
  patrolFindingStatus,
  type PatrolFindingRecord,
} from './patrol-finding.ts';
import { PATROL_FINDING_CATEGORIES } from './patrol-finding-settings.ts';

export const PATROL_FINDING_STATUS_KO = {
  'awaiting-request': '조치 요구 전',
  correcting: '부서 조치 중',
  rechecking: '재확인 대기',
  resolved: '해결',
  'closed-without-request': '요구 없이 종결',
} as const;

const photos = (n: number) => (n > 0 ? `, 사진 ${n}장` : '');

export function patrolFindingView(r: PatrolFindingRecord): DetailsLine[] {
  const { place, request } = r;
  return detailsLines([
    ['진행 상태', PATROL_FINDING_STATUS_KO[patrolFindingStatus(r)]],
    ['순찰 구분', PATROL_ORIGINS[r.origin]],
    ['순찰명', r.patrolName],
    ['살피미 신고번호', r.reportNumber],
    ['적출일', dateKo(r.foundOn)],
    ['장소', `${place.dong} ${place.address}${place.detail ? ` (${place.detail})` : ''}`],
    ['좌표', place.latitude !== undefined ? `${place.latitude}, ${place.longitude}` : undefined],
    ['분야', PATROL_FINDING_CATEGORIES[r.category].labelKo],
    ['적출사항', r.finding],
    [
      '조치 요구',
      request &&
        `${request.department} — ${request.instructions} (${dateKo(request.requestedOn)}${photos(request.beforePhotos.length)})`,
    ],
    ['조치 기한', r.dueOn && dateKo(r.dueOn)],
    ...r.extensions.map(
      (e, i) => [`기한 연장 ${i + 1}`, `${dateKo(e.fromDueOn)} → ${dateKo(e.toDueOn)}: ${e.reason}`] as const,
    ),
    ...r.reports.map(
      (x, i) => [`조치 보고 ${i + 1}`, `${dateKo(x.reportedOn)} — ${x.action}${photos(x.afterPhotos.length)}`] as const,
    ),
    ...r.rechecks.map(
      (x, i) =>
        [
          `재확인 ${i + 1}`,
          `${dateKo(x.checkedOn)} ${x.resolved ? '해결' : '미해결'} — ${x.note}${photos(x.photos.length)}${x.newDueOn ? ` (새 기한 ${dateKo(x.newDueOn)})` : ''}`,
        ] as const,
    ),
    [
      '요구 없이 종결',
      r.closedWithoutRequest &&
        `${CLOSED_WITHOUT_REQUEST[r.closedWithoutRequest.ground]} — ${r.closedWithoutRequest.reason} (${dateKo(r.closedWithoutRequest.closedOn)})`,
    ],
  ]);
}
