/**
 * What a kind's end-to-end test does as named demo staff against the running local system: call the
 * API with their token, find a case's open task, decide it, read the case once the workflow settled.
 */
import { expect } from 'vitest';
import { DEMO_STAFF } from '../../infra/local/demo-data.ts';
import type { StaffMember } from '#shared/domain/staff.ts';
import type { HttpResult, startTestSystem } from './local-system.ts';

type TestSystem = Awaited<ReturnType<typeof startTestSystem>>;

export interface OpenTask {
  taskId: string;
  type: string;
  status: string;
  allowedDecisions: string[];
  dueAt: string;
  assignee?: string;
  dueBasis?: { labelKo: string; article?: string; confidence?: string; source: string };
}

/** A demo staff member by name; throws (naming them) when the demo directory has no such person. */
export function staffNamed(name: string): StaffMember {
  const member = DEMO_STAFF.find((m) => m.name === name);
  if (!member) throw new Error(`no demo staff member named ${name}`);
  return member;
}

export const headOfOffice: StaffMember = DEMO_STAFF.find((m) => m.roles.includes('head'))!;

/** `system()` is read on each call, so the helpers can be made before `beforeAll` starts the system. */
export function staffApi(system: () => TestSystem) {
  const tokens = new Map<string, string>();

  async function tokenOf(m: StaffMember): Promise<string> {
    let token = tokens.get(m.sub);
    if (!token) {
      token = await system().system.issuer.mint({ sub: m.sub, email: m.email, name: m.name, roles: m.roles });
      tokens.set(m.sub, token);
    }
    return token;
  }

  async function call(
    m: StaffMember,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<HttpResult> {
    return system().call(method, path, {
      token: await tokenOf(m),
      ...(body !== undefined && { body }),
      ...(headers && { headers }),
    });
  }

  /** The case's one open task once the workflow has settled (read as the head, who sees every case). */
  async function openTask(caseId: string): Promise<OpenTask> {
    await system().system.stepFunctions.settle();
    const res = await call(headOfOffice, 'GET', `/cases/${caseId}/tasks`);
    expect(res.status).toBe(200);
    const task = (res.body.items as OpenTask[]).find((i) => i.status === 'open');
    expect(task, `an open task on ${caseId}`).toBeDefined();
    return task!;
  }

  /** Completes the open task, which must be of `type`; returns the answer whatever its status. */
  async function tryDecide(m: StaffMember, caseId: string, type: string, form: Record<string, unknown>) {
    const task = await openTask(caseId);
    expect(task.type).toBe(type);
    return call(m, 'POST', `/cases/${caseId}/tasks/${task.taskId}/complete`, form);
  }

  async function decide(m: StaffMember, caseId: string, type: string, form: Record<string, unknown>) {
    const res = await tryDecide(m, caseId, type, form);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async function caseOf(caseId: string) {
    await system().system.stepFunctions.settle();
    return (await call(headOfOffice, 'GET', `/cases/${caseId}`)).body;
  }

  return { tokenOf, call, openTask, tryDecide, decide, caseOf };
}
