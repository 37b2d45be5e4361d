/**
 * Statutory periods as data (docs/design.md#5-rules-are-data-with-citations): each period names its
 * article and the confidence label of docs/legal-basis.md#confidence-labels (C confirmed, C* confirmed
 * text with inferred article number, S secondary, R recalled/unconfirmed — verify R and S at
 * law.go.kr before they become hard behaviour), and the counting rule its law implies:
 *
 *  - `minwon-article-19` for 민원 processing periods (민원처리법 제19조 governs "민원의 처리기간");
 *  - `civil-act` for everything else: 행정기본법 제6조① makes the 민법 apply to 행정에 관한 기간 unless a
 *    law says otherwise, and the laws below (청원법, 공공감사법, 부패방지권익위법, 지방공무원법 …) have no
 *    counting rule of their own as far as was read — hence `countingConfidence` R on those.
 *
 * `computeDue` turns a period id and a receipt time into an explained due date on a Calendar.
 */
import * as z from 'zod';
import {
  CalendarInputError,
  ExtensionNotAllowedError,
  clockStopSchema,
  computeDeadline,
  dateTimeWithOffsetSchema,
  parseCalendarInput,
  type Calendar,
  type ClockStop,
  type Confidence,
  type CountingRule,
  type DueDateResult,
  type PeriodUnit,
} from '../calendar/index.ts';

export interface ExtensionRule {
  /** Longest single extension, in the period's unit; `period` = no longer than the period itself. Absent = the law sets no cap. */
  readonly maxAmount?: number | 'period';
  /** How many extensions the law allows; absent = no fixed number. */
  readonly maxCount?: number;
  /** From this extension on (1-based), the complainant's consent is required. */
  readonly consentRequiredFrom?: number;
  readonly article: string;
  readonly confidence: Confidence;
  readonly noteKo?: string;
}

export interface StatutoryPeriod {
  readonly labelKo: string;
  readonly amount: number;
  readonly unit: PeriodUnit;
  readonly counting: CountingRule;
  readonly article: string;
  /** Confidence in the period itself (amount and article), docs/legal-basis.md#confidence-labels. */
  readonly confidence: Confidence;
  /** Why this counting rule applies. */
  readonly countingBasis: string;
  /** Confidence in the counting-rule choice (separate: the period can be certain while its counting is inferred). */
  readonly countingConfidence: Confidence;
  /** What `receivedAt` stands for, e.g. `접수일` or `징계사유 통보를 받은 날`. */
  readonly startsFromKo: string;
  readonly extension?: ExtensionRule;
  /** The office may set another amount (e.g. the current text differs from the one read). */
  readonly adjustable?: { readonly maxAmount?: number; readonly noteKo: string };
  /** Intervals the law takes out of the period — pass them as clock stops. */
  readonly clockStopsKo?: string;
  readonly noteKo?: string;
}

const MINWON_COUNTING = '민원처리법 제19조 — 민원의 처리기간 계산';
const ADMIN_CIVIL_COUNTING =
  '행정기본법 제6조① → 민법 제157조·제159조~제161조 (해당 법률에 기간 계산 규정 없음 — 추론)';

/** 민원처리법 시행령 제21조①: 처리기간의 범위에서 1회, 다시 연장은 민원인 동의를 받아 1회만. */
const MINWON_EXTENSION: ExtensionRule = {
  maxAmount: 'period',
  maxCount: 2,
  consentRequiredFrom: 2,
  article: '민원처리법 시행령 제21조①',
  confidence: 'C',
  noteKo: '연장 사유와 처리완료 예정일을 지체 없이 민원인에게 문서로 통지(시행령 제21조②)',
};

export const STATUTORY_PERIODS = Object.freeze({
  // ── 민원 (민원처리법 시행령 제14조~제17조, 제19조) ─────────────────────────────────────────────
  'question.law': {
    labelKo: '질의민원(법령 설명·해석) 처리기간',
    amount: 14,
    unit: 'days',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제14조제1호',
    confidence: 'C',
    countingBasis: MINWON_COUNTING,
    countingConfidence: 'C',
    startsFromKo: '접수일',
    extension: MINWON_EXTENSION,
  },
  'question.procedure': {
    labelKo: '질의민원(제도·절차 등) 처리기간',
    amount: 7,
    unit: 'days',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제14조제2호',
    confidence: 'C',
    countingBasis: MINWON_COUNTING,
    countingConfidence: 'C',
    startsFromKo: '접수일',
    extension: MINWON_EXTENSION,
  },
  suggestion: {
    labelKo: '건의민원 처리기간',
    amount: 14,
    unit: 'days',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제15조',
    confidence: 'C',
    countingBasis: MINWON_COUNTING,
    countingConfidence: 'C',
    startsFromKo: '접수일',
    extension: MINWON_EXTENSION,
  },
  other: {
    labelKo: '기타민원 처리기간(즉시)',
    amount: 1,
    unit: 'immediately',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제16조①, 제19조',
    confidence: 'C',
    countingBasis: '민원처리법 시행령 제19조 — 즉시 = 3근무시간',
    countingConfidence: 'C',
    startsFromKo: '접수시각',
    noteKo: '기관이 특성을 고려해 달리 정할 수 있음(시행령 제16조③)',
  },
  'grievance.answer': {
    labelKo: '고충민원 처리기간',
    amount: 7,
    unit: 'days',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제17조①',
    confidence: 'C',
    countingBasis: MINWON_COUNTING,
    countingConfidence: 'C',
    startsFromKo: '접수일',
    extension: MINWON_EXTENSION,
    clockStopsKo:
      '현장조사 등에 걸린 기간(시행령 제17조⑤); 처리기간 불산입 기간(시행령 제20조 → 행정절차법 시행령 제11조)',
  },
  'grievance.field-investigation': {
    labelKo: '고충민원 현장조사 등 기간',
    amount: 14,
    unit: 'days',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제17조④',
    confidence: 'C',
    countingBasis: `${MINWON_COUNTING} (현장조사 기간에 같은 계산을 적용한 것은 추론)`,
    countingConfidence: 'R',
    startsFromKo: '현장조사 등 개시일',
    extension: { maxAmount: 7, maxCount: 1, article: '민원처리법 시행령 제17조④ 단서', confidence: 'C' },
    noteKo: '이 기간은 고충민원 처리기간(7일)에 산입하지 않음(시행령 제17조⑤) — 처리기한 계산 시 정지 기간으로 넣을 것',
  },
  'minwon.transfer.reception-to-department': {
    labelKo: '민원실 → 처리주무부서 이송',
    amount: 1,
    unit: 'hours',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제13조①',
    confidence: 'C',
    countingBasis: '시행령 제13조가 근무시간으로 정함',
    countingConfidence: 'C',
    startsFromKo: '민원실 접수시각',
    noteKo: '처리주무부서가 상당히 떨어져 있는 등 특별한 사유가 있으면 3근무시간(시행령 제13조① 단서)',
  },
  'minwon.transfer.within-agency': {
    labelKo: '기관 내 소관 아닌 민원문서 이송',
    amount: 3,
    unit: 'hours',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제13조②',
    confidence: 'C',
    countingBasis: '시행령 제13조가 근무시간으로 정함',
    countingConfidence: 'C',
    startsFromKo: '접수시각',
  },
  'minwon.transfer.other-agency': {
    labelKo: '다른 행정기관 소관 민원문서 이송',
    amount: 8,
    unit: 'hours',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제13조③',
    confidence: 'C',
    countingBasis: '시행령 제13조가 근무시간으로 정함',
    countingConfidence: 'C',
    startsFromKo: '접수시각',
    noteKo: '이송 사실을 민원인에게 통지(인터넷 공개를 사전 안내한 경우 생략 가능, 시행령 제13조⑤)',
  },
  'minwon.online-receipt': {
    labelKo: '전자민원창구 신청 민원의 접수',
    amount: 8,
    unit: 'hours',
    counting: 'minwon-article-19',
    article: '민원처리법 시행령 제6조⑦',
    confidence: 'C',
    countingBasis: '시행령 제6조⑦이 근무시간으로 정함',
    countingConfidence: 'C',
    startsFromKo: '전자민원창구 도달 시각',
    noteKo: '시행령(대통령령 제35948호) 본문을 직접 읽음',
  },
  'minwon.progress-notice': {
    labelKo: '처리진행상황 통지(접수 후 30일 경과 시)',
    amount: 30,
    unit: 'days',
    counting: 'civil-act',
    article: '민원처리법 시행령 제23조①②',
    confidence: 'C',
    countingBasis: `${ADMIN_CIVIL_COUNTING}; 처리기간이 아닌 통지 시점이라 제19조가 아닌 역일 계산으로 봄`,
    countingConfidence: 'R',
    startsFromKo: '접수일',
    noteKo: '30일이 지날 때마다 통지하는 것이 원칙(시행령 제23조②)',
  },
  'minwon.supplement.second-request': {
    labelKo: '민원문서 재보완 요구 기간',
    amount: 10,
    unit: 'days',
    counting: 'civil-act',
    article: '민원처리법 시행령 제24조③',
    confidence: 'C',
    countingBasis: '민원처리법 시행령 제24조④가 민법 제156조·제157조·제159조~제161조 준용을 명시',
    countingConfidence: 'C',
    startsFromKo: '재보완 요구일',
    adjustable: { maxAmount: 10, noteKo: '"10일 이내의 기간을 정하여" — 기관이 10일 이내에서 정함' },
  },
  'minwon.objection.filing': {
    labelKo: '거부처분 이의신청 기간',
    amount: 60,
    unit: 'days',
    counting: 'civil-act',
    article: '민원처리법 제35조①',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '거부처분을 받은 날',
  },
  'minwon.objection.decision': {
    labelKo: '거부처분 이의신청 결정',
    amount: 10,
    unit: 'days',
    counting: 'minwon-article-19',
    article: '민원처리법 제35조②',
    confidence: 'C',
    countingBasis: `${MINWON_COUNTING} (이의신청 결정기간에 제19조를 적용한 것은 추론)`,
    countingConfidence: 'R',
    startsFromKo: '이의신청을 받은 날',
    extension: {
      maxAmount: 10,
      maxCount: 1,
      article: '민원처리법 제35조② 단서',
      confidence: 'C',
      noteKo: '만료일 다음 날부터 기산하여 10일 이내; 연장 사유를 민원인에게 통지',
    },
  },

  // ── 청원 (청원법, 법률 제17701호) ─────────────────────────────────────────────────────────────
  'petition.decision': {
    labelKo: '청원 처리결과 통지',
    amount: 90,
    unit: 'days',
    counting: 'civil-act',
    article: '청원법 제21조②',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '청원 접수일',
    extension: {
      maxAmount: 60,
      maxCount: 1,
      article: '청원법 제21조③',
      confidence: 'C',
      noteKo: '부득이한 사유로 60일 범위에서 1회; 사유와 처리예정기한을 지체 없이 청원인에게 통지',
    },
    clockStopsKo:
      '공개청원의 공개 여부 결정기간(15일)·국민 의견 수렴기간(30일)(청원법 제21조②); 이송에 걸린 기간(청원법 시행령 제13조③)',
  },
  'petition.disclosure-decision': {
    labelKo: '공개청원 공개 여부 결정·통지',
    amount: 15,
    unit: 'days',
    counting: 'civil-act',
    article: '청원법 제13조①',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '청원 접수일',
  },
  'petition.public-comment': {
    labelKo: '공개청원 국민 의견 수렴',
    amount: 30,
    unit: 'days',
    counting: 'civil-act',
    article: '청원법 제13조②',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '공개 결정일',
  },
  'petition.objection.filing': {
    labelKo: '청원 이의신청 기간',
    amount: 30,
    unit: 'days',
    counting: 'civil-act',
    article: '청원법 제22조',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '공개 부적합 통지일 또는 처리기간 경과일',
  },
  'petition.objection.decision': {
    labelKo: '청원 이의신청 결정·통지',
    amount: 15,
    unit: 'days',
    counting: 'civil-act',
    article: '청원법 제22조',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '이의신청 접수일',
  },

  // ── 공익신고·부패신고 이첩 ────────────────────────────────────────────────────────────────────
  'whistleblower.result-notice': {
    labelKo: '공익신고 조사결과 권익위 통보',
    amount: 10,
    unit: 'days',
    counting: 'civil-act',
    article: '공익신고자 보호법 시행령 제11조②',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '조사·수사 종료일',
  },
  'acrc-referral.investigation': {
    labelKo: '권익위 이첩 신고 감사·조사 종결',
    amount: 60,
    unit: 'days',
    counting: 'civil-act',
    article: '부패방지권익위법 제60조①',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '이첩·송부받은 날',
    extension: {
      article: '부패방지권익위법 제60조①',
      confidence: 'C',
      noteKo: '정당한 사유가 있으면 연장 가능(기간·횟수 상한 없음); 권익위에 연장 사유·기간 통보',
    },
  },
  'acrc-referral.result-notice': {
    labelKo: '권익위 이첩 신고 처리결과 통보',
    amount: 10,
    unit: 'days',
    counting: 'civil-act',
    article: '부패방지권익위법 제60조②',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '감사·수사·조사 종료일',
  },
  'acrc-referral.reinvestigation-result-notice': {
    labelKo: '권익위 재조사 요구 건 결과 통보',
    amount: 7,
    unit: 'days',
    counting: 'civil-act',
    article: '부패방지권익위법 제60조⑥',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '재조사 종료일',
  },

  // ── 자체감사 (공공감사에 관한 법률) ──────────────────────────────────────────────────────────
  'audit.result-notice': {
    labelKo: '자체감사 결과 통보',
    amount: 60,
    unit: 'days',
    counting: 'civil-act',
    article: '공공감사법 제23조①',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '자체감사 종료일',
    noteKo: '자치구는 시·도와 행정안전부를 거쳐 감사원에 통보',
  },
  'audit.investigation-notice': {
    labelKo: '특정사건 조사 개시·종료 통보',
    amount: 10,
    unit: 'days',
    counting: 'civil-act',
    article: '공공감사법 제24조①',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '조사 개시일 또는 종료일',
  },
  'audit.reconsideration.filing': {
    labelKo: '감사결과 재심의 신청 기간',
    amount: 1,
    unit: 'months',
    counting: 'civil-act',
    article: '공공감사법 제25조',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '감사결과를 통보받은 날',
  },
  'audit.reconsideration.decision': {
    labelKo: '감사결과 재심의 처리',
    amount: 2,
    unit: 'months',
    counting: 'civil-act',
    article: '공공감사법 제25조',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '재심의 신청 접수일',
  },

  // ── 외부기관 감사 수감 (지방자치단체에 대한 행정감사규정) ──────────────────────────────────────
  'external-audit.follow-up': {
    labelKo: '외부기관 감사 처분요구 이행결과 통보',
    amount: 60,
    unit: 'days',
    counting: 'civil-act',
    article: '행정감사규정 제18조⑤',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '감사결과를 통보받은 때',
    noteKo: '예산 등 장기 사항은 조치계획 제출로 갈음, 완료 시 즉시 통보',
  },
  'external-audit.warning-publication': {
    labelKo: '경고 처분요구 홈페이지 공개',
    amount: 10,
    unit: 'days',
    counting: 'civil-act',
    article: '행정감사규정 제18조④',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '감사결과를 통보받은 날',
  },
  'external-audit.reconsideration.filing': {
    labelKo: '외부기관 감사결과 재심의 신청 기간',
    amount: 1,
    unit: 'months',
    counting: 'civil-act',
    article: '행정감사규정 제20조',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '감사결과를 통보받은 날',
  },
  'external-audit.reconsideration.decision': {
    labelKo: '외부기관 감사결과 재심의 처리',
    amount: 2,
    unit: 'months',
    counting: 'civil-act',
    article: '행정감사규정 제20조',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '감사기관의 재심의 신청 접수일',
  },
  'external-audit.ex-officio-reconsideration': {
    labelKo: '감사기관의 직권 재심의 가능 기간',
    amount: 2,
    unit: 'years',
    counting: 'civil-act',
    article: '행정감사규정 제21조',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '감사결과를 통보한 날',
    noteKo: '증거서류 등의 오류·누락으로 처분요구가 위법·부당함을 발견한 때 감사기관이 직권으로 재심의',
  },

  // ── 징계 ──────────────────────────────────────────────────────────────────────────────────────
  'discipline.request-after-notice': {
    labelKo: '징계사유 통보 후 징계의결 요구',
    amount: 1,
    unit: 'months',
    counting: 'civil-act',
    article: '지방공무원 징계 및 소청 규정 제2조③',
    confidence: 'R',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '징계사유 통보를 받은 날',
    adjustable: { noteKo: '2008년 조문(1월 이내)만 확인, 현행 문언·조문번호 미확인 — 기관 설정으로 바꿀 수 있음' },
    noteKo: '상당한 이유가 있으면 예외(같은 항); 처리결과를 통보기관에 회신(④)',
  },
  'discipline.committee-decision': {
    labelKo: '인사위원회 징계의결',
    amount: 30,
    unit: 'days',
    counting: 'civil-act',
    article: '지방공무원 징계 및 소청 규정 제3조',
    confidence: 'R',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '징계의결 요구서를 받은 날',
    extension: {
      maxAmount: 30,
      maxCount: 1,
      article: '지방공무원 징계 및 소청 규정 제3조',
      confidence: 'R',
      noteKo: '위원회 의결로 1회 연기(2008년 조문)',
    },
    clockStopsKo: '지방공무원법 제73조로 징계절차가 정지된 기간(2008년 조문)',
    noteKo: '2008년 조문만 확인(현행 미확인)',
  },
  'discipline.execution': {
    labelKo: '징계의결 집행',
    amount: 15,
    unit: 'days',
    counting: 'civil-act',
    article: '지방공무원 징계 및 소청 규정 제10조②',
    confidence: 'R',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '징계의결서를 받은 날',
    noteKo: '2008년 조문만 확인(현행 미확인)',
  },
  'discipline.investigation-notice': {
    labelKo: '조사·수사 개시·종료 통보(감사원·수사기관 → 소속 기관장)',
    amount: 10,
    unit: 'days',
    counting: 'civil-act',
    article: '지방공무원법 제73조③',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '조사·수사 개시일 또는 종료일',
  },
  'discipline.re-request': {
    labelKo: '징계 취소 후 재징계의결 요구',
    amount: 3,
    unit: 'months',
    counting: 'civil-act',
    article: '지방공무원법 제69조의3②',
    confidence: 'C*',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '소청 결정 또는 판결 확정일',
  },

  // ── 공직자윤리 ─────────────────────────────────────────────────────────────────────────────────
  'ethics.public-official-review': {
    labelKo: '공개대상자 재산등록사항 심사',
    amount: 3,
    unit: 'months',
    counting: 'civil-act',
    article: '공직자윤리법 제8조⑩',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '공개일',
    extension: {
      maxAmount: 3,
      maxCount: 1,
      article: '공직자윤리법 제8조⑩',
      confidence: 'C',
      noteKo: '위원회 의결로 3개월 연장',
    },
  },
  'ethics.disclosure-refusal-review': {
    labelKo: '고지거부 허가 재심사 주기',
    amount: 3,
    unit: 'years',
    counting: 'civil-act',
    article: '공직자윤리법 제12조④',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '고지거부 허가일',
  },

  // ── 적극행정 ───────────────────────────────────────────────────────────────────────────────────
  'active-admin.audit-opinion': {
    labelKo: '적극행정위원회 요청 시 감사기구의 장 의견 회신',
    amount: 10,
    unit: 'days',
    counting: 'civil-act',
    article: '지방공무원 적극행정 운영규정 제11조⑦',
    confidence: 'C',
    countingBasis: ADMIN_CIVIL_COUNTING,
    countingConfidence: 'R',
    startsFromKo: '위원장의 요청을 받은 날',
    extension: { maxAmount: 10, maxCount: 1, article: '지방공무원 적극행정 운영규정 제11조⑦', confidence: 'C' },
  },
} satisfies Record<string, StatutoryPeriod>);

export type PeriodId = keyof typeof STATUTORY_PERIODS;

export const PERIOD_IDS = Object.keys(STATUTORY_PERIODS) as [PeriodId, ...PeriodId[]];

export const periodIdSchema = z.enum(PERIOD_IDS, { error: 'is not a known period id (see STATUTORY_PERIODS)' });

export function statutoryPeriod(periodId: PeriodId): StatutoryPeriod {
  return STATUTORY_PERIODS[periodId];
}

export interface ComputeDueOptions {
  /** Another amount, for periods marked `adjustable` only. */
  readonly amount?: number;
  readonly clockStops?: readonly ClockStop[];
  /** Extensions in the period's unit, in order; checked against the period's extension rule. */
  readonly extensions?: readonly {
    readonly amount: number;
    readonly reasonKo?: string;
    readonly complainantConsent?: boolean;
  }[];
  /** 민법 제157조 단서 (period starts at 00:00); never inferred. */
  readonly periodStartsAtMidnight?: boolean;
}

const computeDueOptionsSchema = z
  .object({
    amount: z.number().int('must be a whole number').positive('must be at least 1').optional(),
    clockStops: z.array(clockStopSchema).default([]),
    extensions: z
      .array(
        z
          .object({
            amount: z.number().int('must be a whole number').positive('must be at least 1'),
            reasonKo: z.string().trim().min(1).optional(),
            complainantConsent: z.boolean().default(false),
          })
          .strict(),
      )
      .default([]),
    periodStartsAtMidnight: z.boolean().default(false),
  })
  .strict();

function checkAmount(periodId: PeriodId, period: StatutoryPeriod, amount: number | undefined): number {
  if (amount === undefined || amount === period.amount) return period.amount;
  if (!period.adjustable) {
    throw new CalendarInputError(
      `Invalid options.amount: ${periodId} is fixed by ${period.article} at ${period.amount} ${period.unit}`,
      `입력값 오류: options.amount — ${period.labelKo}는 ${period.article}에 따라 ${period.amount}(${period.unit})로 고정되어 있습니다`,
      { field: 'options.amount', rule: period.article },
    );
  }
  if (period.adjustable.maxAmount !== undefined && amount > period.adjustable.maxAmount) {
    throw new CalendarInputError(
      `Invalid options.amount: ${periodId} allows at most ${period.adjustable.maxAmount} ${period.unit} (${period.article})`,
      `입력값 오류: options.amount — ${period.labelKo}는 최대 ${period.adjustable.maxAmount}(${period.unit})입니다 (${period.article})`,
      { field: 'options.amount', rule: period.article },
    );
  }
  return amount;
}

function checkExtensions(
  periodId: PeriodId,
  period: StatutoryPeriod,
  amount: number,
  extensions: readonly { amount: number; complainantConsent: boolean }[],
): void {
  if (extensions.length === 0) return;
  const rule = period.extension;
  const refuse = (index: number, message: string, messageKo: string, article: string): never => {
    throw new ExtensionNotAllowedError(message, messageKo, { field: `options.extensions[${index}]`, rule: article });
  };
  if (!rule) {
    // biome-ignore lint/correctness/noVoidTypeReturn: refuse() never returns; the return narrows \`rule\` below
    return refuse(
      0,
      `${periodId} (${period.article}) has no extension`,
      `${period.labelKo}에는 연장 규정이 없습니다 (${period.article})`,
      period.article,
    );
  }
  if (rule.maxCount !== undefined && extensions.length > rule.maxCount) {
    refuse(
      rule.maxCount,
      `${periodId} may be extended at most ${rule.maxCount} time(s) (${rule.article})`,
      `${period.labelKo}는 ${rule.maxCount}회까지만 연장할 수 있습니다 (${rule.article})`,
      rule.article,
    );
  }
  const maxAmount = rule.maxAmount === 'period' ? amount : rule.maxAmount;
  extensions.forEach((extension, index) => {
    if (maxAmount !== undefined && extension.amount > maxAmount) {
      refuse(
        index,
        `extension ${index + 1} of ${periodId} is ${extension.amount} ${period.unit}; at most ${maxAmount} allowed (${rule.article})`,
        `${period.labelKo}의 ${index + 1}번째 연장은 최대 ${maxAmount}(${period.unit})입니다 (${rule.article})`,
        rule.article,
      );
    }
    if (
      rule.consentRequiredFrom !== undefined &&
      index + 1 >= rule.consentRequiredFrom &&
      !extension.complainantConsent
    ) {
      refuse(
        index,
        `extension ${index + 1} of ${periodId} needs the complainant's consent (${rule.article})`,
        `${period.labelKo}의 ${index + 1}번째 연장은 민원인의 동의가 있어야 합니다 (${rule.article})`,
        rule.article,
      );
    }
  });
}

/**
 * The due date of a statutory period received at `receivedAt` (ISO 8601 with offset), on `calendar`.
 * Throws CalendarInputError (unknown period id, bad time, bad option — the error names the field),
 * ExtensionNotAllowedError, or CalendarYearNotCoveredError.
 */
export function computeDue(
  periodId: string,
  receivedAt: string,
  calendar: Calendar,
  options: ComputeDueOptions = {},
): DueDateResult {
  const id = parseCalendarInput(periodIdSchema, periodId, 'periodId');
  const at = parseCalendarInput(dateTimeWithOffsetSchema, receivedAt, 'receivedAt');
  const opts = parseCalendarInput(computeDueOptionsSchema, options, 'options');
  const period = statutoryPeriod(id);
  const amount = checkAmount(id, period, opts.amount);
  checkExtensions(id, period, amount, opts.extensions);

  const notesKo = [
    `계산 규칙 선택: ${period.countingBasis} [${period.countingConfidence}]`,
    `기산 시점: ${period.startsFromKo}`,
    ...(amount !== period.amount
      ? [`기간 조정: ${period.amount} → ${amount} (${period.adjustable?.noteKo ?? ''})`]
      : []),
    ...(period.noteKo ? [`참고: ${period.noteKo}`] : []),
  ];
  return computeDeadline(
    {
      receivedAt: at,
      amount,
      unit: period.unit,
      counting: period.counting,
      rule: { id, label: period.labelKo, article: period.article, confidence: period.confidence },
      clockStops: opts.clockStops,
      extensions: opts.extensions.map((extension) => ({
        amount: extension.amount,
        unit: period.unit,
        reasonKo: extension.reasonKo,
        article: period.extension?.article,
      })),
      periodStartsAtMidnight: opts.periodStartsAtMidnight,
      notesKo,
    },
    calendar,
  );
}
