/**
 * Crash test: the local system (API, step handlers, local Step Functions service) runs as a child
 * process and is killed with SIGKILL at random moments — at least 20 times — while a driver pushes
 * many cases through the whole lifecycle over HTTP (retrying each request with its Idempotency-Key,
 * as a client should). After the last restart every case must be closed with exactly the expected
 * history: no case stuck, no step lost, none applied twice, every chain verifying.
 *
 * DynamoDB Local is the test run's engine and survives the kills (it is the durable store); what
 * is killed is everything of ours.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalIssuer } from '../../infra/local/auth/local-issuer.ts';
import { DEMO_USERS } from '../../infra/local/demo-data.ts';
import { restartPort } from '../support/restart-port.ts';
import { bundleEntry, type BundledEntry } from '../support/bundled-entry.ts';
import type { Role } from '#shared/domain/roles.ts';

const MIN_KILLS = 20;
const CASES = 10;
const dataDir = mkdtempSync(join(tmpdir(), 'gamsa-crash-'));
const tableName = `crash-${randomUUID()}`;
let child: ChildProcess | undefined;
/** infra/local/start.ts bundled once (support/bundled-entry.ts): every restart starts a real process from it. */
let system: BundledEntry | undefined;

beforeAll(async () => {
  system = await bundleEntry('infra/local/start.ts');
}, 120_000);

afterAll(() => {
  if (child?.pid) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
  system?.remove();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('crash recovery of the local system', () => {
  it(`finishes every case exactly once through ${MIN_KILLS}+ SIGKILLs at random points`, async () => {
    const apiPort = await restartPort();
    const sfnPort = await restartPort();
    const smtpPort = await restartPort();
    const mailWebPort = await restartPort();
    // The console too: its default 3000 is taken whenever another system runs on this machine.
    const consolePort = await restartPort();
    const base = `http://127.0.0.1:${apiPort}`;
    let kills = 0;
    let restarts = 0;
    let alive = false;

    const startChild = async () => {
      // The server itself, not the tsx CLI: that would run it in a grandchild that SIGKILL never reaches.
      child = spawn(process.execPath, [system!.file], {
        env: {
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
        },
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

    /** One HTTP call, retried through crashes until the system answers (same Idempotency-Key every time). */
    async function call(
      method: string,
      path: string,
      role: Role,
      body?: unknown,
      key?: string,
    ): Promise<{ status: number; body: any }> {
      let serverErrors = 0;
      for (;;) {
        let res: Response;
        try {
          res = await fetch(`${base}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${tokens.get(role)}`,
              'content-type': 'application/json',
              ...(key && { 'idempotency-key': key }),
            },
            ...(body !== undefined && { body: JSON.stringify(body) }),
          });
        } catch {
          // Down or restarting: try again soon — not so often that ten clients take the CPU the restart needs.
          await sleep(100);
          continue;
        }
        const text = await res.text();
        if (res.status < 500) return { status: res.status, body: text ? JSON.parse(text) : undefined };
        // A crash can cut one request short; a server error that persists is a bug, not a crash.
        if (++serverErrors > 50) throw new Error(`${method} ${path} keeps failing: ${res.status} ${text}`);
        await sleep(100);
      }
    }

    async function waitForTask(role: Role, caseId: string, type: string): Promise<{ taskId: string }> {
      for (let i = 0; ; i++) {
        const res = await call('GET', '/me/tasks?limit=100', role);
        const task = res.body?.items?.find(
          (x: { caseId: string; type: string }) => x.caseId === caseId && x.type === type,
        );
        if (task) return task;
        if (i > 1_000) throw new Error(`case ${caseId}: no ${type} task for ${role}`);
        await sleep(100);
      }
    }

    const steps: { role: Role; type: string; body: Record<string, unknown> }[] = [
      { role: 'team-lead', type: 'assign', body: { decision: 'assign', assigneeSub: DEMO_USERS.investigator.sub } },
      { role: 'investigator', type: 'investigate', body: { decision: 'submit', findings: '1차 조사 결과' } },
      { role: 'head', type: 'approve', body: { decision: 'return', reasons: '보완 필요' } },
      { role: 'investigator', type: 'investigate', body: { decision: 'submit', findings: '보완 조사 결과' } },
      { role: 'head', type: 'approve', body: { decision: 'approve' } },
    ];

    async function driveCase(i: number): Promise<string> {
      const created = await call(
        'POST',
        '/cases',
        'clerk',
        { kind: 'case-review', title: `충돌 시험 사건 ${i}` },
        `crash-intake-${i}-${tableName}`,
      );
      expect([200, 201]).toContain(created.status);
      const caseId = created.body.case.caseId as string;
      for (const [k, step] of steps.entries()) {
        for (;;) {
          const task = await waitForTask(step.role, caseId, step.type);
          const done = await call(
            'POST',
            `/cases/${caseId}/tasks/${task.taskId}/complete`,
            step.role,
            step.body,
            `crash-${i}-${k}-${task.taskId}`,
          );
          if (done.status === 200) break;
          // 409: the listing was stale (the task just completed); look again for the step's task.
          expect(done.status, JSON.stringify(done.body)).toBe(409);
        }
      }
      for (let n = 0; ; n++) {
        const got = await call('GET', `/cases/${caseId}`, 'auditor');
        if (got.body.stage === 'closed') return caseId;
        if (n > 2_000) throw new Error(`case ${caseId} is stuck at ${got.body.stage}`);
        await sleep(50);
      }
    }

    let driving = true;
    const killer = (async () => {
      while (driving || kills < MIN_KILLS) {
        await sleep(200 + Math.random() * 1_300);
        if (!alive || !child?.pid) continue;
        alive = false;
        child.kill('SIGKILL');
        await new Promise((r) => child!.once('exit', r));
        kills += 1;
        await startChild();
        restarts += 1;
      }
    })();

    const started = Date.now();
    const caseIds = await Promise.all(Array.from({ length: CASES }, (_, i) => driveCase(i)));
    driving = false;
    await killer;

    const expected = [
      'CASE_CREATED',
      'STAGE_CHANGED',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'ASSIGNED',
      'STAGE_CHANGED',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'STAGE_CHANGED',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'STAGE_CHANGED',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'STAGE_CHANGED',
      'TASK_OPENED',
      'TASK_COMPLETED',
      'STAGE_CHANGED',
    ];
    let verified = 0;
    for (const caseId of caseIds) {
      const history = await call('GET', `/cases/${caseId}/history`, 'auditor');
      expect(history.body.verification.ok).toBe(true);
      expect(history.body.events.map((e: { type: string }) => e.type)).toEqual(expected);
      expect(history.body.case.stage).toBe('closed');
      verified += 1;
    }
    console.log(
      `crash test: ${CASES} cases × ${steps.length} decisions, ${kills} SIGKILLs, ${restarts} restarts, ${verified} chains verified, ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(kills).toBeGreaterThanOrEqual(MIN_KILLS);
  }, 2_400_000);
});
