/**
 * 응답소 현장민원 월별 운영실태 분석 end to end: a March export imported into the local system's table,
 * the demo department contacts in the staff directory, and the monthly job fired by the local scheduler (as
 * on AWS by EventBridge Scheduler) on 5 April: the head of office and each contact get one mail
 * through SMTP to the mail catcher with March's figures; running the same run again sends nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../infra/local/api-server.ts';
import { SAMPLE_DEPARTMENTS, type SampleTally, writeSample } from '../../infra/ops/field-complaint-sample.ts';
import { handler as monthlyJob } from '../../functions/jobs/field-complaint-monthly-analysis.handler.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import { openExport } from '#shared/kinds/field-complaint/export-file.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { DEPARTMENT_CONTACTS } from '../../infra/local/demo-data.ts';
import { importFieldComplaints } from '#shared/usecases/field-complaint-import.ts';
import { startTestSystem } from '../support/local-system.ts';
import { headOfOffice } from '../support/staff-api.ts';

let t: Awaited<ReturnType<typeof startTestSystem>>;
let tally: SampleTally;
// The demo's department contacts (주차관리과, 도로과, 청소행정과), seeded by the local system.
const contacts = DEPARTMENT_CONTACTS;
const contact = contacts.find((c) => c.department === '도로과')!;
const RUN = new Date('2026-04-05T07:00:10+09:00');
const isAnalysis = (m: { headers: Record<string, string> }) =>
  m.headers['x-gamsa-template'] === 'field-monthly-analysis';

beforeAll(async () => {
  t = await startTestSystem({ jobs: true });
  const doc = createDocumentClient();
  const file = join(mkdtempSync(join(tmpdir(), 'field-monthly-')), '응답소_2026-03.csv');
  tally = await writeSample(file, { rows: 400, from: '2026-03', months: 1, seed: 4 });
  const job = await importFieldComplaints(new FieldComplaintStore(doc, t.tableName), await openExport(file), {
    importId: 'e2e-monthly',
    fileName: file,
    calendar: createCalendar(),
  });
  expect(job.counts.created).toBe(tally.good);
}, 120_000);
afterAll(async () => t?.system.close());

describe('the monthly field-complaint analysis job', () => {
  it('mails March once to the head and to each department’s contact; a rerun sends nothing', async () => {
    const scheduler = t.system.scheduler!;
    await scheduler.tick(new Date(RUN.getTime() - 60_000));
    const fired = await scheduler.tick(RUN);
    expect(fired.find((r) => r.schedule === 'field-complaint-monthly-analysis')?.outcome).toBe('succeeded');
    await t.system.mailCatcher!.waitFor((m) => isAnalysis(m) && m.to[0]?.address === contact.email);

    const mails = t.system.mailCatcher!.messages().filter(isAnalysis);
    expect(mails.map((m) => m.to[0]?.address).sort()).toEqual(
      [...contacts.map((c) => c.email), headOfOffice.email].sort(),
    );
    const toHead = mails.find((m) => m.to[0]?.address === headOfOffice.email)!;
    const toRoad = mails.find((m) => m.to[0]?.address === contact.email)!;
    expect(toHead.subject).toContain('2026년 3월 응답소 현장민원 운영실태 분석');
    expect(toHead.text).toContain(`2026년 3월(2026년 3월 1일(일) ~ 2026년 3월 31일(화)) 접수 ${tally.good}건 중 지연`);
    expect(toHead.text).toContain('2026년 4월 5일(일) 07:00 현재');
    const unreached = SAMPLE_DEPARTMENTS.filter((d) => !contacts.some((c) => c.department === d));
    expect(unreached.length).toBeGreaterThan(0);
    for (const d of unreached) expect(toHead.text).toMatch(new RegExp(`담당자 미등록 부서.*${d}`));
    expect(toRoad.text).toContain('[귀 부서] 도로과: 접수');
    expect(toRoad.text).not.toContain('담당자 미등록');
    for (const mail of mails) expect(`${mail.text}${mail.html}`).not.toMatch(/SL\d{9}/);

    // The same run again (a retry with the same scheduled time) mails nobody twice.
    await t.system.mailCatcher!.clear();
    const again = (await monthlyJob(
      { job: 'field-complaint-monthly-analysis', scheduledTime: RUN.toISOString() },
      lambdaContext('gamsa-field-complaint-monthly-analysis', 60_000),
    )) as { sentTo: string[]; alreadySent: string[] };
    expect(again.sentTo).toEqual([]);
    expect(again.alreadySent.sort()).toEqual([...contacts.map((c) => c.sub), headOfOffice.sub].sort());
    expect(t.system.mailCatcher!.messages().filter(isAnalysis)).toHaveLength(0);
  }, 60_000);
});
