/**
 * The petition's own rules (shared/kinds/petition/petition.ts, shared/kinds/petition/petition-deadlines.ts) under the
 * 청원법 (2020 전부개정): intake of individual and joint petitions, screening, the 90-day due date with
 * the public petition's disclosure and comment periods taken out, the one extension, objection windows.
 */
import { describe, expect, it } from 'vitest';
import { createCalendar } from '#shared/calendar/index.ts';
import type { CaseRecord } from '#shared/domain/case.ts';
import { KINDS, openCase } from '#shared/kinds/registry.ts';
import { caseAsOf } from '#shared/domain/case-as-of.ts';
import type { HistoryEvent } from '#shared/domain/history.ts';
import {
  applyPetitionDecision,
  commentPeriodEndsAt,
  extendPetition,
  extensionInputSchema,
  fileObjection,
  nextPetitionStep,
  PETITION_IDENTITY_FIELDS,
  petitionIntakeSchema,
  type PetitionIntake,
} from '#shared/kinds/petition/petition.ts';
import { decisionFormSchema } from '#shared/kinds/registry.ts';
import { petitionTaskDue } from '#shared/kinds/petition/petition-deadlines.ts';
import { computeDue } from '#shared/policies/statutory-periods.ts';

const calendar = createCalendar();
const actor = { sub: 'lead-1', name: '배수빈', role: 'team-lead' as const };
const person = { name: '김민지', address: '서울특별시 ○○구 ○○로 12' };
const individual: PetitionIntake = { form: 'individual', public: false, petitioner: person };
const publicJoint: PetitionIntake = {
  form: 'joint',
  public: true,
  petitioner: person,
  representatives: [person],
  signatories: 120,
};
const RECEIVED = '2026-03-03T10:00:00+09:00';

function open(
  intake: PetitionIntake = individual,
  receivedAt = RECEIVED,
  kind: 'petition' | 'grievance' = 'petition',
): CaseRecord {
  return openCase({
    caseId: 'C1',
    caseNumber: '2026-민원-0001',
    input: { kind, title: '청원', receivedAt, petition: intake },
    actor,
    now: receivedAt,
    calendar,
  }).next;
}

/** Completes a petition task on the case: the form goes through the same zod schema as the API. */
function decide(c: CaseRecord, form: Record<string, unknown>, now: string): CaseRecord {
  const parsed = decisionFormSchema.parse(form);
  const applied = applyPetitionDecision(c, parsed, 'someone', now, calendar);
  return { ...c, petition: applied.petition, dueDate: applied.dueDate, version: c.version + 1 };
}

describe('petition intake', () => {
  it('keeps the petitioner and the 90-day due date of 청원법 제21조② with its explanation', () => {
    const c = open();
    expect(c.petition).toMatchObject({
      form: 'individual',
      public: false,
      signatories: 1,
      representatives: [],
      objections: [],
    });
    // 민법 초일불산입: 3/4 is day 1, 6/1 (Monday) day 90.
    expect(c.petition?.due).toMatchObject({
      dueDate: '2026-06-01',
      dueAt: '2026-06-01T23:59:59+09:00',
      article: '청원법 제21조②',
      clockStops: [],
    });
    expect(c.dueDate).toBe('2026-06-01');
    expect(c.petition?.due.explanation.join('\n')).toContain('청원법 제21조②');
  });

  it('accepts a joint petition with up to 3 representatives and refuses a fourth (청원법 제11조③)', () => {
    expect(open({ ...publicJoint, representatives: [person, person, person] }).petition?.representatives).toHaveLength(
      3,
    );
    const four = petitionIntakeSchema.safeParse({ ...publicJoint, representatives: [person, person, person, person] });
    expect(four.success).toBe(false);
    expect(four.error?.issues[0]).toMatchObject({
      path: ['representatives'],
      message: expect.stringContaining('제11조③'),
    });
    expect(() => open({ ...publicJoint, representatives: [person, person, person, person] })).toThrow(
      expect.objectContaining({
        statusCode: 400,
        field: 'petition.representatives',
        messageKo: expect.stringContaining('제11조③'),
      }),
    );
  });

  it('refuses a joint petition without representatives, an individual one with them, and details on other kinds', () => {
    expect(() => open({ ...publicJoint, representatives: [] })).toThrow(
      expect.objectContaining({ field: 'petition.representatives', rule: 'required_for_joint' }),
    );
    expect(() => open({ ...individual, representatives: [person] })).toThrow(
      expect.objectContaining({ field: 'petition.representatives', rule: 'not_for_individual' }),
    );
    expect(() =>
      openCase({
        caseId: 'C1',
        caseNumber: 'n',
        input: { kind: 'petition', title: 't', receivedAt: RECEIVED },
        actor,
        now: RECEIVED,
        calendar,
      }),
    ).toThrow(expect.objectContaining({ field: 'petition', rule: 'required_for_kind' }));
    expect(() => open(individual, RECEIVED, 'grievance')).toThrow(
      expect.objectContaining({ field: 'petition', rule: 'not_for_kind' }),
    );
  });

  it('names the identity fields that must never reach mail or exports, and keeps them out of the history', () => {
    expect(PETITION_IDENTITY_FIELDS).toEqual(
      expect.arrayContaining(['petition.petitioner.name', 'petition.petitioner.address', 'petition.representatives']),
    );
    const created = openCase({
      caseId: 'C1',
      caseNumber: 'n',
      input: { kind: 'petition', title: 't', receivedAt: RECEIVED, petition: publicJoint },
      actor,
      now: RECEIVED,
      calendar,
    });
    const text = JSON.stringify(created.drafts);
    expect(text).not.toContain(person.name);
    expect(text).not.toContain(person.address);
    expect(created.drafts[0]?.data.petition).toMatchObject({
      form: 'joint',
      public: true,
      signatories: 120,
      representativeCount: 1,
    });
  });
});

describe('screening (청원법 제6조, 제16조)', () => {
  it('processes a petition, or closes it on a ground of 제6조 or as a repeated petition, with the notice date', () => {
    const c = open();
    expect(nextPetitionStep(c.petition!)).toBe('screen');
    expect(nextPetitionStep(decide(c, { decision: 'process-petition' }, '2026-03-04T10:00:00+09:00').petition!)).toBe(
      'review-petition',
    );
    const declined = decide(
      c,
      {
        decision: 'decline-petition',
        ground: 'other-proceedings',
        reason: '행정심판 진행 중',
        noticeSentOn: '2026-03-05',
      },
      '2026-03-05T10:00:00+09:00',
    );
    expect(declined.petition?.screening).toMatchObject({
      outcome: 'not-process',
      ground: 'other-proceedings',
      noticeSentOn: '2026-03-05',
    });
    expect(nextPetitionStep(declined.petition!)).toBe('close');
    const repeated = decide(
      c,
      { decision: 'close-duplicate', duplicateOf: '2026-민원-0000', noticeSentOn: '2026-03-05' },
      '2026-03-05T10:00:00+09:00',
    );
    expect(repeated.petition?.screening).toMatchObject({ outcome: 'duplicate', duplicateOf: '2026-민원-0000' });
  });

  it('refuses a notice dated in the future or before receipt, an unknown ground, and a petition duplicating itself', () => {
    const c = open();
    expect(() =>
      decide(
        c,
        { decision: 'decline-petition', ground: 'unclear', reason: 'r', noticeSentOn: '2026-03-09' },
        '2026-03-05T10:00:00+09:00',
      ),
    ).toThrow(expect.objectContaining({ field: 'noticeSentOn', rule: 'not_in_future' }));
    expect(() =>
      decide(
        c,
        { decision: 'decline-petition', ground: 'unclear', reason: 'r', noticeSentOn: '2026-03-02' },
        '2026-03-05T10:00:00+09:00',
      ),
    ).toThrow(expect.objectContaining({ field: 'noticeSentOn' }));
    expect(
      decisionFormSchema.safeParse({
        decision: 'decline-petition',
        ground: 'dislike',
        reason: 'r',
        noticeSentOn: '2026-03-05',
      }).success,
    ).toBe(false);
    expect(() =>
      decide(
        c,
        { decision: 'close-duplicate', duplicateOf: '2026-민원-0001', noticeSentOn: '2026-03-05' },
        '2026-03-05T10:00:00+09:00',
      ),
    ).toThrow(expect.objectContaining({ field: 'duplicateOf', rule: 'not_itself' }));
  });
});

describe('a public petition: disclosure, comments and the due date with its clock stops', () => {
  const screened = () => decide(open(publicJoint), { decision: 'process-petition' }, '2026-03-04T10:00:00+09:00');

  it('goes committee review → disclosure decision → comment period → committee review → decision → notice → close', () => {
    let c = screened();
    expect(nextPetitionStep(c.petition!)).toBe('review-disclosure');
    expect(() =>
      decide(
        c,
        { decision: 'disclose', decidedOn: '2026-03-10', notifiedOn: '2026-03-10' },
        '2026-03-10T10:00:00+09:00',
      ),
    ).toThrow(expect.objectContaining({ rule: 'committee_review_first' }));
    c = decide(c, { decision: 'recommend-disclosure', opinion: '공개 적합' }, '2026-03-09T15:00:00+09:00');
    expect(nextPetitionStep(c.petition!)).toBe('decide-disclosure');
    c = decide(
      c,
      { decision: 'disclose', decidedOn: '2026-03-10', notifiedOn: '2026-03-10' },
      '2026-03-10T10:00:00+09:00',
    );
    // 제13조②: 30 days from the day after the decision: 3/11 … 4/9.
    expect(c.petition?.commentPeriod).toMatchObject({
      start: '2026-03-11',
      end: '2026-04-09',
      article: '청원법 제13조②',
    });
    expect(nextPetitionStep(c.petition!)).toBe('wait-for-comments');
    expect(commentPeriodEndsAt(c.petition!)).toBe('2026-04-09T15:00:00Z');
    // 제21조②: 3/4–3/10 (7 days) and 3/11–4/9 (30 days) are not counted: 6/1 + 37 days = 7/8.
    expect(c.petition?.due).toMatchObject({
      dueDate: '2026-07-08',
      clockStops: [
        { from: '2026-03-04', to: '2026-03-10', article: expect.stringContaining('청원법 제21조②') },
        { from: '2026-03-11', to: '2026-04-09', article: expect.stringContaining('청원법 제21조②') },
      ],
    });
    expect(c.petition?.due.explanation.some((line) => line.includes('정지 기간') && line.includes('제21조②'))).toBe(
      true,
    );
    // The same date, counted independently from the statutory period and the two stops.
    const oracle = computeDue('petition.decision', RECEIVED, calendar, {
      clockStops: [
        { from: '2026-03-04', to: '2026-03-10', reasonKo: 'a' },
        { from: '2026-03-11', to: '2026-04-09', reasonKo: 'b' },
      ],
    });
    expect(oracle.dueDate).toBe('2026-07-08');
    c = {
      ...c,
      petition: { ...c.petition!, commentPeriod: { ...c.petition!.commentPeriod!, closedOn: '2026-04-09' } },
    };
    expect(nextPetitionStep(c.petition!)).toBe('review-petition');
    c = decide(c, { decision: 'recommend-acceptance', commentCount: 42 }, '2026-04-20T10:00:00+09:00');
    expect(c.petition?.commentPeriod?.commentCount).toBe(42);
    expect(nextPetitionStep(c.petition!)).toBe('decide-petition');
    c = decide(
      c,
      { decision: 'accept-petition', content: '놀이시설 교체 예산 반영', decidedOn: '2026-04-24' },
      '2026-04-24T10:00:00+09:00',
    );
    expect(nextPetitionStep(c.petition!)).toBe('notify-petitioner');
    c = decide(c, { decision: 'send-petition-notice', notifiedOn: '2026-04-27' }, '2026-04-27T10:00:00+09:00');
    expect(c.petition?.notice).toMatchObject({ notifiedOn: '2026-04-27', late: false });
    expect(nextPetitionStep(c.petition!)).toBe('close');
  });

  it('counts only the 15 days of 제13조① when the disclosure decision comes late, and no comment period when it is withheld', () => {
    let c = decide(screened(), { decision: 'recommend-nondisclosure' }, '2026-03-20T10:00:00+09:00');
    c = decide(
      c,
      {
        decision: 'withhold-disclosure',
        reason: '개인 사생활 포함',
        decidedOn: '2026-03-25',
        notifiedOn: '2026-03-25',
      },
      '2026-03-25T10:00:00+09:00',
    );
    // The disclosure-decision deadline is 3/18 (15 days from 3/4): 3/4–3/18 is taken out, not up to 3/25.
    expect(c.petition?.due.clockStops).toEqual([
      { from: '2026-03-04', to: '2026-03-18', reasonKo: '공개청원 공개 여부 결정기간', article: expect.any(String) },
    ]);
    expect(c.petition?.commentPeriod).toBeUndefined();
    expect(nextPetitionStep(c.petition!)).toBe('review-petition');
  });

  it('times the disclosure tasks from receipt (15 days, 제13조①) and the later ones from the petition due date', () => {
    const c = screened();
    const disclosure = petitionTaskDue('petition.disclosure', { c, now: '2026-03-04T10:00:00+09:00', calendar });
    expect(disclosure).toMatchObject({
      dueAt: '2026-03-18T23:59:59+09:00',
      basis: { article: '청원법 제13조①', source: 'statutory' },
    });
    const decision = petitionTaskDue('petition.decision', { c, now: '2026-03-04T10:00:00+09:00', calendar });
    expect(decision).toMatchObject({ dueAt: '2026-06-01T23:59:59+09:00', basis: { article: '청원법 제21조②' } });
  });
});

describe('extension (청원법 제21조③: once, up to 60 days, with notice)', () => {
  const now = '2026-05-20T10:00:00+09:00';
  const input = { days: 60, reason: '관계 부서 현장 조사 필요', noticeSentOn: '2026-05-20' };

  it('extends once from the day after the current due date and explains it', () => {
    const c = decide(open(), { decision: 'process-petition' }, '2026-03-04T10:00:00+09:00');
    const change = extendPetition(c, input, actor, now, calendar);
    // 6/1 + 60 days from 6/2 → 7/31 (Friday).
    expect(change.next.petition?.extension).toMatchObject({
      days: 60,
      previousDueDate: '2026-06-01',
      newDueDate: '2026-07-31',
      noticeSentOn: '2026-05-20',
    });
    expect(change.next.petition?.due).toMatchObject({
      dueDate: '2026-07-31',
      article: expect.stringContaining('청원법 제21조③'),
    });
    expect(change.next.dueDate).toBe('2026-07-31');
    expect(change.drafts[0]).toMatchObject({
      type: 'PETITION_EXTENDED',
      data: { before: '2026-06-01', after: '2026-07-31', article: '청원법 제21조③' },
    });
    expect(petitionTaskDue('petition.decision', { c: change.next, now, calendar }).dueAt).toBe(
      '2026-07-31T23:59:59+09:00',
    );
  });

  it('rebuilds the due date of the case as of a date before and after the extension', () => {
    const c = decide(open(), { decision: 'process-petition' }, '2026-03-04T10:00:00+09:00');
    const change = extendPetition(c, input, actor, now, calendar);
    const created = {
      type: 'CASE_CREATED',
      at: '2026-03-03T10:00:00+09:00',
      actor,
      data: { caseNumber: c.caseNumber, kind: 'petition', title: c.title, receivedAt: c.receivedAt },
    };
    const events = [created, ...change.drafts].map((d, i) => ({
      ...d,
      caseId: c.caseId,
      seq: i + 1,
      prevHash: '',
      hash: '',
    })) as HistoryEvent[];
    expect(caseAsOf(change.next, events, '2026-05-19', KINDS)?.dueDate).toBe('2026-06-01');
    expect(caseAsOf(change.next, events, '2026-05-20', KINDS)?.dueDate).toBe('2026-07-31');
  });

  it('refuses a second extension with rule extension_limit (422), and more than 60 days at the boundary', () => {
    const once = extendPetition(open(), { ...input, days: 10 }, actor, now, calendar).next;
    expect(() => extendPetition(once, input, actor, now, calendar)).toThrow(
      expect.objectContaining({ statusCode: 422, rule: 'extension_limit' }),
    );
    const tooLong = extensionInputSchema.safeParse({ ...input, days: 61 });
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]).toMatchObject({ path: ['days'], message: expect.stringContaining('제21조③') });
  });

  it('refuses an extension after the period ran out, of a closed case, or with a notice dated in the future', () => {
    expect(() => extendPetition(open(), input, actor, '2026-06-02T09:00:00+09:00', calendar)).toThrow(
      expect.objectContaining({ rule: 'period_expired' }),
    );
    expect(() => extendPetition({ ...open(), stage: 'closed' }, input, actor, now, calendar)).toThrow(
      expect.objectContaining({ rule: 'case_closed' }),
    );
    expect(() => extendPetition(open(), { ...input, noticeSentOn: '2026-05-21' }, actor, now, calendar)).toThrow(
      expect.objectContaining({ field: 'noticeSentOn', rule: 'not_in_future' }),
    );
  });
});

describe('objections (청원법 제22조)', () => {
  function withheld(): CaseRecord {
    let c = decide(open(publicJoint), { decision: 'process-petition' }, '2026-03-04T10:00:00+09:00');
    c = decide(c, { decision: 'recommend-nondisclosure' }, '2026-03-09T10:00:00+09:00');
    return decide(
      c,
      { decision: 'withhold-disclosure', reason: '사생활', decidedOn: '2026-03-10', notifiedOn: '2026-03-10' },
      '2026-03-10T10:00:00+09:00',
    );
  }
  const objection = (filedOn: string) => ({
    ground: 'non-disclosure' as const,
    filedOn,
    content: '공개 부적합 결정에 이의',
  });

  it('accepts an objection to non-disclosure within 30 days of the notice and sets its 15-day decision date', () => {
    const c = { ...withheld(), stage: 'review' as const };
    const change = fileObjection(c, objection('2026-04-09'), 1, actor, '2026-04-09T10:00:00+09:00', 'exec-1', calendar);
    expect(change.objection).toMatchObject({
      ground: 'non-disclosure',
      filingDeadline: '2026-04-09',
      decisionDueDate: '2026-04-24',
    });
    expect(change.next).toMatchObject({ stage: 'review', pendingExecutionName: 'exec-1' });
    expect(nextPetitionStep(change.next.petition!)).toBe('decide-objection');
  });

  it('refuses it on the 31st day, and when the petition was not found unsuitable for disclosure', () => {
    expect(() =>
      fileObjection(
        { ...withheld(), stage: 'review' },
        objection('2026-04-10'),
        1,
        actor,
        '2026-04-10T10:00:00+09:00',
        'e',
        calendar,
      ),
    ).toThrow(expect.objectContaining({ field: 'filedOn', rule: 'objection_period_expired' }));
    expect(() =>
      fileObjection(open(), objection('2026-03-05'), 1, actor, '2026-03-05T10:00:00+09:00', 'e', calendar),
    ).toThrow(expect.objectContaining({ rule: 'no_non_disclosure' }));
  });

  it('takes an objection for a petition not processed in time only after the period ran out, for 30 days, and reopens a closed one', () => {
    const late = {
      ...decide(open(), { decision: 'process-petition' }, '2026-03-04T10:00:00+09:00'),
      stage: 'closed' as const,
      closedAt: '2026-06-10T10:00:00+09:00',
    };
    const notProcessed = { ground: 'not-processed-in-time' as const, content: '처리기간 경과' };
    expect(() =>
      fileObjection(
        late,
        { ...notProcessed, filedOn: '2026-06-01' },
        0,
        actor,
        '2026-06-01T10:00:00+09:00',
        'e',
        calendar,
      ),
    ).toThrow(expect.objectContaining({ rule: 'period_not_yet_expired' }));
    const reopened = fileObjection(
      late,
      { ...notProcessed, filedOn: '2026-07-01' },
      0,
      actor,
      '2026-07-01T10:00:00+09:00',
      'e',
      calendar,
    );
    expect(reopened.next.stage).toBe('review');
    expect(reopened.next.closedAt).toBeUndefined();
    expect(reopened.drafts[0]).toMatchObject({
      type: 'PETITION_OBJECTION_FILED',
      stageBefore: 'closed',
      data: { reopened: true, filingDeadline: '2026-07-02' },
    });
    expect(() =>
      fileObjection(
        late,
        { ...notProcessed, filedOn: '2026-07-03' },
        0,
        actor,
        '2026-07-03T10:00:00+09:00',
        'e',
        calendar,
      ),
    ).toThrow(expect.objectContaining({ rule: 'objection_period_expired' }));
  });

  it('refuses a second objection while one waits, and an objection while the workflow is between steps', () => {
    const c = { ...withheld(), stage: 'review' as const };
    const filed = fileObjection(c, objection('2026-03-20'), 1, actor, '2026-03-20T10:00:00+09:00', 'e', calendar).next;
    expect(() =>
      fileObjection(
        filed,
        { ...objection('2026-03-21'), ground: 'not-processed-in-time' },
        1,
        actor,
        '2026-03-21T10:00:00+09:00',
        'e',
        calendar,
      ),
    ).toThrow(expect.objectContaining({ rule: 'objection_pending' }));
    expect(() =>
      fileObjection(c, objection('2026-03-20'), 0, actor, '2026-03-20T10:00:00+09:00', 'e', calendar),
    ).toThrow(expect.objectContaining({ rule: 'workflow_busy' }));
  });

  it('an upheld objection to non-disclosure discloses the petition and opens its comment period', () => {
    const filed = fileObjection(
      { ...withheld(), stage: 'review' },
      objection('2026-03-20'),
      1,
      actor,
      '2026-03-20T10:00:00+09:00',
      'e',
      calendar,
    ).next;
    const decided = decide(
      filed,
      { decision: 'uphold-objection', content: '공개 적합', decidedOn: '2026-03-25', notifiedOn: '2026-03-25' },
      '2026-03-25T10:00:00+09:00',
    );
    expect(decided.petition?.objections[0]?.decision).toMatchObject({ outcome: 'upheld' });
    expect(decided.petition?.disclosure).toMatchObject({
      decision: 'disclose',
      decidedOn: '2026-03-25',
      viaObjection: 'OBJ1',
    });
    expect(decided.petition?.commentPeriod).toMatchObject({ start: '2026-03-26', end: '2026-04-24' });
    expect(nextPetitionStep(decided.petition!)).toBe('wait-for-comments');
  });
});
