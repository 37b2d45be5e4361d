import { describe, expect, it } from 'vitest';
import { addNote, formatCaseNumber } from '#shared/domain/case.ts';
import { openCase, updateDetails } from '#shared/kinds/registry.ts';
import { IllegalTransitionError, ValidationError } from '#shared/domain/errors.ts';

const actor = { sub: 'lead-1', name: '최유진', role: 'team-lead' as const };
const now = '2026-11-25T09:00:00+09:00';
/** External referrals need their misconduct details (misconduct.ts). */
const misconduct = {
  category: 'drunk-driving' as const,
  conductDate: '2026-10-01',
  officials: [{ name: '김철수', department: '도로관리과', grade: '지방시설주사보(7급)' }],
  referral: {
    agency: '경찰' as const,
    noticeType: '수사·조사 개시 통보' as const,
    noticeNumber: '영등포서-2026-001',
    noticeDate: '2026-11-20',
  },
};

function opened() {
  return openCase({
    caseId: 'C1',
    caseNumber: '2026-조사-0042',
    input: { kind: 'external-referral', title: '수사개시 통보', receivedAt: now, misconduct },
    actor,
    now,
  }).next;
}

describe('case entity', () => {
  it('formats readable per-year team case numbers', () => {
    expect(formatCaseNumber(2026, 'investigation', 42)).toBe('2026-조사-0042');
    expect(formatCaseNumber(2027, 'complaints', 1)).toBe('2027-민원-0001');
  });

  it('opens at intake, version 1, sealed by default for misconduct referrals, with a CASE_CREATED draft', () => {
    const { next, drafts } = openCase({
      caseId: 'C1',
      caseNumber: '2026-조사-0042',
      input: { kind: 'external-referral', title: 't', receivedAt: now, assigneeSub: 'inv-1', misconduct },
      actor,
      now,
    });
    expect(next).toMatchObject({ stage: 'intake', version: 1, sealed: true, team: 'investigation' });
    expect(drafts.map((d) => d.type)).toEqual(['CASE_CREATED', 'ASSIGNED']);
  });

  it('refuses a due date before the date of receipt and names the field', () => {
    expect(() =>
      openCase({
        caseId: 'C1',
        caseNumber: 'n',
        input: { kind: 'grievance', title: 't', receivedAt: now, dueDate: '2026-11-24' },
        actor,
        now,
      }),
    ).toThrow(expect.objectContaining({ field: 'dueDate', rule: 'not_before_received' }));
  });

  it('records each changed field before and after, and bumps the version', () => {
    const change = updateDetails(opened(), { title: '수사개시 통보 (정정)' }, actor, now);
    expect(change.next.version).toBe(2);
    expect(change.drafts[0]?.data).toEqual({
      changes: { title: { before: '수사개시 통보', after: '수사개시 통보 (정정)' } },
    });
  });

  it('rejects a patch that changes nothing', () => {
    expect(() => updateDetails(opened(), { title: '수사개시 통보' }, actor, now)).toThrow(ValidationError);
  });

  it('refuses notes on a closed case, saying why', () => {
    expect(() => addNote({ ...opened(), stage: 'closed' }, '메모', actor, now)).toThrow(IllegalTransitionError);
  });
});
