/**
 * 현장민원 가져오기 in the browser against the whole local system: the patrol team's lead uploads a small
 * generated 응답소 export (XLSX) with a few bad rows, starts it, and the page polls the job until 완료 —
 * the counts equal the generator's tally and each bad row is listed with its row number and reason;
 * importing the same file again creates and changes nothing. Someone outside the team does not see the page.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { writeSample } from '../../infra/ops/field-complaint-sample.ts';
import { expectAccessible, screenshot, signInAs } from './support.ts';

const count = (page: Page, key: string) => page.locator(`.field-import-job td[data-count="${key}"]`);

async function importFile(page: Page, path: string) {
  await page.locator('#field-import-file').setInputFiles(path);
  await expect(page.locator('.upload-list .file-name')).toContainText('응답소_현장민원_샘플.xlsx');
  await page.getByRole('button', { name: '가져오기 시작' }).click();
  await expect(page.locator('.field-import-job')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.locator('.field-import-job .krds-badge')).toHaveText('완료');
}

test('the patrol team imports a 응답소 export: counts, reported rows, and a re-import that changes nothing', async ({
  page,
}, testInfo) => {
  const path = join(mkdtempSync(join(tmpdir(), 'field-import-browser-')), '응답소_현장민원_샘플.xlsx');
  // Numbers of their own, so a run against a table that kept earlier runs still starts from nothing.
  const tally = await writeSample(path, {
    rows: 40,
    badEvery: 15,
    seed: 9,
    from: '2026-10',
    months: 1,
    numberPrefix: 'BT',
    firstNumber: Date.now() % 100_000_000,
  });
  expect(tally.bad).toBeGreaterThanOrEqual(2);

  await signInAs(page, '홍성민');
  await page.getByRole('link', { name: '현장민원 가져오기' }).click();
  await expect(page.getByRole('heading', { name: '현장민원 가져오기', level: 1 })).toBeVisible();

  await importFile(page, path);
  await expect(count(page, 'read')).toHaveText(String(tally.rows));
  await expect(count(page, 'created')).toHaveText(String(tally.good));
  await expect(count(page, 'updated')).toHaveText('0');
  await expect(count(page, 'unchanged')).toHaveText('0');
  await expect(count(page, 'failed')).toHaveText(String(tally.bad));
  const rows = page.locator('.field-import-errors tbody tr');
  await expect(rows).toHaveCount(tally.bad);
  for (const [row] of tally.badRows) {
    const line = page.locator(`.field-import-errors tr[data-row="${row}"]`);
    await expect(line.locator('td').first()).toHaveText(String(row));
    await expect(line.locator('td').nth(2)).not.toBeEmpty();
  }
  // Korea time, as staff read it.
  await expect(page.locator('.field-import-meta')).toContainText('홍성민');
  await expect(page.locator('.field-import-meta dd').nth(1)).toHaveText(
    /^\d{4}년 \d{1,2}월 \d{1,2}일\(.\) \d{2}:\d{2}$/,
  );
  await expectAccessible(page);
  await screenshot(page, testInfo, 'field-import-done');

  await importFile(page, path);
  await expect(count(page, 'created')).toHaveText('0');
  await expect(count(page, 'updated')).toHaveText('0');
  await expect(count(page, 'unchanged')).toHaveText(String(tally.good));
  await expect(count(page, 'failed')).toHaveText(String(tally.bad));
  const recent = page.locator('.field-import-recent tbody tr');
  await expect(recent.first().locator('td').nth(4)).toHaveText('0'); // 신규 of the newest
  await expect(recent.nth(1).locator('td').nth(4)).toHaveText(String(tally.good));
  await screenshot(page, testInfo, 'field-import-again');
});

test('staff outside the patrol team do not see 현장민원 가져오기, and the page says why', async ({
  page,
}, testInfo) => {
  await signInAs(page, '박준형');
  await expect(page.getByRole('link', { name: '내 업무' })).toBeVisible();
  await expect(page.getByRole('link', { name: '현장민원 가져오기' })).toHaveCount(0);
  await page.goto('/field-complaints/imports');
  await expect(page.getByText('순찰팀 직원·순찰팀장과 감사담당관만')).toBeVisible();
  await screenshot(page, testInfo, 'field-import-forbidden');
});
