/**
 * The case page's own records, in the browser against the whole local system: a file uploaded (the
 * browser hashes it, PUTs it to the presigned URL, the API reads it back and checks the SHA-256) and
 * downloaded with the same bytes; a note; discipline proceedings suspended and resumed by the team lead.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { call, tokenFor } from './api-steps.ts';
import { expectAccessible, screenshot, signInAs } from './support.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

test.describe
  .serial('case page records', () => {
    let caseId = '';
    let caseNumber = '';

    test.beforeAll(async ({ request }) => {
      const investigator = await tokenFor(request, 'investigator');
      const created = await call(request, 'team-lead', 'POST', '/cases', {
        kind: 'external-referral',
        title: `공사 감독 소홀 통보 ${Date.now()}`,
        assigneeSub: investigator.sub,
        misconduct: {
          category: 'neglect-of-duty',
          conductDate: '2026-05-11',
          officials: [{ name: '송민재', department: '건설과', grade: '지방시설주사(6급)' }],
          referral: {
            agency: '감사원',
            noticeType: '감사결과 징계요구',
            noticeNumber: `감사원-${Date.now()}`,
            // Fixed past dates: the test means the same on any day it runs, weekends included.
            noticeDate: '2026-11-20',
          },
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      ({ caseId, caseNumber } = created.body.case as { caseId: string; caseNumber: string });
    });

    test('an investigator uploads a file, the API checks its hash, and the download has the same bytes', async ({
      page,
      request,
    }, testInfo) => {
      const name = `현장 확인서 ${Date.now()}.pdf`;
      const bytes = Buffer.from(`%PDF-1.4\n% 현장 확인서 ${caseNumber} ${Date.now()}\n%%EOF\n`, 'utf8');
      const hash = sha256(bytes);

      await signInAs(page, '박준형', `/cases/${caseId}`);
      await expect(page.locator('.case-header .case-number')).toHaveText(caseNumber);
      const files = page.locator('section.case-files');
      await expect(files.getByText('첨부파일이 없습니다.')).toBeVisible();
      await expect(page.locator('.krds-breadcrumb-wrap li')).toHaveText(['내 업무', caseNumber]);
      await expectAccessible(page);

      await files.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
      const row = files.locator('table.file-table tbody tr', { hasText: name });
      await expect(row).toHaveCount(1, { timeout: 20_000 });
      await expect(row.locator('code.sha256')).toHaveAttribute('title', hash);
      await expect(row).toContainText(/\d{4}년 \d{1,2}월 \d{1,2}일\([일월화수목금토]\) \d{2}:\d{2}/);
      // What the API recorded is what the browser sent: the server recomputed the hash from the stored bytes.
      const listed = await call(request, 'investigator', 'GET', `/cases/${caseId}/files`);
      expect(listed.status).toBe(200);
      expect(listed.body.files).toEqual([
        expect.objectContaining({ name, sha256: hash, size: bytes.length, contentType: 'application/pdf' }),
      ]);
      const history = page.locator('ol.timeline');
      await expect(history.locator('li', { hasText: '파일 첨부' })).toContainText(name);
      await expect(page.getByTestId('chain-badge')).toContainText('검증됨');
      await expectAccessible(page);
      await screenshot(page, testInfo, 'case-file-uploaded');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('button', { name: `${name} 내려받기` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(name);
      const downloaded = readFileSync((await download.path())!);
      expect(sha256(downloaded)).toBe(hash);
      // A discipline case is sealed (its officials are protected): the download is a recorded read.
      await expect(page.locator('.case-meta')).toContainText('비공개');
      await page.locator('label', { hasText: '열람 기록 포함' }).click();
      await expect(history.locator('li', { hasText: '비공개 사건 열람' }).first()).toContainText(`파일 ${name}`);
    });

    test('a file the API does not take is refused with its Korean message, and nothing is recorded', async ({
      page,
      request,
    }) => {
      await signInAs(page, '박준형', `/cases/${caseId}`);
      const files = page.locator('section.case-files');
      await expect(files.locator('table.file-table tbody tr')).toHaveCount(1);
      await files
        .locator('input[type=file]')
        .setInputFiles({ name: 'macro.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
      await expect(files.locator('.upload-list .is-error')).toContainText('첨부할 수 없는 파일 형식입니다');
      const listed = await call(request, 'investigator', 'GET', `/cases/${caseId}/files`);
      expect(listed.body.files).toHaveLength(1);
    });

    test('the investigator adds a note', async ({ page }) => {
      await signInAs(page, '박준형', `/cases/${caseId}`);
      const note = page.locator('details[data-action="note"]');
      await note.locator('summary').click();
      const text = `감사원 담당자와 통화: 관련 서류 추가 제출 예정 ${Date.now()}`;
      await note.getByLabel('메모 내용').fill(text);
      await note.getByRole('button', { name: '메모 저장' }).click();
      await expect(note.getByRole('status')).toContainText('기록했습니다');
      await expect(page.locator('ol.timeline li', { hasText: '메모' }).first()).toContainText(text);
      // An investigator does not suspend proceedings: the form is not offered.
      await expect(page.locator('details[data-action="suspend"]')).toHaveCount(0);
      await expectAccessible(page);
    });

    test('the team lead suspends the proceedings and resumes them', async ({ page }, testInfo) => {
      await signInAs(page, '최유진', `/cases/${caseId}`);
      const suspend = page.locator('details[data-action="suspend"]');
      await suspend.locator('summary').click();
      await suspend.getByRole('button', { name: '정지' }).click();
      // Sent without the required fields: the API's message shows beside the field it names.
      await expect(suspend.locator('.form-hint-invalid').first()).toBeVisible();
      await suspend.getByLabel(/^정지 사유/).selectOption('criminal-investigation');
      await suspend.getByLabel('조사·수사 개시 통보를 받은 날').fill('2026-11-24');
      await suspend.getByLabel('통보 기관').fill('서울영등포경찰서');
      await suspend.getByRole('button', { name: '정지' }).click();
      await expect(page.locator('.case-meta')).toContainText('중지');
      await expect(page.locator('ol.timeline li', { hasText: '절차 정지' })).toHaveCount(1);
      await expectAccessible(page);
      await screenshot(page, testInfo, 'case-suspended');

      const resume = page.locator('details[data-action="resume"]');
      await resume.locator('summary').click();
      await resume.getByLabel('조사·수사 종료 통보를 받은 날').fill('2026-11-30');
      await resume.getByRole('button', { name: '재개' }).click();
      await expect(page.locator('ol.timeline li', { hasText: '절차 재개' })).toHaveCount(1);
      await expect(page.locator('.case-meta')).not.toContainText('중지');
      await expect(page.getByTestId('chain-badge')).toContainText('검증됨');
      await screenshot(page, testInfo, 'case-resumed');
    });
  });
