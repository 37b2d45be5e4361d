/**
 * When sealing a case is not a choice (docs/design.md#10-protected-identities): a kind whose module
 * declares `protectedIdentity` (e.g. 공익신고, 공익신고자 보호법 제12조①) is always sealed, and so
 * is whatever comes through the anonymous channel (익명신고, e.g. a 구 "청렴톡"): a tip there is not
 * always a 공익신고 under the Act (제8조①), but its sender's identity must not be inferable either.
 */
import { UnprocessableError, ValidationError } from './errors.ts';
import type { ReporterIdentity } from './identity.ts';
import type { KindRegistry } from './kind-registry.ts';
import { KINDS } from '../kinds/registry.ts';

const ANONYMOUS_CHANNEL = '익명신고';
const ANONYMOUS_CHANNEL_ARTICLE = '공익신고자 보호법 제12조① 취지 — 익명 제보자 보호 (구 규칙 확인 필요)';

const protectedIdentityOf = (kind: string, kinds: KindRegistry) =>
  kinds.has(kind) ? kinds.get(kind).protectedIdentity : undefined;

/** The article that makes sealing compulsory for this intake, or undefined when sealing is a choice. */
export function compulsorySealing(kind: string, channel: string | undefined, kinds: KindRegistry = KINDS) {
  return (
    protectedIdentityOf(kind, kinds)?.sealingArticle ??
    (channel === ANONYMOUS_CHANNEL ? ANONYMOUS_CHANNEL_ARTICLE : undefined)
  );
}

/** Kinds whose intake may carry a reporter identity for the vault. */
export function holdsReporterIdentity(kind: string, kinds: KindRegistry = KINDS): boolean {
  return protectedIdentityOf(kind, kinds)?.reporterIdentity === true;
}

/** Refuses `sealed: false` where the law makes sealing compulsory (→ 422, naming the article). */
export function assertSealing(
  kind: string,
  channel: string | undefined,
  sealed: boolean | undefined,
  kinds: KindRegistry = KINDS,
): void {
  const article = compulsorySealing(kind, channel, kinds);
  if (article !== undefined && sealed === false) {
    const byKind = protectedIdentityOf(kind, kinds);
    // A kind sealed for what its cases hold (e.g. 과세정보) rather than for a reporter says so.
    const forReporter = byKind === undefined || byKind.reporterIdentity;
    throw new UnprocessableError(
      forReporter
        ? `A ${byKind ? byKind.nounEn : 'report through the anonymous channel'} is always sealed: the reporter's identity must not be disclosed (${article})`
        : `A ${byKind.nounEn} is always sealed (${article})`,
      forReporter
        ? `${byKind ? kinds.labelOf(kind) : '익명 채널 제보'}는 항상 비공개(신원 보호)로 접수됩니다. 신고자의 신원을 공개할 수 없습니다 (${article})`
        : `${kinds.labelOf(kind)}는 항상 비공개로 접수됩니다 (${article})`,
      { field: 'sealed', rule: 'sealing_required', meta: { article } },
    );
  }
}

/** Refuses a reporter identity on a kind that has no vault for it (a grievance has its complainant). */
export function assertIdentityAllowed(
  kind: string,
  identity: ReporterIdentity | undefined,
  kinds: KindRegistry = KINDS,
): void {
  if (identity !== undefined && !holdsReporterIdentity(kind, kinds)) {
    throw new ValidationError(
      `reporter is only for whistleblower reports, not ${kind}`,
      '신고자 인적사항(reporter)은 공익신고에만 입력할 수 있습니다',
      { field: 'reporter', rule: 'not_for_kind' },
    );
  }
}
