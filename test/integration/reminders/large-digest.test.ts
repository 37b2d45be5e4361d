/**
 * A person with 500 overdue tasks: the digest lists the most urgent and oldest in full and counts
 * every one of the 500 (by urgency, team and kind of task) with a link to the full list in the
 * console — no item is silently dropped — and each of the 500 reminders is recorded as sent, so
 * running the job again the same morning sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaughtMessage } from '../../../infra/local/mail-catcher/mail-catcher.ts';
import { DEFAULT_DEADLINE_REMINDER_OPTIONS } from '#shared/usecases/deadline-reminders.ts';
import {
  BASE_URL,
  createReminderWorld,
  readDigest,
  runAt,
  staffNamed,
  type OpenedTask,
  type ReminderWorld,
} from './reminder-fixture.ts';

const ITEMS = 500;
const person = staffNamed('문가영');
const RUN_DAY = '2026-12-17';

let world: ReminderWorld;
const opened: OpenedTask[] = [];

beforeAll(async () => {
  world = await createReminderWorld();
  // Ten tasks a day over fifty days, half daily audits (감사팀 numbers) and half grievances (민원관리팀).
  // A day's ten open at the same instant (the fixture's clock is set to it), so they are made side by
  // side; the days one after another, as the clock moves on.
  for (let batch = 0; batch < ITEMS / 10; batch++) {
    const day = new Date(Date.parse('2026-09-01T10:00:00+09:00') + batch * 86_400_000).toISOString().slice(0, 10);
    const ofDay = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        world.openTask({
          kind: i % 2 === 0 ? 'daily-audit' : 'grievance',
          title: `밀린 사건 ${batch * 10 + i + 1}`,
          openedAt: `${day}T10:00:00+09:00`,
          taskType: 'investigate',
          stage: 'investigation',
          assignTo: { sub: person.sub },
          allowedDecisions: ['submit'],
          dueInBusinessDays: 5,
        }),
      ),
    );
    opened.push(...ofDay);
  }
}, 600_000);

afterAll(async () => {
  await world?.close();
});

const mailTo = (messages: readonly CaughtMessage[], email: string) =>
  messages.filter((m) => m.to[0]?.address === email);

describe('a digest with more items than a mail should list', () => {
  it('lists the oldest in full and counts all 500 by urgency, team and kind, with a link to the full list', async () => {
    await world.catcher.clear();
    world.setNow(runAt(RUN_DAY, '08:31:00'));
    const report = await world.reminderJob().run(runAt(RUN_DAY));
    expect(report.failed).toEqual([]);

    const mails = mailTo(world.catcher.messages(), person.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toContain(`계속 기한 경과 ${ITEMS}건`);
    expect(mail.text).toContain(`[계속 기한 경과] ${ITEMS}건`);

    const listed = readDigest(mail).items.map((item) => item.replace('계속 기한 경과 ', ''));
    const listInFull = DEFAULT_DEADLINE_REMINDER_OPTIONS.listInFull;
    expect(listed).toHaveLength(listInFull);
    // The oldest due dates are the ones listed (tasks were opened in due order).
    const oldest = [...opened]
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.caseNumber.localeCompare(b.caseNumber))
      .slice(0, listInFull)
      .map((t) => t.caseNumber);
    expect(listed.sort()).toEqual(oldest.sort());
    expect(mail.text).toContain(`나머지 ${ITEMS - listInFull}건은 요약합니다`);

    const line = (label: string) => mail.text.split('\n').find((l) => l.trim().startsWith(`${label}:`)) ?? '';
    const total = (text: string) => [...text.matchAll(/(\d+)건/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    expect(line('팀별')).toContain('감사팀 250건');
    expect(line('팀별')).toContain('민원관리팀 250건');
    expect(total(line('팀별'))).toBe(ITEMS);
    expect(total(line('업무별'))).toBe(ITEMS);
    expect(line('전체 목록').trim()).toBe(`전체 목록: ${BASE_URL}/`);
    expect(mail.html).toContain('전체 목록 보기');
  }, 300_000);

  it('records all 500 reminders as sent, so a rerun the same morning sends nothing', async () => {
    const before = world.catcher.messages().length;
    world.setNow(runAt(RUN_DAY, '09:15:00'));
    const rerun = await world.reminderJob().run(runAt(RUN_DAY));
    expect(rerun).toMatchObject({ digestsSent: 0, failed: [] });
    expect(world.catcher.messages()).toHaveLength(before);

    let unsent = 0;
    for (let i = 0; i < opened.length; i += 25) {
      const markers = await Promise.all(opened.slice(i, i + 25).map((t) => world.markersOf(t.caseId)));
      for (const ofCase of markers) {
        const mine = ofCase.filter((m) => m.recipientSub === person.sub);
        if (mine.length !== 1 || mine[0]!.status !== 'sent') unsent += 1;
      }
    }
    expect(unsent).toBe(0);
  }, 300_000);

  it('counts every item even past the most one digest records, and says those come again in the next run', async () => {
    await world.catcher.clear();
    const nextDay = '2026-12-18';
    world.setNow(runAt(nextDay, '08:31:00'));
    const report = await world.reminderJob({ options: { maxItemsPerDigest: 450 } }).run(runAt(nextDay));
    expect(report).toMatchObject({ remindersSent: 450, failed: [] });
    const mails = mailTo(world.catcher.messages(), person.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(`계속 기한 경과 ${ITEMS}건`);
    expect(mails[0]!.text).toContain(
      '이 가운데 50건은 한 메일에 기록할 수 있는 수를 넘어 다음 알림에서 다시 알립니다.',
    );
  }, 300_000);
});
