/**
 * The timeline's filters and the "as of" reconstruction over a case whose history spans several
 * Korean days (built with the real chain functions, no store).
 */
import { describe, expect, it } from 'vitest';
import { caseAsOf } from '#shared/domain/case-as-of.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import { appendToChain, GENESIS_HASH, verifyChain, type EventDraft } from '#shared/domain/history.ts';
import { timeline } from '#shared/domain/timeline.ts';
import { KINDS } from '#shared/kinds/registry.ts';

const clerk = { sub: 'clerk-1', name: '이수민', role: 'clerk' as const };
const lead = { sub: 'lead-1', name: '최영호', role: 'team-lead' as const };
const system = { sub: 'system', role: 'system' as const };

const drafts: EventDraft[] = [
  {
    type: 'CASE_CREATED',
    at: '2026-11-02T09:00:00+09:00',
    actor: clerk,
    stageAfter: 'intake',
    data: { title: '원래 제목', department: '건축과', receivedAt: '2026-11-02T09:00:00+09:00' },
  },
  // 23:30 UTC on the 2nd is already the 3rd in Korea.
  {
    type: 'STAGE_CHANGED',
    at: '2026-11-02T23:30:00Z',
    actor: system,
    stageBefore: 'intake',
    stageAfter: 'investigation',
    data: {},
  },
  { type: 'ASSIGNED', at: '2026-11-03T10:00:00+09:00', actor: lead, data: { assigneeSub: 'inv-1', previous: null } },
  {
    type: 'CASE_UPDATED',
    at: '2026-11-10T11:00:00+09:00',
    actor: lead,
    data: {
      changes: {
        title: { before: '원래 제목', after: '새 제목' },
        summary: { before: '처음 요지', after: '보완 요지' },
      },
    },
  },
  {
    type: 'SENSITIVE_READ',
    at: '2026-11-12T08:00:00+09:00',
    actor: { sub: 'aud-1', role: 'auditor' },
    data: { what: 'case' },
  },
  {
    type: 'ASSIGNED',
    at: '2026-11-15T10:00:00+09:00',
    actor: lead,
    data: { assigneeSub: 'inv-2', previous: 'inv-1', reason: '업무 조정' },
  },
  {
    type: 'TASK_COMPLETED',
    at: '2026-11-20T16:00:00+09:00',
    actor: lead,
    data: { taskId: 'T1', decision: 'return', decisionLabel: '반려', reasons: '증빙 부족' },
  },
  {
    type: 'STAGE_CHANGED',
    at: '2026-11-21T09:00:00+09:00',
    actor: system,
    stageBefore: 'investigation',
    stageAfter: 'closed',
    data: {},
  },
];
const { events, head } = appendToChain('C1', { historySeq: 0, historyHead: GENESIS_HASH }, drafts);
const current = {
  caseId: 'C1',
  caseNumber: '2026-민원-0001',
  kind: 'grievance',
  team: 'complaints',
  title: '새 제목',
  summary: '보완 요지',
  stage: 'closed',
  assigneeSub: 'inv-2',
  department: '건축과',
  channel: '응답소',
  receivedAt: '2026-11-02T09:00:00+09:00',
  sealed: false,
  createdAt: '2026-11-02T09:00:00+09:00',
  createdBy: 'clerk-1',
  updatedAt: '2026-11-21T09:00:00+09:00',
  closedAt: '2026-11-21T09:00:00+09:00',
  version: 9,
  ...head,
} satisfies CaseRecord;

describe('timeline', () => {
  it('filters by type, actor and Korean-date period, both ends inclusive', () => {
    expect(verifyChain(events, head).ok).toBe(true);
    expect(timeline(events, { types: ['ASSIGNED'] }).map((e) => e.seq)).toEqual([3, 6]);
    expect(timeline(events, { actorSub: 'lead-1', from: '2026-11-10', to: '2026-11-15' }).map((e) => e.seq)).toEqual([
      4, 6,
    ]);
    expect(timeline(events, { from: '2026-11-03', to: '2026-11-03' }).map((e) => e.seq)).toEqual([2, 3]);
  });

  it('shows the decision, the reasons, the stage labels and the time written the Korean way', () => {
    const [returned] = timeline(events, { types: ['TASK_COMPLETED'] });
    expect(returned).toMatchObject({
      decision: 'return',
      decisionLabel: '반려',
      reasons: '증빙 부족',
      taskId: 'T1',
      atKorea: '2026년 11월 20일(금) 16:00',
      actorRoleLabel: '팀장',
    });
    const [moved] = timeline(events, { types: ['STAGE_CHANGED'], to: '2026-11-03' });
    expect(moved).toMatchObject({
      date: '2026-11-03',
      stageBeforeLabel: '접수',
      stageAfterLabel: '조사',
      actorRoleLabel: '시스템',
    });
  });
});

describe('case as of a date', () => {
  it('is undefined before intake', () => {
    expect(caseAsOf(current, events, '2026-11-01', KINDS)).toBeUndefined();
  });

  it("rebuilds the first day: original title and summary (from the later change's before), intake stage, no assignee", () => {
    expect(caseAsOf(current, events, '2026-11-02', KINDS)).toMatchObject({
      title: '원래 제목',
      summary: '처음 요지',
      stage: 'intake',
      updatedAt: '2026-11-02T09:00:00+09:00',
      lastSeq: 1,
    });
    expect(caseAsOf(current, events, '2026-11-02', KINDS)?.assigneeSub).toBeUndefined();
  });

  it('rebuilds a day in the middle: edited fields, the assignee then, the stage then; a read does not count as a change', () => {
    expect(caseAsOf(current, events, '2026-11-12', KINDS)).toMatchObject({
      title: '새 제목',
      summary: '보완 요지',
      stage: 'investigation',
      assigneeSub: 'inv-1',
      updatedAt: '2026-11-10T11:00:00+09:00',
      lastSeq: 5,
    });
    expect(caseAsOf(current, events, '2026-11-12', KINDS)?.closedAt).toBeUndefined();
  });

  it('rebuilds the end: reassigned and closed, with the closing time', () => {
    expect(caseAsOf(current, events, '2026-11-30', KINDS)).toMatchObject({
      assigneeSub: 'inv-2',
      stage: 'closed',
      closedAt: '2026-11-21T09:00:00+09:00',
      lastSeq: 8,
    });
  });
});
