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
  roles: z.array(roleSchema).min(1),
  active: z.boolean().default(true),
});
export type StaffMember = z.infer<typeof staffMemberSchema>;
