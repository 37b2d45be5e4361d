/**
 * The requesting department's person on a daily-audit or contract-review request, filled from the
 * staff directory so intake takes a clerk one pick instead of four fields: given `requesterSub`, the
 * name, position, department, mail and telephone come from the staff record; typed fields are kept
 * only where the record has none (a department is required one way or the other).
 */
import * as z from 'zod';
import { ValidationError } from '../../domain/errors.ts';
import type { StaffDirectory } from '../../domain/kind.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const requesterSchema = z.strictObject({
  sub: text(128).optional().describe('직원 명부의 ID (있으면 나머지가 명부에서 채워짐)'),
  name: text(100).optional().describe('요청자 이름'),
  position: text(100).optional().describe('직위·직급'),
  department: text(100).describe('요청 부서'),
  email: z.email().optional(),
  phone: text(40).optional(),
});
export type Requester = z.infer<typeof requesterSchema>;

/** What intake accepts: a staff id to fill from, or the fields typed in (or both: typed fields fill gaps). */
export const requesterIntakeShape = {
  requesterSub: text(128).optional().describe('요청자(부서 담당자)의 직원 ID: 이름·부서·연락처를 직원 명부에서 채움'),
  requester: requesterSchema.partial().optional().describe('요청자 정보 (직원 ID가 없을 때 직접 입력)'),
};

/**
 * The requester completed from the directory; refuses an unknown staff id, and a request with no
 * department at all. `field` is the intake section's key, so errors name e.g. `dailyAudit.requesterSub`.
 */
export async function fillRequester(
  intake: { requesterSub?: string | undefined; requester?: Partial<Requester> | undefined },
  staff: StaffDirectory,
  field: string,
): Promise<Requester> {
  const typed = intake.requester ?? {};
  if (intake.requesterSub === undefined) {
    if (typed.department === undefined)
      throw new ValidationError(
        `${field}.requester.department is required when no requesterSub is given`,
        '요청 부서를 입력하거나 요청자의 직원 ID(requesterSub)를 고르세요',
        { field: `${field}.requester.department`, rule: 'required' },
      );
    return requesterSchema.parse(typed);
  }
  const member = await staff.get(intake.requesterSub);
  if (!member?.active)
    throw new ValidationError(
      `No active staff member with id ${intake.requesterSub}`,
      `직원(${intake.requesterSub})을 찾을 수 없습니다`,
      { field: `${field}.requesterSub`, rule: 'unknown_staff' },
    );
  const department = member.department ?? typed.department;
  if (department === undefined)
    throw new ValidationError(
      `Staff member ${member.name} has no department in the directory; give ${field}.requester.department`,
      `직원 명부에 ${member.name}의 부서가 없습니다. 요청 부서를 입력하세요`,
      { field: `${field}.requester.department`, rule: 'required' },
    );
  return requesterSchema.parse({
    sub: member.sub,
    name: member.name,
    department,
    ...((member.position ?? typed.position) !== undefined && { position: member.position ?? typed.position }),
    email: member.email,
    ...((member.phone ?? typed.phone) !== undefined && { phone: member.phone ?? typed.phone }),
  });
}

/** `도로관리과 윤하늘 도로관리 주무관(7급) · 02-2670-3456`, for the case page. */
export function requesterKo(r: Requester): string {
  const who = [r.department, r.name, r.position].filter(Boolean).join(' ');
  return r.phone ? `${who} · ${r.phone}` : who;
}
