/**
 * The console's flows from the issue, against the whole local system in Debian's Chromium: each step is
 * what a person does on screen, and each screen is checked with axe-core and kept as a screenshot.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, screenshot, signInAs } from './support.ts';

const API = `http://localhost:${process.env.BROWSER_TEST_API_PORT ?? '4732'}`;

async function openTaskFromInbox(page: Page, caseNumber: string): Promise<void> {
  const row = page.locator('table.task-table tbody tr', { hasText: caseNumber });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await row.getByRole('link').click();
  await expect(page.locator('.case-header .case-number')).toHaveText(caseNumber);
}

/** The inbox again, until the workflow has opened the task (it moves right after the last decision). */
async function inboxUntilTask(page: Page, caseNumber: string): Promise<void> {
  await expect(async () => {
    await page.goto('/');
    await expect(page.locator('table.task-table tbody tr', { hasText: caseNumber })).toHaveCount(1, {
      timeout: 2_000,
    });
  }).toPass({ timeout: 30_000 });
}

test.describe
  .serial('staff flows', () => {
    let grievanceNumber = '';
    const title = `도로 파손 방치 고충민원 ${Date.now()}`;

    test('a clerk registers a grievance and sees its due date explained', async ({ page }, testInfo) => {
      await signInAs(page, '이하은');
      await page.getByRole('link', { name: '접수' }).click();
      await expect(page.getByRole('heading', { name: '사건 접수' })).toBeVisible();
      await page.getByLabel('사건 종류').selectOption({ label: '고충민원' });
      await page.getByLabel('제목').fill(title);
      await page.getByLabel('요지').fill('집 앞 도로가 3주째 파손된 채로 방치되어 있습니다.');
      await page.getByLabel('접수 경로').selectOption('국민신문고');
      await page.getByLabel('민원인 성명').fill('홍길동');
      // Only the grievance's own section: the API marks each section with the kinds that take it.
      const sections = page.locator('form.intake-form fieldset.schema-fieldset > legend');
      await expect(sections.filter({ hasText: '고충민원 정보' })).toHaveCount(1);
      for (const other of ['자체감사 계획', '일상감사 의뢰 정보', '비위 조사 정보', '공익신고자 인적사항'])
        await expect(sections.filter({ hasText: other })).toHaveCount(0);
      await expectAccessible(page);
      await screenshot(page, testInfo, 'intake-grievance');
      await page.getByRole('button', { name: '접수', exact: true }).click();

      await expect(page.getByRole('heading', { name: title })).toBeVisible();
      grievanceNumber = (await page.locator('.case-header .case-number').textContent()) ?? '';
      expect(grievanceNumber).toMatch(/^\d{4}-민원-\d{4}$/);
      const due = page.locator('.due-box');
      await expect(due.locator('.due-date')).toContainText(/\d{4}년 \d{1,2}월 \d{1,2}일\([일월화수목금토]\)/);
      await expect(due.getByText('왜 이 날짜인가요?')).toBeVisible();
      await expect(due).toContainText('민원처리법 시행령 제17조');
      expect(await due.locator('.due-why li').count()).toBeGreaterThan(0);
      await expect(page.getByTestId('chain-badge')).toContainText('검증됨');
      await expectAccessible(page);
      await screenshot(page, testInfo, 'case-grievance-registered');
    });

    test('filing the same complaint again shows the earlier one as a hint, and the clerk can name it', async ({
      page,
    }, testInfo) => {
      await signInAs(page, '이하은', '/intake');
      await page.getByLabel('사건 종류').selectOption({ label: '고충민원' });
      await page.getByLabel('제목').fill(title);
      const hints = page.locator('aside.duplicate-hints');
      await expect(hints).toContainText(grievanceNumber, { timeout: 30_000 });
      await hints
        .locator('li', { hasText: grievanceNumber })
        .getByRole('button', { name: '앞선 민원으로 적기' })
        .click();
      await expect(page.getByLabel('앞선 민원의 접수번호 등')).toHaveValue(grievanceNumber);
      await expectAccessible(page);
      await screenshot(page, testInfo, 'intake-duplicate-hint');
    });

    test("the complaints team lead assigns it; the API's messages show beside the fields", async ({
      page,
    }, testInfo) => {
      await signInAs(page, '배수빈');
      await inboxUntilTask(page, grievanceNumber);
      await openTaskFromInbox(page, grievanceNumber);
      const panel = page.locator('form.task-panel');
      await expect(panel.getByRole('radio', { name: '처리부서·담당자 지정' })).toBeChecked();
      // Sent without the required fields: the API refuses, and says why next to the field.
      await panel.getByRole('button', { name: '처리' }).click();
      await expect(panel.locator('.form-hint-invalid').first()).toBeVisible();
      await screenshot(page, testInfo, 'triage-validation');

      await panel.getByLabel('처리 주무부서').fill('도로관리과');
      const assignee = panel.getByLabel('처리 담당자');
      await assignee.selectOption(
        (await assignee.locator('option', { hasText: '신예린' }).getAttribute('value')) ?? '',
      );
      await expectAccessible(page);
      await panel.getByRole('button', { name: '처리' }).click();
      await expect(page.getByRole('status').filter({ hasText: '처리했습니다' })).toBeVisible();
      await expect(page.locator('.timeline')).toContainText('처리부서·담당자 지정');
      await screenshot(page, testInfo, 'triage-done');
    });

    test('an investigator proposes a disposition, the team lead endorses it by keyboard alone, the head approves', async ({
      page,
    }, testInfo) => {
      const caseNumber = '2026-조사-0001';
      await signInAs(page, '박준형');
      await openTaskFromInbox(page, caseNumber);
      const panel = page.locator('form.task-panel');
      await panel.locator('label').filter({ hasText: '조사결과·처분안 제출' }).click();
      await expect(panel.getByRole('radio', { name: '조사결과·처분안 제출' })).toBeChecked();
      await panel.getByLabel('조사 결과').fill('금품 수수 정황은 확인되지 않았으나 업무처리 절차 위반이 있었음.');
      await panel.getByLabel('처분안 종류').selectOption({ label: '주의' });
      // The kind's own details, as labelled Korean lines the misconduct module writes (details.view).
      await expect(page.locator('#details-title')).toHaveText('외부기관 통보사항 조사 내용');
      const details = page.getByTestId('kind-details');
      await expect(details.locator('dt', { hasText: '비위 유형' })).toBeVisible();
      await expect(details.locator('dd').first()).toHaveText('금품·향응 수수');
      await expect(details).toContainText('2026년 11월 2일(월) 통보');
      await expectAccessible(page);
      await screenshot(page, testInfo, 'investigator-propose');
      await panel.getByRole('button', { name: '처리' }).click();
      await expect(page.getByRole('status').filter({ hasText: '처리했습니다' })).toBeVisible();

      // The team lead, keyboard only: Tab to the task in 내 업무, Enter, choose, submit.
      await page.getByRole('button', { name: '로그아웃' }).click();
      await signInAs(page, '최유진');
      await inboxUntilTask(page, caseNumber);
      const link = page.locator('table.task-table tbody tr', { hasText: caseNumber }).getByRole('link');
      const linkText = (await link.textContent()) ?? '';
      await page.locator('body').focus();
      let reached = false;
      for (let i = 0; i < 40 && !reached; i += 1) {
        await page.keyboard.press('Tab');
        reached = await link.evaluate((el) => el === el.ownerDocument.activeElement);
      }
      expect(reached, `Tab reaches the task link "${linkText}"`).toBe(true);
      await page.keyboard.press('Enter');
      const endorse = page.getByRole('radio', { name: '검토 완료(결재 상신)' });
      await expect(endorse).toBeVisible();
      await expect(page.getByRole('radio').first()).toBeFocused();
      // Arrow keys move within a radio group; Space selects the focused one.
      const firstName = await page.getByRole('radio').first().getAttribute('value');
      if (firstName !== 'endorse') await page.keyboard.press('ArrowDown');
      else await page.keyboard.press('Space');
      await expect(endorse).toBeChecked();
      const submit = page.locator('form.task-panel').getByRole('button', { name: '처리' });
      for (let i = 0; i < 10 && !(await submit.evaluate((el) => el === el.ownerDocument.activeElement)); i += 1)
        await page.keyboard.press('Tab');
      await expect(submit).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('status').filter({ hasText: '처리했습니다' })).toBeVisible();

      await page.getByRole('button', { name: '로그아웃' }).click();
      await signInAs(page, '김정민');
      await inboxUntilTask(page, caseNumber);
      await expect(page.locator('table.task-table tbody tr', { hasText: caseNumber })).toContainText(
        '결재 대기 (감사담당관)',
      );
      await openTaskFromInbox(page, caseNumber);
      await page
        .locator('form.task-panel label')
        .filter({ hasText: /^승인$/ })
        .click();
      await expect(page.locator('form.task-panel').getByRole('radio', { name: '승인' })).toBeChecked();
      await expectAccessible(page);
      await screenshot(page, testInfo, 'head-approval');
      await page.locator('form.task-panel').getByRole('button', { name: '처리' }).click();
      await expect(page.getByRole('status').filter({ hasText: '처리했습니다' })).toBeVisible();
      await expect(async () => {
        await page.reload();
        await expect(page.locator('.krds-step-wrap li.active')).toContainText('처분', { timeout: 2_000 });
      }).toPass({ timeout: 30_000 });
      await expect(page.locator('.timeline')).toContainText('승인');
      await expect(page.getByTestId('chain-badge')).toContainText('검증됨');
      await screenshot(page, testInfo, 'case-approved');
    });

    test('an auditor searches with the filters in the URL and downloads the CSV', async ({ page }, testInfo) => {
      await signInAs(page, '오세라');
      await page.getByRole('link', { name: '검색' }).click();
      await page.getByLabel('사건 종류').selectOption({ label: '고충민원' });
      await page.getByRole('button', { name: '검색', exact: true }).click();
      await expect(page).toHaveURL(/kind=grievance/);
      const rows = page.locator('table.search-table tbody tr');
      await expect(rows.first()).toBeVisible();
      const firstNumber = (await rows.first().locator('td').first().textContent()) ?? '';
      expect(firstNumber).toMatch(/^\d{4}-민원-\d{4}$/);
      for (const kind of await rows.locator('td:nth-child(2)').allTextContents()) expect(kind).toBe('고충민원');
      await expectAccessible(page);
      await screenshot(page, testInfo, 'search');

      // The same search from its URL alone (bookmarked or sent to a colleague).
      await page.goto(page.url());
      await expect(rows.filter({ hasText: firstNumber })).toHaveCount(1);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '엑셀로 내보내기' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^사건검색_\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.charCodeAt(0), 'UTF-8 BOM for Excel').toBe(0xfeff);
      const lines = csv.slice(1).trim().split(/\r?\n/);
      expect(lines.length).toBeGreaterThan(1);
      expect(csv).toContain(firstNumber);
      expect(csv).not.toContain('2026-조사-0001');
      await expect(page.getByRole('status').filter({ hasText: 'CSV로 내보냈습니다' })).toBeVisible();
    });

    test('an auditor opens an as-of view, exports its history and finds the exports in the log', async ({
      page,
    }, testInfo) => {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' }).format(new Date());
      await signInAs(page, '오세라');
      await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '감사' }).click();
      await page.getByLabel('사건번호').fill('2026-조사-0001');
      await page.getByLabel('기준일').fill(today);
      await expectAccessible(page);
      await page.getByRole('button', { name: '그날 기준으로 보기' }).click();
      await expect(page).toHaveURL(new RegExp(`asOf=${today}`));
      await expect(page.getByText(/끝 기준으로 재구성한 사건입니다/)).toBeVisible();
      await expect(page.locator('.case-header .case-number')).toHaveText('2026-조사-0001');
      // The earlier flow took the case through the head's approval today: as of today it is at 처분.
      await expect(page.getByTestId('as-of-stage')).toHaveText('처분');
      await expect(page.getByTestId('as-of-verification')).toContainText('이력 검증됨');
      await expect(page.locator('.krds-breadcrumb-wrap li')).toHaveText(['내 업무', /^2026-조사-0001 \(.+ 기준\)$/]);
      await expectAccessible(page);
      await screenshot(page, testInfo, 'audit-as-of');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: '이력 내보내기 (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`사건이력_2026-조사-0001_${today}까지.csv`);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv).toContain('2026-조사-0001');
      expect(csv.trim().split(/\r?\n/).length).toBeGreaterThan(3);

      await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '감사' }).click();
      const log = page.locator('table.export-table tbody tr');
      await expect(log.filter({ hasText: '사건 이력 2026-조사-0001' })).toHaveCount(1);
      await expect(log.filter({ hasText: '검색 결과' }).first()).toContainText('오세라');
      await expectAccessible(page);
      await screenshot(page, testInfo, 'audit-export-log');
    });

    test('a committee member cannot reach case pages', async ({ page, request }, testInfo) => {
      const token = (await (await request.post(`${API}/local/token`, { data: { role: 'auditor' } })).json()) as {
        token: string;
      };
      const search = (await (
        await request.get(`${API}/cases/search?kind=grievance`, { headers: { authorization: `Bearer ${token.token}` } })
      ).json()) as { items: { caseId: string }[] };
      const caseId = search.items[0]?.caseId;
      expect(caseId).toBeTruthy();

      await signInAs(page, '한서준');
      await expect(page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link')).toHaveText([
        '내 업무',
        '위원회',
      ]);
      await page.goto(`/cases/${caseId}`);
      await expect(page.getByRole('heading', { name: '권한이 없습니다' })).toBeVisible();
      await page.goto('/search');
      await expect(page.getByRole('heading', { name: '권한이 없습니다' })).toBeVisible();
      await expectAccessible(page);
      await screenshot(page, testInfo, 'member-forbidden');

      // The committees they sit on, with their meetings' calendar; no case behind them.
      await page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link', { name: '위원회' }).click();
      await expect(page.getByRole('heading', { name: /회의 일정 — \d{4}년 \d{1,2}월/ })).toBeVisible();
      await expect(page.locator('.meeting-calendar')).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expect(page.getByRole('heading', { name: '회의 일정 등록' })).toHaveCount(0);
    });
  });
