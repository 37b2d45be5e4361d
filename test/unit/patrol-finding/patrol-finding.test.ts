/**
 * The pure rules of patrol findings (순찰 지적사항): intake refusals, the correction date per category
 * moved off days without work (a setting labelled 구 규칙 확인 필요), photos that must be attached images
 * and after-photos that are not the before-photos, the steps read from the record through re-checks
 * until resolved, and the office report's tables by patrol and by 동. Dates worked out by hand on the
 * 2026 calendar (November 2026 has no public holiday).
 */
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { defineKind } from '#shared/domain/kind.ts';
import { createKindRegistry } from '#shared/domain/kind-registry.ts';
import { OFFICE_KINDS } from '#shared/kinds/registry.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import type { Attachment } from '#shared/domain/case-files.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import { correctionDue, patrolFindingTaskDue, recheckDue, requestDue } from '#shared/kinds/patrol-finding/due.ts';
import {
  applyPatrolFindingDecision,
  nextPatrolFindingStep,
  openPatrolFinding,
  type PatrolFindingRecord,
} from '#shared/kinds/patrol-finding/patrol-finding.ts';
import { correctionDueOn } from '#shared/kinds/patrol-finding/patrol-finding-settings.ts';
import { patrolFindingView } from '#shared/kinds/patrol-finding/patrol-finding-view.ts';
import { patrolFindingsByDongTable, patrolFindingsTable } from '#shared/kinds/patrol-finding/report.ts';

const calendar = createCalendar();
function errorOf(fn: () => unknown): { field?: string; rule?: string; messageKo?: string; issues?: unknown } {
  try {
    fn();
  } catch (error) {
    return error as { field?: string; rule?: string; messageKo?: string };
  }
  return { rule: 'nothing thrown' };
}
const zodPaths = (fn: () => unknown) =>
  ((errorOf(fn) as { issues?: { path: unknown[] }[] }).issues ?? []).map((i) => i.path.join('.'));

const FINDING = {
  origin: 'planned',
  patrolName: '2026 하반기 통학로 기획순찰',
  foundOn: '2026-11-02',
  place: {
    address: '여의대방로 43길 12',
    dong: '신길1동',
    detail: '초등학교 정문 앞',
    latitude: 37.5,
    longitude: 126.9,
  },
  category: 'road',
  finding: '보도블록 파손으로 보행자 걸림 위험',
} as const;

const photo = (fileId: string, contentType = 'image/jpeg'): Attachment => ({
  fileId,
  name: `${fileId}.jpg`,
  contentType,
  size: 10,
  sha256: 'a'.repeat(64),
  subject: { type: 'finding' },
  uploadedAt: '2026-11-02T10:00:00+09:00',
  uploadedBy: 'officer',
});
const FILES = [photo('BEFORE1'), photo('BEFORE2'), photo('AFTER1'), photo('AFTER2'), photo('DOC1', 'application/pdf')];

const asCase = (r: PatrolFindingRecord, attachments: Attachment[] = FILES) =>
  ({ assigneeSub: 'officer', patrolFinding: r, attachments }) as unknown as CaseRecord;
function decide(r: PatrolFindingRecord, form: Record<string, unknown>, on: string, attachments?: Attachment[]) {
  const applied = applyPatrolFindingDecision(
    asCase(r, attachments),
    form as never,
    'officer',
    `${on}T15:00:00+09:00`,
    calendar,
  );
  if (!applied) throw new Error('not a patrol-finding decision');
  return applied;
}
const opened = () => openPatrolFinding(FINDING, '2026-11-02T16:00:00+09:00');

describe('a patrol finding at intake', () => {
  it('names the planned patrol, the 살피미 report number, a coordinate pair and a 동', () => {
    const { patrolName: _p, ...noPatrol } = FINDING;
    expect(zodPaths(() => openPatrolFinding(noPatrol, '2026-11-02T16:00:00+09:00'))).toEqual(['patrolName']);
    expect(zodPaths(() => openPatrolFinding({ ...noPatrol, origin: 'salpimi' }, '2026-11-02T16:00:00+09:00'))).toEqual([
      'reportNumber',
    ]);
    const { longitude: _l, ...halfPlace } = FINDING.place;
    expect(zodPaths(() => openPatrolFinding({ ...FINDING, place: halfPlace }, '2026-11-02T16:00:00+09:00'))).toEqual([
      'place.longitude',
    ]);
    expect(
      zodPaths(() =>
        openPatrolFinding({ ...FINDING, place: { ...FINDING.place, dong: '신길' } }, '2026-11-02T16:00:00+09:00'),
      ),
    ).toEqual(['place.dong']);
    expect(
      openPatrolFinding({ ...noPatrol, origin: 'salpimi', reportNumber: 'S-2026-118' }, '2026-11-02T16:00:00+09:00'),
    ).toMatchObject({ origin: 'salpimi', reportNumber: 'S-2026-118' });
  });

  it('refuses a finding dated after it is received, and is found on the day received by default', () => {
    expect(
      errorOf(() => openPatrolFinding({ ...FINDING, foundOn: '2026-11-03' }, '2026-11-02T16:00:00+09:00')),
    ).toMatchObject({
      field: 'patrolFinding.foundOn',
      rule: 'not_in_future',
    });
    const { foundOn: _f, ...undated } = FINDING;
    expect(openPatrolFinding(undated, '2026-11-02T23:30:00+09:00').foundOn).toBe('2026-11-02');
  });
});

describe('the settings (구 규칙 확인 필요)', () => {
  it('gives each category its days, moved off a day without work', () => {
    expect(correctionDueOn('2026-11-03', 'road', calendar)).toBe('2026-11-10');
    // 3 days after Thursday 5 November is a Sunday → Monday.
    expect(correctionDueOn('2026-11-05', 'cleaning', calendar)).toBe('2026-11-09');
  });

  it('labels every default date as unconfirmed, never as law', () => {
    const r = opened();
    for (const due of [
      requestDue('2026-11-02', calendar),
      recheckDue('2026-11-09', calendar),
      correctionDue({ ...r, dueOn: '2026-11-10' }, '2026-11-03', calendar),
    ]) {
      expect(due.basis.labelKo).toContain('구 규칙 확인 필요');
      expect(due.basis).toMatchObject({ confidence: 'G', source: 'default' });
    }
    expect(requestDue('2026-11-02', calendar).dueAt).toBe('2026-11-04T18:00:00+09:00');
    expect(recheckDue('2026-11-09', calendar).dueAt).toBe('2026-11-12T18:00:00+09:00');
  });
});

describe('from the request to resolved', () => {
  it('refuses photos that are not attached, not images, or dated requests before the finding', () => {
    const r = opened();
    const request = {
      decision: 'request-fix',
      department: '도로관리과',
      instructions: '파손 보도블록 교체',
      requestedOn: '2026-11-03',
      beforePhotoFileIds: ['BEFORE1'],
    };
    expect(errorOf(() => decide(r, { ...request, beforePhotoFileIds: ['NOPE'] }, '2026-11-03'))).toMatchObject({
      field: 'beforePhotoFileIds',
      rule: 'file_not_attached',
    });
    expect(errorOf(() => decide(r, { ...request, beforePhotoFileIds: ['DOC1'] }, '2026-11-03'))).toMatchObject({
      rule: 'not_a_photo',
    });
    expect(errorOf(() => decide(r, { ...request, requestedOn: '2026-11-01' }, '2026-11-03'))).toMatchObject({
      field: 'requestedOn',
      rule: 'date_order',
    });
    expect(errorOf(() => decide(r, { ...request, requestedOn: '2026-11-04' }, '2026-11-03'))).toMatchObject({
      rule: 'not_in_future',
    });
    expect(
      errorOf(() =>
        decide(r, { decision: 'record-recheck', checkedOn: '2026-11-03', resolved: true, note: '-' }, '2026-11-03'),
      ),
    ).toMatchObject({
      rule: 'not_at_this_step',
    });
  });

  it('asks the department, moves the date once asked, takes the report, re-checks, asks again, and resolves', () => {
    let r = opened();
    expect(nextPatrolFindingStep({ assigneeSub: undefined, patrolFinding: r })).toBe('assign');
    expect(nextPatrolFindingStep({ assigneeSub: 'officer', patrolFinding: r })).toBe('request');

    const asked = decide(
      r,
      {
        decision: 'request-fix',
        department: '도로관리과',
        instructions: '파손 보도블록 교체',
        requestedOn: '2026-11-03',
        beforePhotoFileIds: ['BEFORE1', 'BEFORE2'],
      },
      '2026-11-03',
    );
    expect(asked).toMatchObject({ department: '도로관리과', dueDate: '2026-11-10' });
    r = asked.record;
    expect(r.request).toMatchObject({ dueOn: '2026-11-10', dueFrom: 'setting', beforePhotos: ['BEFORE1', 'BEFORE2'] });
    expect(nextPatrolFindingStep(asCase(r))).toBe('correction');

    expect(
      errorOf(() =>
        decide(r, { decision: 'extend-correction', toDueOn: '2026-11-10', reason: '자재 수급' }, '2026-11-05'),
      ),
    ).toMatchObject({
      rule: 'after_current_due',
    });
    const extended = decide(
      r,
      { decision: 'extend-correction', toDueOn: '2026-11-17', reason: '자재 수급' },
      '2026-11-05',
    );
    expect(extended.dueDate).toBe('2026-11-17');
    r = extended.record;
    expect(correctionDue(r, '2026-11-05', calendar).basis).toMatchObject({ source: 'case-date' });

    const report = { decision: 'record-correction-report', reportedOn: '2026-11-12', action: '보도블록 12장 교체' };
    expect(errorOf(() => decide(r, { ...report, afterPhotoFileIds: ['BEFORE1'] }, '2026-11-12'))).toMatchObject({
      field: 'afterPhotoFileIds',
      rule: 'photo_reused',
    });
    r = decide(r, { ...report, afterPhotoFileIds: ['AFTER1'] }, '2026-11-12').record;
    expect(nextPatrolFindingStep(asCase(r))).toBe('recheck');
    expect(
      patrolFindingTaskDue('patrol-finding.recheck', { c: asCase(r), now: '2026-11-12T15:00:00+09:00', calendar })
        .dueAt,
    ).toBe('2026-11-17T18:00:00+09:00');

    const notYet = decide(
      r,
      { decision: 'record-recheck', checkedOn: '2026-11-13', resolved: false, note: '단차 남음' },
      '2026-11-13',
    );
    // Not resolved: asked again, the category's 7 days from the re-check.
    expect(notYet.dueDate).toBe('2026-11-20');
    r = notYet.record;
    expect(nextPatrolFindingStep(asCase(r))).toBe('correction');
    expect(
      errorOf(() => decide(r, { ...report, reportedOn: '2026-11-12', afterPhotoFileIds: ['AFTER2'] }, '2026-11-13')),
    ).toMatchObject({
      field: 'reportedOn',
      rule: 'date_order',
    });
    r = decide(r, { ...report, reportedOn: '2026-11-19', afterPhotoFileIds: ['AFTER2'] }, '2026-11-19').record;
    expect(
      errorOf(() =>
        decide(
          r,
          { decision: 'record-recheck', checkedOn: '2026-11-20', resolved: true, note: '해소', newDueOn: '2026-11-30' },
          '2026-11-20',
        ),
      ),
    ).toMatchObject({ rule: 'not_when_resolved' });
    r = decide(
      r,
      { decision: 'record-recheck', checkedOn: '2026-11-20', resolved: true, note: '단차 해소 확인' },
      '2026-11-20',
    ).record;
    expect(nextPatrolFindingStep(asCase(r))).toBe('close');

    const lines = Object.fromEntries(patrolFindingView(r).map((l) => [l.labelKo, l.value]));
    expect(lines['진행 상태']).toBe('해결');
    expect(lines['장소']).toBe('신길1동 여의대방로 43길 12 (초등학교 정문 앞)');
    expect(lines['재확인 1']).toContain('미해결');
    expect(lines['조치 보고 2']).toContain('사진 1장');
  });

  it('closes a finding fixed on the spot without asking anyone', () => {
    const r = decide(
      opened(),
      { decision: 'close-without-request', ground: 'fixed-on-site', reason: '순찰 중 직접 수거' },
      '2026-11-02',
    ).record;
    expect(nextPatrolFindingStep(asCase(r))).toBe('close');
  });
});

describe('the office report’s patrol tables', () => {
  it('counts by patrol and by 동 with each finding’s status and late reports', () => {
    const base = opened();
    const requested = decide(
      base,
      {
        decision: 'request-fix',
        department: '청소행정과',
        instructions: '무단투기 수거',
        requestedOn: '2026-11-03',
        dueOn: '2026-11-05',
        beforePhotoFileIds: ['BEFORE1'],
      },
      '2026-11-03',
    ).record;
    const lateReport = decide(
      requested,
      { decision: 'record-correction-report', reportedOn: '2026-11-06', action: '수거', afterPhotoFileIds: ['AFTER1'] },
      '2026-11-06',
    ).record;
    const salpimi = openPatrolFinding(
      { ...FINDING, origin: 'salpimi', reportNumber: 'S-1', place: { address: '문래로 1', dong: '문래동' } },
      '2026-11-02T16:00:00+09:00',
    );
    const closed = decide(
      salpimi,
      { decision: 'close-without-request', ground: 'duplicate', reason: '중복' },
      '2026-11-02',
    ).record;
    const cases = [base, requested, lateReport, closed].map(
      (r, i) => ({ caseId: `c${i}`, version: 1, patrolFinding: r }) as unknown as CaseRecord,
    );
    const ctx = { byKind: { 'patrol-finding': cases }, kinds: ['patrol-finding'], labelOf: () => '순찰 지적사항' };
    const byOrigin = Object.fromEntries(patrolFindingsTable.build(ctx).table.rows.map((r) => [r.key, r.cells]));
    expect(byOrigin.total).toEqual({
      found: 4,
      requested: 2,
      correcting: 1,
      rechecking: 1,
      resolved: 0,
      closedWithoutRequest: 1,
      lateReports: 1,
    });
    expect(byOrigin.salpimi).toMatchObject({ found: 1, closedWithoutRequest: 1 });
    const byDong = patrolFindingsByDongTable.build(ctx).table.rows.map((r) => [r.key, r.cells.found]);
    expect(byDong).toEqual([
      ['total', 4],
      ['문래동', 1],
      ['신길1동', 3],
    ]);
  });
});

describe('decision names across kinds', () => {
  it('the registry refuses a second kind declaring a decision name another kind has', () => {
    const copycat = defineKind({
      kind: 'copycat',
      labelKo: '시험',
      team: 'patrol',
      sealedByDefault: false,
      workflow: 'case-review',
      decisions: {
        forms: [z.strictObject({ decision: z.literal('request-fix'), note: z.string() })],
        labels: { 'request-fix': '시험' },
      },
    });
    expect(() => createKindRegistry([...OFFICE_KINDS, copycat])).toThrow('decision request-fix is declared twice');
    expect(createKindRegistry(OFFICE_KINDS).kinds).toContain('patrol-finding');
  });
});
