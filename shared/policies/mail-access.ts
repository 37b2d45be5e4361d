/**
 * Who may see mail that did not arrive and lift a suppressed address. The list shows recipients,
 * failure kinds and case numbers only (no case content), for the head of office and administrators;
 * lifting a suppression (the address was checked) is an administrator's call.
 */
import { ForbiddenError } from '../domain/errors.ts';
import { hasAnyRole, type Actor, type Role } from '../domain/roles.ts';

const MAIL_FAILURE_READERS: readonly Role[] = ['head', 'admin'];
const SUPPRESSION_LIFTERS: readonly Role[] = ['admin'];

export function assertCanReadMailFailures(actor: Actor): void {
  if (!hasAnyRole(actor, MAIL_FAILURE_READERS)) {
    throw new ForbiddenError(
      'Only the head of office and admins can see undelivered mail',
      '전달되지 않은 메일 목록은 감사담당관과 관리자만 볼 수 있습니다',
      {
        rule: 'role_cannot_read_mail_failures',
      },
    );
  }
}

export function assertCanLiftSuppression(actor: Actor): void {
  if (!hasAnyRole(actor, SUPPRESSION_LIFTERS)) {
    throw new ForbiddenError(
      'Only an admin can lift a mail suppression',
      '메일 발송 중지 해제는 관리자만 할 수 있습니다',
      { field: 'email', rule: 'role_cannot_lift_suppression' },
    );
  }
}
