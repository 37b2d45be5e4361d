/**
 * Synthetic cases for the search bench and the search tests: a deterministic mix shaped like the
 * office's year (mostly field complaints and grievances, most cases closed, a few sealed misconduct
 * cases with officials concerned), built through the domain (openCase) so every record is valid.
 * The bench writes them with the item layout of case-repository (caseItem) in batches; the tests
 * write them through CaseRepository.create, the same transaction intake uses.
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { CaseRecord } from '#shared/domain/case.ts';
import { openCase } from '#shared/kinds/registry.ts';
import { CHANNELS } from '#shared/domain/channels.ts';
import type { CaseKind } from '#shared/domain/case.ts';
import { KINDS } from '#shared/kinds/registry.ts';
import { CONTRACT_CATEGORY_KEYS } from '#shared/kinds/contract-review/contract-review-settings.ts';
import { TEAM_CASE_CODES } from '#shared/domain/roles.ts';
import { REFERRING_AGENCIES, type DispositionType } from '#shared/kinds/misconduct/misconduct.ts';
import { toKoreaIso } from '#shared/domain/korea-time.ts';
import { caseItem } from '#shared/store/case-repository.ts';

/** A small deterministic PRNG (mulberry32): the same seed gives the same cases. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KIND_WEIGHTS: [CaseKind, number][] = [
  ['field-complaint', 55],
  ['grievance', 16],
  ['contract-review', 8],
  ['daily-audit', 5],
  ['property-review', 4],
  ['patrol-finding', 4],
  ['taxpayer-consultation', 2],
  ['disclosure-refusal', 1],
  ['human-rights-assessment', 1],
  ['petition', 1],
  ['external-referral', 3],
  ['internal-investigation', 2],
  ['whistleblower-report', 0.5],
  ['self-audit', 0.3],
  ['proactive-admin', 0.2],
];
const TOTAL_WEIGHT = KIND_WEIGHTS.reduce((a, [, w]) => a + w, 0);

export const SEED_DEPARTMENTS = [
  '도로관리과',
  '건축과',
  '주택과',
  '공원녹지과',
  '청소행정과',
  '교통행정과',
  '주차관리과',
  '환경과',
  '보건소',
  '세무1과',
  '세무2과',
  '민원여권과',
  '자치행정과',
  '복지정책과',
  '어르신복지과',
  '아동청소년과',
  '문화체육과',
  '일자리경제과',
  '재무과',
  '도시계획과',
];
export const SEED_ASSIGNEES = Array.from({ length: 24 }, (_, i) => `seed-staff-${String(i + 1).padStart(2, '0')}`);
const PLACES = ['영등포로', '당산동', '여의도동', '문래동', '신길동', '대림동', '양평동', '도림동'];
const SUBJECTS = [
  '불법 주정차',
  '보도 파손',
  '가로등 고장',
  '쓰레기 무단투기',
  '공사 소음',
  '누수',
  '불법 현수막',
  '악취',
  '도로 포트홀',
  '공원 시설 파손',
];
const DISPOSITIONS: DispositionType[] = ['discipline', 'admonition', 'caution', 'closure', 'corrective-action'];

const pick = <T>(r: () => number, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

function pickKind(r: () => number): CaseKind {
  let x = r() * TOTAL_WEIGHT;
  for (const [kind, w] of KIND_WEIGHTS) if ((x -= w) < 0) return kind;
  return 'field-complaint';
}

const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 86_400_000);

export interface SeedOptions {
  /** Cases are received over the 365 days before `now`. */
  now: Date;
  seed?: number;
  /** Official names of sealed misconduct cases get this marker (tests grep exports for it). */
  identityMarker?: string;
}

/** The i-th synthetic case (0-based); ids are deterministic and sort by i. */
export function syntheticCase(i: number, options: SeedOptions): CaseRecord {
  const r = rng((options.seed ?? 7) * 1_000_003 + i);
  const kind = pickKind(r);
  const received = addDays(options.now, -Math.floor(r() * 365) - 1);
  received.setUTCHours(Math.floor(r() * 9), Math.floor(r() * 60), 0, 0);
  const receivedAt = toKoreaIso(received);
  const year = Number(receivedAt.slice(0, 4));
  const caseId = `0SEED${String(i).padStart(21, '0')}`;
  const team = TEAM_CASE_CODES[KINDS.get(kind).team];
  const caseNumber = `${year}-${team}-${String(i + 1).padStart(6, '0')}`;
  const misconductKind = kind === 'external-referral' || kind === 'internal-investigation';
  const conductDate = toKoreaIso(addDays(received, -30 - Math.floor(r() * 300))).slice(0, 10);
  const marker = options.identityMarker ?? '';
  const change = openCase({
    caseId,
    caseNumber,
    actor: { sub: 'seed', role: 'clerk' },
    now: receivedAt,
    input: {
      kind,
      title: `${pick(r, PLACES)} ${pick(r, SUBJECTS)} ${kind === 'grievance' ? '고충' : '민원'} #${i}`,
      summary: misconductKind ? `관련자 ${marker}요지` : '요지',
      receivedAt,
      ...(kind === 'grievance' || kind === 'field-complaint' ? { channel: pick(r, CHANNELS) } : {}),
      ...(r() < 0.9 && { department: pick(r, SEED_DEPARTMENTS) }),
      ...(r() < 0.95 && { assigneeSub: pick(r, SEED_ASSIGNEES) }),
      ...(r() < 0.85 &&
        kind !== 'grievance' && { dueDate: toKoreaIso(addDays(received, 7 + Math.floor(r() * 60))).slice(0, 10) }),
      ...(kind === 'grievance' && {
        grievance: {
          complainant: { name: `${marker}민원인${i}`, contact: `${marker}010-0000-${i}`, address: `${marker}주소${i}` },
        },
      }),
      ...(kind === 'petition' && {
        petition: {
          form: 'individual' as const,
          public: false,
          petitioner: { name: `${marker}청원인${i}`, address: `${marker}청원주소${i}`, phone: `${marker}02-000-${i}` },
        },
      }),
      ...(kind === 'taxpayer-consultation' && {
        taxpayer: { variant: 'consultation' as const, taxItem: '재산세', matter: `세무상담 #${i}` },
      }),
      ...(kind === 'human-rights-assessment' && {
        humanRights: {
          lawTitle: `구 조례 일부개정안 #${i}`,
          lawType: '조례' as const,
          change: '일부개정' as const,
          department: pick(r, SEED_DEPARTMENTS),
          legislativeNoticeOn: toKoreaIso(addDays(received, 30)).slice(0, 10),
        },
      }),
      ...(kind === 'patrol-finding' && {
        patrolFinding: {
          origin: 'regular' as const,
          foundOn: receivedAt.slice(0, 10),
          place: { address: `${pick(r, PLACES)} ${i}`, dong: '여의동' },
          category: 'road' as const,
          finding: `보도 파손 #${i}`,
        },
      }),
      ...(kind === 'property-review' && {
        propertyReview: { year, registrationType: 'yearly' as const },
      }),
      ...(kind === 'disclosure-refusal' && {
        disclosureRefusal: { registrantNo: `S${i}` },
      }),
      ...(kind === 'proactive-admin' && {
        proactiveAdmin: {
          track: 'pre-consulting' as const,
          requester: { department: pick(r, SEED_DEPARTMENTS) },
          matter: `사전컨설팅 #${i}`,
          informationProvided: ['검토 보고서'],
          privateInterest: false,
        },
      }),
      ...(misconductKind && {
        misconduct: {
          category: 'neglect-of-duty' as const,
          conductDate,
          officials: [
            {
              name: `${marker}홍길동${i}`,
              department: `${marker}비위부서`,
              grade: `${marker}지방행정주사(6급)`,
              staffSub: `${marker}official-${i}`,
            },
          ],
          ...(kind === 'external-referral'
            ? {
                referral: {
                  agency: pick(
                    r,
                    REFERRING_AGENCIES.filter((a) => a !== '기타' && a !== '감사원'),
                  ),
                  noticeType: '범죄처분결과 통보' as const,
                  noticeNumber: `${marker}통보-${i}`,
                  noticeDate: conductDate,
                },
              }
            : { origin: 'complaint' as const }),
        },
      }),
      // Drawn from the index, not the random stream, so every other seeded field stays as it was.
      ...(kind === 'self-audit' && {
        selfAudit: {
          planYear: 2026,
          item: `자체감사 #${i}`,
          purpose: '업무 처리의 적정성 점검',
          auditKind: 'comprehensive' as const,
          targetDepartments: [SEED_DEPARTMENTS[i % SEED_DEPARTMENTS.length]!],
          scope: '업무 전반',
          startOn: '2026-03-02',
          endOn: '2026-03-06',
          staffSubs: ['seed-auditor'],
        },
      }),
      ...(kind === 'contract-review' && {
        contractReview: {
          projectName: `계약 사업 #${i}`,
          category: CONTRACT_CATEGORY_KEYS[i % CONTRACT_CATEGORY_KEYS.length]!,
          designAmountWon: 20_000_000 + (i % 50) * 1_000_000,
        },
      }),
    },
  });
  let c: CaseRecord = { ...change.next, historySeq: 0, historyHead: '' };
  const closed = r() < 0.8;
  if (closed) {
    const closedAt = toKoreaIso(addDays(received, 1 + Math.floor(r() * 60)));
    c = {
      ...c,
      stage: 'closed',
      closedAt: closedAt < toKoreaIso(options.now) ? closedAt : toKoreaIso(options.now),
      updatedAt: closedAt < toKoreaIso(options.now) ? closedAt : toKoreaIso(options.now),
      version: 2,
    };
  } else {
    c = {
      ...c,
      stage: pick(r, ['assignment', 'investigation', 'review', 'approval'] as const),
      updatedAt: toKoreaIso(addDays(received, Math.floor(r() * 5))),
      version: 2,
    };
  }
  if (c.grievance && closed)
    c = { ...c, grievance: { ...c.grievance, outcome: r() < 0.9 ? 'answered' : 'closed-as-repeated' } };
  if (c.petition && closed) {
    const outcome = r() < 0.5 ? 'accept' : 'reject';
    c = {
      ...c,
      petition: {
        ...c.petition,
        committeeReview: { recommendation: outcome, at: c.updatedAt, by: 'seed' },
        decision: { outcome, content: '결정', decidedOn: c.updatedAt.slice(0, 10), by: 'seed' },
      },
    };
  }
  if (c.misconduct && closed) {
    const type = pick(r, DISPOSITIONS);
    const disposition =
      type === 'discipline'
        ? { type, severity: '경징계' as const }
        : type === 'closure'
          ? { type, reasonCode: 'no-misconduct' as const }
          : type === 'corrective-action'
            ? { type, department: '도로관리과', order: '시정', complianceDueDate: conductDate }
            : { type };
    c = {
      ...c,
      misconduct: {
        ...c.misconduct,
        approved: { disposition, proposedBy: 'seed', approvedBy: 'seed', approvedAt: c.updatedAt },
        progress: type === 'discipline' ? { requestSentOn: c.updatedAt.slice(0, 10) } : {},
      },
    };
  }
  return c;
}

/**
 * Writes `count` synthetic cases as case items (the layout case-repository writes, index attributes
 * included) with BatchWriteItem, `concurrency` batches at a time. Case items only: search never
 * reads history events.
 */
export async function seedCaseItems(
  doc: DynamoDBDocumentClient,
  tableName: string,
  count: number,
  options: SeedOptions & { concurrency?: number; onProgress?: (done: number) => void },
): Promise<void> {
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const start = next;
      if (start >= count) return;
      const end = Math.min(count, start + 25);
      next = end;
      let requests: Record<string, unknown>[] = [];
      for (let i = start; i < end; i++)
        requests.push({
          PutRequest: { Item: caseItem({ ...syntheticCase(i, options), historySeq: 0, historyHead: '0'.repeat(64) }) },
        });
      for (let attempt = 0; requests.length > 0; attempt++) {
        const out = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: requests } }));
        requests = (out.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
        if (requests.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
      }
      done += end - start;
      options.onProgress?.(done);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
}
