/**
 * The pure rules of 구민감사관 현장점검: the roster (a term of at most the setting, 2 years; a 동 대표
 * names the 동; only the audit team's lead, the head or an admin keeps it); an auditor's term holds
 * the check day; the report covers each item once with a note for a finding or advice, once per
 * auditor and not before the check; the case cannot close while a report or a needed reply is
 * missing; and the access rule — a citizen auditor reads and changes no case, not even one they are on.
 */
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '#shared/domain/case.ts';
import type { Actor } from '#shared/domain/roles.ts';
import {
  CITIZEN_CHECK_SETTINGS,
  checkOutstanding,
  citizenAuditorView,
  openCitizenCheck,
  replyToCheck,
  reportCheck,
  type CitizenCheckRecord,
} from '#shared/kinds/citizen-check/citizen-check.ts';
import { canChangeCase, canReadCase } from '#shared/policies/case-access.ts';
import {
  assertCanManageCitizenAuditors,
  assertCanReadCitizenAuditors,
  auditorFieldKo,
  CITIZEN_AUDITOR_SETTINGS,
  citizenAuditorFromInput,
  citizenAuditorInputSchema,
} from '#shared/domain/citizen-auditors.ts';
import type { StaffMember } from '#shared/domain/staff.ts';

const auditor = (sub: string, name: string) => ({
  sub,
  name,
  field: 'civil' as const,
  termStart: '2025-03-01',
  termEnd: '2027-02-28',
});
const intake = {
  project: { name: '신길로 도로 포장 공사', orderingDepartment: '도로과' },
  checkDate: '2026-05-12',
  items: ['construction' as const, 'bribery' as const],
  auditors: [auditor('ca-1', '노경태'), auditor('ca-2', '염미숙')],
};
const rule = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { details?: { rule?: string }; rule?: string }).details?.rule ?? (error as { rule?: string }).rule;
  }
  return 'nothing thrown';
};
const caseOf = (record: CitizenCheckRecord, extra: Partial<CaseRecord> = {}) =>
  ({
    caseId: 'C1',
    caseNumber: '2026-감사-0001',
    kind: 'citizen-check',
    stage: 'investigation',
    version: 3,
    createdBy: 'ca-1',
    assigneeSub: 'ca-1',
    citizenCheck: record,
    ...extra,
  }) as unknown as CaseRecord;
const actorOf = (sub: string) => ({ sub, role: 'citizen-auditor' as const });
const now = '2026-05-13T10:00:00+09:00';

describe('opening a check', () => {
  it('dates the report by the setting and refuses an auditor whose term does not hold the day', () => {
    const r = openCitizenCheck(intake);
    expect(CITIZEN_CHECK_SETTINGS.reportDueDays).toBe(7);
    expect(r.reportDueOn).toBe('2026-05-19');
    expect(r.reports).toEqual([]);
    const ended = { ...intake, auditors: [{ ...auditor('ca-1', '노경태'), termEnd: '2026-05-11' }] };
    expect(rule(() => openCitizenCheck(ended))).toBe('outside_term');
    const early = { ...intake, auditors: [{ ...auditor('ca-1', '노경태'), termStart: '2026-05-13' }] };
    expect(rule(() => openCitizenCheck(early))).toBe('outside_term');
    const twice = { ...intake, auditors: [auditor('ca-1', '노경태'), auditor('ca-1', '노경태')] };
    expect(rule(() => openCitizenCheck(twice))).toBe('duplicate');
  });
});

describe('the roster', () => {
  const person: StaffMember = {
    sub: 'ca-1',
    name: '노경태',
    email: 'ca-1@citizen.example.kr',
    roles: ['citizen-auditor'],
    active: true,
  };
  const input = { field: 'civil' as const, cohort: 8, termStart: '2025-07-01', termEnd: '2027-06-30' };
  const at = '2026-01-02T09:00:00+09:00';

  it('appoints a 구민감사관 for a term of at most the setting; a 동 대표 names the 동, no one else does', () => {
    const a = citizenAuditorFromInput(person, input, 'lead', at);
    expect(a).toMatchObject({ sub: 'ca-1', name: '노경태', field: 'civil', version: 1, updatedBy: 'lead' });
    expect(CITIZEN_AUDITOR_SETTINGS.termYears).toBe(2);
    expect(rule(() => citizenAuditorFromInput(person, { ...input, termEnd: '2027-07-01' }, 'lead', at))).toBe(
      'term_too_long',
    );
    expect(rule(() => citizenAuditorFromInput(person, { ...input, field: 'dong' }, 'lead', at))).toBe('required');
    expect(rule(() => citizenAuditorFromInput(person, { ...input, dong: '신길1동' }, 'lead', at))).toBe(
      'only_for_dong',
    );
    const dong = citizenAuditorFromInput(person, { ...input, field: 'dong', dong: '신길1동' }, 'lead', at);
    expect(auditorFieldKo(dong)).toBe('신길1동 동 대표');
    expect(citizenAuditorInputSchema.safeParse({ ...input, termEnd: '2025-06-30' }).success).toBe(false);
  });

  it('appoints only an active 구민감사관 of the directory, and changes them only at the version read', () => {
    expect(rule(() => citizenAuditorFromInput({ ...person, roles: ['clerk'] }, input, 'lead', at))).toBe(
      'not_citizen_auditor',
    );
    expect(rule(() => citizenAuditorFromInput({ ...person, active: false }, input, 'lead', at))).toBe(
      'not_citizen_auditor',
    );
    const first = citizenAuditorFromInput(person, input, 'lead', at);
    expect(rule(() => citizenAuditorFromInput(person, input, 'lead', at, first))).toBe('required_for_update');
    expect(rule(() => citizenAuditorFromInput(person, { ...input, expectedVersion: 2 }, 'lead', at, first))).toBe(
      'stale_version',
    );
    const moved = citizenAuditorFromInput(person, { ...input, field: 'tax', expectedVersion: 1 }, 'lead', at, first);
    expect(moved).toMatchObject({ field: 'tax', version: 2 });
  });

  it('is kept by the audit team’s lead, the head or an admin, and read by the audit team, never by an auditor', () => {
    const staff = (team: StaffMember['team'], roles: StaffMember['roles']): [Actor, StaffMember] => [
      { sub: 's', roles },
      { sub: 's', name: '직원', email: 's@example.kr', team, roles, active: true },
    ];
    const may = (f: (a: Actor, s: StaffMember) => void, [a, s]: [Actor, StaffMember]) => rule(() => f(a, s));
    expect(may(assertCanManageCitizenAuditors, staff('audit', ['team-lead']))).toBe('nothing thrown');
    expect(may(assertCanManageCitizenAuditors, staff(undefined, ['head']))).toBe('nothing thrown');
    expect(may(assertCanManageCitizenAuditors, staff('investigation', ['team-lead']))).toBe('not_allowed');
    expect(may(assertCanManageCitizenAuditors, staff('audit', ['investigator']))).toBe('not_allowed');
    expect(may(assertCanReadCitizenAuditors, staff('audit', ['investigator']))).toBe('nothing thrown');
    expect(may(assertCanReadCitizenAuditors, staff('complaints', ['clerk']))).toBe('not_allowed');
    expect(may(assertCanReadCitizenAuditors, staff(undefined, ['citizen-auditor']))).toBe('not_allowed');
  });
});

describe('reports and the reply', () => {
  const record = openCitizenCheck(intake);
  const report = {
    results: [
      { item: 'construction' as const, outcome: 'advice' as const, note: '배수 경사 보완' },
      { item: 'bribery' as const, outcome: 'no-issue' as const },
    ],
  };

  it('takes one report per auditor on the check, covering each item, from the check day', () => {
    expect(rule(() => reportCheck(caseOf(record), report, actorOf('ca-9'), '2026-05-13', now))).toBe('not_found');
    expect(rule(() => reportCheck(caseOf(record), report, actorOf('ca-1'), '2026-05-11', now))).toBe('before_check');
    const partial = { results: [report.results[0]!] };
    expect(rule(() => reportCheck(caseOf(record), partial, actorOf('ca-1'), '2026-05-13', now))).toBe('items_mismatch');
    const bare = { results: [{ item: 'construction' as const, outcome: 'finding' as const }, report.results[1]!] };
    expect(rule(() => reportCheck(caseOf(record), bare, actorOf('ca-1'), '2026-05-13', now))).toBe('required');
    const first = reportCheck(caseOf(record), report, actorOf('ca-1'), '2026-05-13', now);
    expect(first.drafts[0]).toMatchObject({
      type: 'CITIZEN_CHECK_REPORTED',
      data: { outcomes: ['construction:advice', 'bribery:no-issue'] },
    });
    expect(rule(() => reportCheck(first.next, report, actorOf('ca-1'), '2026-05-13', now))).toBe('already_reported');
  });

  it('cannot close until every auditor reported and a finding or advice has its reply', () => {
    expect(checkOutstanding(record)?.ko).toContain('노경태, 염미숙');
    const one = reportCheck(caseOf(record), report, actorOf('ca-1'), '2026-05-13', now).next;
    const both = reportCheck(one, report, actorOf('ca-2'), '2026-05-13', now).next;
    const bothRecord = (both as unknown as { citizenCheck: CitizenCheckRecord }).citizenCheck;
    expect(checkOutstanding(bothRecord)?.ko).toContain('부서 회신');
    expect(rule(() => replyToCheck(both, { repliedOn: '2026-05-11', action: '조치' }, actorOf('st-1'), now))).toBe(
      'before_check',
    );
    const replied = replyToCheck(both, { repliedOn: '2026-05-20', action: '배수 재시공' }, actorOf('st-1'), now).next;
    const repliedRecord = (replied as unknown as { citizenCheck: CitizenCheckRecord }).citizenCheck;
    expect(checkOutstanding(repliedRecord)).toBeUndefined();
    expect(citizenAuditorView(replied, repliedRecord)).not.toHaveProperty('title');
  });
});

describe('the access rule', () => {
  it('a citizen auditor reads and changes no case, not even one they created or are assigned', () => {
    const c = caseOf(openCitizenCheck(intake));
    const citizen: Actor = { sub: 'ca-1', roles: ['citizen-auditor'] };
    expect(canReadCase(citizen, c)).toBe(false);
    expect(canChangeCase(citizen, c)).toBe(false);
    const lead: Actor = { sub: 'lead', roles: ['team-lead'] };
    expect(canReadCase(lead, c)).toBe(true);
  });
});
