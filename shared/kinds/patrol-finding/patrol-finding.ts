/**
 * 순찰 지적사항 (patrol findings, 순찰팀 — 366 items from 9 planned patrols in 2023). No statute sets
 * the procedure; it is the office's own (업무보고: 적출 → 해당 기능부서에 개선·조치 요구 → 사후관리):
 *
 *   found on a regular (상시), planned (기획) or management (간부) patrol, or reported by a
 *   우리동네살피미, with its place (address, 동, coordinates) → the team lead names the officer → the
 *   department asked to correct it, with the before-photos and a due date (a setting per category,
 *   "구 규칙 확인 필요") — or closed at once (fixed on the spot, a duplicate, not the 구's) → the
 *   department's correction report with after-photos (or its request for more time) → the officer
 *   re-checks on site: resolved (closed), or not, and the department is asked again with a new date.
 *
 * Photos are files on the case (shared/usecases/case-files.ts, `subject: { type: 'finding' }`); the
 * decisions name them by file id and this module checks they are attached images.
 *
 * The next step is read from this record (restart-safe). Pure: no AWS SDK.
 */
import { refuse, stepGuard } from '../../domain/kind.ts';
import * as z from 'zod';
import type { Calendar } from '../../calendar/index.ts';
import type { CaseRecord } from '../../domain/case.ts';
import { assertNotBefore, assertNotFuture } from '../../domain/errors.ts';
import { koreaDate } from '../../domain/korea-time.ts';
import type { AnyDecisionForm } from '../../domain/task.ts';
import { correctionDueOn, PATROL_FINDING_CATEGORIES, type PatrolFindingCategory } from './patrol-finding-settings.ts';

const date = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const PATROL_ORIGINS = {
  regular: '상시 순찰',
  planned: '기획 순찰',
  management: '간부 순찰',
  salpimi: '우리동네살피미 신고',
} as const;
export type PatrolOrigin = keyof typeof PATROL_ORIGINS;
const originKeys = Object.keys(PATROL_ORIGINS) as [PatrolOrigin, ...PatrolOrigin[]];
const categoryKeys = Object.keys(PATROL_FINDING_CATEGORIES) as [PatrolFindingCategory, ...PatrolFindingCategory[]];

/** Why a finding closes without asking a department. */
export const CLOSED_WITHOUT_REQUEST = {
  'fixed-on-site': '현장 조치 완료',
  duplicate: '중복 지적',
  'not-ours': '구 소관 아님 (이송)',
} as const;
type ClosedWithout = keyof typeof CLOSED_WITHOUT_REQUEST;
const closedWithoutKeys = Object.keys(CLOSED_WITHOUT_REQUEST) as [ClosedWithout, ...ClosedWithout[]];

const placeSchema = z.strictObject({
  address: text(200).describe('주소 (도로명 또는 지번)'),
  dong: text(20)
    .regex(/^[가-힣0-9·]+동$/, '동 이름은 "…동"으로 씁니다 (예: 여의동, 문래동)')
    .describe('행정동 (목록·집계 기준)'),
  detail: text(200).optional().describe('위치 설명 (예: 버스정류장 앞)'),
  // South Korea's extent, so a swapped pair is caught.
  latitude: z.number().min(33).max(39).optional().describe('위도 (WGS84)'),
  longitude: z.number().min(124).max(132).optional().describe('경도 (WGS84)'),
});

export const patrolFindingIntakeSchema = z
  .strictObject({
    origin: z.enum(originKeys).describe('상시·기획·간부 순찰 또는 우리동네살피미 신고'),
    patrolName: text(200).optional().describe('어느 순찰인지 (기획 순찰은 필수, 예: 2026 하반기 통학로 기획순찰)'),
    reportNumber: text(40).optional().describe('우리동네살피미 신고번호 (살피미 신고는 필수)'),
    foundOn: date.optional().describe('적출일·신고일 (없으면 접수일)'),
    place: placeSchema.superRefine((p, ctx) => {
      if ((p.latitude === undefined) !== (p.longitude === undefined))
        ctx.addIssue({
          code: 'custom',
          path: [p.latitude === undefined ? 'latitude' : 'longitude'],
          message: 'coordinates come as a pair (위도와 경도는 함께 입력합니다)',
        });
    }),
    category: z.enum(categoryKeys).describe('분야 (분야별 조치 기한은 설정값)'),
    finding: text(5000).describe('적출사항'),
  })
  .superRefine((v, ctx) => {
    if (v.origin === 'planned' && v.patrolName === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['patrolName'],
        message: 'a planned patrol’s finding names the patrol (기획 순찰 지적사항은 순찰명이 필요합니다)',
      });
    if (v.origin === 'salpimi' && v.reportNumber === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reportNumber'],
        message: 'a 살피미 report gives its number (살피미 신고는 신고번호가 필요합니다)',
      });
  })
  .describe('순찰 지적사항');
export type PatrolFindingIntake = z.input<typeof patrolFindingIntakeSchema>;

const fileIds = z.array(z.string());

export const patrolFindingRecordSchema = z.object({
  origin: z.enum(originKeys),
  patrolName: z.string().optional(),
  reportNumber: z.string().optional(),
  foundOn: date,
  place: z.object({
    address: z.string(),
    dong: z.string(),
    detail: z.string().optional(),
    latitude: z.number().optional(),
    longitude: z.number().optional(),
  }),
  category: z.enum(categoryKeys),
  finding: z.string(),
  request: z
    .object({
      department: z.string(),
      instructions: z.string(),
      requestedOn: date,
      dueOn: date,
      /** Whether the due date is the category's setting or one the officer gave. */
      dueFrom: z.enum(['setting', 'given']),
      beforePhotos: fileIds,
      requestedBy: z.string(),
    })
    .optional(),
  extensions: z.array(z.object({ extendedOn: date, fromDueOn: date, toDueOn: date, reason: z.string() })),
  reports: z.array(z.object({ reportedOn: date, action: z.string(), afterPhotos: fileIds, recordedBy: z.string() })),
  rechecks: z.array(
    z.object({
      checkedOn: date,
      resolved: z.boolean(),
      note: z.string(),
      photos: fileIds,
      /** Not resolved: the new date the department is asked to meet. */
      newDueOn: date.optional(),
      checkedBy: z.string(),
    }),
  ),
  /** The correction's current due date: set by the request, moved by an extension or a re-check. */
  dueOn: date.optional(),
  closedWithoutRequest: z.object({ ground: z.enum(closedWithoutKeys), reason: z.string(), closedOn: date }).optional(),
});
export type PatrolFindingRecord = z.infer<typeof patrolFindingRecordSchema>;

declare module '../../domain/case.ts' {
  interface CaseDetailsByKind {
    /** Patrol findings only: where, what, the department asked, its reports and the re-checks. */
    patrolFinding?: PatrolFindingRecord;
  }
  interface IntakeDetailsByKind {
    patrolFinding?: PatrolFindingIntake;
  }
}

export function openPatrolFinding(intake: unknown, receivedAt: string): PatrolFindingRecord {
  if (intake === undefined)
    throw refuse(
      'A patrol finding is received with its details (patrolFinding)',
      '순찰 지적사항은 지적 내용(patrolFinding: 순찰 구분, 장소, 분야, 적출사항)과 함께 접수합니다',
      'patrolFinding',
      'required',
    );
  const p = patrolFindingIntakeSchema.parse(intake);
  const receivedOn = koreaDate(new Date(receivedAt));
  const foundOn = p.foundOn ?? receivedOn;
  if (foundOn > receivedOn)
    throw refuse(
      `foundOn (${foundOn}) is after the case is received (${receivedOn})`,
      `적출일(${foundOn})은 접수일(${receivedOn}) 뒤일 수 없습니다`,
      'patrolFinding.foundOn',
      'not_in_future',
    );
  return { ...p, foundOn, extensions: [], reports: [], rechecks: [] };
}

export function patrolFindingIntakeSummary(r: PatrolFindingRecord): Record<string, unknown> {
  return {
    origin: r.origin,
    originKo: PATROL_ORIGINS[r.origin],
    category: r.category,
    dong: r.place.dong,
    foundOn: r.foundOn,
  };
}

/** The date the department must meet now (the request's, an extension's or the last re-check's). */
export const currentDueOn = (r: PatrolFindingRecord): string | undefined => r.dueOn;

export const isResolved = (r: PatrolFindingRecord | undefined) => r?.rechecks.at(-1)?.resolved === true;

/** 진행 단계 as the report and the case page name it. */
export function patrolFindingStatus(
  r: PatrolFindingRecord,
): 'resolved' | 'closed-without-request' | 'awaiting-request' | 'correcting' | 'rechecking' {
  if (r.closedWithoutRequest) return 'closed-without-request';
  if (isResolved(r)) return 'resolved';
  if (!r.request) return 'awaiting-request';
  return r.reports.length > r.rechecks.length ? 'rechecking' : 'correcting';
}

// ── steps ─────────────────────────────────────────────────────────────────────────────────────────

export const PATROL_FINDING_STEPS = ['assign', 'request', 'correction', 'recheck', 'close'] as const;
export type PatrolFindingStep = (typeof PATROL_FINDING_STEPS)[number];

export function nextPatrolFindingStep(
  c: Pick<CaseRecord, 'assigneeSub'> & { patrolFinding?: PatrolFindingRecord },
): PatrolFindingStep {
  const r = c.patrolFinding;
  if (!c.assigneeSub) return 'assign';
  if (!r) throw new Error('a patrol finding without its details');
  switch (patrolFindingStatus(r)) {
    case 'closed-without-request':
    case 'resolved':
      return 'close';
    case 'awaiting-request':
      return 'request';
    case 'rechecking':
      return 'recheck';
    case 'correcting':
      return 'correction';
  }
}

// ── decisions ───────────────────────────────────────────────────────────────────────────────────

const photoIds = (what: string) => z.array(text(64)).max(30).describe(what);

export const patrolFindingDecisionForms = [
  z.strictObject({
    decision: z.literal('request-fix'),
    department: text(100).describe('개선·조치를 요구한 부서'),
    instructions: text(5000).describe('요구 내용'),
    requestedOn: date.describe('부서에 요구한 날'),
    dueOn: date.optional().describe('조치 기한 (없으면 분야별 설정값, 구 규칙 확인 필요)'),
    beforePhotoFileIds: photoIds('조치 전 사진: 이 사건에 올린 사진 파일 ID (1장 이상)').min(1),
  }),
  z.strictObject({
    decision: z.literal('close-without-request'),
    ground: z.enum(closedWithoutKeys).describe('현장 조치 완료 / 중복 지적 / 구 소관 아님'),
    reason: text(2000).describe('사유'),
  }),
  z.strictObject({
    decision: z.literal('extend-correction'),
    toDueOn: date.describe('새 조치 기한'),
    reason: text(2000).describe('부서가 기한 연장을 요청한 사유 (예산·공사 일정)'),
  }),
  z.strictObject({
    decision: z.literal('record-correction-report'),
    reportedOn: date.describe('부서가 조치 결과를 보고한 날'),
    action: text(5000).describe('조치 내용'),
    afterPhotoFileIds: photoIds('조치 후 사진: 이 사건에 올린 사진 파일 ID (1장 이상)').min(1),
  }),
  z.strictObject({
    decision: z.literal('record-recheck'),
    checkedOn: date.describe('현장 재확인일'),
    resolved: z.boolean().describe('해결되었는지'),
    note: text(5000).describe('확인 내용'),
    photoFileIds: photoIds('재확인 사진 파일 ID').optional(),
    newDueOn: date.optional().describe('미해결: 다시 요구하는 조치 기한 (없으면 분야별 설정값)'),
  }),
] as const;
export type PatrolFindingDecisionForm = z.infer<(typeof patrolFindingDecisionForms)[number]>;

export const PATROL_FINDING_DECISION_LABELS: Record<PatrolFindingDecisionForm['decision'], string> = {
  'request-fix': '부서에 개선·조치 요구',
  'close-without-request': '조치 요구 없이 종결',
  'extend-correction': '조치 기한 연장',
  'record-correction-report': '부서 조치 결과 보고',
  'record-recheck': '현장 재확인',
};

const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/heic'];

/** Refuses ids that are not image files attached to the case (uploaded and completed first). */
function assertPhotos(c: CaseRecord, ids: readonly string[], field: string, notAmong: readonly string[] = []): void {
  for (const id of ids) {
    const file = c.attachments?.find((f) => f.fileId === id);
    if (!file)
      throw refuse(
        `${field}: file ${id} is not attached to this case`,
        `사진(${id})이 이 사건에 첨부되어 있지 않습니다. 먼저 파일로 올리세요`,
        field,
        'file_not_attached',
      );
    if (!PHOTO_TYPES.includes(file.contentType))
      throw refuse(
        `${field}: file ${id} (${file.contentType}) is not a photo`,
        `${file.name}은(는) 사진(JPG·PNG·HEIC)이 아닙니다`,
        field,
        'not_a_photo',
      );
    if (notAmong.includes(id))
      throw refuse(
        `${field}: file ${id} is already a before-photo`,
        `${file.name}은(는) 이미 조치 전 사진입니다. 조치 후 사진을 따로 올리세요`,
        field,
        'photo_reused',
      );
  }
  if (new Set(ids).size !== ids.length)
    throw refuse(`${field} names a file twice`, '같은 사진을 두 번 적었습니다', field, 'duplicate');
}

/**
 * Applies a decision, refusing what the procedure does not allow. Besides the record it may set the
 * case's department (the one asked) and due date (the department's), so search and the overdue
 * filter see them.
 */
export function applyPatrolFindingDecision(
  c: CaseRecord & { patrolFinding?: PatrolFindingRecord },
  form: AnyDecisionForm,
  actorSub: string,
  at: string,
  calendar: Calendar,
):
  | { record: PatrolFindingRecord; eventData: Record<string, unknown>; department?: string; dueDate?: string }
  | undefined {
  const r = c.patrolFinding;
  if (!r || !(form.decision in PATROL_FINDING_DECISION_LABELS)) return undefined;
  const step = nextPatrolFindingStep(c);
  const today = at.slice(0, 10);
  const expect = stepGuard(form.decision, step, { en: 'a patrol finding', ko: '순찰 지적사항' });
  const f = form as PatrolFindingDecisionForm;
  switch (f.decision) {
    case 'request-fix': {
      expect('request');
      assertNotBefore(f.requestedOn, r.foundOn, 'requestedOn', '적출일');
      assertNotFuture(f.requestedOn, today, 'requestedOn');
      if (f.dueOn !== undefined) assertNotBefore(f.dueOn, f.requestedOn, 'dueOn', '요구일');
      assertPhotos(c, f.beforePhotoFileIds, 'beforePhotoFileIds');
      const dueOn = f.dueOn ?? correctionDueOn(f.requestedOn, r.category, calendar);
      return {
        record: {
          ...r,
          request: {
            department: f.department,
            instructions: f.instructions,
            requestedOn: f.requestedOn,
            dueOn,
            dueFrom: f.dueOn === undefined ? 'setting' : 'given',
            beforePhotos: f.beforePhotoFileIds,
            requestedBy: actorSub,
          },
          dueOn,
        },
        eventData: {
          department: f.department,
          requestedOn: f.requestedOn,
          dueOn,
          beforePhotos: f.beforePhotoFileIds.length,
        },
        department: f.department,
        dueDate: dueOn,
      };
    }
    case 'close-without-request':
      expect('request');
      return {
        record: { ...r, closedWithoutRequest: { ground: f.ground, reason: f.reason, closedOn: today } },
        eventData: { ground: f.ground },
      };
    case 'extend-correction': {
      expect('correction');
      const from = currentDueOn(r)!;
      if (f.toDueOn <= from)
        throw refuse(
          `toDueOn (${f.toDueOn}) must be after the current due date (${from})`,
          `새 조치 기한(${f.toDueOn})은 지금 기한(${from}) 뒤여야 합니다`,
          'toDueOn',
          'after_current_due',
        );
      return {
        record: {
          ...r,
          extensions: [...r.extensions, { extendedOn: today, fromDueOn: from, toDueOn: f.toDueOn, reason: f.reason }],
          dueOn: f.toDueOn,
        },
        eventData: { fromDueOn: from, toDueOn: f.toDueOn },
        dueDate: f.toDueOn,
      };
    }
    case 'record-correction-report': {
      expect('correction');
      const since = r.rechecks.at(-1)?.checkedOn ?? r.request!.requestedOn;
      assertNotBefore(f.reportedOn, since, 'reportedOn', r.rechecks.length > 0 ? '재확인일' : '요구일');
      assertNotFuture(f.reportedOn, today, 'reportedOn');
      assertPhotos(c, f.afterPhotoFileIds, 'afterPhotoFileIds', r.request!.beforePhotos);
      const dueOn = currentDueOn(r)!;
      return {
        record: {
          ...r,
          reports: [
            ...r.reports,
            { reportedOn: f.reportedOn, action: f.action, afterPhotos: f.afterPhotoFileIds, recordedBy: actorSub },
          ],
        },
        eventData: {
          reportedOn: f.reportedOn,
          afterPhotos: f.afterPhotoFileIds.length,
          late: f.reportedOn > dueOn,
        },
      };
    }
    case 'record-recheck': {
      expect('recheck');
      assertNotBefore(f.checkedOn, r.reports.at(-1)!.reportedOn, 'checkedOn', '조치 보고일');
      assertNotFuture(f.checkedOn, today, 'checkedOn');
      const photos = f.photoFileIds ?? [];
      assertPhotos(c, photos, 'photoFileIds');
      if (f.resolved && f.newDueOn !== undefined)
        throw refuse(
          'a resolved finding needs no new due date',
          '해결된 지적사항에는 새 조치 기한을 적지 않습니다',
          'newDueOn',
          'not_when_resolved',
        );
      if (f.newDueOn !== undefined) assertNotBefore(f.newDueOn, f.checkedOn, 'newDueOn', '재확인일');
      const newDueOn = f.resolved ? undefined : (f.newDueOn ?? correctionDueOn(f.checkedOn, r.category, calendar));
      return {
        record: {
          ...r,
          rechecks: [
            ...r.rechecks,
            {
              checkedOn: f.checkedOn,
              resolved: f.resolved,
              note: f.note,
              photos,
              ...(newDueOn !== undefined && { newDueOn }),
              checkedBy: actorSub,
            },
          ],
          ...(newDueOn !== undefined && { dueOn: newDueOn }),
        },
        eventData: { checkedOn: f.checkedOn, resolved: f.resolved, ...(newDueOn !== undefined && { newDueOn }) },
        ...(newDueOn !== undefined && { dueDate: newDueOn }),
      };
    }
  }
}

export type { PatrolFindingCategory };
