/**
 * Identities the law protects (docs/design.md#10-protected-identities).
 *
 * A whistleblower's identity (공익신고자 보호법): disclosing it, or facts from which it can be
 * inferred, is a crime (법 제12조①, 제30조①: 5년/5천만원), and the body that receives a report must
 * make sure it is never disclosed without consent at intake, transfer or investigation (시행령 제13조).
 * So the identity is not part of the case: it is sealed in a vault under its own key, and only a
 * handler whom the identity custodian has granted access, for that one case and for a while, can
 * open it; every request, decision and read is in the case's hash chain (without the identity).
 *
 * Complainants' and petitioners' personal data (민원처리법 제7조, 개인정보 보호법) is need-to-know:
 * people not handling the case see a masked form (see `maskName`, `maskPhone`).
 *
 * Pure: no AWS SDK, no storage.
 */
import * as z from 'zod';
import { ForbiddenError, IllegalTransitionError, ValidationError } from './errors.ts';
import type { EventActor, EventDraft } from './history.ts';
import { hasAnyRole, type Actor, type Role } from './roles.ts';

/** The encryption context's purpose on every sealed reporter identity; the KMS grants are conditioned on it. */
export const IDENTITY_KEY_PURPOSE = 'reporter-identity';

export const REPORTER_CONFIDENTIALITY_ARTICLE = '공익신고자 보호법 제12조①, 같은 법 시행령 제13조';

const text = (max: number) => z.string().trim().min(1).max(max);

export const reporterIdentitySchema = z
  .strictObject({
    name: text(50).describe('신고자 성명'),
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+()\-\s.]{7,20}$/, 'phone: digits with - . ( ) + or spaces, 7–20 characters')
      .optional()
      .describe('연락처(전화)'),
    email: z.email().max(200).optional().describe('전자우편'),
    address: text(300).optional().describe('주소'),
    relationship: text(200).optional().describe('피신고자와의 관계·소속 (예: 같은 부서 직원)'),
    consentToDisclosure: z.boolean().describe('신분공개 동의 여부 (법 제12조① 단서)'),
  })
  .describe('공익신고자 인적사항 — 사건과 분리되어 별도 키로 암호화 보관, 신원정보 관리책임자 승인 시에만 열람');
export type ReporterIdentity = z.infer<typeof reporterIdentitySchema>;

/** What the case (and everyone who may read it) knows about the vault: that it holds something, not what. */
export const identitySummarySchema = z.object({
  held: z.boolean(),
  consentToDisclosure: z.boolean().optional(),
  storedAt: z.iso.datetime({ offset: true }).optional(),
});
export type IdentitySummary = z.infer<typeof identitySummarySchema>;

const digitsOf = (value: string) => value.replace(/\D/g, '');
const compact = (value: string) => value.replace(/\s+/g, '').toLowerCase();

/**
 * Free text entered at intake must not carry the reporter's name or contact: it would land in the
 * case's title, summary and permanent history. Found → refused, naming the field but never echoing
 * the identity (the error itself is logged and shown).
 */
export function assertTextFreeOfIdentity(identity: ReporterIdentity, texts: Record<string, string | undefined>): void {
  const name = compact(identity.name);
  const phoneDigits = identity.phone ? digitsOf(identity.phone) : '';
  // The last 8 digits identify a Korean mobile number whatever the prefix (010, +82 10 …).
  const phoneTail = phoneDigits.slice(-8);
  const email = identity.email?.toLowerCase();
  const address = identity.address ? compact(identity.address) : undefined;
  for (const [field, value] of Object.entries(texts)) {
    if (value === undefined) continue;
    const found: string[] = [];
    if (name.length >= 2 && compact(value).includes(name)) found.push('성명');
    if (phoneTail.length >= 7 && digitsOf(value).includes(phoneTail)) found.push('연락처');
    if (email && value.toLowerCase().includes(email)) found.push('전자우편');
    if (address && address.length >= 6 && compact(value).includes(address)) found.push('주소');
    if (found.length > 0) {
      throw new ValidationError(
        `${field} contains the reporter's ${found.map((f) => ({ 성명: 'name', 연락처: 'phone', 전자우편: 'email', 주소: 'address' })[f]).join(', ')}: remove it — the identity goes only in "reporter", which is sealed (${REPORTER_CONFIDENTIALITY_ARTICLE})`,
        `${field}에 신고자의 ${found.join('·')}이(가) 들어 있습니다. 신원은 봉인되는 신고자 인적사항(reporter)에만 입력하고 이 칸에서는 지워 주십시오 (${REPORTER_CONFIDENTIALITY_ARTICLE})`,
        { field, rule: 'reporter_identity_in_text' },
      );
    }
  }
}

export function identityStoredDraft(identity: ReporterIdentity, actor: EventActor, at: string): EventDraft {
  return {
    type: 'IDENTITY_SEALED',
    at,
    actor,
    // Which fields were sealed, never their values: history is permanent and readable by auditors.
    data: {
      fields: (['name', 'phone', 'email', 'address', 'relationship'] as const).filter((f) => identity[f] !== undefined),
      consentToDisclosure: identity.consentToDisclosure,
    },
  };
}

// ── the custodian's grants ──────────────────────────────────────────────────────────────────────

/** How long a grant lasts unless the custodian says otherwise, and the longest it may. */
export const DEFAULT_GRANT_DAYS = 7;
export const MAX_GRANT_DAYS = 30;

/** Never see an identity, whatever anyone grants (the admin runs the system; auditors check it). */
const NEVER_SEE_IDENTITY: readonly Role[] = ['admin', 'auditor', 'custodian'];

export const accessRequestSchema = z.object({
  requestId: z.string(),
  caseId: z.string(),
  caseNumber: z.string(),
  requesterSub: z.string(),
  requesterName: z.string().optional(),
  reason: z.string(),
  requestedAt: z.iso.datetime({ offset: true }),
  status: z.enum(['pending', 'granted', 'refused']),
  decision: z
    .object({
      by: z.string(),
      byName: z.string().optional(),
      at: z.iso.datetime({ offset: true }),
      reason: z.string(),
      expiresAt: z.iso.datetime({ offset: true }).optional(),
    })
    .optional(),
  reads: z.number().int().nonnegative(),
  lastReadAt: z.iso.datetime({ offset: true }).optional(),
});
export type AccessRequest = z.infer<typeof accessRequestSchema>;

export const ACCESS_STATUS_LABELS: Record<AccessRequest['status'] | 'expired', string> = {
  pending: '결정 대기',
  granted: '승인',
  refused: '거부',
  expired: '기간 만료',
};

export function accessStatusAt(request: AccessRequest, now: Date): AccessRequest['status'] | 'expired' {
  if (
    request.status === 'granted' &&
    request.decision?.expiresAt &&
    Date.parse(request.decision.expiresAt) <= now.getTime()
  )
    return 'expired';
  return request.status;
}

/** The case's handler (its assignee) asks; nobody else may, and never the roles that must not see it. */
export function assertMayRequestAccess(actor: Actor, assigneeSub: string | undefined, caseNumber: string): void {
  if (hasAnyRole(actor, NEVER_SEE_IDENTITY)) {
    throw new ForbiddenError(
      'Administrators, auditors and the identity custodian never see a reporter identity',
      '관리자·감사인·신원정보 관리책임자는 신고자 신원을 열람할 수 없습니다',
      { rule: 'role_never_sees_identity' },
    );
  }
  if (assigneeSub !== actor.sub) {
    throw new ForbiddenError(
      `Only the handler of case ${caseNumber} may ask to see the reporter's identity`,
      `신고자 신원 열람은 사건(${caseNumber})의 담당자만 요청할 수 있습니다`,
      { rule: 'not_the_handler' },
    );
  }
}

export function assertCustodian(actor: Actor): void {
  if (!actor.roles.includes('custodian')) {
    throw new ForbiddenError(
      'Only the identity custodian decides on access to a reporter identity',
      '신고자 신원 열람 승인·거부는 신원정보 관리책임자만 할 수 있습니다',
      { rule: 'not_custodian' },
    );
  }
}

export function decideAccess(
  request: AccessRequest,
  decision: { grant: boolean; reason: string; days?: number },
  custodian: EventActor,
  now: Date,
  nowIso: string,
): { next: AccessRequest; draft: EventDraft } {
  if (request.status !== 'pending') {
    throw new IllegalTransitionError(
      `Request ${request.requestId} was already ${request.status}`,
      `이미 결정된 열람 요청입니다 (${ACCESS_STATUS_LABELS[request.status]})`,
      { field: 'requestId', rule: 'already_decided' },
    );
  }
  if (request.requesterSub === custodian.sub) {
    throw new ForbiddenError('A custodian cannot decide their own request', '자신의 열람 요청은 결정할 수 없습니다', {
      rule: 'own_request',
    });
  }
  const days = decision.days ?? DEFAULT_GRANT_DAYS;
  const expiresAt = decision.grant ? new Date(now.getTime() + days * 86_400_000).toISOString() : undefined;
  const next: AccessRequest = {
    ...request,
    status: decision.grant ? 'granted' : 'refused',
    decision: {
      by: custodian.sub,
      ...(custodian.name !== undefined && { byName: custodian.name }),
      at: nowIso,
      reason: decision.reason,
      ...(expiresAt !== undefined && { expiresAt }),
    },
  };
  return {
    next,
    draft: {
      type: decision.grant ? 'IDENTITY_ACCESS_GRANTED' : 'IDENTITY_ACCESS_REFUSED',
      at: nowIso,
      actor: custodian,
      data: {
        requestId: request.requestId,
        granteeSub: request.requesterSub,
        reason: decision.reason,
        ...(expiresAt !== undefined && { expiresAt, days }),
      },
    },
  };
}

/** A read is allowed only on the holder's own, granted, unexpired request, while they still handle the case. */
export function assertMayRead(
  actor: Actor,
  request: AccessRequest | undefined,
  assigneeSub: string | undefined,
  now: Date,
): AccessRequest {
  if (hasAnyRole(actor, NEVER_SEE_IDENTITY)) {
    throw new ForbiddenError(
      'Administrators, auditors and the identity custodian never see a reporter identity',
      '관리자·감사인·신원정보 관리책임자는 신고자 신원을 열람할 수 없습니다',
      { rule: 'role_never_sees_identity' },
    );
  }
  if (!request || request.requesterSub !== actor.sub) {
    throw new ForbiddenError(
      'No access to the reporter identity: ask the identity custodian (POST /cases/{caseId}/identity/requests)',
      '신고자 신원 열람 권한이 없습니다. 신원정보 관리책임자에게 열람을 요청하십시오',
      { rule: 'no_grant' },
    );
  }
  const status = accessStatusAt(request, now);
  if (status !== 'granted') {
    throw new ForbiddenError(
      `Request ${request.requestId} is ${status}, not granted`,
      `열람 요청이 승인 상태가 아닙니다 (${ACCESS_STATUS_LABELS[status]})`,
      { rule: status === 'expired' ? 'grant_expired' : 'not_granted' },
    );
  }
  if (assigneeSub !== actor.sub) {
    throw new ForbiddenError(
      'The grant lapsed: you no longer handle this case',
      '담당자가 바뀌어 열람 승인이 효력을 잃었습니다',
      { rule: 'no_longer_handler' },
    );
  }
  return request;
}

// ── complainants' and petitioners' personal data: need to know ─────────────────────────────────

/** 이몽룡 → 이*룡, 홍길 → 홍*, John Smith → J********h. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 010-1234-6666 → 010-****-6666; other contacts (e-mail) keep their first letter and domain. */
export function maskContact(contact: string): string {
  const value = contact.trim();
  const at = value.indexOf('@');
  if (at > 0) return `${value[0]}***${value.slice(at)}`;
  const groups = value.split(/([-.\s])/);
  const digitGroups = groups.filter((g) => /\d/.test(g));
  if (digitGroups.length >= 3) {
    let seen = 0;
    return groups
      .map((g) => {
        if (!/\d/.test(g)) return g;
        seen += 1;
        return seen === 1 || seen === digitGroups.length ? g : g.replace(/\d/g, '*');
      })
      .join('');
  }
  const digits = value.replace(/\D/g, '');
  if (digits.length < 4) return '*'.repeat(value.length);
  return `${'*'.repeat(Math.max(0, value.length - 4))}${value.slice(-4)}`;
}

/** 서울특별시 영등포구 당산로 123, 101동 → 서울특별시 영등포구 ***. */
export function maskAddress(address: string): string {
  const words = address.trim().split(/\s+/);
  return words.length <= 2 ? '***' : `${words.slice(0, 2).join(' ')} ***`;
}

/** A person named in a case's details, as a viewer without need-to-know sees them (이*룡, 010-****-6666). */
export function maskPerson<
  P extends { name: string; address?: string; phone?: string; email?: string; contact?: string },
>(p: P): P {
  return {
    ...p,
    name: maskName(p.name),
    ...(p.address !== undefined && { address: maskAddress(p.address) }),
    ...(p.phone !== undefined && { phone: maskContact(p.phone) }),
    ...(p.email !== undefined && { email: maskContact(p.email) }),
    ...(p.contact !== undefined && { contact: maskContact(p.contact) }),
  };
}
