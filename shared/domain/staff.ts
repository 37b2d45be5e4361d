/** People of the office as the system knows them (the directory behind sign-in). */
import * as z from 'zod';
import { roleSchema, teamSchema } from './roles.ts';

export const staffMemberSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1),
  email: z.email(),
  team: teamSchema.optional(),
  /** 직급/직위, e.g. '지방행정주사(6급)', '조사팀장'. */
  position: z.string().optional(),
  /**
   * The 구 department (부서) of someone outside the office's teams, e.g. '도로관리과': a department's
   * contact whose requests (일상감사, 계약원가심사) are registered with their fields filled from here.
   */
  department: z.string().min(1).optional(),
  /** Work telephone, e.g. '02-2670-3000'. */
  phone: z.string().min(1).optional(),
  roles: z.array(roleSchema).min(1),
  active: z.boolean().default(true),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;
