/**
 * Demo data for the local system: staff of the office's four teams (names are fictional; the team
 * structure follows the office's 2023 work report) and a few cases, created through the same use
 * cases the API uses, with idempotency keys so seeding twice changes nothing.
 */
import {
  COMMITTEE_KINDS,
  committeeFromInput,
  committeeInputSchema,
  type CommitteeInput,
  type CommitteeKind,
  type CommitteeMember,
} from '#shared/domain/committee.ts';
import type { CommitteeRepository } from '#shared/store/committee-repository.ts';
import { citizenAuditorFromInput, type CitizenAuditorInput } from '#shared/domain/citizen-auditors.ts';
import type { CitizenAuditorRoster } from '#shared/store/citizen-auditor-roster.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import type { Role } from '#shared/domain/roles.ts';
import type { StaffMember } from '#shared/domain/staff.ts';
import type { CaseUseCases } from '#shared/usecases/case-usecases.ts';
import type { StaffRepository } from '#shared/store/staff-repository.ts';

/** One demo user per role, the person `npm run token -- <role>` signs in as. */
export const DEMO_USERS: Record<Role, StaffMember> = {
  clerk: {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000001',
    name: '이하은',
    email: 'haeun.lee@gamsa.local',
    team: 'complaints',
    position: '주무관(접수)',
    roles: ['clerk'],
    active: true,
  },
  investigator: {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000002',
    name: '박준형',
    email: 'junhyung.park@gamsa.local',
    team: 'investigation',
    position: '조사관(6급)',
    roles: ['investigator'],
    active: true,
  },
  'team-lead': {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000003',
    name: '최유진',
    email: 'yujin.choi@gamsa.local',
    team: 'investigation',
    position: '조사팀장',
    roles: ['team-lead'],
    active: true,
  },
  head: {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000004',
    name: '김정민',
    email: 'jungmin.kim@gamsa.local',
    position: '감사담당관(5급)',
    roles: ['head'],
    active: true,
  },
  secretary: {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000005',
    name: '정다인',
    email: 'dain.jung@gamsa.local',
    team: 'complaints',
    position: '위원회 간사(7급)',
    roles: ['secretary'],
    active: true,
  },
  member: {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000006',
    name: '한서준',
    email: 'seojun.han@gamsa.local',
    position: '민원조정위원회 위원(외부)',
    roles: ['member'],
    active: true,
  },
  auditor: {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000007',
    name: '오세라',
    email: 'sera.oh@gamsa.local',
    position: '서울시 감사위원회 감사관',
    roles: ['auditor'],
    active: true,
  },
  admin: {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000008',
    name: '윤태호',
    email: 'taeho.yoon@gamsa.local',
    position: '시스템 관리자',
    roles: ['admin'],
    active: true,
  },
  // A named person, not a post: the identity custodian grants or refuses a handler's request to
  // see a whistleblower's identity (공익신고자 보호법 시행령 제13조) and never handles the reports.
  custodian: {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000009',
    name: '문소영',
    email: 'soyoung.moon@gamsa.local',
    position: '신원정보 관리책임자(감사담당관실 서무)',
    roles: ['custodian'],
    active: true,
  },
  // A resident, not staff: a 구민감사관 sees the on-site checks they are on and nothing else.
  'citizen-auditor': {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000051',
    name: '노경태',
    email: 'kyungtae.noh@citizen.gamsa.local',
    position: '구민감사관 제8기(토목)',
    roles: ['citizen-auditor'],
    active: true,
  },
};

/** The rest of the four teams (감사팀, 조사팀, 민원관리팀, 순찰팀). */
const OTHER_STAFF: StaffMember[] = [
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000011',
    name: '강민수',
    email: 'minsu.kang@gamsa.local',
    team: 'audit',
    position: '감사팀장',
    roles: ['team-lead'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000012',
    name: '서지원',
    email: 'jiwon.seo@gamsa.local',
    team: 'audit',
    position: '감사관(6급)',
    roles: ['investigator'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000013',
    name: '임채원',
    email: 'chaewon.lim@gamsa.local',
    team: 'audit',
    position: '계약심사(7급)',
    roles: ['investigator'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000021',
    name: '조현우',
    email: 'hyunwoo.jo@gamsa.local',
    team: 'investigation',
    position: '조사관(7급)',
    roles: ['investigator'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000031',
    name: '배수빈',
    email: 'subin.bae@gamsa.local',
    team: 'complaints',
    position: '민원관리팀장',
    roles: ['team-lead'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000032',
    name: '신예린',
    email: 'yerin.shin@gamsa.local',
    team: 'complaints',
    position: '고충민원 담당(7급)',
    roles: ['investigator', 'clerk'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000041',
    name: '홍성민',
    email: 'sungmin.hong@gamsa.local',
    team: 'patrol',
    position: '순찰팀장',
    roles: ['team-lead'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000042',
    name: '문가영',
    email: 'gayoung.moon@gamsa.local',
    team: 'patrol',
    position: '순찰 담당(8급)',
    roles: ['investigator'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000052',
    name: '염미숙',
    email: 'misook.yeom@citizen.gamsa.local',
    position: '구민감사관 제8기(동 대표)',
    roles: ['citizen-auditor'],
    active: true,
  },
  // Two more 구민감사관 the demo does not appoint: the year generator puts them on the roster for its year.
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000053',
    name: '한정수',
    email: 'jeongsu.han@citizen.gamsa.local',
    position: '구민감사관(건축)',
    roles: ['citizen-auditor'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000054',
    name: '오세영',
    email: 'seyoung.oh@citizen.gamsa.local',
    position: '구민감사관(전기)',
    roles: ['citizen-auditor'],
    active: true,
  },
];

/**
 * Contacts of three 구 departments (부서) that handle 응답소 field complaints: the monthly analysis mails
 * each department's contacts — the staff records whose `department` is the 처리부서 as the export
 * writes it (StaffRepository.listByDepartment). The other departments of the sample export
 * (infra/ops/field-complaint-sample.ts) have none, so the head's mail names them as without a contact.
 * Not office staff: no team; `clerk` only because a staff record needs a role (the department's
 * requests are registered from it, README: fast intake).
 */
export const DEPARTMENT_CONTACTS: StaffMember[] = [
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000061',
    name: '김주원',
    email: 'juwon.kim@ydp.local',
    department: '주차관리과',
    position: '주차단속 담당(7급)',
    phone: '02-2670-3101',
    roles: ['clerk'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000062',
    name: '이도현',
    email: 'dohyun.lee@ydp.local',
    department: '도로과',
    position: '도로보수 담당(6급)',
    phone: '02-2670-3102',
    roles: ['clerk'],
    active: true,
  },
  {
    sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000063',
    name: '박서윤',
    email: 'seoyun.park@ydp.local',
    department: '청소행정과',
    position: '생활폐기물 담당(7급)',
    phone: '02-2670-3103',
    roles: ['clerk'],
    active: true,
  },
];

export const DEMO_STAFF: StaffMember[] = [...Object.values(DEMO_USERS), ...OTHER_STAFF, ...DEPARTMENT_CONTACTS];

/** The department contacts, apart from the seed marker, so a data directory from before them gets them too. */
export async function seedDepartmentContacts(staff: Pick<StaffRepository, 'putIfAbsent'>): Promise<number> {
  return countAdded(DEPARTMENT_CONTACTS.map((member) => staff.putIfAbsent(member)));
}

export async function seedDemoData(
  staff: StaffRepository,
  cases: CaseUseCases,
): Promise<{ staffAdded: number; casesAdded: number }> {
  const staffAdded = await countAdded(DEMO_STAFF.map((member) => staff.putIfAbsent(member)));

  const auditLead = OTHER_STAFF.find((m) => m.team === 'audit' && m.roles.includes('team-lead'))!;
  const lead = DEMO_USERS['team-lead'];
  const actor = { sub: lead.sub, name: lead.name, email: lead.email, roles: lead.roles };
  const clerk = DEMO_USERS.clerk;
  const clerkActor = { sub: clerk.sub, name: clerk.name, email: clerk.email, roles: clerk.roles };
  const demoCases = [
    {
      by: actor,
      key: 'demo-seed-case-0001',
      input: {
        kind: 'external-referral' as const,
        title: '경찰서 수사개시 통보 — 도로관리과 공무원 금품수수 의혹',
        summary: '영등포경찰서 수사개시 통보(2026-11-02). 통보 대상 공무원 1명.',
        department: '도로관리과',
        assigneeSub: DEMO_USERS.investigator.sub,
        receivedAt: '2026-11-03T09:20:00+09:00',
        dueDate: '2026-12-03',
        misconduct: {
          category: 'bribery' as const,
          conductDate: '2026-08-14',
          officials: [{ name: '김도윤', department: '도로관리과', grade: '지방시설주사(6급)' }],
          referral: {
            agency: '경찰' as const,
            noticeType: '수사·조사 개시 통보' as const,
            noticeNumber: '영등포경찰서 수사과-2026-1102',
            noticeDate: '2026-11-02',
          },
        },
      },
    },
    {
      by: clerkActor,
      key: 'demo-seed-case-0002',
      input: {
        kind: 'grievance' as const,
        title: '주택가 공사장 소음 고충민원',
        summary: '야간 공사 소음으로 인한 고충. 현장 확인 요청.',
        channel: '응답소' as const,
        department: '건축과',
        receivedAt: '2026-11-20T10:30:00+09:00',
        dueDate: '2026-11-30',
      },
    },
    {
      by: actor,
      key: 'demo-seed-case-0003',
      input: {
        kind: 'internal-investigation' as const,
        title: '익명신고 — 보조금 집행 부적정 의혹',
        department: '복지정책과',
        channel: '익명신고' as const,
        assigneeSub: DEMO_USERS.investigator.sub,
        receivedAt: '2026-11-10T14:00:00+09:00',
        misconduct: {
          category: 'embezzlement' as const,
          conductDate: '2026-06-30',
          officials: [{ name: '이서연', department: '복지정책과', grade: '지방사회복지주사(6급)' }],
          origin: 'anonymous-report' as const,
        },
      },
    },
    {
      by: clerkActor,
      key: 'demo-seed-case-0004',
      input: {
        kind: 'petition' as const,
        title: '어린이공원 놀이시설 교체 청원',
        summary: '주민 120명 연명 청원',
        receivedAt: '2026-11-18T11:00:00+09:00',
        petition: {
          form: 'joint' as const,
          public: true,
          petitioner: { name: '김민지', address: '서울특별시 ○○구 ○○로 12' },
          representatives: [{ name: '김민지', address: '서울특별시 ○○구 ○○로 12' }],
          signatories: 120,
        },
      },
    },
    {
      by: { sub: auditLead.sub, name: auditLead.name, email: auditLead.email, roles: auditLead.roles },
      key: 'demo-seed-case-0005',
      input: {
        kind: 'citizen-check' as const,
        title: '구민감사관 현장점검 — 신길로 보도 정비 공사',
        department: '도로과',
        citizenCheck: {
          project: { name: '신길로 보도 정비 공사', orderingDepartment: '도로과', contractAmountWon: 480_000_000 },
          // A few days back, whatever day the system starts: the auditors can report on it at once.
          checkDate: daysBefore(koreaDate(new Date()), 3),
          items: ['construction' as const, 'unpaid-wages' as const, 'bribery' as const],
          auditors: DEMO_CITIZEN_AUDITORS.map((a) => a.sub),
        },
      },
    },
  ];
  let casesAdded = 0;
  for (const { by, key, input } of demoCases) {
    const { replayed } = await cases.createCase(by, input, { key, request: { op: 'create-case', body: input } });
    if (!replayed) casesAdded += 1;
  }
  return { staffAdded, casesAdded };
}

const daysBefore = (on: string, days: number) =>
  new Date(Date.parse(`${on}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo 구민감사관 on the roster: a two-year term from 1 January of last year, so it holds any
 * day of this year; one 토목 auditor and one 동 대표.
 */
function demoCitizenAuditors(today: string): { sub: string; input: CitizenAuditorInput }[] {
  const year = Number(today.slice(0, 4));
  const term = { termStart: `${year - 1}-01-01`, termEnd: `${year}-12-31` };
  const dongRep = OTHER_STAFF.find((m) => m.name === '염미숙')!;
  return [
    { sub: DEMO_USERS['citizen-auditor'].sub, input: { field: 'civil', cohort: 8, ...term } },
    { sub: dongRep.sub, input: { field: 'dong', dong: '신길1동', cohort: 8, ...term } },
  ];
}
export const DEMO_CITIZEN_AUDITORS = demoCitizenAuditors(koreaDate(new Date()));

/** Puts the demo 구민감사관 on the roster if they are not there yet (idempotent: run at every start). */
export async function seedDemoCitizenAuditors(roster: CitizenAuditorRoster): Promise<number> {
  return countAdded(
    DEMO_CITIZEN_AUDITORS.map(({ sub, input }) => {
      const person = DEMO_STAFF.find((m) => m.sub === sub)!;
      return roster.putIfAbsent(citizenAuditorFromInput(person, input, 'system:seed', '2026-01-02T09:00:00+09:00'));
    }),
  );
}

/**
 * The office's five committees (names fictional; composition after the laws in docs/legal-basis.md#committees and
 * the cadences in the office's 2023 work report). The demo secretary keeps the minutes of all five.
 */
/** Two-year terms from 1 July; the demo members sit in the term that contains today (Korea time). */
function termAround(today: string, yearsBack = 0): { termStart: string; termEnd: string } {
  const year = Number(today.slice(0, 4));
  const start = (today.slice(5) >= '07-01' ? year : year - 1) - 2 * yearsBack;
  return { termStart: `${start}-07-01`, termEnd: `${start + 2}-06-30` };
}
const TERM = termAround(koreaDate(new Date()));
const FORMER_TERM = termAround(koreaDate(new Date()), 1);
const external = (memberId: string, name: string, affiliation: string, chair = false): CommitteeMember => ({
  memberId,
  name,
  affiliation,
  email: `${memberId}@committee.gamsa.local`,
  chair,
  external: true,
  ...TERM,
});
const internal = (
  memberId: string,
  name: string,
  affiliation: string,
  chair = false,
  staffSub?: string,
): CommitteeMember => ({
  memberId,
  name,
  affiliation,
  ...(staffSub !== undefined && { staffSub }),
  email: `${memberId}@gamsa.local`,
  chair,
  external: false,
  ...TERM,
});

export const DEMO_COMMITTEES: Record<CommitteeKind, CommitteeInput> = {
  'petition-review': {
    nameKo: '청원심의회',
    secretarySub: DEMO_USERS.secretary.sub,
    members: [
      internal('pr-chair', '송기철', '부구청장', true),
      internal('pr-planning', '남궁현', '기획조정실장'),
      external('pr-lawyer', '한서준', '변호사 (위촉)'),
      external('pr-professor', '유지혜', '○○대학교 행정학과 교수 (위촉)'),
      external('pr-resident', '황보민', '주민대표 (위촉)'),
    ].map((m) =>
      m.memberId === 'pr-lawyer' ? { ...m, staffSub: DEMO_USERS.member.sub, email: DEMO_USERS.member.email } : m,
    ),
    cadence: {
      type: 'as-needed',
      minimumPerYear: 0,
      labelKo: '청원 심의가 필요할 때 수시',
      basis: '청원법 제8조·제21조①, 시행령 제3조 (5~7명, 위촉위원 1/2 이상, 임기 2년)',
    },
    quorum: {
      attendance: 'majority',
      decision: 'majority',
      article: '청원법 시행령 제3조 (재적 과반 출석·출석 과반 찬성)',
    },
  },
  mediation: {
    nameKo: '민원조정위원회',
    secretarySub: DEMO_USERS.secretary.sub,
    members: [
      internal('md-chair', '고영수', '행정국장', true),
      internal('md-head', DEMO_USERS.head.name, '감사담당관 (감사부서의 장)', false, DEMO_USERS.head.sub),
      internal('md-building', '차은비', '건축과장 (처리주무부서장)'),
      external('md-lawyer', '한서준', '변호사 (외부 법률전문가)'),
      external('md-expert', '편성호', '갈등조정 전문가 (위촉)'),
    ].map((m) =>
      m.memberId === 'md-lawyer' ? { ...m, staffSub: DEMO_USERS.member.sub, email: DEMO_USERS.member.email } : m,
    ),
    cadence: {
      type: 'months',
      months: [6, 12],
      dayOfMonth: 10,
      time: '14:00',
      labelKo: '반기별 (6월·12월), 연 1회 이상',
      basis: '민원처리법 시행령 제38조의2 (매년 1회 이상 심의); 2024 업무계획 반기별 개최',
    },
  },
  ethics: {
    nameKo: '영등포구 공직자윤리위원회',
    secretarySub: DEMO_USERS.secretary.sub,
    members: [
      external('et-chair', '권태식', '전 지방법원 부장판사 (위촉)', true),
      external('et-accountant', '민소희', '공인회계사 (위촉)'),
      external('et-professor', '탁현정', '○○대학교 법학전문대학원 교수 (위촉)'),
      external('et-tax', '어윤재', '세무사 (위촉)'),
      external('et-civic', '제갈윤', '시민단체 활동가 (위촉)'),
      internal('et-admin', '방지훈', '행정국장'),
      internal('et-audit', '엄수정', '기획조정실장'),
    ],
    cadence: {
      type: 'months',
      months: [6, 12],
      dayOfMonth: 15,
      time: '15:00',
      labelKo: '연 2회 (6월·12월), 필요시 수시',
      basis: '공직자윤리법 제9조②6·③ (구 위원회 7명, 5명 외부); 2024 업무계획 연 2회(6월, 12월)',
    },
  },
  personnel: {
    nameKo: '인사위원회',
    secretarySub: DEMO_USERS.secretary.sub,
    members: [
      internal('ps-chair', '송기철', '부구청장', true),
      internal('ps-admin', '고영수', '행정국장'),
      internal('ps-welfare', '진미경', '복지국장'),
      external('ps-lawyer', '석도현', '변호사 (위촉)'),
      external('ps-labor', '모지안', '공인노무사 (위촉)'),
      external('ps-professor', '가은후', '○○대학교 행정학과 교수 (위촉)'),
      external('ps-retired', '피정연', '전 구청 국장 (위촉)'),
      { ...external('ps-former', '곽명진', '전 위촉위원'), ...FORMER_TERM },
    ],
    cadence: {
      type: 'as-needed',
      minimumPerYear: 0,
      labelKo: '징계의결 요구가 있을 때 수시 (요구서 접수 후 30일 이내 의결)',
      basis: '지방공무원 징계 및 소청 규정 제3조 (2008 text; 30일 이내 의결)',
    },
  },
  'human-rights': {
    nameKo: '인권위원회',
    secretarySub: DEMO_USERS.secretary.sub,
    members: [
      external('hr-chair', '윤슬기', '인권단체 대표 (위촉)', true),
      external('hr-lawyer', '도하람', '변호사 (위촉)'),
      external('hr-professor', '채서윤', '○○대학교 사회복지학과 교수 (위촉)'),
      external('hr-resident', '봉준길', '구민 인권지킴이단 대표 (위촉)'),
      internal('hr-audit', DEMO_USERS.head.name, '감사담당관', false, DEMO_USERS.head.sub),
    ],
    cadence: {
      type: 'months',
      months: [3, 9],
      dayOfMonth: 20,
      time: '14:00',
      labelKo: '상·하반기 연 2회',
      basis: '2023 업무보고: 제5기 인권위원회 연 2회 운영',
    },
  },
};

/** Registers the demo committees that are not there yet (idempotent: run at every start). */
export async function seedDemoCommittees(committees: CommitteeRepository): Promise<number> {
  const inputs = COMMITTEE_KINDS.map((kind) => [kind, committeeInputSchema.parse(DEMO_COMMITTEES[kind])] as const);
  return countAdded(
    inputs.map(([kind, input]) =>
      committees.putIfAbsent(committeeFromInput(kind, input, 'system:seed', '2026-01-02T09:00:00+09:00')),
    ),
  );
}

/**
 * How many of these conditional puts wrote their item. Each item is its own conditional put (no two
 * write the same key), so they go at once: every start of the local system runs them, and one after
 * another they were a round trip each before the API answered.
 */
async function countAdded(puts: Promise<boolean>[]): Promise<number> {
  return (await Promise.all(puts)).filter(Boolean).length;
}
