/**
 * 위원회 in the browser: the personnel committee's secretary schedules a meeting, records attendance while
 * the quorum indicator follows each tick, records a recusal, and decides both cases on the agenda; the
 * minutes and each case's history say so. Then the head of office's report (freeze and check) and the
 * administrator's screens.
 */
import { expect, test } from '@playwright/test';
import { createCalendar } from '#shared/calendar/index.ts';
import { addDays } from '#shared/calendar/korea-dates.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { call, caseWaitingForPersonnelCommittee } from './api-steps.ts';
import { expectAccessible, screenshot, signInAs } from './support.ts';

const today = koreaDate(new Date());
/** The meeting sits on the most recent business day (attendance is recorded on or after the day). */
function meetingDay(): string {
  const calendar = createCalendar();
  let d = today;
  while (!calendar.isBusinessDay(d)) d = addDays(d, -1);
  return d;
}

test('a secretary holds a meeting that decides two cases', async ({ page, request }, testInfo) => {
  // The head approves today, so the discipline requests go out today (a request cannot precede its approval)
  // and the resolutions are dated today (a resolution cannot precede its request). The meeting itself sits on
  // a business day: on a weekend or holiday that is an earlier day than today, and the resolution follows it.
  const day = meetingDay();
  const cases = [
    await caseWaitingForPersonnelCommittee(request, '범죄처분결과 통보 — 공원녹지과 갑', today),
    await caseWaitingForPersonnelCommittee(request, '범죄처분결과 통보 — 공원녹지과 을', today),
  ];

  await signInAs(page, '정다인');
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '위원회' }).click();
  await expect(page.getByRole('heading', { name: '위원회', exact: true })).toBeVisible();
  await expect(page.locator('table.committee-table tbody tr')).toHaveCount(5);
  await expect(page.locator('table.committee-table')).toContainText('인사위원회');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'committees');

  await page.getByRole('combobox', { name: '위원회', exact: true }).selectOption({ label: '인사위원회' });
  await page.getByLabel('회의일').fill(day);
  await page.getByLabel('시각').fill('10:00');
  await page.getByLabel('장소').fill('구청 본관 3층 소회의실');
  await page.getByRole('button', { name: '회의 등록' }).click();

  await expect(
    page.getByRole('heading', { name: /인사위원회 회의 — \d{4}년 \d{1,2}월 \d{1,2}일\([일월화수목금토]\) 10:00/ }),
  ).toBeVisible();
  const agenda = page.locator('li.agenda-item');
  for (const c of cases) await expect(agenda.filter({ hasText: c.caseNumber })).toHaveCount(1);

  // The quorum indicator follows the ticks: 7 members in their term, a majority is 4.
  const quorum = page.getByTestId('quorum');
  await expect(quorum).toContainText('의사정족수 미달');
  // KRDS draws the check box on the label; a person clicks the label.
  const tick = (name: string) =>
    page.locator('.attendance-list label', { hasText: new RegExp(`^${name} \\(`) }).click();
  for (const name of ['송기철', '고영수', '진미경']) await tick(name);
  await expect(quorum).toContainText('출석 3명 / 재적 7명');
  await expect(quorum).toContainText('의사정족수 미달');
  await tick('가은후');
  await expect(page.getByRole('checkbox', { name: /^가은후 / })).toBeChecked();
  await expect(quorum).toContainText('출석 4명 / 재적 7명');
  await expect(quorum).toContainText('의사정족수 충족');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'meeting-attendance');

  // Meanwhile someone else records attendance (three members): this page's version is stale.
  const meetingId = new URL(page.url()).pathname.split('/').pop()!;
  const other = await call(request, 'secretary', 'POST', `/meetings/${meetingId}/attendance`, {
    presentMemberIds: ['ps-chair', 'ps-admin', 'ps-welfare'],
  });
  expect(other.status, JSON.stringify(other.body)).toBe(200);
  await page.getByRole('button', { name: '출석 기록 (회의 개최)' }).click();
  await expect(page.getByRole('alert')).toContainText('다른 사람이 먼저 수정했습니다');
  await screenshot(page, testInfo, 'meeting-conflict');
  await page.getByRole('button', { name: '새로 불러오기' }).click();
  // The page now shows what was recorded, and the person adds the fourth member again.
  await expect(quorum).toContainText('출석 3명 / 재적 7명');
  await expect(page.locator('.case-meta')).toContainText('개최(의결 중)');
  await tick('가은후');
  await expect(quorum).toContainText('의사정족수 충족');
  await page.getByRole('button', { name: '출석 고치기' }).click();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('checkbox', { name: /^가은후 / })).toBeChecked();
  await expect(page.getByRole('heading', { name: /안건 2건 \(확정\)/ })).toBeVisible();

  // 고영수 steps aside on the first case: he is not among its voters.
  await page.getByLabel('안건', { exact: true }).selectOption({ label: cases[0]!.caseNumber });
  await page.getByLabel('위원', { exact: true }).selectOption({ label: '고영수' });
  await page.getByLabel('사유').fill('징계 대상 공무원과 같은 국 소속');
  await page.getByRole('button', { name: '제척·회피 기록' }).click();
  const first = agenda.filter({ hasText: cases[0]!.caseNumber });
  await expect(first).toContainText('제척·회피: 고영수');
  await expect(first.locator('table.vote-table tbody tr')).toHaveCount(3);

  for (const [i, c] of cases.entries()) {
    const item = agenda.filter({ hasText: c.caseNumber });
    await item.getByRole('button', { name: '전원 찬성으로 표시' }).click();
    await item.getByLabel('인사위원회 의결').selectOption(i === 0 ? '견책' : '불문경고');
    await item.getByLabel('의결일').fill(today);
    if (i === 1) {
      await expectAccessible(page);
      await screenshot(page, testInfo, 'meeting-vote');
    }
    await item.getByRole('button', { name: '의결 기록' }).click();
    await expect(item.locator('.krds-badge', { hasText: '의결:' })).toBeVisible();
  }

  const minutes = page.locator('section.minutes');
  await expect(minutes.locator('li')).toHaveCount(2);
  await expect(minutes).toContainText(`${cases[0]!.caseNumber}`);
  await expect(minutes).toContainText('제척·회피: 고영수');
  await expect(minutes).toContainText('찬성: 송기철, 진미경, 가은후');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'meeting-minutes');

  // The calendar shows the meeting on its day.
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '위원회' }).click();
  await expect(page.locator('.meeting-calendar a.meeting-chip', { hasText: '인사위원회' }).first()).toBeVisible();
});

test('the head of office reads the office report, freezes it and checks it against the data', async ({
  page,
}, testInfo) => {
  await signInAs(page, '김정민');
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '보고서' }).click();
  await expect(page.locator('section.report-table').first()).toBeVisible();
  await expect(page.locator('.report-chart .bar').first()).toBeVisible();
  await expect(page.locator('.page-sub')).toContainText(/접수일 기준 \d{4}년 1월 1일\([일월화수목금토]\) ~/);
  await expectAccessible(page);
  await screenshot(page, testInfo, 'report');
  await page.getByRole('button', { name: '이 기간으로 확정' }).click();
  await expect(page).toHaveURL(/frozen=[0-9A-Z]{26}/);
  await expect(page.getByTestId('report-check')).toContainText('일치');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.console-nav')).toBeHidden();
  await expect(page.locator('section.report-table').first()).toBeVisible();
  await screenshot(page, testInfo, 'report-print');
  await page.emulateMedia({ media: 'screen' });
});

test('the administrator sees undelivered mail and the staff directory', async ({ page }, testInfo) => {
  await signInAs(page, '윤태호');
  await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '관리' }).click();
  await expect(page.getByRole('heading', { name: '관리', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: /발송 중지 주소 \d+곳/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: '최근 전달 실패' })).toBeVisible();
  const staff = page.locator('table.staff-table tbody tr');
  await expect(staff.filter({ hasText: '박준형' })).toContainText('조사팀');
  await expect(staff.filter({ hasText: '한서준' })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, testInfo, 'admin');
});
