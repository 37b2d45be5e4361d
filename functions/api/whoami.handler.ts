/** GET /me — who the token says you are, with your directory entry (team, position) and your reminder preferences. */
import { ROLE_LABELS, TEAM_LABELS } from '#shared/domain/roles.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { apiRoute } from './routes.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';
import { composeReminderPreferences } from '../wiring/reminder-preferences.ts';
import { preferencesView } from './reminder-preferences-schemas.ts';

const staff = once(() => new StaffRepository(doc, tableName()));
const preferences = once(composeReminderPreferences);

export const handler = apiHandler(apiRoute('whoami'), {}, async ({ actor }) => {
  const [member, mine] = await Promise.all([staff().get(actor.sub), preferences().mine(actor)]);
  return {
    statusCode: 200,
    body: {
      sub: actor.sub,
      ...((actor.email ?? member?.email) !== undefined && { email: actor.email ?? member?.email }),
      ...((member?.name ?? actor.name) !== undefined && { name: member?.name ?? actor.name }),
      roles: actor.roles,
      roleLabels: actor.roles.map((r) => ROLE_LABELS[r]),
      ...(member?.team && { team: member.team, teamLabel: TEAM_LABELS[member.team] }),
      ...(member?.position && { position: member.position }),
      reminderPreferences: preferencesView(mine),
    },
  };
});
