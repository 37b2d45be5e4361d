/**
 * PUT /me/reminder-preferences — change my own reminder choices (progress reminders daily, weekly or
 * off; a pause until a date). Turning off legal deadlines or 징계시효 alarms is refused (400, field
 * and rule `always-on`) and changes nothing; `expectedVersion` guards against a lost update (409).
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { once } from '../wiring/once.ts';
import { composeReminderPreferences } from '../wiring/reminder-preferences.ts';
import { preferencesView, reminderPreferencesBody } from './reminder-preferences-schemas.ts';
import { apiRoute } from './routes.ts';

const preferences = once(composeReminderPreferences);

export const handler = apiHandler(
  apiRoute('put-reminder-preferences'),
  { body: reminderPreferencesBody },
  async ({ actor, body }) => ({
    statusCode: 200,
    body: preferencesView(await preferences().change(actor, body)),
  }),
);
