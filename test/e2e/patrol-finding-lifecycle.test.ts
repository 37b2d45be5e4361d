/**
 * 순찰 지적사항 end to end through the HTTP API, the local S3-compatible server and the local Step
 * Functions service running the kind's own workflow: a planned patrol's finding (refused without the
 * patrol's name) → the officer named → before-photos uploaded as files of the finding → the department
 * asked, due by the category's setting (구 규칙 확인 필요) → a report reusing a before-photo refused,
 * then one with an after-photo → the re-check finds it not resolved and asks again → more time, the task
 * reopened with the new date → a second report → resolved and closed; the photos download with their
 * hashes, the case page shows the finding in Korean, the history verifies, and the office report counts
 * it by patrol and by 동 next to a 살피미 report closed without a request.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { correctionDueOn } from '#shared/kinds/patrol-finding/patrol-finding-settings.ts';
import type { StaffMember } from '#shared/domain/staff.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice, staffApi, staffNamed } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
const { call, tryDecide, decide, caseOf, openTask } = staffApi(() => t);

const lead = staffNamed('홍성민');
const officer = staffNamed('문가영');

beforeAll(async () => {
  t = await startTestSystem();
});
afterAll(async () => t?.system.close());

const calendar = createCalendar();
const today = koreaDate(new Date());
const daysFrom = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const foundOn = daysFrom(today, -12);
const requestedOn = daysFrom(today, -11);
const firstReportOn = daysFrom(today, -6);
const recheckOn = daysFrom(today, -5);

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const jpeg = (label: string) =>
  new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new TextEncoder().encode(`순찰 사진 ${label}`), 0xff, 0xd9]);

async function uploadPhoto(m: StaffMember, caseId: string, name: string, bytes: Uint8Array, subjectId: string) {
  const subject = { type: 'finding', id: subjectId };
  const start = await call(m, 'POST', `/cases/${caseId}/files`, {
    name,
    contentType: 'image/jpeg',
    size: bytes.length,
    sha256: sha256(bytes),
    subject,
  });
  expect(start.status, JSON.stringify(start.body)).toBe(201);
  const put = await fetch(start.body.uploadUrl, { method: 'PUT', headers: start.body.headers, body: bytes });
  expect(put.status).toBe(200);
  const complete = await call(m, 'POST', `/cases/${caseId}/files/${start.body.fileId}/complete`, { name, subject });
  expect(complete.status, JSON.stringify(complete.body)).toBe(201);
  return start.body.fileId as string;
}

const FINDING = {
  origin: 'planned',
  patrolName: '2026 하반기 통학로 기획순찰',
  foundOn,
  place: {
    address: '여의대방로 43길 12',
    dong: '신길1동',
    detail: '초등학교 정문 앞',
    latitude: 37.5061,
    longitude: 126.9142,
  },
  category: 'road',
  finding: '보도블록 파손으로 보행자 걸림 위험',
};

describe('a planned patrol’s finding from the patrol to resolved', () => {
  let caseId = '';
  const photos: Record<string, { fileId: string; bytes: Uint8Array }> = {};

  it('refuses a planned patrol’s finding without the patrol’s name', async () => {
    const { patrolName: _name, ...unnamed } = FINDING;
    const res = await call(lead, 'POST', '/cases', {
      kind: 'patrol-finding',
      title: '보도 파손',
      patrolFinding: unnamed,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('patrolFinding.patrolName');
  });

  it('receives it, names the officer, and takes the before-photos as files of the finding', async () => {
    const res = await call(lead, 'POST', '/cases', {
      kind: 'patrol-finding',
      title: '신길1동 통학로 보도 파손',
      patrolFinding: FINDING,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.case.caseId;
    await decide(lead, caseId, 'assign', { decision: 'assign', assigneeSub: officer.sub });
    for (const label of ['before-1', 'before-2']) {
      const bytes = jpeg(label);
      photos[label] = { fileId: await uploadPhoto(officer, caseId, `${label}.jpg`, bytes, 'before'), bytes };
    }
    const request = await openTask(caseId);
    expect(request.type).toBe('patrol-finding-request');
    expect(request.dueBasis?.labelKo).toContain('구 규칙 확인 필요');
  });

  it('asks the department, due by the category’s setting', async () => {
    await decide(officer, caseId, 'patrol-finding-request', {
      decision: 'request-fix',
      department: '도로관리과',
      instructions: '파손 보도블록 교체 및 단차 해소',
      requestedOn,
      beforePhotoFileIds: [photos['before-1']!.fileId, photos['before-2']!.fileId],
    });
    const dueOn = correctionDueOn(requestedOn, 'road', calendar);
    const c = await caseOf(caseId);
    expect(c).toMatchObject({ department: '도로관리과', dueDate: dueOn });
    const correction = await openTask(caseId);
    expect(correction.type).toBe('patrol-finding-correction');
    expect(correction.dueAt).toBe(`${dueOn}T18:00:00+09:00`);
    expect(correction.dueBasis).toMatchObject({ confidence: 'G', source: 'default' });
  });

  it('refuses a report whose after-photo is a before-photo, takes one with its own, and re-checks: not resolved', async () => {
    const reused = await tryDecide(officer, caseId, 'patrol-finding-correction', {
      decision: 'record-correction-report',
      reportedOn: firstReportOn,
      action: '보도블록 교체',
      afterPhotoFileIds: [photos['before-1']!.fileId],
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toMatchObject({ field: 'afterPhotoFileIds', rule: 'photo_reused' });

    const bytes = jpeg('after-1');
    photos['after-1'] = { fileId: await uploadPhoto(officer, caseId, 'after-1.jpg', bytes, 'after-1'), bytes };
    await decide(officer, caseId, 'patrol-finding-correction', {
      decision: 'record-correction-report',
      reportedOn: firstReportOn,
      action: '보도블록 12장 교체',
      afterPhotoFileIds: [photos['after-1']!.fileId],
    });
    await decide(officer, caseId, 'patrol-finding-recheck', {
      decision: 'record-recheck',
      checkedOn: recheckOn,
      resolved: false,
      note: '교체 구간 옆 단차 남음',
    });
    const again = await openTask(caseId);
    expect(again.type).toBe('patrol-finding-correction');
    expect(again.dueAt.slice(0, 10)).toBe(correctionDueOn(recheckOn, 'road', calendar));
  });

  it('gives more time on the department’s request, reopening the task with the new date, then resolves', async () => {
    const before = await openTask(caseId);
    const newDueOn = daysFrom(correctionDueOn(recheckOn, 'road', calendar), 7);
    await decide(officer, caseId, 'patrol-finding-correction', {
      decision: 'extend-correction',
      toDueOn: newDueOn,
      reason: '보도블록 자재 수급 지연',
    });
    const extended = await openTask(caseId);
    expect(extended.taskId).not.toBe(before.taskId);
    expect(extended.dueAt).toBe(`${newDueOn}T18:00:00+09:00`);

    const bytes = jpeg('after-2');
    photos['after-2'] = { fileId: await uploadPhoto(officer, caseId, 'after-2.jpg', bytes, 'after-2'), bytes };
    await decide(officer, caseId, 'patrol-finding-correction', {
      decision: 'record-correction-report',
      reportedOn: today,
      action: '단차 구간 재시공',
      afterPhotoFileIds: [photos['after-2']!.fileId],
    });
    await decide(officer, caseId, 'patrol-finding-recheck', {
      decision: 'record-recheck',
      checkedOn: today,
      resolved: true,
      note: '단차 해소 확인',
    });
    const c = await caseOf(caseId);
    expect(c.stage).toBe('closed');
    const lines = Object.fromEntries(
      (c.detailsView as { labelKo: string; value: string }[]).map((l) => [l.labelKo, l.value]),
    );
    expect(lines).toMatchObject({ '진행 상태': '해결', '순찰 구분': '기획 순찰', 분야: '도로·보도 파손' });
    expect(lines['재확인 1']).toContain('미해결');
    expect(lines['기한 연장 1']).toContain('자재 수급');
  });

  it('keeps the before and after photos downloadable, each with its hash in the history', async () => {
    const list = await call(officer, 'GET', `/cases/${caseId}/files?subjectType=finding`);
    expect(list.status).toBe(200);
    expect(list.body.files).toHaveLength(4);
    for (const { fileId, bytes } of Object.values(photos)) {
      const res = await call(officer, 'POST', `/cases/${caseId}/files/${fileId}/download`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const got = await fetch(res.body.downloadUrl);
      expect(sha256(new Uint8Array(await got.arrayBuffer()))).toBe(sha256(bytes));
    }
    const history = await call(headOfOffice, 'GET', `/cases/${caseId}/history`);
    const attached = history.body.events.filter((e: { type: string }) => e.type === 'FILE_ATTACHED');
    expect(attached.map((e: { data: { sha256: string } }) => e.data.sha256).sort()).toEqual(
      Object.values(photos)
        .map((p) => sha256(p.bytes))
        .sort(),
    );
    expect(history.body.verification.ok).toBe(true);
  });

  it('closes a 살피미 report fixed on the spot, and counts both by patrol and by 동', async () => {
    const res = await call(lead, 'POST', '/cases', {
      kind: 'patrol-finding',
      title: '문래동 무단투기',
      assigneeSub: officer.sub,
      patrolFinding: {
        origin: 'salpimi',
        reportNumber: 'S-2026-118',
        place: { address: '문래로 20길 5', dong: '문래동' },
        category: 'cleaning',
        finding: '골목 무단투기 쓰레기',
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await decide(officer, res.body.case.caseId, 'patrol-finding-request', {
      decision: 'close-without-request',
      ground: 'fixed-on-site',
      reason: '순찰 중 청소 담당과 함께 수거',
    });
    expect((await caseOf(res.body.case.caseId)).stage).toBe('closed');

    const report = await call(lead, 'GET', `/reports/office?from=${daysFrom(today, -1)}&to=${today}`);
    expect(report.status, JSON.stringify(report.body)).toBe(200);
    const rowsOf = (id: string) =>
      Object.fromEntries(
        (report.body.tables.find((tb: { id: string }) => tb.id === id).rows as { key: string; cells: object }[]).map(
          (r) => [r.key, r.cells],
        ),
      );
    const byPatrol = rowsOf('patrol-findings');
    expect(byPatrol.total).toMatchObject({ found: 2, requested: 1, resolved: 1, closedWithoutRequest: 1 });
    expect(byPatrol.planned).toMatchObject({ found: 1, resolved: 1 });
    expect(byPatrol.salpimi).toMatchObject({ found: 1, closedWithoutRequest: 1 });
    const listed = await call(lead, 'GET', `/cases/search?dong=${encodeURIComponent('신길1동')}&stage=closed`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
    expect(listed.body.items.map((i: { title: string }) => i.title)).toEqual(['신길1동 통학로 보도 파손']);
    const byDong = rowsOf('patrol-findings-by-dong');
    expect(byDong).toMatchObject({ 문래동: { found: 1 }, 신길1동: { found: 1, resolved: 1 } });
  });
});
