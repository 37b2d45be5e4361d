/** Request and response shapes of the staff directory (GET /staff). */
import * as z from 'zod';
import { roleSchema, teamSchema } from '#shared/domain/roles.ts';

export const staffQuery = z.object({
  team: teamSchema.optional().describe('팀 (audit=감사팀, investigation=조사팀, complaints=민원관리팀, patrol=순찰팀)'),
  role: roleSchema.optional().describe('역할 (예: investigator=조사관, team-lead=팀장)'),
});

export const staffEntryView = z.object({
  sub: z.string().describe('직원 id (Cognito sub)'),
  name: z.string().describe('이름'),
  team: teamSchema,
  teamLabel: z.string().describe('팀 이름, 예: 조사팀'),
  roles: z.array(roleSchema),
  roleLabels: z.array(z.string()).describe('역할 이름, 예: 조사관'),
  position: z.string().optional().describe('직급·직위'),
  email: z.email().describe('업무 메일'),
});

export const staffListResponse = z.object({
  items: z.array(staffEntryView),
  teams: z.array(z.object({ team: teamSchema, label: z.string() })),
});
