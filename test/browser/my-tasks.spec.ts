import { expect, test } from '@playwright/test';
import { call, step, tokenFor } from './api-steps.ts';
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

test("the head's approvals have their own queue on 내 업무, one click from the case", async ({
  page,
  request,
}, testInfo) => {
  const investigator = await tokenFor(request, 'investigator');
  const title = `결재 대기 비위 사건 ${Date.now()}`;
  const created = await call(request, 'team-lead', 'POST', '/cases', {
    kind: 'external-referral',
    title,
    assigneeSub: investigator.sub,
    misconduct: {
      category: 'neglect-of-duty',
      conductDate: '2026-06-02',
      officials: [{ name: '유하람', department: '세무과', grade: '지방세무주사보(7급)' }],
      referral: {
        agency: '서울시',
        noticeType: '감사결과 징계요구',
        noticeNumber: `서울시-${Date.now()}`,
        noticeDate: '2026-11-18',
      },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { caseId, caseNumber } = created.body.case as { caseId: string; caseNumber: string };
  await step(request, 'investigator', caseId, 'investigate', {
    decision: 'propose',
    findings: '업무 처리 지연 확인',
    disposition: { type: 'discipline', severity: '경징계' },
  });
  await step(request, 'team-lead', caseId, 'review', { decision: 'endorse' });

  await signInAs(page, '김정민');
  const row = page.locator('table.task-table tbody tr', { hasText: caseNumber });
  await expect(async () => {
    await page.goto('/');
    await expect(row).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText('결재 대기 (감사담당관)');
  await page.getByRole('link', { name: '결재 대기만 보기' }).click();
  await expect(page).toHaveURL(/queue=approval/);
  await expect(page.getByLabel('대기열')).toHaveValue('approval');
  for (const queue of await page.locator('table.task-table tbody tr td:nth-child(5)').allTextContents())
    expect(queue).toBe('결재 대기 (감사담당관)');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'my-tasks-approvals');
  await row.getByRole('link').click();
  await expect(page.locator('.case-header .case-number')).toHaveText(caseNumber);
});
