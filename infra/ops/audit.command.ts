/**
 * Auditor command line: search, export (streamed, with a progress bar), timeline export, the export
 * log, and chain verification. Exit code 1 on a failed request, 2 on bad arguments.
 *
 *   npm run audit -- search [--kind grievance] [--stage closed] [--q 포트홀] … [--limit 20] [--cursor …] [--json]
 *   npm run audit -- export --format csv --out cases.csv [same filters]
 *   npm run audit -- timeline --case 2026-조사-0042 --format csv --out history.csv
 *   npm run audit -- exports --month 2026-11
 *   npm run audit -- verify --all            (the verify command: npm run verify)
 *   npm run audit -- reindex                 (writes the search index attributes of cases stored before they existed)
 *
 * Direct mode (default) reads DynamoDB with the operator's credentials: against the local system
 * when TABLE_NAME is not set (DynamoDB Local from the local settings, like `npm run verify`), on AWS
 * with TABLE_NAME and credentials as for the Lambda functions. It acts as a staff member from the
 * directory (`--as <sub>`; locally the demo auditor by default), whose roles and access rules apply
 * and who is recorded as the exporter. Exports stream without a row limit.
 *
 * API mode (`--api <base url> --token <JWT>`) calls the HTTP API instead; an export then follows
 * `x-export-next-cursor` part by part (each part is one export record) into one file.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import * as z from 'zod';
import { caseSearchFilterObject, withFilterChecks, type CaseSearchFilter } from '#shared/domain/case-search-filter.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { caseKindSchema } from '#shared/kinds/registry.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { reindexCases } from '#shared/store/case-reindex.ts';
import { CaseSearch } from '#shared/store/case-search.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { ExportLog } from '#shared/store/export-log.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseExportUseCases, EXPORT_FORMATS } from '#shared/usecases/case-export.ts';
import { caseSearchUseCases } from '#shared/usecases/case-search-usecases.ts';
import { DEMO_USERS } from '../local/demo-data.ts';
import { commandTable } from './command-table.ts';

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const USAGE = `usage: npm run audit -- <search|export|timeline|exports|verify> [options]
  search   [filters] [--limit 20] [--cursor c] [--json] [--explain]
  export   --out <file> [--format csv|json] [filters]
  timeline --case <사건번호|caseId> --out <file> [--format csv|json]
  exports  --month YYYY-MM
  reindex  (search attributes for cases written before search existed)
  verify   (options of npm run verify)
filters: --kind --stage --outcome --assignee --department --agency --channel --committee
         --received-from --received-to --closed-from --closed-to --overdue --q --sort --order
common:  --as <staff sub> (direct mode)  |  --api <url> --token <jwt> (API mode)`;

const [command, ...rest] = process.argv.slice(2);
if (command === 'verify') {
  // One verify command: hand over to it with the same arguments and exit code.
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/ops/verify.command.ts', ...rest], {
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 1));
} else {
  await main(command, rest).catch((error: unknown) => {
    const e = error as { name?: string; message?: string; messageKo?: string; field?: string };
    console.error(`실패: ${e.messageKo ?? e.message ?? String(error)}${e.field ? ` (${e.field})` : ''}`);
    process.exit(e.name === 'ValidationError' ? 2 : 1);
  });
}

function fail(message: string): never {
  console.error(message);
  console.error(USAGE);
  process.exit(2);
}

async function main(cmd: string | undefined, argv: string[]): Promise<void> {
  if (!cmd || !['search', 'export', 'timeline', 'exports', 'reindex'].includes(cmd))
    fail(`알 수 없는 명령: ${cmd ?? '(없음)'}`);
  const { values } = parseArgs({
    args: argv,
    options: {
      kind: { type: 'string' },
      stage: { type: 'string' },
      outcome: { type: 'string' },
      assignee: { type: 'string' },
      department: { type: 'string' },
      agency: { type: 'string' },
      channel: { type: 'string' },
      committee: { type: 'string' },
      'received-from': { type: 'string' },
      'received-to': { type: 'string' },
      'closed-from': { type: 'string' },
      'closed-to': { type: 'string' },
      overdue: { type: 'boolean' },
      q: { type: 'string' },
      sort: { type: 'string' },
      order: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      json: { type: 'boolean' },
      explain: { type: 'boolean' },
      format: { type: 'string' },
      out: { type: 'string' },
      case: { type: 'string' },
      month: { type: 'string' },
      as: { type: 'string' },
      api: { type: 'string' },
      token: { type: 'string' },
    },
  });
  const filterInput = {
    kind: values.kind,
    stage: values.stage,
    outcome: values.outcome,
    assignee: values.assignee,
    department: values.department,
    agency: values.agency,
    channel: values.channel,
    committee: values.committee,
    receivedFrom: values['received-from'],
    receivedTo: values['received-to'],
    closedFrom: values['closed-from'],
    closedTo: values['closed-to'],
    overdue: values.overdue,
    q: values.q,
    sort: values.sort,
    order: values.order,
  };
  const parsedFilter = withFilterChecks(caseSearchFilterObject.extend({ kind: caseKindSchema.optional() })).safeParse(
    Object.fromEntries(Object.entries(filterInput).filter(([, v]) => v !== undefined)),
  );
  if (!parsedFilter.success)
    fail(parsedFilter.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  const filter: CaseSearchFilter = parsedFilter.data;
  const format = z.enum(EXPORT_FORMATS).default('csv').safeParse(values.format);
  if (!format.success) fail('--format 은 csv 또는 json 입니다');
  const limit = z.coerce.number().int().min(1).max(100).default(20).safeParse(values.limit);
  if (!limit.success) fail('--limit 은 1–100 입니다');

  if (values.api !== undefined)
    return viaApi(cmd, values.api, values.token, filter, { ...values, format: format.data, limit: limit.data });

  // ── direct mode ────────────────────────────────────────────────────────────────────────────────
  const { tableName, local } = commandTable();
  const doc = createDocumentClient();
  if (cmd === 'reindex') return reindex(doc, tableName);
  const staff = new StaffRepository(doc, tableName);
  const asSub = values.as ?? (local ? DEMO_USERS.auditor.sub : undefined);
  if (asSub === undefined) fail('--as <직원 sub> 를 지정하세요 (AWS에서는 필수)');
  const member = await staff.get(asSub);
  if (!member || !member.active) fail(`직원을 찾을 수 없습니다: ${asSub}`);
  const actor: Actor = {
    sub: member.sub,
    name: member.name,
    ...(member.email !== undefined && { email: member.email }),
    roles: member.roles,
  };

  const repo = new CaseRepository(doc, tableName);
  const search = caseSearchUseCases({ search: new CaseSearch(doc, tableName) });
  const exporter = caseExportUseCases({ cases: repo, search, exportLog: new ExportLog(doc, tableName) });

  if (cmd === 'search') {
    if (values.explain) console.error(JSON.stringify(search.plan(filter), null, 2));
    const page = await search.search(actor, filter, {
      limit: limit.data,
      ...(values.cursor !== undefined && { cursor: values.cursor }),
    });
    if (values.json) console.log(JSON.stringify(page, null, 2));
    else {
      for (const c of page.items)
        console.log(
          `${c.caseNumber}\t${c.stageLabel}\t${c.receivedAt.slice(0, 10)}\t${c.dueDate ?? '-'}${c.overdue ? ' (기한 경과)' : ''}\t${c.kindLabel}\t${c.title}`,
        );
      console.log(
        `— ${page.items.length}건 (정렬 ${page.sort} ${page.order}, 인덱스 ${page.index})${page.cursor ? `\n다음 페이지: --cursor ${page.cursor}` : ''}`,
      );
    }
    return;
  }

  if (cmd === 'export') {
    if (!values.out) fail('--out <파일> 이 필요합니다');
    const total = await search.count(actor, filter);
    const bar = new SingleBar(
      {
        format: '  내보내기 [{bar}] {value}/{total}건 ({percentage}%) {eta_formatted}',
        hideCursor: true,
        stream: process.stderr,
        noTTYOutput: true,
        notTTYSchedule: 5000,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    const outcome = await exporter.exportSearch(actor, filter, {
      format: format.data,
      out: createWriteStream(values.out),
      via: 'cli',
      onRow: (n) => (n % 200 === 0 ? bar.update(n) : undefined),
    });
    bar.setTotal(Math.max(total, outcome.rowCount));
    bar.update(outcome.rowCount);
    bar.stop();
    console.log(`내보냄: ${outcome.rowCount.toLocaleString()}건 → ${values.out} (내보내기 기록 ${outcome.exportId})`);
    return;
  }

  if (cmd === 'timeline') {
    if (!values.out || !values.case) fail('--case 와 --out 이 필요합니다');
    const found = ULID.test(values.case) ? await repo.get(values.case) : await repo.findByCaseNumber(values.case);
    if (!found) fail(`사건을 찾을 수 없습니다: ${values.case}`);
    const outcome = await exporter.exportTimeline(
      actor,
      found.caseId,
      {},
      { format: format.data, out: createWriteStream(values.out), via: 'cli' },
    );
    console.log(
      `내보냄: ${outcome.caseNumber} 이력 ${outcome.rowCount}건 → ${values.out} (사건 이력에 기록됨, ${outcome.exportId})`,
    );
    return;
  }

  const month = z
    .string()
    .regex(/^\d{4}-\d{2}$/)
    .safeParse(values.month);
  if (!month.success) fail('--month YYYY-MM 이 필요합니다');
  const records = await exporter.listExports(actor, month.data);
  if (values.json) console.log(JSON.stringify(records, null, 2));
  else
    for (const r of records)
      console.log(
        `${r.at}\t${r.actor.name ?? r.actor.sub} (${r.actor.role})\t${r.scope}\t${r.format}\t${r.caseNumber ?? JSON.stringify(r.filters)}\t${r.rowCount ?? '-'}건\t${r.status}\t${r.via}`,
      );
}

/** The same commands over the HTTP API (what an external auditor with only a token can do). */
async function viaApi(
  cmd: string,
  base: string,
  token: string | undefined,
  filter: CaseSearchFilter,
  options: Record<string, unknown> & { format: string; limit: number },
) {
  if (!token) fail('--api 에는 --token <JWT> 가 필요합니다');
  const query = (extra: Record<string, unknown>) =>
    new URLSearchParams(
      Object.entries({ ...filter, ...extra })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]): [string, string] => [k, String(v)]),
    ).toString();
  const get = async (path: string) => {
    const response = await fetch(`${base.replace(/\/$/, '')}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: { messageKo?: string; message?: string } };
      throw Object.assign(new Error(body.error?.message ?? response.statusText), {
        messageKo: `${response.status} ${body.error?.messageKo ?? ''}`,
      });
    }
    return response;
  };
  if (cmd === 'search') {
    const response = await get(`/cases/search?${query({ limit: options.limit, cursor: options.cursor })}`);
    console.log(JSON.stringify(await response.json(), null, 2));
    return;
  }
  if (cmd === 'export') {
    const out = options.out as string | undefined;
    if (!out) fail('--out <파일> 이 필요합니다');
    let cursor: string | undefined;
    let rows = 0;
    const parts: string[] = [];
    const jsonRows: unknown[] = [];
    do {
      const response = await get(`/cases/export?${query({ format: options.format, cursor })}`);
      const text = await response.text();
      rows += Number(response.headers.get('x-export-rows') ?? 0);
      cursor = response.headers.get('x-export-next-cursor') ?? undefined;
      if (options.format === 'csv')
        parts.push(parts.length === 0 ? text : text.slice(text.indexOf('\r\n') + 2)); // later parts: without BOM and headings
      else jsonRows.push(...(JSON.parse(text) as { rows: unknown[] }).rows);
      process.stderr.write(`\r  내보내기 ${rows.toLocaleString()}건…`);
    } while (cursor);
    process.stderr.write('\n');
    await writeFile(
      out,
      options.format === 'csv'
        ? parts.join('')
        : JSON.stringify({ filters: filter, rowCount: rows, rows: jsonRows }, null, 2),
    );
    console.log(`내보냄: ${rows.toLocaleString()}건 → ${out}`);
    return;
  }
  fail(`API 모드는 search 와 export 만 지원합니다`);
}

/** Search attributes for cases stored before the search indexes (shared/store/case-reindex.ts), with a progress bar. */
async function reindex(doc: ReturnType<typeof createDocumentClient>, tableName: string): Promise<void> {
  const bar = new SingleBar(
    { format: '  재색인 [{bar}] {value}/{total}건', stream: process.stderr, noTTYOutput: true, notTTYSchedule: 5000 },
    Presets.shades_classic,
  );
  const done = await reindexCases(doc, tableName, {
    start: (total) => bar.start(total, 0),
    tick: (n) => bar.update(n),
  });
  bar.stop();
  console.log(`재색인 완료: ${done.toLocaleString()}건`);
}
