import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signInAs } from './support.ts';

test('the sign-in page lists the demo staff and 내 업무 shows the open tasks, soonest due first', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: '감사담당관 사건 관리' })).toBeVisible();
  await expect(page.getByRole('button', { name: '박준형', exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, 'sign-in');

  await signInAs(page, '박준형');
  await expect(page.getByRole('heading', { name: '내 업무' })).toBeVisible();
  const rows = page.locator('table.task-table tbody tr');
  await expect(rows.first()).toBeVisible();
  // Sorted by due date: each row's due moment is not before the previous one's.
  const dues = await rows.locator('td:nth-child(2)').allTextContents();
  expect(dues.length).toBeGreaterThan(0);
  for (const due of dues) expect(due).toMatch(/^\d{4}년 \d{1,2}월 \d{1,2}일\([일월화수목금토]\) \d{2}:\d{2}/);
  await expectAccessible(page);
  await screenshot(page, testInfo, 'my-tasks');
});
