/**
 * Crash test at the API ↔ workflow boundary, with clients that do NOT retry: the local system is
 * SIGKILLed at least 30 times while drivers create cases and complete tasks, each request sent
 * once, without an Idempotency-Key. A request cut short by a kill is abandoned; the client only
 * reads its task list again, as a person would. Whatever the kills cut between a commit and the
 * Step Functions call must be delivered by the outbox relay (on restart) and the reconciler
 * (`npm run workflows -- reconcile`): afterwards no case is stuck — each is closed or waits on one
 * open task of a running execution — every chain verifies, and every case can be finished.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer } from '../../infra/local/auth/local-issuer.ts';
import { DEMO_USERS } from '../../infra/local/demo-data.ts';
import { restartPort } from '../support/restart-port.ts';
import { bundleEntry, type BundledEntry } from '../support/bundled-entry.ts';
import type { Role } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { createDocumentClient } from '#shared/store/dynamo-client.ts';
import { OutboxStore } from '#shared/store/outbox-store.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { stepFunctionsInspector } from '#shared/workflow/case-workflows.ts';
import { workflowForKind } from '../../workflows/registry.ts';

const MIN_KILLS = 30;
const DRIVERS = 4;
const TITLE = '비재시도 충돌 시험';
const dataDir = mkdtempSync(join(tmpdir(), 'gamsa-crash-outbox-'));
const tableName = `crash-outbox-${randomUUID()}`;
let child: ChildProcess | undefined;
/** infra/local/start.ts bundled once (support/bundled-entry.ts): every restart starts a real process from it. */
let system: BundledEntry | undefined;
/** The operator's command (`npm run workflows -- reconcile`), bundled the same way. */
let workflowsCommand: BundledEntry | undefined;

beforeAll(async () => {
  [system, workflowsCommand] = await Promise.all([
    bundleEntry('infra/local/start.ts'),
    bundleEntry('infra/ops/workflows.command.ts'),
  ]);
}, 120_000);

afterAll(() => {
  if (child?.pid) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  system?.remove();
  workflowsCommand?.remove();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
/** Progress on stderr (run with --disableConsoleIntercept to watch it live): a long test should say where it is. */
const progress = (line: string) => process.stderr.write(`[crash ${((Date.now() - t0) / 1000).toFixed(0)}s] ${line}\n`);

const STEP_BY_TYPE: Record<string, { role: Role; body: Record<string, unknown> }> = {
  assign: { role: 'team-lead', body: { decision: 'assign', assigneeSub: DEMO_USERS.investigator.sub } },
  investigate: { role: 'investigator', body: { decision: 'submit', findings: '조사 결과' } },
  approve: { role: 'head', body: { decision: 'approve' } },
};

describe('the API–workflow boundary under SIGKILL, clients that do not retry', () => {
  it(`strands no case through ${MIN_KILLS}+ kills once the relay and the reconciler have run`, async () => {
    // The console too: its default 3000 is taken whenever another system runs on this machine.
    const [apiPort, sfnPort, smtpPort, mailWebPort, consolePort] = [
      await restartPort(),
      await restartPort(),
      await restartPort(),
      await restartPort(),
      await restartPort(),
    ];
    const base = `http://127.0.0.1:${apiPort}`;
    const env = {
      ...process.env,
      LOCAL_API_PORT: String(apiPort),
      LOCAL_SFN_PORT: String(sfnPort),
      LOCAL_SMTP_PORT: String(smtpPort),
      LOCAL_MAIL_WEB_PORT: String(mailWebPort),
      LOCAL_CONSOLE_PORT: String(consolePort),
      LOCAL_DYNAMODB_ENDPOINT: process.env.AWS_ENDPOINT_URL_DYNAMODB,
      LOCAL_DATA_DIR: dataDir,
      LOCAL_SFN_POLL_MS: '200',
      TABLE_NAME: tableName,
    };
    let kills = 0;
    let alive = false;

    const startChild = async () => {
      child = spawn(process.execPath, [system!.file], {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      let exited: number | null = null;
      child.once('exit', (code) => (exited = code ?? -1));
      for (;;) {
        if (exited !== null) throw new Error(`the local system exited with code ${exited} while starting`);
        try {
          if ((await fetch(`${base}/health`)).ok) break;
        } catch {
          /* not up yet */
        }
        await sleep(100);
      }
      alive = true;
    };

    await startChild();
    const issuer = await createLocalIssuer(join(dataDir, 'local-signing-key.json'));
    const tokens = new Map<Role, string>();
    for (const role of ['clerk', 'team-lead', 'investigator', 'head', 'auditor'] as Role[]) {
      const u = DEMO_USERS[role];
      tokens.set(role, await issuer.mint({ sub: u.sub, email: u.email, name: u.name, roles: u.roles }));
    }

    const figures = { requests: 0, cutShort: 0, serverErrors: 0, casesCreated: 0, abandonedWaits: 0 };

    /** One request, sent once: a failure is reported, never retried. */
    async function once(method: string, path: string, role: Role, body?: unknown) {
      figures.requests += 1;
      try {
        const res = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${tokens.get(role)}`, 'content-type': 'application/json' },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
        const text = await res.text();
        if (res.status >= 500) figures.serverErrors += 1;
        return { status: res.status, body: text ? JSON.parse(text) : undefined };
      } catch {
        figures.cutShort += 1;
        return { status: 0, body: undefined };
      }
    }

    /** Reads (not writes) are simply asked again while the system is down. */
    async function read(path: string, role: Role) {
      for (;;) {
        const res = await once('GET', path, role);
        if (res.status === 200) return res.body;
        await sleep(100);
      }
    }

    async function openTaskOf(caseId: string, timeoutMs: number) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const tasks = await read(`/cases/${caseId}/tasks`, 'auditor');
        const open = (tasks.items ?? tasks).find((t: { status: string }) => t.status === 'open');
        if (open) return open as { taskId: string; type: string };
        const c = await read(`/cases/${caseId}`, 'auditor');
        if (c.stage === 'closed') return 'closed' as const;
        await sleep(100);
      }
      return undefined;
    }

    let driving = true;
    const driver = async (d: number) => {
      let n = 0;
      while (driving) {
        n += 1;
        const created = await once('POST', '/cases', 'clerk', { kind: 'case-review', title: `${TITLE} ${d}-${n}` });
        if (created.status !== 201) {
          // Cut short: the client gives up on it (it may exist, unseen) and comes back a little later for the
          // next one, like the reads — not in a tight loop that takes the CPU the restarting system needs.
          await sleep(100);
          continue;
        }
        figures.casesCreated += 1;
        const caseId = created.body.case.caseId as string;
        for (let step = 0; step < 5 && driving; step++) {
          const task = await openTaskOf(caseId, 30_000);
          if (task === 'closed') break;
          if (!task) {
            figures.abandonedWaits += 1;
            break;
          }
          const plan = STEP_BY_TYPE[task.type];
          if (!plan) throw new Error(`unexpected task type ${task.type}`);
          await once('POST', `/cases/${caseId}/tasks/${task.taskId}/complete`, plan.role, plan.body);
        }
      }
    };

    const killer = (async () => {
      while (kills < MIN_KILLS) {
        await sleep(200 + Math.random() * 1_000);
        if (!alive || !child?.pid) continue;
        alive = false;
        child.kill('SIGKILL');
        await new Promise((r) => child!.once('exit', r));
        kills += 1;
        const down = Date.now();
        await startChild();
        progress(
          `kill ${kills}: back up in ${((Date.now() - down) / 1000).toFixed(1)} s; ${figures.casesCreated} cases acknowledged`,
        );
      }
    })();
    const started = Date.now();
    const drivers = Array.from({ length: DRIVERS }, (_, d) => driver(d));
    await killer;
    driving = false;
    await Promise.all(drivers);

    progress(`traffic over: ${JSON.stringify(figures)}`);
    // The system stays up from here. Give the relay a few rounds (up to 5 s: until no intent is pending),
    // then run the reconciler command, which delivers whatever is still pending and repairs the rest.
    const doc = createDocumentClient(new DynamoDBClient({ endpoint: process.env.AWS_ENDPOINT_URL_DYNAMODB }));
    const outbox = new OutboxStore(doc, tableName);
    for (const relayUntil = Date.now() + 5_000; Date.now() < relayUntil; await sleep(250))
      if ((await outbox.pending(new Date(Date.now() + 3_600_000), 1)).length === 0) break;
    const sfn = new SFNClient({ endpoint: `http://127.0.0.1:${sfnPort}` });
    const machines = await sfn.send(new ListStateMachinesCommand({}));
    const workflowArns = Object.fromEntries((machines.stateMachines ?? []).map((m) => [m.name!, m.stateMachineArn!]));
    const reconcile = () => {
      const run = spawnSync(process.execPath, [workflowsCommand!.file, 'reconcile', '--settle-seconds', '0'], {
        env: {
          ...process.env,
          TABLE_NAME: tableName,
          WORKFLOW_ARNS: JSON.stringify(workflowArns),
          AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${sfnPort}`,
        },
        encoding: 'utf8',
        timeout: 120_000,
      });
      const line = run.stdout.split('\n').find((l) => l.startsWith('RECONCILE '));
      if (!line) throw new Error(`reconcile printed no report (exit ${run.status}): ${run.stdout} ${run.stderr}`);
      return { status: run.status, report: JSON.parse(line.slice('RECONCILE '.length)), stdout: run.stdout };
    };
    const first = reconcile();
    progress(`reconcile: ${JSON.stringify(first.report)}`);
    expect(first.status, first.stdout).toBe(0);

    // No case stuck: each is closed, or waits on exactly one open task of its running execution.
    const cases = new CaseRepository(doc, tableName);
    const tasks = new TaskRepository(doc, tableName);
    const inspector = stepFunctionsInspector(
      (c) => workflowArns[workflowForKind(c.kind)],
      () => sfn,
    );
    const ours: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await cases.listByKind('case-review', { limit: 100, ...(cursor && { cursor }) });
      ours.push(...page.items.filter((c) => c.title.startsWith(TITLE)).map((c) => c.caseId));
      cursor = page.cursor;
    } while (cursor);
    const stuckCases = async () => {
      const found: string[] = [];
      for (const caseId of ours) {
        const c = (await cases.get(caseId))!;
        if (c.stage === 'closed') continue;
        const open = (await tasks.ofCase(caseId)).filter((t) => t.status === 'open');
        const state = await inspector.state(c, c.executionArn ? { arn: c.executionArn } : { name: c.caseId });
        if (open.length !== 1 || state !== 'RUNNING' || open[0]!.executionArn !== c.executionArn)
          found.push(`${c.caseNumber}: stage ${c.stage}, ${open.length} open task(s), execution ${state}`);
      }
      return found;
    };
    // Executions the reconciler started or woke open their tasks within moments: look again for up to 10 s.
    let stuck = await stuckCases();
    for (const settleUntil = Date.now() + 10_000; stuck.length > 0 && Date.now() < settleUntil; ) {
      await sleep(250);
      stuck = await stuckCases();
    }
    const pendingIntents = (await outbox.pending(new Date(), 1000)).length;
    const deadIntents = (await outbox.dead(1000)).length;
    expect(stuck).toEqual([]);
    expect(deadIntents).toBe(0);

    // A second run finds nothing left to do.
    const second = reconcile();
    expect(second.report.findings).toBe(0);

    progress(`${ours.length} cases checked, ${stuck.length} stuck; finishing every case`);
    // And every case can be finished: its open task is one the workflow really waits on. The cases are
    // independent of each other, so a few people work through them side by side.
    const queue = [...ours];
    const finishNext = async () => {
      for (let caseId = queue.shift(); caseId; caseId = queue.shift()) {
        for (let step = 0; step < 8; step++) {
          const task = await openTaskOf(caseId, 20_000);
          if (task === 'closed') break;
          if (!task) throw new Error(`case ${caseId}: no open task and not closed`);
          const plan = STEP_BY_TYPE[task.type]!;
          const done = await once('POST', `/cases/${caseId}/tasks/${task.taskId}/complete`, plan.role, plan.body);
          expect(done.status, JSON.stringify(done.body)).toBe(200);
        }
      }
    };
    await Promise.all(Array.from({ length: DRIVERS }, finishNext));
    let verified = 0;
    for (const caseId of ours) {
      const history = await read(`/cases/${caseId}/history`, 'auditor');
      expect(history.verification.ok).toBe(true);
      expect(history.case.stage).toBe('closed');
      const completed = history.events.filter((e: { type: string }) => e.type === 'TASK_COMPLETED');
      const taskIds = completed.map((e: { data: { taskId: string } }) => e.data.taskId);
      expect(new Set(taskIds).size).toBe(taskIds.length);
      verified += 1;
    }
    console.log(
      `crash test (no retries): ${kills} SIGKILLs, ${figures.requests} requests (${figures.cutShort} cut short, ${figures.serverErrors} answered 5xx), ` +
        `${ours.length} cases in the table (${figures.casesCreated} acknowledged), ${figures.abandonedWaits} waits abandoned during the kills; ` +
        `reconciler: ${first.report.findings} finding(s), ${first.report.unrepaired} unrepaired, outbox ${first.report.outbox.delivered}/${first.report.outbox.tried} delivered; ` +
        `after: ${stuck.length} stuck, ${pendingIntents} pending and ${deadIntents} dead intents, ${verified} chains verified; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
    expect(ours.length).toBeGreaterThan(0);
  }, 2_400_000);
});
