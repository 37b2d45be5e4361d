/**
 * The case page's kind details (details.view of each kind module): a record per kind, parsed with the
 * kind's own record schema so the fixtures stay what the store holds, read through the registry as
 * GET /cases/{id} does — Korean labels, Korean dates and won, no line for what is not recorded, and
 * personal data only as the viewer may see it.
 */
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '#shared/domain/case.ts';
import { KINDS } from '#shared/kinds/registry.ts';
import { grievanceRecordSchema } from '#shared/kinds/grievance/grievance.ts';
import { misconductRecordSchema } from '#shared/kinds/misconduct/misconduct.ts';
import { petitionRecordSchema } from '#shared/kinds/petition/petition.ts';
import { proactiveAdminRecordSchema } from '#shared/kinds/proactive-admin/proactive-admin.ts';
import { humanRightsRecordSchema } from '#shared/kinds/human-rights-assessment/human-rights.ts';
import { taxpayerRecordSchema } from '#shared/kinds/taxpayer-consultation/taxpayer.ts';
import { selfAuditRecordSchema } from '#shared/kinds/self-audit/self-audit.ts';
import { whistleblowerRecordSchema } from '#shared/kinds/whistleblower-report/whistleblower.ts';
import { caseForViewer } from '#shared/policies/personal-data.ts';

const at = (date: string) => `${date}T10:00:00+09:00`;

/** The lines of a case as the registry gives them to the case view. */
function viewOf(kind: string, details: Record<string, unknown>) {
  return KINDS.detailsViewOf({ kind, ...details } as unknown as CaseRecord);
}
const asMap = (lines: { labelKo: string; value: string }[]) =>
  Object.fromEntries(lines.map((l) => [l.labelKo, l.value]));

/** Nothing English-keyed or raw leaks into a line: no enum keys, no ISO dates. */
function expectKoreanOnly(lines: { labelKo: string; value: string }[]) {
  expect(lines.length).toBeGreaterThan(0);
  expect(new Set(lines.map((l) => l.labelKo)).size, 'labels are unique (the page keys lines by label)').toBe(
    lines.length,
  );
  for (const { labelKo, value } of lines) {
    expect(labelKo).toMatch(/[가-힣]/);
    expect(value, labelKo).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(value, labelKo).not.toMatch(/undefined|\[object|NaN/);
  }
}

const limitation = {
  date: '2031-03-10',
  years: 5,
  tier: 'money',
  from: '2026-03-10',
  article: '지방공무원법 제73조의2① (5년) · 제69조의2①',
  confidence: 'C',
  explanation: [],
  extensions: [],
};
const official = {
  officialId: 'off-1',
  name: '홍길동',
  department: '건설과',
  grade: '지방시설주사(6급)',
  addedAt: at('2026-11-03'),
  addedBy: 'clerk-1',
};

describe('misconduct investigations', () => {
  it('shows the agency notice, officials, 징계시효, the approved discipline and its request with the surcharge', () => {
    const record = misconductRecordSchema.parse({
      category: 'bribery',
      conductDate: '2026-03-10',
      referral: {
        agency: '검찰',
        noticeType: '범죄처분결과 통보',
        noticeNumber: '서울남부지검 제2026-123호',
        noticeDate: '2026-11-02',
      },
      officials: [official],
      concernedSubs: [],
      evidence: [],
      limitation,
      approved: {
        disposition: { type: 'discipline', severity: '중징계' },
        proposedBy: 'inv-1',
        approvedBy: 'head-1',
        approvedAt: '2026-11-20T15:00:00+09:00',
      },
      progress: {
        requestSentOn: '2026-11-24',
        requestDocumentNumber: '감사담당관-1234',
        surchargeRequested: true,
        surchargeBaseAmountWon: 3_000_000,
      },
    });
    const lines = viewOf('external-referral', { misconduct: record });
    expectKoreanOnly(lines);
    expect(asMap(lines)).toEqual({
      '비위 유형': '금품·향응 수수',
      '비위 행위일': '2026년 3월 10일(화)',
      '통보 기관': '검찰',
      '통보 종류': '범죄처분결과 통보',
      '통보 문서': '서울남부지검 제2026-123호 (2026년 11월 2일(월) 통보)',
      '관련 공무원': '건설과 지방시설주사(6급) 홍길동',
      징계시효: '2031년 3월 10일(월)까지 (지방공무원법 제73조의2① (5년) · 제69조의2①)',
      처분: '징계 (중징계 의견) (2026년 11월 20일(금) 결재)',
      '징계의결 요구': '2026년 11월 24일(화) (감사담당관-1234)',
      '징계부가금 요구': '기준 금액 3,000,000원',
    });
  });

  it('shows an internal investigation’s origin and an unapproved closure, with no referral lines', () => {
    const record = misconductRecordSchema.parse({
      category: 'neglect-of-duty',
      conductDate: '2026-03-10',
      origin: 'anonymous-report',
      officials: [official],
      concernedSubs: [],
      evidence: [
        {
          evidenceId: 'e1',
          label: '출장 기록',
          reference: '문서 1',
          kind: '문서',
          addedAt: at('2026-11-05'),
          addedBy: 'x',
        },
      ],
      limitation: { ...limitation, years: 3, tier: 'other', date: '2029-03-10' },
      proposal: {
        disposition: { type: 'closure', reasonCode: 'insufficient-evidence' },
        by: 'inv-1',
        at: at('2026-11-18'),
      },
      progress: {},
    });
    const view = asMap(viewOf('internal-investigation', { misconduct: record }));
    expect(view['착수 경위']).toBe('익명신고(청렴톡 등)');
    expect(view.처분안).toBe('내부종결 — 증거 불충분 (결재 전)');
    expect(view.증거).toBe('1건');
    for (const absent of [
      '통보 기관',
      '통보 종류',
      '통보 문서',
      '처분',
      '징계의결 요구',
      '징계부가금 요구',
      '징계의결',
    ])
      expect(view, absent).not.toHaveProperty(absent);
  });
});

const grievanceDue = {
  dueDate: '2026-11-18',
  dueAt: '2026-11-18T18:00:00+09:00',
  article: '민원처리법 시행령 제17조①',
  confidence: 'S',
  summaryKo: '접수일부터 7일',
  explanation: [],
  computedAt: at('2026-11-09'),
};
const grievance = () =>
  grievanceRecordSchema.parse({
    complainant: { name: '이몽룡', contact: '010-1234-6666', address: '서울특별시 영등포구 당산로 1' },
    handling: { department: '도로과', assigneeSub: 'inv-2', at: at('2026-11-10'), by: 'lead' },
    due: grievanceDue,
    extensions: [
      {
        seq: 1,
        days: 7,
        reasonKo: '현장 확인 필요',
        requestedAt: at('2026-11-17'),
        by: 'inv-2',
        previousDueDate: '2026-11-18',
        dueDate: '2026-11-27',
        consent: { given: true, by: '이몽룡', at: at('2026-11-17'), method: '전화' },
      },
    ],
    clockStops: [],
    progressNotices: [],
    links: [],
    answer: {
      summary: '보수 공사를 12월에 합니다',
      method: '전자우편',
      by: 'inv-2',
      at: at('2026-11-20'),
      dueAt: '2026-11-27T18:00:00+09:00',
      onTime: true,
    },
    outcome: 'answered',
  });

describe('grievances', () => {
  it('shows the complainant, the handling department, the extension, the answer and the outcome', () => {
    const lines = viewOf('grievance', { grievance: grievance() });
    expectKoreanOnly(lines);
    expect(asMap(lines)).toEqual({
      민원인: '이몽룡 · 010-1234-6666',
      '민원인 주소': '서울특별시 영등포구 당산로 1',
      처리부서: '도로과',
      '처리기간 연장 1': '7일 — 현장 확인 필요 (2026년 11월 18일(수) → 2026년 11월 27일(금), 민원인 동의)',
      답변: '2026년 11월 20일(금) 전자우편 통지 — 보수 공사를 12월에 합니다',
      '처리 결과': '답변 종결',
    });
  });

  it('shows a viewer who may not see the complainant whole only the masked form (the case view masks before the view)', () => {
    const c = { kind: 'grievance', team: 'complaints', createdBy: 'clerk-1', grievance: grievance() } as CaseRecord;
    // A team lead of another team: caseForViewer masks, and the view reads only what it was given.
    const shown = caseForViewer(c, { actor: { sub: 'lead-9', roles: ['team-lead'] }, team: 'investigation' });
    const lines = KINDS.detailsViewOf(shown);
    const text = JSON.stringify(lines);
    for (const secret of ['이몽룡', '1234-6666', '당산로 1']) expect(text).not.toContain(secret);
    expect(asMap(lines)).toMatchObject({ 민원인: '이*룡 · 010-****-6666', '민원인 주소': '서울특별시 영등포구 ***' });
  });

  it('leaves out what is not recorded yet', () => {
    const { complainant: _c, handling: _h, answer: _a, outcome: _o, ...bare } = grievance();
    expect(viewOf('grievance', { grievance: { ...bare, extensions: [] } })).toEqual([]);
  });
});

const petitioner = { name: '성춘향', address: '서울특별시 영등포구 여의대로 5', phone: '010-2222-3333' };
const petition = (extra: Record<string, unknown> = {}) =>
  petitionRecordSchema.parse({
    form: 'joint',
    public: true,
    petitioner,
    representatives: [petitioner, { name: '변학도', address: '서울특별시 영등포구 국회대로 1' }],
    signatories: 1520,
    objections: [],
    due: {
      dueDate: '2027-02-01',
      dueAt: '2027-02-01T18:00:00+09:00',
      article: '청원법 제21조②',
      summaryKo: '90일',
      explanation: [],
      clockStops: [],
    },
    ...extra,
  });

describe('petitions', () => {
  it('shows the form, petitioners, screening, comment period and the decision', () => {
    const lines = viewOf('petition', {
      petition: petition({
        screening: { outcome: 'process', decidedAt: at('2026-11-10'), by: 'lead' },
        commentPeriod: { start: '2026-11-23', end: '2026-12-14', article: '청원법 제13조', commentCount: 41 },
        decision: { outcome: 'accept', content: '공원 부지를 검토합니다', decidedOn: '2026-12-01', by: 'head' },
      }),
    });
    expectKoreanOnly(lines);
    expect(asMap(lines)).toEqual({
      '청원 구분': '공동청원 · 공개청원',
      청원인: '성춘향 · 010-2222-3333',
      '청원인 주소': '서울특별시 영등포구 여의대로 5',
      대표자: '성춘향 · 010-2222-3333, 변학도',
      '청원인 수': '1,520명',
      '청원 심사': '처리 대상',
      '국민 의견 수렴': '2026년 11월 23일(월) ~ 2026년 12월 14일(월), 의견 41건',
      '처리 결과': '채택 (2026년 12월 1일(화)) — 공원 부지를 검토합니다',
    });
  });

  it('shows the petitioner and representatives masked to a viewer who may not see them', () => {
    const c = { kind: 'petition', team: 'complaints', createdBy: 'clerk-1', petition: petition() } as CaseRecord;
    const shown = caseForViewer(c, { actor: { sub: 'inv-1', roles: ['investigator'] }, team: 'investigation' });
    const text = JSON.stringify(KINDS.detailsViewOf(shown));
    for (const secret of ['성춘향', '변학도', '2222-3333', '여의대로 5']) expect(text).not.toContain(secret);
    expect(text).toContain('성*향');
  });
});

describe('whistleblower reports', () => {
  it('shows the route, the 권익위 reference, notices and the screening', () => {
    const record = whistleblowerRecordSchema.parse({
      variant: 'public-interest',
      route: 'acrc-transfer',
      acrcReference: '2AA-2611-012345',
      violatedLaw: '폐기물관리법',
      reportedPersonRecorded: true,
      notices: [{ occasion: 'intake', sentOn: '2026-11-23', method: '문서' }],
      supplements: [
        {
          requestedOn: '2026-11-24',
          dueOn: '2026-12-01',
          items: '현장 사진',
          outcome: 'answered',
          resolvedOn: '2026-11-27',
        },
      ],
      screening: { outcome: 'investigate', decidedOn: '2026-12-01' },
    });
    const lines = viewOf('whistleblower-report', { whistleblower: record });
    expectKoreanOnly(lines);
    expect(asMap(lines)).toEqual({
      '신고 구분': '공익신고 (공익신고자 보호법)',
      접수경로: '국민권익위원회 이첩',
      '권익위 문서번호': '2AA-2611-012345',
      '공익침해행위 대상 법률': '폐기물관리법',
      '피신고자 인적사항': '기재됨 (공개 금지, 법 제10조⑤)',
      '보호·지원 안내 1': '접수 시 2026년 11월 23일(월) (문서)',
      '보완요구 1': '2026년 11월 24일(화) 현장 사진 (기한 2026년 12월 1일(화)) — 2026년 11월 27일(금) 보완',
      '처리 결정': '조사 개시 — 2026년 12월 1일(화)',
    });
  });
});

const finding = (number: number, disposition: string, extra: Record<string, unknown> = {}) => ({
  findingId: `f${number}`,
  number,
  title: `지적 ${number}`,
  description: '내용',
  disposition,
  department: '회계과',
  officials: [],
  legalBasis: '지방자치단체 회계관리에 관한 훈령',
  status: 'active',
  followUp: {},
  addedOn: '2026-11-20',
  addedBy: 'aud-1',
  ...extra,
});

describe('self-audits', () => {
  it('shows the plan, the notice and fieldwork, and the findings as a count by disposition with their amounts', () => {
    const record = selfAuditRecordSchema.parse({
      plan: {
        planYear: 2026,
        item: '계약 업무 특정감사',
        purpose: '수의계약 적정성 점검',
        auditKind: 'specific',
        targetDepartments: ['회계과', '도로과'],
        scope: '2025~2026년 수의계약',
        startOn: '2026-11-16',
        endOn: '2026-11-20',
        staffSubs: ['aud-1', 'aud-2', 'aud-3'],
      },
      noticeDueOn: '2026-11-06',
      notice: { notifiedOn: '2026-11-02', late: false },
      fieldwork: {
        startedOn: '2026-11-16',
        endedOn: '2026-11-20',
        members: ['aud-1', 'aud-2'],
        resultDueOn: '2027-01-19',
      },
      returns: [],
      reconsiderations: [],
      findings: [
        finding(1, 'correction', { recoverWon: 1_200_000 }),
        finding(2, 'correction', { recoverWon: 800_000 }),
        finding(3, 'caution'),
        finding(4, 'accusation', { status: 'cancelled', recoverWon: 5_000_000 }),
      ],
    });
    const lines = viewOf('self-audit', { selfAudit: record });
    expectKoreanOnly(lines);
    const view = asMap(lines);
    expect(view).toMatchObject({
      감사계획: '2026년',
      '감사 종류': '특정감사',
      '대상 부서': '회계과, 도로과',
      '감사 기간': '2026년 11월 16일(월) ~ 2026년 11월 20일(금)',
      '감사 인원': '3명',
      '감사계획 통보': '2026년 11월 2일(월)',
      실지감사: '2026년 11월 16일(월) ~ 2026년 11월 20일(금) (2명)',
      '감사결과 기한': '2027년 1월 19일(화) (공공감사법 제23조①)',
      지적사항: '3건 — 시정 2건, 주의 1건 — 재심의 취소 1건',
      // The cancelled finding's amount does not count.
      '회수 대상 금액': '2,000,000원',
    });
    for (const absent of ['감사결과', '결과 통보', '상급기관 통보', '결과 공개', '절감액', '종결'])
      expect(view, absent).not.toHaveProperty(absent);
  });
});

describe('proactive administration', () => {
  it('shows a pre-consultation’s request, the information provided and the opinion, with no exemption lines', () => {
    const record = proactiveAdminRecordSchema.parse({
      track: 'pre-consulting',
      requestedOn: '2026-11-02',
      requester: { department: '도시계획과', name: '김민지', position: '주무관' },
      matter: '공원 내 임시 주차장 설치 가능 여부',
      lawsConcerned: ['도시공원법'],
      informationProvided: ['설계도서', '법률 검토서'],
      privateInterest: false,
      proposal: {
        type: 'opinion',
        opinion: '임시 설치 가능',
        informationSufficient: true,
        presumptionApplies: true,
        proposedOn: '2026-11-18',
        proposedBy: 'aud-1',
      },
      returns: [],
      decision: { decidedOn: '2026-11-20', decidedBy: 'head' },
    });
    const lines = viewOf('proactive-admin', { proactiveAdmin: record });
    expectKoreanOnly(lines);
    expect(asMap(lines)).toEqual({
      구분: '사전컨설팅 (지방공무원 적극행정 운영규정 제5조)',
      신청·요청일: '2026년 11월 2일(월)',
      요청자: '도시계획과 김민지 주무관',
      사안: '공원 내 임시 주차장 설치 가능 여부',
      '관련 법령': '도시공원법',
      '제공 자료': '설계도서, 법률 검토서',
      '사적 이해관계': '없음',
      '사전컨설팅 의견': '임시 설치 가능',
      '정보 충분성': '충분 — 면책 추정 적용',
      결재일: '2026년 11월 20일(금)',
    });
  });
});

describe('taxpayer-advocate cases', () => {
  it('shows the variant, the disposition, each request with its reply and the result', () => {
    const record = taxpayerRecordSchema.parse({
      variant: 'complaint',
      receivedOn: '2026-11-02',
      taxItem: '재산세',
      disposition: '2026년 재산세 부과',
      dispositionCompleted: true,
      matter: '공시가격 오류',
      requests: [
        {
          power: 'correction',
          content: '과세표준 재산정',
          requestedOn: '2026-11-04',
          requestedBy: 's1',
          reply: { accepted: true, content: '경정', repliedOn: '2026-11-09' },
        },
      ],
      result: { result: '해소', content: '경정 결과 통지', notifiedOn: '2026-11-10' },
    });
    const lines = viewOf('taxpayer-consultation', { taxpayer: record });
    expectKoreanOnly(lines);
    expect(asMap(lines)).toMatchObject({
      유형: '고충민원 (처분 완료 후)',
      처분·절차: '2026년 재산세 부과 (처분 완료)',
      '요구 1': '위법·부당 처분 시정요구 (2026년 11월 4일(수)) — 과세표준 재산정',
      '회신 1': '수용 (2026년 11월 9일(월)) — 경정',
      '처리 결과': '해소 (통지 2026년 11월 10일(화)) — 경정 결과 통지',
    });
  });
});

describe('human-rights assessments', () => {
  it('shows the draft law, the notice date, the assessment per criterion and the department’s refusal', () => {
    const check = (concern: boolean) => ({ concern, note: '근거' });
    const criteria = {
      infringement: check(true),
      remedy: check(false),
      participation: check(false),
      promotion: check(false),
    };
    const record = humanRightsRecordSchema.parse({
      lawTitle: '공공시설 이용 조례 일부개정조례안',
      lawType: '조례',
      change: '일부개정',
      department: '자치행정과',
      requestedOn: '2026-11-02',
      legislativeNoticeOn: '2026-12-14',
      selfCheck: { submittedOn: '2026-11-03', criteria: { ...criteria, infringement: check(false) } },
      assessment: {
        criteria,
        conclusion: '개선 권고',
        articles: ['제5조②', '제9조'],
        recommendation: '제한 사유 구체화',
        assessedOn: '2026-11-20',
        assessedBy: 's1',
      },
      response: { response: '불수용', refusalGrounds: '상위 조례 문구', respondedOn: '2026-11-27' },
    });
    const lines = viewOf('human-rights-assessment', { humanRights: record });
    expectKoreanOnly(lines);
    expect(asMap(lines)).toMatchObject({
      자치법규: '공공시설 이용 조례 일부개정조례안 (조례 일부개정)',
      '입법예고 예정일': '2026년 12월 14일(월)',
      '자체점검: 인권 보장·침해 여부': '우려 없음 — 근거',
      '평가: 인권 보장·침해 여부': '우려 있음 — 근거',
      결론: '개선 권고 (2026년 11월 20일(금))',
      '권고 조항': '제5조②, 제9조',
      '부서 회신': '불수용 (2026년 11월 27일(금))',
      '불수용 사유': '상위 조례 문구',
    });
  });
});
