import { ReminderPreferencesStore } from '#shared/store/reminder-preferences-store.ts';
import { reminderPreferences } from '#shared/usecases/reminder-preferences.ts';
import { doc, tableName } from './table.ts';

export const composeReminderPreferences = () =>
  reminderPreferences({ store: new ReminderPreferencesStore(doc, tableName()) });
