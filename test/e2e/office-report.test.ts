/**
 * The office's report from data, end to end on the local system: the year generator creates cases
 * of every kind and outcome through the public HTTP API (small scale, dated inside the period), the
 * report is generated through the API, and every table equals the counts computed here,
 * independently, from the generator's own record. Then it is frozen, a case is changed, and the
 * check names the tables that changed. Access: auditors read, members and clerks do not; the
 * report routes take no writes they do not declare; nothing sealed appears in any output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  designAmountOf,
  generateYear,
  type GeneratedCase,
  type GeneratorRecord,
  NOT_GENERATED,
} from '../../infra/ops/year-generator.ts';
import { CASE_KINDS, KINDS } from '#shared/kinds/registry.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import { startTestSystem } from '../support/local-system.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
let record: GeneratorRecord;
const today = koreaDate(new Date());
let period = { from: addDays(today, -80), to: addDays(today, -1) };
/** Kinds whose workflows are still being written: a case may stop where the generator cannot act yet (recorded as stuck). */
const WORKFLOWS_IN_PROGRESS = ['grievance', 'petition'];

beforeAll(async () => {
  t = await startTestSystem();
  // The local system seeds a few demo cases; the period is one where nothing was received before the generator runs.
  for (let shift = 0; ; shift += 30) {
    const candidate = { from: addDays(today, -80 - shift), to: addDays(today, -1 - shift) };
    const before = await t.call('GET', `/reports/office?from=${candidate.from}&to=${candidate.to}`, { as: 'auditor' });
    expect(before.status, JSON.stringify(before.body)).toBe(200);
    if (before.body.digest.caseCount === 0) {
      period = candidate;
      break;
    }
    if (shift > 720) throw new Error('no empty period found');
  }
  const started = performance.now();
  record = await generateYear({
    apiUrl: t.system.apiUrl,
    year: Number(today.slice(0, 4)),
    scale: 0.01,
    seed: 7,
    window: period,
    concurrency: 6,
    taskWaitMs: 20_000,
    tokenFor: (m) => t.system.issuer.mint({ sub: m.sub, email: m.email, name: m.name, roles: m.roles }),
  });
  console.log(
    `generator: ${record.summary.created} cases (${record.summary.closed} closed, ${record.summary.open} open, ${record.summary.stuck} stuck) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  for (const c of record.cases.filter((c) => c.stuck)) console.log(`  stuck #${c.index} ${c.kind}: ${c.stuck}`);
}, 900_000);
afterAll(async () => t?.system.close());

// ── the expected tables, computed from the generator's record alone ──────────────────────────────

type Cells = Record<string, Record<string, number | null>>;
const counted = () =>
  record.cases.filter(
    (c): c is GeneratedCase & { caseId: string; final: NonNullable<GeneratedCase['final']> } => !!c.caseId && !!c.final,
  );
const ofKind = (kind: string) => counted().filter((c) => c.kind === kind);
const isClosed = (c: { final: { stage: string } }) => c.final.stage === 'closed';
const rco = (cases: ReturnType<typeof counted>) => ({
  received: cases.length,
  closed: cases.filter(isClosed).length,
  open: cases.filter((c) => !isClosed(c)).length,
});
const kst = (iso: string) => new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 10);
const days = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

function expected(): Record<string, Cells> {
  const misconductRow = (kind: string) => {
    const cases = ofKind(kind);
    const cat = (c: GeneratedCase) =>
      c.approvedDisposition === undefined
        ? '진행'
        : c.approvedDisposition === 'discipline'
          ? '징계·불문경고'
          : c.approvedDisposition === 'admonition' || c.approvedDisposition === 'caution'
            ? '훈계·주의'
            : '내부종결·시정조치';
    const n = (category: string) => cases.filter((c) => cat(c) === category).length;
    return {
      total: cases.length,
      징계·불문경고: n('징계·불문경고'),
      훈계·주의: n('훈계·주의'),
      내부종결·시정조치: n('내부종결·시정조치'),
      진행: n('진행'),
      suspended: cases.filter((c) => c.final.stage === 'suspended').length,
    };
  };
  const grievances = ofKind('grievance');
  const byChannels = (...channels: string[]) =>
    rco(grievances.filter((c) => c.channel !== undefined && channels.includes(c.channel)));
  const processingRow = (kind: string) => {
    const cases = ofKind(kind);
    const closed = cases.filter(isClosed);
    const d = closed.map((c) => days(kst(c.receivedAt), kst(c.final.closedAt!))).sort((a, b) => a - b);
    const med =
      d.length === 0 ? null : d.length % 2 ? d[(d.length - 1) / 2]! : (d[d.length / 2 - 1]! + d[d.length / 2]!) / 2;
    const p90 = d.length === 0 ? null : d[Math.ceil(0.9 * d.length) - 1]!;
    const withDue = closed.filter((c) => c.dueDate);
    const onTime = withDue.filter((c) => kst(c.final.closedAt!) <= c.dueDate!).length;
    return {
      received: cases.length,
      closed: closed.length,
      medianDays: med,
      p90Days: p90,
      closedWithDue: withDue.length,
      onTime,
      onTimeRate: withDue.length ? Math.round((onTime / withDue.length) * 1000) / 10 : null,
    };
  };
  const receivedResults = () =>
    ofKind('audit-received').filter((c) => c.decisions.includes('audit-received-result:record-received-result')).length;
  // The generator reviews every contract at 95% of its design amount; a review counts once the head approved it.
  const contractSavings = () => {
    const notified = ofKind('contract-review').filter((c) => c.decisions.includes('approve:approve'));
    const design = notified.reduce((n, c) => n + designAmountOf(c), 0);
    const saving = notified.reduce((n, c) => n + designAmountOf(c) - Math.round(designAmountOf(c) * 0.95), 0);
    return {
      received: ofKind('contract-review').length,
      notified: notified.length,
      designWon: design,
      reviewedWon: design - saving,
      savingWon: saving,
      averageSavingWon: notified.length ? Math.round(saving / notified.length) : null,
      savingRate: design ? Math.round((saving / design) * 1000) / 10 : null,
    };
  };
  return {
    misconduct: {
      'external-referral': misconductRow('external-referral'),
      'internal-investigation': misconductRow('internal-investigation'),
    },
    ethics: {
      'property-review': rco(ofKind('property-review')),
      'disclosure-refusal': rco(ofKind('disclosure-refusal')),
    },
    grievances: {
      total: rco(grievances),
      응답소: byChannels('응답소'),
      '구청장에게 바란다': byChannels('구청장에게 바란다'),
      전화·방문: byChannels('전화', '방문'),
      국민신문고: byChannels('국민신문고'),
      서신: byChannels('서신'),
      익명신고: byChannels('익명신고'),
      기타: byChannels('기타'),
      '경로 미기재': rco(grievances.filter((c) => c.channel === undefined)),
    },
    whistleblower: { 'whistleblower-report': rco(ofKind('whistleblower-report')) },
    taxpayer: { 'taxpayer-consultation': rco(ofKind('taxpayer-consultation')) },
    'human-rights': { 'human-rights-assessment': rco(ofKind('human-rights-assessment')) },
    // The generator's findings are fixed on the spot (no photos to ask a department with) or left awaiting the request.
    'patrol-findings': {
      total: {
        found: ofKind('patrol-finding').length,
        requested: 0,
        correcting: 0,
        rechecking: 0,
        resolved: 0,
        closedWithoutRequest: ofKind('patrol-finding').filter((c) =>
          c.decisions.some((d) => d.endsWith(':close-without-request')),
        ).length,
        lateReports: 0,
      },
    },
    // The generator's audits received have no demands: counted, with their result, inside 제21조's 2 years.
    'audits-received': {
      total: {
        audits: ofKind('audit-received').length,
        received: receivedResults(),
        demands: 0,
        cancelled: 0,
        doneOnTime: 0,
        doneLate: 0,
        planned: 0,
        overdue: 0,
        recoverWon: 0,
        warningOnTime: 0,
        warningLate: 0,
        warningUnpublished: 0,
        reconsiderations: 0,
        lighter: 0,
        lighterReported: 0,
        exOfficioOpen: receivedResults(),
      },
    },
    prevention: { 'daily-audit': rco(ofKind('daily-audit')), 'contract-review': rco(ofKind('contract-review')) },
    'contract-savings': { total: contractSavings() },
    processing: Object.fromEntries(CASE_KINDS.map((k) => [k, processingRow(k)])),
  };
}

const cellsOf = (
  report: { tables: { id: string; rows: { key: string; cells: Record<string, number | null> }[] }[] },
  id: string,
): Cells | undefined => {
  const table = report.tables.find((tb) => tb.id === id);
  return table && Object.fromEntries(table.rows.map((r) => [r.key, r.cells]));
};

describe('the generated year', () => {
  it('covers every kind and every outcome, and took each case where it was planned', () => {
    const cases = counted();
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(CASE_KINDS.filter((k) => !NOT_GENERATED.includes(k))));
    expect(
      record.cases
        .filter((c) => c.stuck && !WORKFLOWS_IN_PROGRESS.includes(c.kind))
        .map((c) => `${c.kind}: ${c.stuck}`),
    ).toEqual([]);
    expect(
      record.cases.every((c) => c.caseId && c.final),
      'every planned case was registered',
    ).toBe(true);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.length).toBeLessThanOrEqual(160);
    // every misconduct category and the suspended ones
    for (const kind of ['external-referral', 'internal-investigation']) {
      const row = expected().misconduct![kind]!;
      for (const category of ['징계·불문경고', '훈계·주의', '내부종결·시정조치', '진행', 'suspended'])
        expect(row[category], `${kind} ${category}`).toBeGreaterThan(0);
      expect(ofKind(kind).some((c) => c.resolution === '불문경고')).toBe(true);
    }
    // every grievance channel; cases closed, returned then closed, and left at each stage
    for (const channel of ['응답소', '구청장에게 바란다', '전화', '방문', '국민신문고', '서신', '익명신고', '기타'])
      expect(
        ofKind('grievance').some((c) => c.channel === channel),
        channel,
      ).toBe(true);
    expect(cases.some((c) => c.decisions.includes('approve:return') && isClosed(c))).toBe(true);
    const openStages = new Set(cases.filter((c) => !isClosed(c)).map((c) => c.final.stage));
    for (const stage of ['assignment', 'investigation', 'approval', 'review', 'suspended'])
      expect(openStages, stage).toContain(stage);
    for (const c of cases) expect(kst(c.receivedAt) >= period.from && kst(c.receivedAt) <= period.to).toBe(true);
  });
});

describe('the report for the generated period', () => {
  it('equals the counts computed from the generator record, table by table (JSON)', async () => {
    // A case received the day before the period must not be counted.
    const outside = await t.call('POST', '/cases', {
      as: 'clerk',
      body: {
        kind: 'grievance',
        title: '기간 밖 민원',
        channel: '응답소',
        receivedAt: `${addDays(period.from, -1)}T17:00:00+09:00`,
      },
    });
    expect(outside.status).toBe(201);
    await t.system.stepFunctions.settle();

    const res = await t.call('GET', `/reports/office?from=${period.from}&to=${period.to}`, { as: 'auditor' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const want = expected();
    for (const [id, cells] of Object.entries(want)) {
      const got = cellsOf(res.body, id);
      expect(got, id).toBeDefined();
      for (const [row, values] of Object.entries(cells))
        expect({ table: id, row, ...got![row] }).toEqual({ table: id, row, ...values });
    }
    expect(res.body.digest.caseCount).toBe(counted().length);
    expect(res.body.period).toEqual(period);
    // committee meetings: a table when the committee repository is wired, else said to be omitted — never made up
    const committees = cellsOf(res.body, 'committees');
    if (committees) expect(committees.total).toEqual({ held: 0 });
    else expect(res.body.omittedKo.join(' ')).toContain('위원회');
  });

  it('prints Markdown and printable HTML with the Korean headings and units, and nothing sealed', async () => {
    const md = await fetchText(`/reports/office?from=${period.from}&to=${period.to}&format=md`, 'head');
    expect(md.contentType).toContain('text/markdown');
    expect(md.text).toContain('## ③ 공직자 비위예방 및 투명한 재산신고');
    expect(md.text).toMatch(/\| 외부기관 통보사항 조사 \| \d+건 \|/);
    expect(md.text).toContain('명 |');
    const html = await fetchText(`/reports/office?from=${period.from}&to=${period.to}&format=html`, 'team-lead');
    expect(html.contentType).toContain('text/html');
    expect(html.text).toContain('<html lang="ko">');
    expect(html.text).toContain('고충민원 접수 및 관리');
    expect(html.text).not.toContain('<script');
    const json = JSON.stringify(
      (await t.call('GET', `/reports/office?from=${period.from}&to=${period.to}`, { as: 'auditor' })).body,
    );
    const sealed = counted().filter((c) =>
      ['external-referral', 'internal-investigation', 'whistleblower-report'].includes(c.kind),
    );
    for (const out of [md.text, html.text, json]) {
      for (const name of ['김도윤', '이서연', '박지호', '정민재', '강하린', '윤서진']) expect(out).not.toContain(name);
      expect(out).not.toContain('생성기');
      for (const c of sealed) {
        expect(out).not.toContain(c.caseId);
        expect(out).not.toContain(c.caseNumber!);
      }
    }
  });
});

async function fetchText(path: string, role: 'head' | 'team-lead' | 'auditor') {
  const res = await fetch(`${t.system.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${await t.tokenFor(role)}` },
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('a frozen report', () => {
  it('is stored once with its data hash, read back as frozen, and its check names what changed table by table', async () => {
    const key = { 'idempotency-key': `freeze-${period.from}-${period.to}` };
    const byAuditor = await t.call('POST', '/reports/office', { as: 'auditor', body: period, headers: key });
    expect(byAuditor.status).toBe(403);
    expect(byAuditor.body.error.rule).toBe('role_cannot_freeze_reports');
    const frozen = await t.call('POST', '/reports/office', { as: 'team-lead', body: period, headers: key });
    expect(frozen.status, JSON.stringify(frozen.body)).toBe(201);
    const { reportId, dataHash } = frozen.body;
    expect(dataHash).toMatch(/^[0-9a-f]{64}$/);
    const again = await t.call('POST', '/reports/office', { as: 'team-lead', body: period, headers: key });
    expect(again.body).toMatchObject({ reportId, replayed: true });

    const read = await t.call('GET', `/reports/office/${reportId}`, { as: 'head' });
    expect(read.status).toBe(200);
    expect(read.body.report.digest.dataHash).toBe(dataHash);
    expect(read.body.report.tables).toEqual(frozen.body.report.tables);
    const printed = await fetchText(`/reports/office/${reportId}?format=html`, 'auditor');
    expect(printed.text).toContain(reportId);

    const unchanged = await t.call('GET', `/reports/office/${reportId}/check`, { as: 'auditor' });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body).toMatchObject({ matches: true, dataHashNow: dataHash });

    // Close a case whose approval is its last step (the review lifecycle; a daily audit or contract
    // review goes on to the department's action after it): the processing table changes.
    const waiting = counted().find((c) => c.final.stage === 'approval' && KINDS.get(c.kind).workflow === 'case-review');
    expect(waiting, 'a case waiting for approval').toBeDefined();
    const tasks = await t.call('GET', `/cases/${waiting!.caseId}/tasks`, { as: 'head' });
    const approve = tasks.body.items.find(
      (task: { status: string; type: string }) => task.status === 'open' && task.type === 'approve',
    );
    const done = await t.call('POST', `/cases/${waiting!.caseId}/tasks/${approve.taskId}/complete`, {
      as: 'head',
      body: { decision: 'approve', comment: '승인' },
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    await t.system.stepFunctions.settle();

    const changed = await t.call('GET', `/reports/office/${reportId}/check`, { as: 'auditor' });
    expect(changed.body.matches).toBe(false);
    expect(changed.body.dataHashNow).not.toBe(dataHash);
    const byId = Object.fromEntries(changed.body.tables.map((tb: { id: string }) => [tb.id, tb]));
    const kindTable =
      waiting!.kind === 'daily-audit' || waiting!.kind === 'contract-review' ? 'prevention' : 'processing';
    expect(byId[kindTable].cellsMatch).toBe(false);
    expect(byId[kindTable].changes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: waiting!.kind,
          column: 'closed',
          now: byId[kindTable].changes.find((ch: { column: string }) => ch.column === 'closed').frozen + 1,
        }),
      ]),
    );
    expect(
      byId.processing.changes.some(
        (ch: { row: string; column: string }) => ch.row === waiting!.kind && ch.column === 'closed',
      ),
    ).toBe(true);
    expect(byId.misconduct).toMatchObject({ cellsMatch: true, basisMatch: true, changes: [] });
    expect(changed.body.messageKo).toContain('바뀌었습니다');

    // A note changes a case (its version) but no figure: the table's counted cases differ, its cells do not.
    const tableOfKind: Record<string, string> = {
      'whistleblower-report': 'whistleblower',
      'taxpayer-consultation': 'taxpayer',
      'property-review': 'ethics',
      'disclosure-refusal': 'ethics',
      'external-referral': 'misconduct',
      'internal-investigation': 'misconduct',
    };
    const openCase = counted().find(
      (c) =>
        !isClosed(c) &&
        c.caseId !== waiting!.caseId &&
        tableOfKind[c.kind] !== undefined &&
        c.final.stage !== 'suspended',
    );
    expect(openCase, 'an open case counted in a single-kind table').toBeDefined();
    const note = await t.call('POST', `/cases/${openCase!.caseId}/notes`, { as: 'head', body: { text: '보완 메모' } });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    const afterNote = await t.call('GET', `/reports/office/${reportId}/check`, { as: 'auditor' });
    const noted = afterNote.body.tables.find((tb: { id: string }) => tb.id === tableOfKind[openCase!.kind]);
    expect(noted).toMatchObject({ cellsMatch: true, basisMatch: false, changes: [] });

    // The frozen report itself does not move.
    const still = await t.call('GET', `/reports/office/${reportId}`, { as: 'auditor' });
    expect(still.body.report.tables).toEqual(frozen.body.report.tables);
  });
});

describe('access and methods', () => {
  it('lets auditors, the head and team leads read; denies members and clerks; refuses bad periods', async () => {
    for (const role of ['auditor', 'head', 'team-lead'] as const)
      expect((await t.call('GET', `/reports/office?from=${period.from}&to=${period.to}`, { as: role })).status).toBe(
        200,
      );
    for (const role of ['member', 'clerk', 'investigator', 'secretary'] as const) {
      const res = await t.call('GET', `/reports/office?from=${period.from}&to=${period.to}`, { as: role });
      expect(res.status, role).toBe(403);
      expect(res.body.error.rule).toBe('role_cannot_read_reports');
    }
    expect((await t.call('POST', '/reports/office', { as: 'clerk', body: period })).status).toBe(403);
    const backwards = await t.call('GET', `/reports/office?from=${period.to}&to=${period.from}`, { as: 'auditor' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({ field: 'to', rule: 'not_before_from' });
    expect(backwards.body.error.messageKo).toContain('종료일');
    const auditorFreeze = await t.call('POST', '/reports/office', { as: 'auditor', body: period });
    expect(auditorFreeze.status).toBe(403);
    expect(auditorFreeze.body.error.rule).toBe('role_cannot_freeze_reports');
    const backwardsFreeze = await t.call('POST', '/reports/office', {
      as: 'head',
      body: { from: period.to, to: period.from },
    });
    expect(backwardsFreeze.status).toBe(400);
    expect(backwardsFreeze.body.error).toMatchObject({ field: 'to', rule: 'not_before_from' });
    const badFormat = await t.call('GET', `/reports/office?from=${period.from}&to=${period.to}&format=pdf`, {
      as: 'auditor',
    });
    expect(badFormat.status).toBe(400);
    expect((await t.call('GET', '/reports/office/01ARZ3NDEKTSV4RRFFQ69G5FAV', { as: 'auditor' })).status).toBe(404);
    expect((await t.call('GET', '/reports/office', {})).status).toBe(401);
  });

  it('refuses writes to the read-only report routes', async () => {
    const frozen = await t.call('POST', '/reports/office', { as: 'head', body: period });
    expect(frozen.status).toBe(201);
    expect(
      (await t.call('POST', `/reports/office/${frozen.body.reportId}/check`, { as: 'auditor', body: {} })).status,
    ).toBe(405);
    expect(
      (await t.call('PUT', `/reports/office/${frozen.body.reportId}`, { as: 'auditor', body: period })).status,
    ).toBe(405);
    expect((await t.call('DELETE', `/reports/office/${frozen.body.reportId}`, { as: 'head' })).status).toBe(405);
    expect((await t.call('PATCH', '/reports/office', { as: 'head', body: period })).status).toBe(405);
    // an unknown field in the freeze body is refused by name
    const extra = await t.call('POST', '/reports/office', { as: 'auditor', body: { ...period, tables: [] } });
    expect(extra.status).toBe(400);
  });
});
