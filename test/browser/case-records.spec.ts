/**
 * The case page's record forms in the browser against the whole local system: a grievance's extension
 * and a field investigation's clock stop move the due date the page shows, with its explanation; the
 * evidence and officials forms add rows, and a bad input shows the API's messageKo beside its field
 * and records nothing. Dates come from the API's own answers, never from assuming what today is.
 */
import { expect, type Page, test } from '@playwright/test';
import { formatKoreanDate } from '../../web/src/lib/format.ts';
import { call, tokenFor } from './api-steps.ts';
import { expectAccessible, screenshot, signInAs } from './support.ts';

interface GrievanceDue {
  dueDate: string;
  summaryKo: string;
  explanation: string[];
}

async function grievanceDue(request: Parameters<typeof call>[0], caseId: string): Promise<GrievanceDue> {
  const res = await call(request, 'clerk', 'GET', `/cases/${caseId}`);
  expect(res.status).toBe(200);
  return res.body.grievance.due as GrievanceDue;
}

async function historyCount(request: Parameters<typeof call>[0], caseId: string): Promise<number> {
  const res = await call(request, 'head', 'GET', `/cases/${caseId}/history`);
  expect(res.status).toBe(200);
  return (res.body.events as { type: string }[]).filter((e) => e.type !== 'SENSITIVE_READ').length;
}

const dueBox = (page: Page) => page.locator('section.due-box');

async function expectDueShown(page: Page, due: GrievanceDue): Promise<void> {
  await expect(dueBox(page).locator('.due-date strong')).toHaveText(formatKoreanDate(due.dueDate));
  await expect(dueBox(page).locator('.due-why summary')).toContainText(due.summaryKo);
  await expect(dueBox(page).locator('.due-why ol li')).toHaveText(due.explanation);
}

test('a grievance’s extension and field investigation move the due date the page shows, with the reason', async ({
  page,
  request,
}, testInfo) => {
  const created = await call(request, 'clerk', 'POST', '/cases', {
    kind: 'grievance',
    title: `공사장 소음 고충민원 ${Date.now()}`,
    channel: '응답소',
    grievance: { complainant: { name: '홍길동', contact: '010-0000-0000' } },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { caseId, receivedAt } = created.body.case as { caseId: string; receivedAt: string };
  const before = await grievanceDue(request, caseId);

  await signInAs(page, '이하은', `/cases/${caseId}`);
  await expectDueShown(page, before);

  // Too long an extension: the API's rule shows beside 연장 일수, and the case is unchanged.
  const extension = page.locator('details[data-action="extension"]');
  await extension.locator('summary').click();
  // Consent is optional on a first extension: its section says so, and its fields are required only once it is used.
  await expect(extension.locator('fieldset legend')).toContainText('민원인 동의 (선택)');
  await expect(extension.locator('fieldset .required').first()).toHaveText(' (입력 시 필수)');
  const events = await historyCount(request, caseId);
  await extension.getByLabel(/^연장 일수/).fill('8');
  await extension.getByLabel(/^연장 사유/).fill('현장 소음 측정 일정 조정');
  await extension.getByRole('button', { name: '연장 기록' }).click();
  await expect(extension.locator('.form-hint-invalid')).toContainText('연장은 처리기간(7일)의 범위에서만');
  expect(await historyCount(request, caseId)).toBe(events);
  expect((await grievanceDue(request, caseId)).dueDate).toBe(before.dueDate);

  await extension.getByLabel(/^연장 일수/).fill('3');
  await extension.getByRole('button', { name: '연장 기록' }).click();
  await expect(extension.getByRole('status')).toContainText('기록했습니다');
  const extended = await grievanceDue(request, caseId);
  expect(extended.dueDate > before.dueDate).toBe(true);
  await expectDueShown(page, extended);
  await expect(dueBox(page)).toContainText('연장');
  await expect(page.locator('ol.timeline li', { hasText: '연장' }).first()).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, testInfo, 'grievance-extended');

  // A field investigation from the day of receipt: the period stops, then runs again.
  const stop = page.locator('details[data-action="clock-stop"]');
  await stop.locator('summary').click();
  const receiptDay = receivedAt.slice(0, 10);
  await stop.getByLabel(/^현장조사 등 시작일/).fill(receiptDay);
  await stop.getByLabel(/^현장조사 등 사유/).fill('소음 측정 현장조사');
  await stop.getByRole('button', { name: '기록' }).click();
  await expect(stop.getByRole('status')).toContainText('기록했습니다');
  // Only the last write's form says it was recorded.
  await expect(extension.getByRole('status')).toHaveCount(0);
  const stopped = await grievanceDue(request, caseId);
  await expectDueShown(page, stopped);
  await expect(dueBox(page).locator('.due-why ol')).toContainText('현장조사');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'grievance-clock-stopped');

  // The end cannot come before the start: refused beside the field, nothing recorded.
  await stop.locator('label', { hasText: '종료 (기간 재개)' }).click();
  const beforeEnd = await historyCount(request, caseId);
  await stop.getByLabel(/^현장조사 등 종료일/).fill('2020-01-01');
  await stop.getByRole('button', { name: '기록' }).click();
  await expect(stop.locator('.form-hint-invalid')).toContainText('현장조사 종료일은 시작일');
  expect(await historyCount(request, caseId)).toBe(beforeEnd);

  await stop.getByLabel(/^현장조사 등 종료일/).fill(receiptDay);
  await stop.getByRole('button', { name: '기록' }).click();
  await expect(stop.getByRole('status')).toContainText('기록했습니다');
  const resumed = await grievanceDue(request, caseId);
  await expectDueShown(page, resumed);
  await expect(dueBox(page).locator('.due-why ol')).toContainText('현장조사');
  await expect(page.getByTestId('chain-badge')).toContainText('검증됨');
  await expectAccessible(page);
  await screenshot(page, testInfo, 'grievance-clock-resumed');
});

test('evidence and officials added on the page show in its rows; a bad one shows the API’s message and records nothing', async ({
  page,
  request,
}, testInfo) => {
  const investigator = await tokenFor(request, 'investigator');
  const created = await call(request, 'team-lead', 'POST', '/cases', {
    kind: 'external-referral',
    title: `보조금 정산 부적정 통보 ${Date.now()}`,
    assigneeSub: investigator.sub,
    misconduct: {
      category: 'neglect-of-duty',
      conductDate: '2026-04-14',
      officials: [{ name: '윤서아', department: '복지정책과', grade: '지방사회복지주사(6급)' }],
      referral: {
        agency: '서울시',
        noticeType: '감사결과 징계요구',
        noticeNumber: `서울시-${Date.now()}`,
        noticeDate: '2026-11-16',
      },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const caseId = created.body.case.caseId as string;

  await signInAs(page, '박준형', `/cases/${caseId}`);
  const details = page.getByTestId('kind-details');
  await expect(details).toContainText('복지정책과 지방사회복지주사(6급) 윤서아');

  // Evidence obtained in the future is refused beside 확보일.
  const evidence = page.locator('details[data-action="evidence"]');
  await evidence.locator('summary').click();
  const events = await historyCount(request, caseId);
  await evidence.getByLabel(/^증거 이름/).fill('보조금 정산서 사본');
  await evidence.getByLabel(/^문서번호·보관 위치 등 참조/).fill('복지정책과-2026-1182');
  await evidence.getByLabel(/^증거 종류/).selectOption('문서');
  await evidence.getByLabel(/^확보일/).fill('2099-01-04');
  await evidence.getByRole('button', { name: '증거 기록' }).click();
  const refusedEvidence = await call(request, 'investigator', 'POST', `/cases/${caseId}/evidence`, {
    label: '보조금 정산서 사본',
    reference: '복지정책과-2026-1182',
    obtainedOn: '2099-01-04',
  });
  expect(refusedEvidence.status).toBe(400);
  expect(refusedEvidence.body.error.field).toBe('obtainedOn');
  await expect(evidence.locator('#field-evidence-obtainedOn-error')).toHaveText(refusedEvidence.body.error.messageKo);
  expect(await historyCount(request, caseId)).toBe(events);

  await evidence.getByLabel(/^확보일/).fill('2026-11-20');
  await evidence.getByRole('button', { name: '증거 기록' }).click();
  await expect(evidence.getByRole('status')).toContainText('기록했습니다');
  await expect(details).toContainText('1건');
  await expect(page.locator('ol.timeline li', { hasText: '보조금 정산서 사본' })).toHaveCount(1);

  // An official with a team member's name but no staff id: the API asks which it is.
  const official = page.locator('details[data-action="official"]');
  await official.locator('summary').click();
  const beforeOfficial = await historyCount(request, caseId);
  await official.getByLabel(/^성명/).fill('조현우');
  await official.getByLabel(/^소속 부서/).fill('도시계획과');
  await official.getByLabel(/^직급/).fill('지방행정주사보(7급)');
  await official.getByRole('button', { name: '추가' }).click();
  await expect(official.locator('#field-official-staffSub-error')).toContainText('이 팀 직원과 이름이 같습니다');
  expect(await historyCount(request, caseId)).toBe(beforeOfficial);
  await expect(details).not.toContainText('조현우');

  await official.getByLabel(/^성명/).fill('남궁민');
  await official.getByRole('button', { name: '추가' }).click();
  await expect(official.getByRole('status')).toContainText('기록했습니다');
  await expect(details).toContainText('도시계획과 지방행정주사보(7급) 남궁민');
  await expect(details).toContainText('윤서아');
  // The history names no official of a sealed case (protected identities): the entry says what was added.
  await expect(page.locator('ol.timeline li', { hasText: '관련 공무원 추가' })).toHaveCount(1);
  await expectAccessible(page);
  await screenshot(page, testInfo, 'misconduct-records');
});
