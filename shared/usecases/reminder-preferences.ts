/**
 * Reading and changing one's own reminder preferences (shared/domain/reminder-preferences.ts), and
 * the one-click unsubscribe a mail client posts (RFC 8058), which turns the optional part off.
 */
import { NotFoundError, VersionConflictError } from '../domain/errors.ts';
import { koreaDate } from '../domain/korea-time.ts';
import {
  applyPreferencesChange,
  type ReminderPreferences,
  type ReminderPreferencesChange,
} from '../domain/reminder-preferences.ts';
import type { Actor } from '../domain/roles.ts';
import type { ReminderPreferencesStore } from './ports.ts';

export interface ReminderPreferencesDeps {
  store: Pick<ReminderPreferencesStore, 'get' | 'save' | 'tokenMatches'>;
  clock?: () => Date;
}

export function reminderPreferences(deps: ReminderPreferencesDeps) {
  const clock = deps.clock ?? (() => new Date());

  async function change(sub: string, request: ReminderPreferencesChange): Promise<ReminderPreferences> {
    const current = await deps.store.get(sub);
    if (request.expectedVersion !== undefined && request.expectedVersion !== current.version)
      throw new VersionConflictError(
        `reminder preferences changed in between (now version ${current.version})`,
        `알림 설정이 그 사이에 바뀌었습니다 (현재 버전 ${current.version}). 다시 읽고 바꾸십시오`,
        { field: 'expectedVersion', rule: 'version', meta: { version: current.version } },
      );
    const next = applyPreferencesChange(current, request, koreaDate(clock()));
    const saved = await deps.store.save(next, current.version, clock().toISOString());
    if (!saved)
      throw new VersionConflictError(
        'reminder preferences changed in between',
        '알림 설정이 그 사이에 바뀌었습니다. 다시 시도하십시오',
        { field: 'expectedVersion', rule: 'version' },
      );
    return saved;
  }

  return {
    /** The caller's preferences (the defaults when they never chose). */
    mine: (actor: Actor) => deps.store.get(actor.sub),
    /** Changes the caller's own preferences; refusals name the field and the rule and change nothing. */
    change: (actor: Actor, request: ReminderPreferencesChange) => change(actor.sub, request),
    /**
     * The mail's one-click unsubscribe: progress reminders off for the person the link was made for.
     * A wrong or unknown token is 404, saying nothing about whether the person exists.
     */
    async unsubscribe(sub: string, token: string): Promise<ReminderPreferences> {
      if (!(await deps.store.tokenMatches(sub, token)))
        throw new NotFoundError('no such unsubscribe link', '수신 거부 링크가 올바르지 않습니다', {
          field: 'token',
          rule: 'unknown_link',
        });
      return change(sub, { nonUrgent: 'off' });
    },
  };
}
