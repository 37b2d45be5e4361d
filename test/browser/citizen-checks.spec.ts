import { expect, test } from '@playwright/test';
import { expectAccessible, screenshot, signInAs } from './support.ts';

test('a 구민감사관 sees only their own checks on 내 현장점검 and files the result of one', async ({
  page,
}, testInfo) => {
  // The demo's check, a few days back, names 노경태 (토목) and 염미숙 (동 대표).
  await signInAs(page, '노경태');
  await expect(page.getByRole('heading', { name: '내 현장점검' })).toBeVisible();
  const rows = page.locator('table.check-table tbody tr');
  await expect(rows.filter({ hasText: '신길로 보도 정비 공사' })).toHaveCount(1);
  // No staff screen is offered: the navigation has none of them.
  await expect(page.getByRole('link', { name: '검색' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link')).toHaveText(['내 현장점검']);
  await expectAccessible(page);
  await screenshot(page, testInfo, 'citizen-checks');

  await rows
    .filter({ hasText: '신길로 보도 정비 공사' })
    .getByRole('button', { name: /결과 보고/ })
    .click();
  const form = page.locator('form', { has: page.getByRole('heading', { name: /점검 결과 보고/ }) });
  const wages = form.getByRole('group', { name: '노임·자재·장비대금 체불' });
  // KRDS draws the radio on its label: the label is what a person clicks.
  await wages.getByText('지적', { exact: true }).click();
  await expect(wages.getByRole('radio', { name: '지적', exact: true })).toBeChecked();
  await wages.getByLabel('지적·자문 내용').fill('장비대금 1개월 체불 진술');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'citizen-check-report');
  await form.getByRole('button', { name: '결과 보고' }).click();
  await expect(rows.filter({ hasText: '신길로 보도 정비 공사' })).toContainText('보고 완료');
});
