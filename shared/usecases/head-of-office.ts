/**
 * The head of office must be reachable: overdue escalations, tasks put on the head and the quarterly
 * analysis go to whoever holds the role (on AWS, the user pool's `head` group). A run that finds
 * nobody does everything else and then fails with this error, so the job's failure alarm tells an
 * operator the same morning instead of the escalations going nowhere unnoticed.
 */
import type { StaffDirectory } from './ports.ts';

export class NoHeadOfOfficeError extends Error {
  override name = 'NoHeadOfOfficeError';
  readonly messageKo =
    '감사담당관(head) 역할을 가진 직원이 없습니다: 사용자 풀의 head 그룹에 감사담당관 계정을 추가하십시오. 기한 경과 보고와 감사담당관 업무 알림이 전달되지 않습니다.';
  constructor(job: string) {
    super(
      `${job}: nobody holds the head-of-office role (the user pool's "head" group is empty, or OFFICE_LEVEL_STAFF_SUBS names no head); escalations to the head of office go nowhere until someone is added`,
    );
  }
}

/** Active holders of the head-of-office role; a NoHeadOfOfficeError when there are none. */
export async function requireHeadOfOffice(directory: Pick<StaffDirectory, 'withRole'>, job: string) {
  const heads = (await directory.withRole('head', undefined)).filter((m) => m.active);
  if (heads.length === 0) throw new NoHeadOfOfficeError(job);
  return heads;
}
