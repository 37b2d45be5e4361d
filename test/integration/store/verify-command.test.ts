/**
 * `npm run verify` as an operator runs it (a child process), against a table in DynamoDB Local:
 * exit 0 when every chain verifies, 1 with the first break of each broken case, 2 on bad arguments.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PutCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF, DEMO_USERS } from '../../../infra/local/demo-data.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { keys } from '#shared/store/keys.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { createTestTable } from '../../support/test-table.ts';

const run = promisify(execFile);
let table: Awaited<ReturnType<typeof createTestTable>>;
let useCases: ReturnType<typeof caseUseCases>;
const u = DEMO_USERS['team-lead'];
const lead: Actor = { sub: u.sub, name: u.name, email: u.email, roles: u.roles };

beforeAll(async () => {
  table = await createTestTable('verify-cli');
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const m of DEMO_STAFF) await staff.putIfAbsent(m);
  useCases = caseUseCases({
    cases: new CaseRepository(table.doc, table.tableName),
    staff,
    idempotency: new IdempotencyStore(table.doc, table.tableName),
  });
});
afterAll(async () => table.drop());

async function verifyCommand(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const out = await run('npx', ['tsx', 'infra/ops/verify.command.ts', ...args], {
      env: { ...process.env, TABLE_NAME: table.tableName },
      timeout: 60_000,
    });
    return { code: 0, ...out };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const newCase = async (title: string) => (await useCases.createCase(lead, { kind: 'daily-audit', title })).result.case;

describe('npm run verify', () => {
  it('exits 0 for intact chains, with a summary and a progress bar on stderr', { timeout: 120_000 }, async () => {
    const c = await newCase('일상감사 1');
    await newCase('일상감사 2');
    const all = await verifyCommand('--all');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/검증 완료: 사건 2건, 이벤트 2건, 손상 0건/);
    expect(all.stderr).toContain('2/2 (100%');
    const one = await verifyCommand('--case', c.caseNumber);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`정상  ${c.caseNumber}`);
  });

  it('exits 1 and names the first broken link of each broken case', { timeout: 120_000 }, async () => {
    const broken = await newCase('조작될 사건');
    const stored = (
      await table.doc.send(new GetCommand({ TableName: table.tableName, Key: keys.event(broken.caseId, 1) }))
    ).Item!;
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { ...stored, data: { ...stored.data, title: '조작된 제목' } },
      }),
    );
    const all = await verifyCommand('--all', '--json');
    expect(all.code).toBe(1);
    const summary = JSON.parse(all.stdout);
    expect(summary.checkedCases).toBe(3);
    expect(summary.broken).toEqual([
      expect.objectContaining({
        caseId: broken.caseId,
        firstBreak: expect.objectContaining({ seq: 1, reason: 'hash-mismatch' }),
      }),
    ]);
    const one = await verifyCommand('--case', broken.caseId);
    expect(one.code).toBe(1);
    expect(one.stdout).toContain('1번 이벤트');
  });

  it('exits 2 without --case or --all', { timeout: 60_000 }, async () => {
    const res = await verifyCommand();
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('usage: npm run verify');
  });
});
