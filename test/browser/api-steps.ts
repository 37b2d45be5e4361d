/**
 * Steps the browser tests take through the API instead of the screen, where the screen is not what is
 * being tested (walking two discipline cases to the committee before the secretary's meeting).
 */
import { expect, type APIRequestContext } from '@playwright/test';

export const API = `http://localhost:${process.env.BROWSER_TEST_API_PORT ?? '4732'}`;

/**
 * One connection per call: the local API closes a kept-alive socket after Node's 5 s idle timeout, and a
 * call made just then (after a few seconds in the browser) would be reset rather than answered.
 */
const CLOSE = { connection: 'close' };

export async function tokenFor(request: APIRequestContext, role: string): Promise<{ token: string; sub: string }> {
  const res = await request.post(`${API}/local/token`, { data: { role }, headers: CLOSE });
  expect(res.status()).toBe(200);
  const { token } = (await res.json()) as { token: string };
  const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { sub: string };
  return { token, sub: claims.sub };
}

export async function call(
  request: APIRequestContext,
  role: string,
  method: 'GET' | 'POST',
  path: string,
  data?: unknown,
) {
  const { token } = await tokenFor(request, role);
  const res = await request.fetch(`${API}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...CLOSE },
    ...(data !== undefined && { data }),
  });
  return { status: res.status(), body: (await res.json()) as any };
}

/** Completes the open task of this type on the case, once the workflow has opened it. */
export async function step(request: APIRequestContext, role: string, caseId: string, type: string, body: unknown) {
  let taskId: string | undefined;
  await expect(async () => {
    const res = await call(request, role, 'GET', '/me/tasks?limit=100');
    taskId = (res.body.items as { taskId: string; caseId: string; type: string }[]).find(
      (t) => t.caseId === caseId && t.type === type,
    )?.taskId;
    expect(taskId, `${type} task for ${role}`).toBeDefined();
  }).toPass({ timeout: 30_000 });
  const res = await call(request, role, 'POST', `/cases/${caseId}/tasks/${taskId}/complete`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** A discipline case (외부기관 통보) walked to where it waits for the personnel committee's resolution. */
export async function caseWaitingForPersonnelCommittee(
  request: APIRequestContext,
  title: string,
  sentOn: string,
): Promise<{ caseId: string; caseNumber: string }> {
  const investigator = await tokenFor(request, 'investigator');
  const created = await call(request, 'team-lead', 'POST', '/cases', {
    kind: 'external-referral',
    title,
    assigneeSub: investigator.sub,
    misconduct: {
      category: 'abuse-of-authority',
      conductDate: '2026-03-02',
      officials: [{ name: '정우성', department: '공원녹지과', grade: '지방녹지주사(6급)' }],
      referral: {
        agency: '경찰',
        noticeType: '범죄처분결과 통보',
        noticeNumber: `영등포경찰서 수사과-${title.length}-${Date.now()}`,
        noticeDate: sentOn,
      },
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const { caseId, caseNumber } = created.body.case as { caseId: string; caseNumber: string };
  await step(request, 'investigator', caseId, 'investigate', {
    decision: 'propose',
    findings: '비위 사실 확인',
    disposition: { type: 'discipline', severity: '경징계' },
  });
  await step(request, 'team-lead', caseId, 'review', { decision: 'endorse' });
  await step(request, 'head', caseId, 'approve', { decision: 'approve' });
  await step(request, 'investigator', caseId, 'request-discipline', {
    decision: 'send-request',
    requestedOn: sentOn,
    documentNumber: '감사담당관-2026-301',
  });
  await expect(async () => {
    const res = await call(request, 'investigator', 'GET', '/me/tasks?limit=100');
    expect(
      (res.body.items as { caseId: string; type: string }[]).some(
        (t) => t.caseId === caseId && t.type === 'record-resolution',
      ),
    ).toBe(true);
  }).toPass({ timeout: 30_000 });
  return { caseId, caseNumber };
}
