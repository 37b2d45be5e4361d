/**
 * Demo data for the local system: staff of the office's four teams (names are fictional; the team
 * structure follows the office's 2023 work report) and a few cases, created through the same use
 * cases the API uses, with idempotency keys so seeding twice changes nothing.
 */
import type { Role } from '../../shared/domain/roles.ts';
import type { StaffMember } from '../../shared/domain/staff.ts';
import type { CaseUseCases } from '../../shared/usecases/case-usecases.ts';
import type { StaffRepository } from '../../shared/store/staff-repository.ts';

/** One demo user per role, the person `npm run token -- <role>` signs in as. */
export const DEMO_USERS: Record<Role, StaffMember> = {
  clerk: { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000001', name: '이하은', email: 'haeun.lee@gamsa.local', team: 'complaints', position: '주무관(접수)', roles: ['clerk'], active: true },
  investigator: { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000002', name: '박준형', email: 'junhyung.park@gamsa.local', team: 'investigation', position: '조사관(6급)', roles: ['investigator'], active: true },
  'team-lead': { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000003', name: '최유진', email: 'yujin.choi@gamsa.local', team: 'investigation', position: '조사팀장', roles: ['team-lead'], active: true },
  head: { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000004', name: '김정민', email: 'jungmin.kim@gamsa.local', position: '감사담당관(5급)', roles: ['head'], active: true },
  secretary: { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000005', name: '정다인', email: 'dain.jung@gamsa.local', team: 'complaints', position: '위원회 간사(7급)', roles: ['secretary'], active: true },
  member: { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000006', name: '한서준', email: 'seojun.han@gamsa.local', position: '민원조정위원회 위원(외부)', roles: ['member'], active: true },
  auditor: { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000007', name: '오세라', email: 'sera.oh@gamsa.local', position: '서울시 감사위원회 감사관', roles: ['auditor'], active: true },
  admin: { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000008', name: '윤태호', email: 'taeho.yoon@gamsa.local', position: '시스템 관리자', roles: ['admin'], active: true },
};

/** The rest of the four teams (감사팀, 조사팀, 민원관리팀, 순찰팀). */
const OTHER_STAFF: StaffMember[] = [
  { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000011', name: '강민수', email: 'minsu.kang@gamsa.local', team: 'audit', position: '감사팀장', roles: ['team-lead'], active: true },
  { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000012', name: '서지원', email: 'jiwon.seo@gamsa.local', team: 'audit', position: '감사관(6급)', roles: ['investigator'], active: true },
  { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000013', name: '임채원', email: 'chaewon.lim@gamsa.local', team: 'audit', position: '계약심사(7급)', roles: ['investigator'], active: true },
  { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000021', name: '조현우', email: 'hyunwoo.jo@gamsa.local', team: 'investigation', position: '조사관(7급)', roles: ['investigator'], active: true },
  { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000031', name: '배수빈', email: 'subin.bae@gamsa.local', team: 'complaints', position: '민원관리팀장', roles: ['team-lead'], active: true },
  { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000032', name: '신예린', email: 'yerin.shin@gamsa.local', team: 'complaints', position: '고충민원 담당(7급)', roles: ['investigator', 'clerk'], active: true },
  { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000041', name: '홍성민', email: 'sungmin.hong@gamsa.local', team: 'patrol', position: '순찰팀장', roles: ['team-lead'], active: true },
  { sub: '7c1f0a52-0b8e-4d55-9a71-1e0c2a000042', name: '문가영', email: 'gayoung.moon@gamsa.local', team: 'patrol', position: '순찰 담당(8급)', roles: ['investigator'], active: true },
];

export const DEMO_STAFF: StaffMember[] = [...Object.values(DEMO_USERS), ...OTHER_STAFF];

export async function seedDemoData(staff: StaffRepository, cases: CaseUseCases): Promise<{ staffAdded: number; casesAdded: number }> {
  let staffAdded = 0;
  for (const member of DEMO_STAFF) if (await staff.putIfAbsent(member)) staffAdded += 1;

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
          referral: { agency: '경찰' as const, noticeType: '수사·조사 개시 통보' as const, noticeNumber: '영등포경찰서 수사과-2026-1102', noticeDate: '2026-11-02' },
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
      input: { kind: 'petition' as const, title: '어린이공원 놀이시설 교체 청원', summary: '주민 120명 연명 청원', receivedAt: '2026-11-18T11:00:00+09:00' },
    },
  ];
  let casesAdded = 0;
  for (const { by, key, input } of demoCases) {
    const { replayed } = await cases.createCase(by, input, { key, request: { op: 'create-case', body: input } });
    if (!replayed) casesAdded += 1;
  }
  return { staffAdded, casesAdded };
}
