/**
 * A yearly property-registration campaign (재산등록 정기 변동신고 심사) driven through the public HTTP
 * API: one campaign case, N generated registrants on the 구 committee's docket (a few of them the
 * office's own staff), each filed, reviewed by someone who is neither themself nor their team lead,
 * some given a supplement order answered within its 20 days, and decided. Used by
 * `npm run property-campaign` (against `npm start`) and the end-to-end test; it reports progress and
 * returns its own tally of what it did, for comparison with the system's counts.
 */
export type Call = (
  as: { sub: string; name: string; team?: string; roles: readonly string[] },
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<{ status: number; body: Answer }>;

/** The part of an answer the runner reads: the campaign case it created. */
export type Answer = { case?: { caseId: string; caseNumber: string } } & Record<string, unknown>;

export interface CampaignStaff {
  lead: { sub: string; name: string; team?: string; roles: readonly string[] };
  head: { sub: string; name: string; team?: string; roles: readonly string[] };
  /** Reviewers of the investigation team, at least two. */
  reviewers: readonly { sub: string; name: string; team?: string; roles: readonly string[] }[];
}

export interface CampaignPlan {
  year: number;
  registrants: number;
  seed?: number;
  /** The day filings are dated (within the yearly period) and orders are received. */
  filedOn: string;
  receivedOn: string;
  answeredOn: string;
}

const DEPARTMENTS = ['도로관리과', '건축과', '세무1과', '위생과', '환경과', '공원녹지과', '주택과', '재무과'];
const GRADES = [
  '지방행정주사(6급)',
  '지방행정주사보(7급)',
  '지방세무주사(6급)',
  '지방시설사무관(5급)',
  '지방행정서기(8급)',
];
const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임'];
const GIVEN = ['민준', '서연', '도윤', '하은', '시우', '지유', '주원', '서윤', '예준', '수아'];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function generateRegistrants(plan: CampaignPlan, staff: CampaignStaff) {
  const next = rng(plan.seed ?? plan.year);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  // The office's own staff among the registrants (시행령 제3조⑥): the lead first, then two reviewers
  // placed where the round-robin would hand each their own registration.
  const own = new Map<number, CampaignStaff['lead']>([[0, staff.lead]]);
  for (const [k, reviewer] of staff.reviewers.entries()) own.set(staff.reviewers.length + k, reviewer);
  return Array.from({ length: plan.registrants }, (_, i) => {
    const member = own.get(i);
    const category = i % 25 === 24 ? 'affiliated-body' : i % 40 === 39 ? 'council-staff' : 'district-official';
    return {
      registrantNo: `R${plan.year}-${String(i + 1).padStart(4, '0')}`,
      name: member?.name ?? `${pick(SURNAMES)}${pick(GIVEN)}`,
      category,
      department: member
        ? '감사담당관'
        : category === 'affiliated-body'
          ? '구시설관리공단'
          : category === 'council-staff'
            ? '구의회사무국'
            : pick(DEPARTMENTS),
      position: pick(GRADES),
      ...(member && { staffSub: member.sub }),
      registrationType: 'yearly',
      eventOn: `${plan.year}-01-01`,
    };
  });
}

const expectOk = (res: { status: number; body: Answer }, what: string) => {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/**
 * Receives a campaign and adds its registrants in batches of 100, `onProgress(done, total, added,
 * skipped)` after each. With `idempotencyKey` a second run answers with the same campaign and skips
 * the registrants already added (`npm run property-campaign` keys it by the list file's hash).
 */
export async function startPropertyCampaign(
  call: Call,
  as: CampaignStaff['lead'],
  campaign: {
    year: number;
    registrationType: 'initial' | 'yearly' | 'retirement';
    title: string;
    registrants: readonly unknown[];
    idempotencyKey?: string;
  },
  onProgress: (done: number, total: number, added: number, skipped: number) => void = () => {},
): Promise<{ caseId: string; caseNumber: string; added: number; skipped: number; tally: Record<string, number> }> {
  const created = expectOk(
    await call(
      as,
      'POST',
      '/cases',
      {
        kind: 'property-review',
        title: campaign.title,
        propertyReview: { year: campaign.year, registrationType: campaign.registrationType },
      },
      campaign.idempotencyKey ? { 'idempotency-key': campaign.idempotencyKey } : undefined,
    ),
    'campaign intake',
  );
  const caseId = created.case!.caseId;
  const total = campaign.registrants.length;
  let added = 0;
  let skipped = 0;
  let tally: Record<string, number> = {};
  for (let i = 0; i < total; i += 100) {
    const answer = expectOk(
      await call(as, 'POST', `/cases/${caseId}/registrants`, { registrants: campaign.registrants.slice(i, i + 100) }),
      'adding registrants',
    );
    added += answer.added as number;
    skipped += answer.skipped as number;
    tally = answer.tally as Record<string, number>;
    onProgress(Math.min(i + 100, total), total, added, skipped);
  }
  return { caseId, caseNumber: created.case!.caseNumber, added, skipped, tally };
}

export interface CampaignResult {
  caseId: string;
  caseNumber: string;
  registrants: number;
  supplementOrders: number;
  measures: number;
  conflictsRefused: number;
  /** What the runner itself did, by final state. */
  tally: Record<string, number>;
}

/**
 * Runs the campaign; `onProgress(done, total, label)` after each registrant's review. Throws on any
 * unexpected answer, naming the registrant and the step.
 */
export async function runPropertyCampaign(
  call: Call,
  staff: CampaignStaff,
  plan: CampaignPlan,
  onProgress: (done: number, total: number, label: string) => void = () => {},
): Promise<CampaignResult> {
  const registrants = generateRegistrants(plan, staff);
  const created = await startPropertyCampaign(
    call,
    staff.lead,
    { year: plan.year, registrationType: 'yearly', title: `${plan.year}년 정기 재산변동신고 심사`, registrants },
    (done, total) => onProgress(0, total, `의무자 등록 ${done}/${total}`),
  );
  const caseId = created.caseId;
  const act = (as: CampaignStaff['lead'], no: string, body: unknown) =>
    call(as, 'POST', `/cases/${caseId}/registrants/${no}/actions`, body);

  let supplementOrders = 0;
  let measures = 0;
  let conflictsRefused = 0;
  const tally: Record<string, number> = { done: 0 };
  for (const [i, r] of registrants.entries()) {
    expectOk(
      await act(staff.lead, r.registrantNo, { action: 'file', filedOn: plan.filedOn }),
      `${r.registrantNo} file`,
    );
    // Round-robin over the reviewers; one who may not review this registrant is refused and the next takes it.
    let reviewer = staff.reviewers[i % staff.reviewers.length]!;
    let started = await act(reviewer, r.registrantNo, { action: 'start-review' });
    for (let k = 1; started.status === 403 && k <= staff.reviewers.length; k++) {
      conflictsRefused += 1;
      reviewer = k < staff.reviewers.length ? staff.reviewers[(i + k) % staff.reviewers.length]! : staff.head;
      started = await act(reviewer, r.registrantNo, { action: 'start-review' });
    }
    expectOk(started, `${r.registrantNo} start-review`);
    if (i % 7 === 3) {
      supplementOrders += 1;
      expectOk(
        await act(reviewer, r.registrantNo, {
          action: 'order',
          kind: 'supplement',
          issuedOn: plan.filedOn,
          receivedOn: plan.receivedOn,
        }),
        `${r.registrantNo} order`,
      );
      expectOk(
        await act(reviewer, r.registrantNo, { action: 'answer', kind: 'supplement', answeredOn: plan.answeredOn }),
        `${r.registrantNo} answer`,
      );
    }
    const warn = i % 11 === 5;
    if (warn) measures += 1;
    expectOk(
      await act(reviewer, r.registrantNo, {
        action: 'decide',
        result: warn
          ? { clean: false, measures: ['warning-correction'], reasons: '경미한 누락 — 경고 및 시정' }
          : { clean: true, reasons: '이상 없음' },
      }),
      `${r.registrantNo} decide`,
    );
    tally.done = (tally.done ?? 0) + 1;
    onProgress(i + 1, registrants.length, `심사 ${i + 1}/${registrants.length}`);
  }
  return {
    caseId,
    caseNumber: created.caseNumber,
    registrants: registrants.length,
    supplementOrders,
    measures,
    conflictsRefused,
    tally: { ...tally, total: registrants.length },
  };
}
