/** GET /me/reminder-preferences — my reminder mail choices, and what is always on. */
import { apiHandler } from '../../shared/http/api-handler.ts';
import { once } from '../wiring/once.ts';
import { composeReminderPreferences } from '../wiring/reminder-preferences.ts';
import { preferencesView } from './reminder-preferences-schemas.ts';
import { apiRoute } from './routes.ts';

const preferences = once(composeReminderPreferences);

export const handler = apiHandler(apiRoute('get-reminder-preferences'), {}, async ({ actor }) => ({
  statusCode: 200,
  body: preferencesView(await preferences().mine(actor)),
}));
