/**
 * A realistic year of cases, created through the PUBLIC HTTP API of a running local system (the
 * same requests staff make): POST /cases with a receipt date inside the year, then each open task
 * completed with its proper decision form by the person (or role) it waits for, until the case
 * reaches the outcome planned for it — every misconduct disposition category, cases left in
 * progress at each stage, suspended proceedings, returns for rework, grievances on every channel.
 *
 * Volumes at scale 1 are the office's 2023 figures (docs/office.md#volumes-in-2023);
 * see YEARLY_VOLUMES. Every kind and every outcome appears at least once at any scale. The
 * generator writes its own record: for each case what it asked for and the outcome it drove the
 * case to, as the API reported it — the record the report is checked against (test/e2e/office-report.test.ts).
 *
 * Tasks are driven by reading the open task's type and allowedDecisions, not by a hard-coded path,
 * so kinds whose workflows change still run; a task whose decision form the generator does not know
 * leaves the case where it is, recorded as `stuck` with the reason (never counted as an outcome it
 * did not reach).
 */
import { DEFAULT_PERIOD_BY_KIND } from '#shared/policies/case-kind-periods.ts';
import type { Channel } from '#shared/domain/channels.ts';
import type { CaseKind } from '#shared/domain/case.ts';
import { KINDS } from '#shared/kinds/registry.ts';
import { CONTRACT_CATEGORY_KEYS } from '#shared/kinds/contract-review/contract-review-settings.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import type { DispositionType, DisciplineResolution, MisconductCategory } from '#shared/kinds/misconduct/misconduct.ts';
import type { Role, Team } from '#shared/domain/roles.ts';
import type { StaffMember } from '#shared/domain/staff.ts';
import { DEMO_STAFF } from '../local/demo-data.ts';

// ── what to create ───────────────────────────────────────────────────────────────────────────────

/** Case-review (and other non-misconduct) outcomes. */
/** Kinds the generator does not make yet (none: every kind is generated). */
export const NOT_GENERATED: readonly string[] = [];

/**
 * The 구민감사관 the generator's checks name: directory members the demo does not appoint, put on the
 * roster for a term that holds the generated window (PUT /citizen-auditors), so the demo's own
 * auditors keep theirs.
 */
export const GENERATOR_CITIZEN_AUDITORS = [
  { name: '한정수', field: 'architecture' },
  { name: '오세영', field: 'electrical' },
] as const;

export const REVIEW_OUTCOMES = [
  'closed',
  'closed-after-return',
  'open-assignment',
  'open-investigation',
  'open-approval',
] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export type MisconductOutcome =
  | { type: 'discipline'; resolution: DisciplineResolution }
  | { type: Exclude<DispositionType, 'discipline'> }
  | { type: 'open-investigation' }
  | { type: 'open-review' }
  | { type: 'suspended' };

export type PlannedOutcome =
  | { track: 'review'; outcome: ReviewOutcome }
  | { track: 'misconduct'; outcome: MisconductOutcome };

export interface PlannedCase {
  index: number;
  kind: CaseKind;
  channel?: Channel;
  receivedAt: string;
  plan: PlannedOutcome;
}

/**
 * The office's yearly volumes (2023 work report). Grievances: 응답소 578, 구청장에게 바란다 1,273,
 * 전화·방문 742 (split 520 / 222), and a few on the other channels the office also takes (the
 * printed report folds them into its total of 2,593). 응답소 현장민원 are 98,733 a year — monitored
 * rather than worked one by one — so the generator makes `fieldComplaintShare` of them (default 1%).
 */
export const YEARLY_VOLUMES: Record<
  Exclude<CaseKind, 'external-referral' | 'internal-investigation' | 'grievance'>,
  number
> = {
  'self-audit': 7,
  // The work report gives no count of audits received; 서울시's and a ministry's few a year.
  'audit-received': 3,
  'daily-audit': 456,
  'contract-review': 893,
  'proactive-admin': 2,
  // One campaign per registration type (최초 등록·정기 변동신고·퇴직 신고); the 472 registrants of the
  // yearly one are `npm run property-campaign`'s work — here each campaign reviews one registrant.
  'property-review': 3,
  'disclosure-refusal': 45,
  'human-rights-assessment': 64,
  'whistleblower-report': 10,
  'taxpayer-consultation': 81,
  petition: 6,
  'field-complaint': 98_733,
  'patrol-finding': 366,
  // 구민감사관 현장점검 (2023 work report).
  'citizen-check': 46,
  // 일반 검토: the work report has no such line; a few one-off reviews a year.
  'case-review': 12,
};

export const GRIEVANCE_CHANNEL_VOLUMES: Record<Channel, number> = {
  응답소: 578,
  '구청장에게 바란다': 1273,
  전화: 520,
  방문: 200,
  국민신문고: 12,
  서신: 5,
  익명신고: 3,
  기타: 2,
};

/** 2023: external referrals 33 = 6 / 2 / 18 / 7; internal investigations 26 = 2 / 9 / 11 / 4. */
export const MISCONDUCT_VOLUMES: Record<
  'external-referral' | 'internal-investigation',
  { outcome: MisconductOutcome; volume: number }[]
> = {
  'external-referral': [
    { outcome: { type: 'discipline', resolution: '견책' }, volume: 3 },
    { outcome: { type: 'discipline', resolution: '감봉' }, volume: 1 },
    { outcome: { type: 'discipline', resolution: '불문경고' }, volume: 2 },
    { outcome: { type: 'admonition' }, volume: 1 },
    { outcome: { type: 'caution' }, volume: 1 },
    { outcome: { type: 'closure' }, volume: 15 },
    { outcome: { type: 'corrective-action' }, volume: 3 },
    { outcome: { type: 'open-investigation' }, volume: 4 },
    { outcome: { type: 'open-review' }, volume: 2 },
    { outcome: { type: 'suspended' }, volume: 1 },
  ],
  'internal-investigation': [
    { outcome: { type: 'discipline', resolution: '견책' }, volume: 1 },
    { outcome: { type: 'discipline', resolution: '불문경고' }, volume: 1 },
    { outcome: { type: 'admonition' }, volume: 4 },
    { outcome: { type: 'caution' }, volume: 5 },
    { outcome: { type: 'closure' }, volume: 8 },
    { outcome: { type: 'corrective-action' }, volume: 3 },
    { outcome: { type: 'open-investigation' }, volume: 2 },
    { outcome: { type: 'open-review' }, volume: 1 },
    { outcome: { type: 'suspended' }, volume: 1 },
  ],
};

/** How non-misconduct cases end (weights): most are closed, some returned once, some still open. */
const REVIEW_OUTCOME_WEIGHTS: Record<ReviewOutcome, number> = {
  closed: 85,
  'closed-after-return': 5,
  'open-assignment': 3,
  'open-investigation': 4,
  'open-approval': 3,
};

/** Deterministic random numbers (mulberry32), so a seed gives the same year. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const dayMs = 86_400_000;
const dayNumber = (d: string) => Math.round(Date.parse(`${d}T00:00:00Z`) / dayMs);
const fromDayNumber = (n: number) => new Date(n * dayMs).toISOString().slice(0, 10);
export const addDays = (d: string, n: number) => fromDayNumber(dayNumber(d) + n);

/** A working-day receipt time (09:00–17:59 Korea time) on a random date of the window. */
function receiptTime(window: { from: string; to: string }, random: () => number): string {
  const first = dayNumber(window.from);
  const span = dayNumber(window.to) - first + 1;
  for (let attempt = 0; ; attempt++) {
    const day = fromDayNumber(first + Math.floor(random() * span));
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if ((weekday === 0 || weekday === 6) && attempt < 10) continue;
    const hour = 9 + Math.floor(random() * 9);
    const minute = Math.floor(random() * 60);
    return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+09:00`;
  }
}

const scaled = (volume: number, scale: number, min = 1) => Math.max(min, Math.round(volume * scale));

/** The year's cases: kinds, channels, receipt times and planned outcomes (deterministic for a seed). */
export function planYear(options: {
  window: { from: string; to: string };
  scale: number;
  seed?: number;
  fieldComplaintShare?: number;
}): PlannedCase[] {
  const random = seededRandom(options.seed ?? 2026);
  const items: Omit<PlannedCase, 'index' | 'receivedAt'>[] = [];
  const reviewOutcomes = (n: number): ReviewOutcome[] => {
    const out: ReviewOutcome[] = [];
    const total = Object.values(REVIEW_OUTCOME_WEIGHTS).reduce((a, b) => a + b, 0);
    for (let i = 0; i < n; i++) {
      let pick = random() * total;
      const outcome = REVIEW_OUTCOMES.find((o) => (pick -= REVIEW_OUTCOME_WEIGHTS[o]) < 0) ?? 'closed';
      out.push(outcome);
    }
    return out;
  };
  for (const [kind, volume] of Object.entries(YEARLY_VOLUMES) as [keyof typeof YEARLY_VOLUMES, number][]) {
    const v = kind === 'field-complaint' ? volume * (options.fieldComplaintShare ?? 0.01) : volume;
    const n = scaled(v, options.scale);
    // The generic lifecycle (assign → investigate → approve, with its return) shows every outcome at any scale.
    const outcomes =
      kind === 'case-review'
        ? [...REVIEW_OUTCOMES, ...reviewOutcomes(Math.max(0, n - REVIEW_OUTCOMES.length))]
        : reviewOutcomes(n);
    for (const outcome of outcomes)
      items.push({
        kind,
        ...(kind === 'field-complaint' && { channel: '응답소' as const }),
        plan: { track: 'review', outcome },
      });
  }
  for (const [channel, volume] of Object.entries(GRIEVANCE_CHANNEL_VOLUMES) as [Channel, number][]) {
    for (const outcome of reviewOutcomes(scaled(volume, options.scale)))
      items.push({ kind: 'grievance', channel, plan: { track: 'review', outcome } });
  }
  for (const [kind, buckets] of Object.entries(MISCONDUCT_VOLUMES) as [
    'external-referral' | 'internal-investigation',
    { outcome: MisconductOutcome; volume: number }[],
  ][]) {
    for (const { outcome, volume } of buckets) {
      for (let i = 0; i < scaled(volume, options.scale); i++) {
        items.push({
          kind,
          ...(kind === 'internal-investigation' && i % 2 === 1 && { channel: '익명신고' as const }),
          plan: { track: 'misconduct', outcome },
        });
      }
    }
  }
  // Every non-misconduct outcome appears at least once, whatever the scale: take it from the biggest kind's closed cases.
  for (const outcome of REVIEW_OUTCOMES) {
    if (items.some((i) => i.plan.track === 'review' && i.plan.outcome === outcome)) continue;
    const donor =
      items.find((i) => i.plan.track === 'review' && i.plan.outcome === 'closed' && i.kind === 'contract-review') ??
      items.find((i) => i.plan.track === 'review' && i.plan.outcome === 'closed');
    if (donor) donor.plan = { track: 'review', outcome };
  }
  return items.map((item, index) => ({ ...item, index, receivedAt: receiptTime(options.window, random) }));
}

// ── the record ───────────────────────────────────────────────────────────────────────────────────

export interface GeneratedCase {
  index: number;
  kind: CaseKind;
  channel?: Channel;
  plan: PlannedOutcome;
  caseId?: string;
  caseNumber?: string;
  receivedAt: string;
  dueDate?: string;
  /** Every decision made, in order: `<task type>:<decision>`. */
  decisions: string[];
  /** The disposition the head of office approved (misconduct), if it got that far. */
  approvedDisposition?: DispositionType;
  resolution?: DisciplineResolution;
  /** Where the case stood when the generator left it, as the API reported it. */
  final?: { stage: string; closedAt?: string; version: number };
  /** The generator could not take the case to its planned outcome (and why). */
  stuck?: string;
}

export interface GeneratorRecord {
  generator: 'generate-year';
  version: 1;
  apiUrl: string;
  year: number;
  scale: number;
  seed: number;
  window: { from: string; to: string };
  startedAt: string;
  finishedAt: string;
  cases: GeneratedCase[];
  summary: { created: number; closed: number; open: number; stuck: number; byKind: Record<string, number> };
}

// ── driving the API ──────────────────────────────────────────────────────────────────────────────

export interface GeneratorOptions {
  apiUrl: string;
  year: number;
  scale: number;
  seed?: number;
  /** Receipt dates; default the whole year, but never after today (cases are not received in the future). */
  window?: { from: string; to: string };
  fieldComplaintShare?: number;
  concurrency?: number;
  /** A bearer token for a staff member (the local user pool's sign-in). */
  tokenFor: (member: StaffMember) => Promise<string>;
  staff?: readonly StaffMember[];
  onCase?: (done: number, total: number, generated: GeneratedCase) => void;
  /** How long to wait for the workflow to open the next task. */
  taskWaitMs?: number;
  runId?: string;
}

interface Task {
  taskId: string;
  caseId: string;
  type: string;
  stage: string;
  status: string;
  assignee: { sub: string } | { role: Role; team?: Team };
  allowedDecisions: string[];
}

class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${JSON.stringify(body).slice(0, 400)}`);
  }
}

const OFFICIAL_NAMES = [
  '김도윤',
  '이서연',
  '박지호',
  '정민재',
  '강하린',
  '윤서진',
  '장우진',
  '임나연',
  '한도현',
  '오지민',
  '서예준',
  '권수아',
];
const DEPARTMENTS = [
  '도로관리과',
  '건축과',
  '복지정책과',
  '청소행정과',
  '공원녹지과',
  '세무1과',
  '교통행정과',
  '자치행정과',
];
/** Categories without a 징계부가금 (so the discipline forms need no surcharge). */
const CATEGORIES: MisconductCategory[] = [
  'abuse-of-authority',
  'neglect-of-duty',
  'breach-of-service-rules',
  'drunk-driving',
  'sexual-harassment',
];
/** Where a case meant to stay open is left: at the first task of this stage (whatever the workflow calls it). */
const STOP_AT_STAGE: Partial<Record<ReviewOutcome | MisconductOutcome['type'], readonly string[]>> = {
  'open-assignment': ['assignment', 'intake'],
  'open-investigation': ['investigation'],
  'open-approval': ['approval'],
  'open-review': ['review'],
};
/** A self-check or assessment that finds no concern on any of the four criteria. */
const NO_CONCERNS = Object.fromEntries(
  ['infringement', 'remedy', 'participation', 'promotion'].map((k) => [
    k,
    { concern: false, note: '우려 없음 (생성기)' },
  ]),
);
/** Which decision to take when a task allows several: the one that moves the case forward. */
const DECISION_PREFERENCE = [
  'assign',
  'send-protection-notice',
  'start-investigation',
  'finish-investigation',
  'notify-result',
  'report-to-acrc',
  'triage',
  'submit',
  'answer',
  'propose',
  'endorse',
  'approve',
  'process-petition',
  'recommend-disclosure',
  'disclose',
  'recommend-acceptance',
  'accept-petition',
  'send-petition-notice',
  'send-request',
  'record-resolution',
  'issue',
  'acknowledge',
  'issue-order',
  'confirm-correction',
  'send-result-notice',
  'approve-closure',
  'propose-opinion',
  'record-action-result',
  'notify-taxpayer',
  'record-self-check',
  'propose-assessment',
  'close-without-request',
  'propose-review-result',
  'record-contract-applied',
  'record-audit-notice',
  'record-fieldwork',
  'propose-result',
  'record-upward-notice',
  'decide-disclosure',
  'close-self-audit',
  'record-received-result',
  'close-audit-received',
  'propose-exemption',
  'record-notice',
  'complete-campaign',
  'resolve-campaign-results',
  'record-refusal-application',
  'decide-refusal',
];

const CAMPAIGN_TYPES = ['yearly', 'initial', 'retirement'] as const;

/** A contract review's design amount: ₩30M to ₩190M, the same for a case every time. */
export const designAmountOf = (p: Pick<PlannedCase, 'index'>) => 30_000_000 + (p.index % 17) * 10_000_000;

export async function generateYear(options: GeneratorOptions): Promise<GeneratorRecord> {
  const staff = options.staff ?? DEMO_STAFF;
  const today = koreaDate(new Date());
  const seed = options.seed ?? options.year;
  const yearEnd = `${options.year}-12-31`;
  const window = options.window ?? { from: `${options.year}-01-01`, to: yearEnd < today ? yearEnd : today };
  if (window.to < window.from)
    throw new Error(`the receipt window ${window.from}..${window.to} is empty (is the year in the future?)`);
  const plan = planYear({
    window,
    scale: options.scale,
    seed,
    ...(options.fieldComplaintShare !== undefined && { fieldComplaintShare: options.fieldComplaintShare }),
  });
  const runId = options.runId ?? `${Date.now().toString(36)}`;
  const startedAt = new Date().toISOString();
  const tokens = new Map<string, Promise<string>>();
  const taskWaitMs = options.taskWaitMs ?? 60_000;

  const member = (predicate: (m: StaffMember) => boolean, what: string) => {
    const found = staff.find((m) => m.active && predicate(m));
    if (!found) throw new Error(`no staff member for ${what}`);
    return found;
  };
  const head = member((m) => m.roles.includes('head'), 'head');
  const teamLead = (team: Team) =>
    member((m) => m.roles.includes('team-lead') && m.team === team, `team-lead of ${team}`);
  const clerk = member((m) => m.roles.includes('clerk'), 'clerk');
  const investigators = (team: Team) =>
    staff.filter((m) => m.active && m.roles.includes('investigator') && m.team === team);

  const makesChecks = plan.some((p) => p.kind === 'citizen-check');
  const citizenAuditors = (makesChecks ? GENERATOR_CITIZEN_AUDITORS : []).map((a) => ({
    ...a,
    ...member((m) => m.name === a.name && m.roles.includes('citizen-auditor'), `구민감사관 ${a.name}`),
  }));

  const token = (m: StaffMember) => {
    let t = tokens.get(m.sub);
    if (!t) {
      t = options.tokenFor(m);
      tokens.set(m.sub, t);
    }
    return t;
  };

  // biome-ignore lint/suspicious/noExplicitAny: callers read the JSON body loosely
  async function call<T = any>(
    who: StaffMember,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; body: T }> {
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await fetch(`${options.apiUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${await token(who)}`,
            ...(body !== undefined && { 'content-type': 'application/json' }),
            ...headers,
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
      } catch (error) {
        // A dropped connection: retry (writes carry Idempotency-Keys, so a retry has one effect).
        if (attempt >= 3) throw error;
        await sleep(200 * attempt);
      }
    }
  }

  // biome-ignore lint/suspicious/noExplicitAny: callers read the JSON body loosely
  async function must<T = any>(
    who: StaffMember,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    expected = [200, 201],
  ): Promise<T> {
    const res = await call<T>(who, method, path, body, headers);
    if (!expected.includes(res.status)) throw new ApiCallError(res.status, res.body, `${method} ${path}`);
    return res.body;
  }

  async function dueDateFor(kind: CaseKind, receivedAt: string): Promise<string | undefined> {
    if (DEFAULT_PERIOD_BY_KIND[kind]) {
      const preview = await call<{ dueDate: string }>(
        head,
        'GET',
        `/deadlines/preview?kind=${encodeURIComponent(kind)}&receivedAt=${encodeURIComponent(receivedAt)}`,
      );
      // A deadline the calculator cannot give (e.g. years beyond the holiday data): registered without one.
      return preview.status === 200 ? preview.body.dueDate : undefined;
    }
    // Kinds without a statutory period: the office's own 14-day handling target.
    return addDays(receivedAt.slice(0, 10), 14);
  }

  function intakeBody(
    p: PlannedCase,
    dueDate: string | undefined,
    assigneeSub: string | undefined,
  ): Record<string, unknown> {
    const received = p.receivedAt.slice(0, 10);
    const department = DEPARTMENTS[p.index % DEPARTMENTS.length]!;
    const base: Record<string, unknown> = {
      kind: p.kind,
      title: `${KINDS.labelOf(p.kind)} ${options.year}-${String(p.index + 1).padStart(5, '0')}`,
      summary: `연간 생성기(${runId}) — ${department} 관련`,
      receivedAt: p.receivedAt,
      department,
      ...(dueDate && { dueDate }),
      ...(p.channel && { channel: p.channel }),
      ...(p.kind === 'petition' && {
        petition: {
          form: 'individual',
          public: false,
          petitioner: { name: `청원인${p.index + 1}`, address: '서울특별시 영등포구 당산로 123' },
        },
      }),
      ...(p.kind === 'daily-audit' && {
        dailyAudit: {
          category: (['major-policy', 'contract', 'budget', 'other', 'regulation'] as const)[p.index % 5],
          requester: { department },
        },
      }),
      ...(p.kind === 'contract-review' && {
        contractReview: {
          projectName: `${department} 사업 ${p.index + 1}`,
          category: CONTRACT_CATEGORY_KEYS[p.index % CONTRACT_CATEGORY_KEYS.length],
          designAmountWon: designAmountOf(p),
          requester: { department },
        },
      }),
      ...(p.kind === 'self-audit' && {
        selfAudit: {
          planYear: Number(received.slice(0, 4)),
          item: `${department} 종합감사`,
          purpose: '업무 처리의 적정성 점검 (생성기)',
          auditKind: 'comprehensive',
          targetDepartments: [department],
          scope: '최근 2년간 업무 전반',
          startOn: received,
          endOn: received,
          staffSubs: [assigneeSub ?? investigators('audit')[0]?.sub ?? 'unknown'],
        },
      }),
      ...(p.kind === 'audit-received' && {
        auditReceived: {
          auditingBody: (['seoul', 'mois', 'ministry'] as const)[p.index % 3],
          auditName: `${department} 외부기관 감사 (생성기)`,
          departments: [department],
        },
      }),
      // Exemption requests after a self-audit that ended the day before: the generator's two a year.
      ...(p.kind === 'proactive-admin' && {
        proactiveAdmin: {
          track: 'exemption',
          requestedOn: received,
          requester: { department },
          matter: `${department} 업무의 적극행정 면책 신청 (생성기)`,
          auditEndedOn: addDays(received, -1),
          applicant: 'target-head',
        },
      }),
      ...(p.kind === 'taxpayer-consultation' && {
        taxpayer:
          p.index % 3 === 0
            ? { variant: 'consultation', taxItem: '재산세', matter: '재산세 납부 방법 상담 (생성기)' }
            : {
                variant: p.index % 3 === 1 ? 'complaint' : 'rights-protection',
                taxItem: '취득세',
                disposition: '취득세 부과 (생성기)',
                matter: '부과 처분에 대한 납세자 요청 (생성기)',
              },
      }),
      // The department gives a legislative notice 40 days after the request.
      ...(p.kind === 'human-rights-assessment' && {
        humanRights: {
          lawTitle: `${department} 소관 조례 일부개정조례안 ${p.index + 1}`,
          lawType: '조례',
          change: '일부개정',
          department,
          requestedOn: received,
          legislativeNoticeOn: addDays(received, 40),
        },
      }),
      ...(p.kind === 'patrol-finding' && {
        patrolFinding: {
          origin: (['regular', 'planned', 'management', 'salpimi'] as const)[p.index % 4],
          patrolName: '정기 기획순찰 (생성기)',
          reportNumber: `S-${p.index + 1}`,
          foundOn: received,
          place: {
            address: `구청로 ${(p.index % 50) + 1}`,
            dong: ['여의동', '문래동', '신길1동', '대림2동'][p.index % 4],
          },
          category: 'road',
          finding: '보도블록 파손 (생성기)',
        },
      }),
      ...(p.kind === 'property-review' && {
        propertyReview: { year: options.year, registrationType: CAMPAIGN_TYPES[p.index % CAMPAIGN_TYPES.length] },
      }),
      ...(p.kind === 'citizen-check' && {
        citizenCheck: {
          project: {
            name: `${department} 발주 공사 ${p.index + 1} (생성기)`,
            orderingDepartment: department,
            contractAmountWon: 100_000_000 + (p.index % 20) * 25_000_000,
          },
          checkDate: received,
          items: ['construction', 'unpaid-wages', 'undue-instruction', 'bribery'].slice(0, 2 + (p.index % 3)),
          auditors: [citizenAuditors[p.index % citizenAuditors.length]!.sub],
        },
      }),
      ...(p.kind === 'disclosure-refusal' && {
        disclosureRefusal: { registrantNo: `G${options.year}-${String(p.index + 1).padStart(5, '0')}` },
      }),
      ...(assigneeSub && { assigneeSub }),
    };
    if (p.kind === 'external-referral' || p.kind === 'internal-investigation') {
      const official = {
        name: OFFICIAL_NAMES[p.index % OFFICIAL_NAMES.length]!,
        department,
        grade: '지방행정주사보(7급)',
        notStaff: true as const,
      };
      base.misconduct = {
        category: CATEGORIES[p.index % CATEGORIES.length],
        conductDate: addDays(received, -60),
        officials: [official],
        ...(p.kind === 'external-referral'
          ? {
              referral: {
                agency: p.index % 2 ? '검찰' : '경찰',
                noticeType: '범죄처분결과 통보',
                noticeNumber: `수사과-${options.year}-${p.index + 1}`,
                noticeDate: addDays(received, -2),
              },
            }
          : { origin: p.channel === '익명신고' ? 'anonymous-report' : 'internal-finding' }),
      };
    }
    return base;
  }

  /** Who completes a task: the named person, or a member with the task's role (and team). */
  function performer(task: Task): StaffMember | undefined {
    if ('sub' in task.assignee) {
      const sub = task.assignee.sub;
      return staff.find((m) => m.sub === sub);
    }
    const { role, team } = task.assignee;
    return staff.find((m) => m.active && m.roles.includes(role) && (team === undefined || m.team === team));
  }

  function decisionForm(
    p: PlannedCase,
    task: Task,
    record: GeneratedCase,
    team: Team,
  ): Record<string, unknown> | undefined {
    const allowed = task.allowedDecisions;
    const returnedAlready = record.decisions.some((d) => d.endsWith(':return'));
    if (
      p.plan.track === 'review' &&
      p.plan.outcome === 'closed-after-return' &&
      allowed.includes('return') &&
      !returnedAlready
    ) {
      return { decision: 'return', reasons: '사실관계 보완 후 다시 제출하세요 (생성기)' };
    }
    const doc = `감사담당관-${options.year}-${String(p.index + 1).padStart(4, '0')}`;
    const receivedOn = p.receivedAt.slice(0, 10) < today ? p.receivedAt.slice(0, 10) : today;
    const forms: Record<string, () => Record<string, unknown> | undefined> = {
      assign: () => {
        const pool = investigators(team);
        const to = pool[p.index % Math.max(1, pool.length)];
        return to ? { decision: 'assign', assigneeSub: to.sub, comment: '담당 배정' } : undefined;
      },
      submit: () => ({ decision: 'submit', findings: '관련 자료와 현장 확인 결과 검토 완료 (생성기)' }),
      triage: () => {
        const pool = investigators(team);
        const to = pool[p.index % Math.max(1, pool.length)];
        return to
          ? { decision: 'triage', handlingDepartment: DEPARTMENTS[p.index % DEPARTMENTS.length], assigneeSub: to.sub }
          : undefined;
      },
      answer: () => ({ decision: 'answer', answer: '현장 확인 후 조치 결과를 안내함 (생성기)', method: '서면' }),
      'approve-closure': () => ({ decision: 'approve-closure', comment: '종결 적정' }),
      'process-petition': () => ({ decision: 'process-petition', comment: '청원 요건 충족' }),
      'recommend-disclosure': () => ({ decision: 'recommend-disclosure', opinion: '공개 적합' }),
      disclose: () => ({ decision: 'disclose', decidedOn: today, notifiedOn: today }),
      'recommend-acceptance': () => ({ decision: 'recommend-acceptance', opinion: '채택 권고' }),
      'accept-petition': () => ({
        decision: 'accept-petition',
        content: '청원 내용을 반영하여 처리함 (생성기)',
        decidedOn: today,
      }),
      'send-petition-notice': () => ({ decision: 'send-petition-notice', notifiedOn: today }),
      propose: () => {
        if (p.plan.track !== 'misconduct') return undefined;
        const o = p.plan.outcome;
        const disposition =
          o.type === 'discipline'
            ? {
                type: 'discipline',
                severity: ['파면', '해임', '강등', '정직'].includes(o.resolution) ? '중징계' : '경징계',
              }
            : o.type === 'admonition' || o.type === 'caution'
              ? { type: o.type, content: '업무 처리 절차 준수 촉구' }
              : o.type === 'corrective-action'
                ? {
                    type: 'corrective-action',
                    department: DEPARTMENTS[p.index % DEPARTMENTS.length],
                    order: '관련 업무 처리 절차 개선',
                    complianceDueDate: addDays(today, 30),
                  }
                : { type: 'closure', reasonCode: 'insufficient-evidence' };
        return { decision: 'propose', findings: '관련자 진술·자료 검토 결과 (생성기)', disposition };
      },
      endorse: () => ({ decision: 'endorse', opinion: '처분안 적정' }),
      approve: () => ({ decision: 'approve', comment: '원안 승인' }),
      'send-request': () => ({ decision: 'send-request', requestedOn: today, documentNumber: doc }),
      'record-resolution': () => {
        const resolution =
          p.plan.track === 'misconduct' && p.plan.outcome.type === 'discipline' ? p.plan.outcome.resolution : '견책';
        return {
          decision: 'record-resolution',
          resolution,
          resolvedOn: today,
          ...(['정직', '감봉'].includes(resolution) && { months: 1 }),
        };
      },
      issue: () => ({ decision: 'issue', issuedOn: today, documentNumber: doc }),
      acknowledge: () => ({ decision: 'acknowledge', acknowledgedOn: today }),
      'issue-order': () => ({ decision: 'issue-order', sentOn: today, documentNumber: doc }),
      'confirm-correction': () => ({ decision: 'confirm-correction', confirmedOn: today, result: '시정 완료 확인' }),
      'send-result-notice': () => ({ decision: 'send-result-notice', sentOn: today, documentNumber: doc }),
      'send-protection-notice': () => ({ decision: 'send-protection-notice', sentOn: today, method: '문서' }),
      'start-investigation': () => ({ decision: 'start-investigation', decidedOn: today }),
      'finish-investigation': () => ({
        decision: 'finish-investigation',
        endedOn: today,
        findings: '신고 내용 조사 완료 (생성기)',
        violationFound: false,
      }),
      'notify-result': () => ({
        decision: 'notify-result',
        measures: '조사 결과 및 조치 내용을 신고자에게 통지 (생성기)',
        notifiedOn: today,
        protectionNoticeOn: today,
        protectionNoticeMethod: '문서',
      }),
      'report-to-acrc': () => ({
        decision: 'report-to-acrc',
        sentOn: today,
        summary: '처리 결과와 경위를 국민권익위원회에 통보 (생성기)',
      }),
      'propose-opinion': () => ({
        decision: 'propose-opinion',
        opinion: (['적정', '개선', '위법·부당'] as const)[p.index % 3],
        content: '제출 서류 검토 결과 (생성기)',
      }),
      'record-action-result': () => ({
        decision: 'record-action-result',
        action: '감사의견에 따라 조치 (생성기)',
        resultNotifiedOn: today,
        reportedToApproverOn: today,
      }),
      'propose-review-result': () => {
        const design = designAmountOf(p);
        const reviewed = Math.round(design * 0.95);
        return {
          decision: 'propose-review-result',
          reviewedAmountWon: reviewed,
          adjustments: [{ reason: '단가', amountWon: design - reviewed }],
          opinion: '단가 조정 (생성기)',
        };
      },
      'record-contract-applied': () => ({ decision: 'record-contract-applied', applied: true, confirmedOn: today }),
      // A self-audit is planned to start the day it is received: notified that day (late, and flagged
      // as such), its fieldwork that one day, no findings; the follow-up notifies upward, decides
      // disclosure and closes, one decision per round.
      'record-audit-notice': () => ({ decision: 'record-audit-notice', notifiedOn: receivedOn }),
      'record-fieldwork': () => ({
        decision: 'record-fieldwork',
        startedOn: receivedOn,
        endedOn: receivedOn,
        members: ['sub' in task.assignee ? task.assignee.sub : (investigators('audit')[0]?.sub ?? 'unknown')],
      }),
      'propose-result': () => ({ decision: 'propose-result', summary: '지적사항 없음 (생성기)' }),
      'record-upward-notice': () =>
        record.decisions.includes('self-audit-follow-up:record-upward-notice')
          ? undefined
          : { decision: 'record-upward-notice', seoulOn: today, moisOn: today, baiOn: today },
      'decide-disclosure': () =>
        record.decisions.includes('self-audit-follow-up:decide-disclosure')
          ? undefined
          : { decision: 'decide-disclosure', disclosure: 'public' },
      'close-self-audit': () => ({ decision: 'close-self-audit', comment: '후속 조치 완료 (생성기)' }),
      // An audit received whose result arrives the day it is received, with no demands: closed at once.
      'record-received-result': () => ({ decision: 'record-received-result', receivedOn }),
      'close-audit-received': () => ({ decision: 'close-audit-received', comment: '처분요구 없음 (생성기)' }),
      'propose-exemption': () => ({
        decision: 'propose-exemption',
        result: 'exempt',
        publicInterest: true,
        activeHandling: true,
        noIntentOrGrossNegligence: true,
        noPrivateInterest: true,
        noGraveProceduralDefect: true,
        reasons: '면책 요건 충족 (생성기)',
      }),
      'record-notice': () => ({ decision: 'record-notice', targetNotifiedOn: today, applicantNotifiedOn: today }),
      'notify-taxpayer': () => ({
        decision: 'notify-taxpayer',
        result: '상담 완료',
        content: '검토 결과 통지 (생성기)',
        notifiedOn: today,
      }),
      'record-self-check': () => ({ decision: 'record-self-check', submittedOn: receivedOn, criteria: NO_CONCERNS }),
      'propose-assessment': () => ({ decision: 'propose-assessment', criteria: NO_CONCERNS, conclusion: '원안 동의' }),
      // The generator uploads no photos, so its findings are fixed on the spot rather than asked of a department.
      'close-without-request': () => ({
        decision: 'close-without-request',
        ground: 'fixed-on-site',
        reason: '순찰 중 현장 조치 (생성기)',
      }),
      'complete-campaign': () => ({ decision: 'complete-campaign', summary: '의무자 심사 완료 (생성기)' }),
      'resolve-campaign-results': () => ({ decision: 'resolve-campaign-results', resolutionKo: '심사 결과 원안 의결' }),
      // An application of a new registrant, made the day the case is received (within its month).
      'record-refusal-application': () => ({
        decision: 'record-refusal-application',
        application: {
          relatives: [{ relation: 'ascendant', name: '친족 (생성기)' }],
          reason: '독립 생계 유지 (생성기)',
          window: 'initial',
          windowStartsOn: receivedOn,
          appliedOn: receivedOn,
        },
      }),
      'decide-refusal': () => ({
        decision: 'decide-refusal',
        tests: [
          {
            name: '친족 (생성기)',
            age: 70,
            propertyWon: 200_000_000,
            monthlyIncomeWon: 4_000_000,
            medianIncomeWon: 3_900_000,
            independentLivelihood: p.index % 4 !== 0,
            reasons: '정기소득과 기준 중위소득 비교 (생성기)',
          },
        ],
        noticeReceivedOn: today,
      }),
    };
    const preferred = DECISION_PREFERENCE.filter((d) => allowed.includes(d));
    for (const decision of preferred) {
      const form = forms[decision]?.();
      if (form) return form;
    }
    return undefined;
  }

  /** The generator's 구민감사관 on the roster for a term (at most two years) that holds the whole window. */
  async function appointCitizenAuditors() {
    const lead = teamLead('audit');
    const { items } = await must<{ items: { sub: string; version: number; termStart: string; termEnd: string }[] }>(
      lead,
      'GET',
      '/citizen-auditors',
    );
    const termEnd = addDays(`${Number(window.from.slice(0, 4)) + 2}${window.from.slice(4)}`, -1);
    for (const a of citizenAuditors) {
      const current = items.find((i) => i.sub === a.sub);
      if (current && current.termStart <= window.from && window.to <= current.termEnd) continue;
      await must(lead, 'PUT', `/citizen-auditors/${a.sub}`, {
        field: a.field,
        termStart: window.from,
        termEnd,
        ...(current && { expectedVersion: current.version }),
      });
    }
  }

  /** The auditor's report on the check (every 4th with a finding, and then the department's reply). */
  async function reportCheck(p: PlannedCase, caseId: string, handler: StaffMember) {
    const check = await must<{ items: string[]; auditors: { sub: string }[]; reports: unknown[]; reply?: unknown }>(
      handler,
      'GET',
      `/citizen-checks/${caseId}`,
    );
    const finding = p.index % 4 === 0;
    if (check.reports.length === 0) {
      const auditor = citizenAuditors.find((a) => a.sub === check.auditors[0]?.sub)!;
      await must(auditor, 'POST', `/citizen-checks/${caseId}/report`, {
        results: check.items.map((item, i) =>
          finding && i === 0
            ? { item, outcome: 'finding', note: '현장 안전시설 미흡 (생성기)' }
            : { item, outcome: 'no-issue' },
        ),
      });
    }
    if (finding && !check.reply)
      await must(handler, 'POST', `/citizen-checks/${caseId}/reply`, {
        repliedOn: today,
        action: '안전시설 보완 (생성기)',
      });
  }

  /** A campaign's one registrant: added, filed, reviewed and found clean (the registrant routes). */
  async function reviewOneRegistrant(p: PlannedCase, caseId: string, who: StaffMember) {
    const registrantNo = `R${options.year}-${String(p.index + 1).padStart(5, '0')}`;
    const receivedOn = p.receivedAt.slice(0, 10) < today ? p.receivedAt.slice(0, 10) : today;
    const key = (step: string) => ({ 'idempotency-key': `gen-${runId}-${p.index}-${step}` });
    await must(who, 'POST', `/cases/${caseId}/registrants`, {
      registrants: [
        {
          registrantNo,
          name: OFFICIAL_NAMES[p.index % OFFICIAL_NAMES.length],
          category: 'district-official',
          department: DEPARTMENTS[p.index % DEPARTMENTS.length],
          position: '지방행정주사(6급)',
          registrationType: CAMPAIGN_TYPES[p.index % CAMPAIGN_TYPES.length],
          eventOn: receivedOn,
        },
      ],
    });
    const act = (step: string, body: unknown) =>
      must(who, 'POST', `/cases/${caseId}/registrants/${registrantNo}/actions`, body, key(step));
    await act('file', { action: 'file', filedOn: receivedOn });
    await act('start-review', { action: 'start-review' });
    await act('decide', { action: 'decide', result: { clean: true, reasons: '이상 없음 (생성기)' } });
  }

  async function nextOpenTask(caseId: string, done: Set<string>): Promise<{ task?: Task; stage: string }> {
    const started = Date.now();
    let delay = 25;
    for (let round = 0; ; round++) {
      const { items } = await must<{ items: Task[] }>(head, 'GET', `/cases/${caseId}/tasks`);
      const open = items.find((t) => t.status === 'open' && !done.has(t.taskId));
      if (open) return { task: open, stage: 'open-task' };
      if (round % 3 === 2 || Date.now() - started > taskWaitMs) {
        const c = await must<{ stage: string }>(head, 'GET', `/cases/${caseId}`);
        if (c.stage === 'closed' || c.stage === 'suspended') return { stage: c.stage };
        if (Date.now() - started > taskWaitMs) return { stage: c.stage };
      }
      await sleep(delay);
      delay = Math.min(400, Math.round(delay * 1.5));
    }
  }

  async function drive(p: PlannedCase): Promise<GeneratedCase> {
    const record: GeneratedCase = {
      index: p.index,
      kind: p.kind,
      ...(p.channel && { channel: p.channel }),
      plan: p.plan,
      receivedAt: p.receivedAt,
      decisions: [],
    };
    const team = KINDS.get(p.kind).team;
    const complaintsDesk = [
      'grievance',
      'whistleblower-report',
      'taxpayer-consultation',
      'petition',
      'field-complaint',
    ].includes(p.kind);
    // Complaints are registered by a clerk and wait for the team lead's assignment; other cases are
    // registered by the team lead, assigned at once. A case meant to wait for assignment has no assignee.
    const waitsForAssignment = complaintsDesk || (p.plan.track === 'review' && p.plan.outcome === 'open-assignment');
    const pool = investigators(team);
    const assignee = waitsForAssignment ? undefined : pool[p.index % Math.max(1, pool.length)];
    const intakeBy = waitsForAssignment ? clerk : teamLead(team);
    try {
      record.dueDate = await dueDateFor(p.kind, p.receivedAt);
      const created = await must<{ case: { caseId: string; caseNumber: string } }>(
        intakeBy,
        'POST',
        '/cases',
        intakeBody(p, record.dueDate, assignee?.sub),
        {
          'idempotency-key': `gen-${runId}-${p.index}`,
        },
      );
      record.caseId = created.case.caseId;
      record.caseNumber = created.case.caseNumber;
      const done = new Set<string>();
      const stopAt = STOP_AT_STAGE[p.plan.track === 'review' ? p.plan.outcome : p.plan.outcome.type];
      for (let steps = 0; steps < 40; steps++) {
        const next = await nextOpenTask(record.caseId, done);
        if (!next.task) {
          if (next.stage !== 'closed' && next.stage !== 'suspended')
            record.stuck = `no open task after ${taskWaitMs} ms (stage ${next.stage})`;
          break;
        }
        const task = next.task;
        if (p.plan.track === 'misconduct' && p.plan.outcome.type === 'suspended' && task.stage === 'investigation') {
          await must(
            teamLead('investigation'),
            'POST',
            `/cases/${record.caseId}/suspend`,
            {
              reason: 'criminal-investigation',
              startNoticeReceivedOn: today,
              agency: '경찰',
              note: '수사 개시 통보에 따른 절차 정지 (생성기)',
            },
            {
              'idempotency-key': `gen-${runId}-${p.index}-suspend`,
            },
          );
          record.decisions.push('case:suspend');
          break;
        }
        if (stopAt?.includes(task.stage)) break;
        const who = performer(task);
        if (who && task.type === 'property-review-campaign') await reviewOneRegistrant(p, record.caseId, who);
        if (who && p.kind === 'citizen-check' && task.type === 'investigate') await reportCheck(p, record.caseId, who);
        const form = decisionForm(p, task, record, team);
        if (!who || !form) {
          record.stuck = `task ${task.type} (${task.allowedDecisions.join('/')}) — ${who ? 'no known decision form' : 'no staff member can act on it'}`;
          break;
        }
        await must(who, 'POST', `/cases/${record.caseId}/tasks/${task.taskId}/complete`, form, {
          'idempotency-key': `gen-${runId}-${p.index}-${task.taskId}`,
        });
        done.add(task.taskId);
        record.decisions.push(`${task.type}:${String(form.decision)}`);
        if (task.type === 'approve' && form.decision === 'approve' && p.plan.track === 'misconduct') {
          const o = p.plan.outcome;
          if (o.type !== 'open-investigation' && o.type !== 'open-review' && o.type !== 'suspended')
            record.approvedDisposition = o.type;
        }
        if (form.decision === 'record-resolution') record.resolution = form.resolution as DisciplineResolution;
      }
    } catch (error) {
      record.stuck = error instanceof Error ? error.message : String(error);
    }
    if (record.caseId) {
      const final = await call<{ stage: string; closedAt?: string; version: number }>(
        head,
        'GET',
        `/cases/${record.caseId}`,
      );
      if (final.status === 200)
        record.final = {
          stage: final.body.stage,
          ...(final.body.closedAt && { closedAt: final.body.closedAt }),
          version: final.body.version,
        };
    }
    return record;
  }

  if (makesChecks) await appointCitizenAuditors();
  const results: GeneratedCase[] = new Array(plan.length);
  const queue = [...plan];
  let done = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, options.concurrency ?? 6) }, async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        const generated = await drive(p);
        results[p.index] = generated;
        done += 1;
        options.onCase?.(done, plan.length, generated);
      }
    }),
  );

  const byKind: Record<string, number> = {};
  for (const r of results) if (r.caseId) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
  return {
    generator: 'generate-year',
    version: 1,
    apiUrl: options.apiUrl,
    year: options.year,
    scale: options.scale,
    seed,
    window,
    startedAt,
    finishedAt: new Date().toISOString(),
    cases: results,
    summary: {
      created: results.filter((r) => r.caseId).length,
      closed: results.filter((r) => r.final?.stage === 'closed').length,
      open: results.filter((r) => r.final && r.final.stage !== 'closed').length,
      stuck: results.filter((r) => r.stuck).length,
      byKind,
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
