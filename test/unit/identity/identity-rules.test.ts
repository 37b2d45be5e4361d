import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertMayRead,
  assertTextFreeOfIdentity,
  decideAccess,
  maskAddress,
  maskContact,
  maskName,
  type AccessRequest,
} from '#shared/domain/identity.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { assertSealing } from '#shared/domain/sealing.ts';
import { open, seal } from '#shared/identity/envelope.ts';
import { FileKeyProvider } from '#shared/identity/file-key-provider.ts';

const reporter = {
  name: '변학도',
  phone: '010-9876-5432',
  email: 'whistle@example.kr',
  consentToDisclosure: false,
};

describe('sealing is not a choice for protected kinds', () => {
  it('refuses sealed:false on a whistleblower report with 422 naming the article', () => {
    expect(() => assertSealing('whistleblower-report', undefined, false)).toThrowError(
      expect.objectContaining({
        statusCode: 422,
        rule: 'sealing_required',
        message: expect.stringContaining('제12조'),
      }),
    );
  });
  it('refuses sealed:false for the anonymous channel whatever the kind, and allows it elsewhere', () => {
    expect(() => assertSealing('grievance', '익명신고', false)).toThrowError(
      expect.objectContaining({ statusCode: 422 }),
    );
    expect(() => assertSealing('grievance', '응답소', false)).not.toThrow();
    expect(() => assertSealing('whistleblower-report', undefined, undefined)).not.toThrow();
  });
});

describe('intake free text and the reporter identity', () => {
  it.each([
    ['the name', { summary: '신고인 변학도가 제보함' }],
    ['the name split by a space', { summary: '신고인 변 학도 진술' }],
    ['the phone in another format', { title: '연락 01098765432 요망' }],
    ['the phone with dots', { summary: '연락처 010.9876.5432' }],
    ['the e-mail in capitals', { summary: 'WHISTLE@EXAMPLE.KR 로 회신' }],
  ])('refuses %s without echoing it', (_what, texts) => {
    let error: unknown;
    try {
      assertTextFreeOfIdentity(reporter, texts);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ statusCode: 400, rule: 'reporter_identity_in_text' });
    const { message, messageKo } = error as { message: string; messageKo: string };
    for (const secret of ['변학도', '9876', 'whistle']) {
      expect(message).not.toContain(secret);
      expect(messageKo).not.toContain(secret);
    }
  });
  it('accepts text that does not carry the identity', () => {
    expect(() =>
      assertTextFreeOfIdentity(reporter, { title: '청소 용역 계약 부당 집행 신고', summary: '2026년 9월 계약 건' }),
    ).not.toThrow();
  });
});

describe('envelope encryption under the identity key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'identity-unit-'));
  const keys = new FileKeyProvider(join(dir, 'a', 'identity.key'));

  it('round-trips, stores no plaintext, and opens only with the same case context and key', async () => {
    const envelope = await seal(keys, JSON.stringify(reporter), { caseId: 'C1', purpose: 'reporter-identity' });
    expect(JSON.stringify(envelope)).not.toContain('변학도');
    expect(JSON.parse(await open(keys, envelope, { caseId: 'C1', purpose: 'reporter-identity' }))).toEqual(reporter);
    await expect(open(keys, envelope, { caseId: 'C2', purpose: 'reporter-identity' })).rejects.toThrow();
    const otherKey = new FileKeyProvider(join(dir, 'b', 'identity.key'));
    expect(otherKey.keyId).not.toBe(keys.keyId);
    await expect(open(otherKey, envelope, { caseId: 'C1', purpose: 'reporter-identity' })).rejects.toThrow();
  });

  it('keeps the key file and reuses it (a second provider on the same file opens the first one’s envelopes)', async () => {
    const path = join(dir, 'c', 'identity.key');
    const first = new FileKeyProvider(path);
    const envelope = await seal(first, 'x', { caseId: 'C3' });
    const second = new FileKeyProvider(path);
    expect(readFileSync(path, 'utf8').trim()).toHaveLength(44);
    expect(await open(second, envelope, { caseId: 'C3' })).toBe('x');
  });
});

describe('the custodian’s grant', () => {
  const handler: Actor = { sub: 'inv-1', roles: ['investigator'] };
  const request: AccessRequest = {
    requestId: 'R1',
    caseId: 'C1',
    caseNumber: '2026-민원-0001',
    requesterSub: 'inv-1',
    reason: '보완요구 통지',
    requestedAt: '2026-12-01T10:00:00+09:00',
    status: 'pending',
    reads: 0,
  };
  const custodian = { sub: 'cus-1', role: 'custodian' as const };
  const now = new Date('2026-12-01T02:00:00Z');

  it('lets the holder read until the grant expires, then refuses', () => {
    const { next, draft } = decideAccess(request, { grant: true, reason: '통지 필요', days: 3 }, custodian, now, 'x');
    expect(draft).toMatchObject({ type: 'IDENTITY_ACCESS_GRANTED', data: { granteeSub: 'inv-1', days: 3 } });
    expect(() => assertMayRead(handler, next, 'inv-1', new Date('2026-12-03T02:00:00Z'))).not.toThrow();
    expect(() => assertMayRead(handler, next, 'inv-1', new Date('2026-12-04T02:00:01Z'))).toThrowError(
      expect.objectContaining({ rule: 'grant_expired' }),
    );
  });
  it('is scoped to one person and lapses when the case changes hands', () => {
    const { next } = decideAccess(request, { grant: true, reason: '통지 필요' }, custodian, now, 'x');
    expect(() => assertMayRead({ sub: 'inv-2', roles: ['investigator'] }, next, 'inv-2', now)).toThrowError(
      expect.objectContaining({ rule: 'no_grant' }),
    );
    expect(() => assertMayRead(handler, next, 'inv-2', now)).toThrowError(
      expect.objectContaining({ rule: 'no_longer_handler' }),
    );
  });
  it('never lets an admin or auditor read, and decides a request only once', () => {
    const { next } = decideAccess(request, { grant: false, reason: '필요성 부족' }, custodian, now, 'x');
    expect(() => decideAccess(next, { grant: true, reason: '재검토' }, custodian, now, 'x')).toThrowError(
      expect.objectContaining({ rule: 'already_decided' }),
    );
    expect(() => assertMayRead({ sub: 'inv-1', roles: ['admin'] }, next, 'inv-1', now)).toThrowError(
      expect.objectContaining({ rule: 'role_never_sees_identity' }),
    );
  });
});

describe('masking for people who need not know', () => {
  it('masks names, phone numbers, e-mail and addresses', () => {
    expect(maskName('이몽룡')).toBe('이*룡');
    expect(maskName('남궁민수')).toBe('남**수');
    expect(maskName('홍길')).toBe('홍*');
    expect(maskContact('010-1234-6666')).toBe('010-****-6666');
    expect(maskContact('02 2670 3114')).toBe('02 **** 3114');
    expect(maskContact('01012346666')).toBe('*******6666');
    expect(maskContact('mong@example.kr')).toBe('m***@example.kr');
    expect(maskAddress('서울특별시 영등포구 당산로 123')).toBe('서울특별시 영등포구 ***');
  });
});
