/**
 * POST /mail/unsubscribe?sub=&token= — the one-click unsubscribe of a reminder mail's
 * List-Unsubscribe header (RFC 8058): a mail client posts it without a sign-in, so the link's token
 * is the proof. It turns off the optional part only (50%·75% progress reminders); legal deadlines
 * and 징계시효 alarms keep coming. Idempotent by nature: turning off what is off changes nothing.
 */
import { apiHandler } from '#shared/http/api-handler.ts';
import { once } from '../wiring/once.ts';
import { composeReminderPreferences } from '../wiring/reminder-preferences.ts';
import { unsubscribeQuery } from './reminder-preferences-schemas.ts';
import { apiRoute } from './routes.ts';

const preferences = once(composeReminderPreferences);

export const handler = apiHandler(apiRoute('mail-unsubscribe'), { query: unsubscribeQuery }, async ({ query }) => {
  await preferences().unsubscribe(query.sub, query.token);
  return {
    statusCode: 200,
    body: {
      nonUrgent: 'off',
      messageKo: '50%·75% 진행 알림을 더 보내지 않습니다. 오늘 마감·기한 경과 알림과 징계시효 알림은 계속 갑니다.',
    },
  };
});
