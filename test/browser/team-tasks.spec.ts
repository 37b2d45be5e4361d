/**
 * 내 업무 → 팀 업무: a team lead sees their team's open tasks and who holds each, filters them by holder,
 * and never sees a case that concerns them; the head picks any team and sees that case too.
 */
import { expect, test } from '@playwright/test';
import { call, step, tokenFor } from './api-steps.ts';
import { expectAccessible, screenshot, signInAs } from './support.ts';

test("a team lead's team view lists who holds what, and leaves out a case about the lead", async ({
  page,
  request,
}, testInfo) => {
  const investigator = await tokenFor(request, 'investigator');
  const lead = await tokenFor(request, 'team-lead');
  const stamp = Date.now();
  const held = await call(request, 'team-lead', 'POST', '/cases', {
    kind: 'case-review',
    title: `팀 업무 화면 — 조사관 보유 ${stamp}`,
    assigneeSub: investigator.sub,
  });
  expect(held.status, JSON.stringify(held.body)).toBe(201);
  const heldNumber = held.body.case.caseNumber as string;
  const aboutLeadTitle = `팀 업무 화면 — 조사팀장 관련 통보 ${stamp}`;
  const aboutLead = await call(request, 'clerk', 'POST', '/cases', {
    kind: 'external-referral',
    title: aboutLeadTitle,
    misconduct: {
      category: 'abuse-of-authority',
      conductDate: '2025-03-02',
      officials: [{ name: '최유진', department: '감사담당관', grade: '조사팀장(6급)', staffSub: lead.sub }],
      referral: {
        agency: '경찰',
        noticeType: '범죄처분결과 통보',
        noticeNumber: `영등포경찰서 수사과-${stamp}`,
        noticeDate: '2026-11-02',
      },
    },
  });
  expect(aboutLead.status, JSON.stringify(aboutLead.body)).toBe(201);
  const aboutLeadNumber = aboutLead.body.case.caseNumber as string;
  // The lead is an official concerned, so the head assigns it to the lead's own investigator.
  await step(request, 'head', aboutLead.body.case.caseId, 'assign', {
    decision: 'assign',
    assigneeSub: investigator.sub,
  });

  await signInAs(page, '최유진');
  await page.getByRole('link', { name: '팀 업무' }).click();
  await expect(page).toHaveURL(/view=team/);
  await expect(page.getByRole('link', { name: '팀 업무' })).toHaveAttribute('aria-current', 'page');
  const heldRow = page.locator('table.task-table tbody tr', { hasText: heldNumber });
  await expect(async () => {
    await page.reload();
    await expect(heldRow).toHaveCount(1, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.locator('table.task-table caption')).toContainText('조사팀 열린 업무');
  await expect(page.locator('table.task-table thead')).toContainText('담당');
  await expect(heldRow.locator('td').nth(4)).toHaveText('박준형');
  await expect(heldRow.locator('td').nth(0)).toHaveText(/여유|50% 경과|75% 경과|오늘 마감|기한 경과/);
  await expect(heldRow.locator('td').nth(1)).toHaveText(/^\d{4}년 \d{1,2}월 \d{1,2}일\([일월화수목금토]\) \d{2}:\d{2}/);
  await expect(page.getByText(aboutLeadNumber)).toHaveCount(0);
  await expect(page.getByText(aboutLeadTitle)).toHaveCount(0);

  // Filtered by holder: every row left is 박준형's.
  await page.getByLabel('담당').selectOption({ label: '박준형' });
  await expect(page).toHaveURL(new RegExp(`holder=${investigator.sub}`));
  for (const holder of await page.locator('table.task-table tbody tr td:nth-child(5)').allTextContents())
    expect(holder).toBe('박준형');
  await expect(heldRow).toHaveCount(1);
  await page.getByLabel('담당').selectOption({ label: '전체' });
  await expectAccessible(page);
  await screenshot(page, testInfo, 'team-tasks-lead');

  // The head picks a team and sees the case about the lead too.
  await page.getByRole('button', { name: '로그아웃' }).click();
  await signInAs(page, '김정민', '/?view=team');
  await expect(page.getByText('팀을 고르면 그 팀의 열린 업무와 담당자가 보입니다.')).toBeVisible();
  await page.getByLabel('팀').selectOption({ label: '조사팀' });
  await expect(page).toHaveURL(/team=investigation/);
  const aboutLeadRow = page.locator('table.task-table tbody tr', { hasText: aboutLeadNumber });
  await expect(aboutLeadRow).toHaveCount(1);
  await expect(aboutLeadRow.locator('td').nth(4)).toHaveText('박준형');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'team-tasks-head');

  // An investigator has no team view.
  await page.getByRole('button', { name: '로그아웃' }).click();
  await signInAs(page, '박준형');
  await expect(page.getByRole('heading', { name: '내 업무' })).toBeVisible();
  await expect(page.getByRole('link', { name: '팀 업무' })).toHaveCount(0);
});
