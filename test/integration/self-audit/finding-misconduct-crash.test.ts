/**
 * Opening the internal investigation of a discipline finding is crash-safe, over DynamoDB Local: a
 * process that dies after the investigation was received but before the finding names it leaves the
 * finding marked "being opened" by that person; their retry receives the same one case (the intake's
 * idempotency key comes from the finding) and links it; someone else meanwhile is told it is being
 * opened, and no second case appears.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../../infra/local/demo-data.ts';
import { createCalendar } from '#shared/calendar/index.ts';
import type { Actor } from '#shared/domain/roles.ts';
import type { StaffMember } from '#shared/domain/staff.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { TaskRepository } from '#shared/store/task-repository.ts';
import { caseUseCases } from '#shared/usecases/case-usecases.ts';
import { selfAuditFindingUseCases, type ReceiveCase } from '#shared/usecases/self-audit-findings.ts';
import { createTestTable } from '../../support/test-table.ts';

let table: Awaited<ReturnType<typeof createTestTable>>;
const member = (name: string) => DEMO_STAFF.find((m) => m.name === name)!;
const actorOf = (m: StaffMember): Actor => ({ sub: m.sub, name: m.name, email: m.email, roles: m.roles });
const auditLead = actorOf(member('강민수'));
const head = actorOf(DEMO_STAFF.find((m) => m.roles.includes('head'))!);

beforeAll(async () => {
  table = await createTestTable('self-audit-crash');
  const staff = new StaffRepository(table.doc, table.tableName);
  for (const m of DEMO_STAFF) await staff.putIfAbsent(m);
});
afterAll(async () => table?.drop());

describe('a discipline finding’s investigation, across a crash', () => {
  it('is received once and linked by the retry', async () => {
    const deps = {
      cases: new CaseRepository(table.doc, table.tableName),
      tasks: new TaskRepository(table.doc, table.tableName),
      staff: new StaffRepository(table.doc, table.tableName),
      idempotency: new IdempotencyStore(table.doc, table.tableName),
      calendar: createCalendar(),
      log: () => undefined,
    };
    const cases = caseUseCases(deps);
    const receive: ReceiveCase = (actor, input, idempotency) => cases.createCase(actor, input, idempotency);
    let crash = true;
    const crashing: ReceiveCase = async (actor, input, idempotency) => {
      const received = await receive(actor, input, idempotency);
      if (crash) throw new Error('process died after the intake');
      return received;
    };
    const findings = selfAuditFindingUseCases({ ...deps, receiveCase: crashing });

    const { result } = await cases.createCase(auditLead, {
      kind: 'self-audit',
      title: '재무과 특정감사',
      assigneeSub: member('서지원').sub,
      selfAudit: {
        planYear: 2026,
        item: '재무과 특정감사',
        purpose: '계약 사무 점검',
        auditKind: 'specific',
        targetDepartments: ['재무과'],
        scope: '2026년 계약',
        startOn: '2026-11-02',
        endOn: '2026-11-06',
        staffSubs: [member('서지원').sub],
      },
    });
    const caseId = result.case.caseId;
    const added = await findings.add(auditLead, caseId, {
      title: '계약 부당 분할',
      description: '수의계약 한도를 피하려고 분할',
      disposition: 'discipline',
      department: '재무과',
      officials: [{ name: '박지훈', department: '재무과', grade: '지방행정주사보(7급)' }],
      legalBasis: '지방계약법 시행령 제30조',
    });
    const findingId = added.result.case.selfAudit!.findings[0]!.findingId;
    const input = { category: 'neglect-of-duty' as const, conductDate: '2026-05-20' };

    await expect(findings.openMisconduct(auditLead, caseId, findingId, input)).rejects.toThrow(/process died/);
    const halfway = (await deps.cases.get(caseId))!.selfAudit!.findings[0]!;
    expect(halfway.misconduct).toEqual({ openingBy: auditLead.sub });
    expect(await deps.cases.countByKind('internal-investigation')).toBe(1);

    // Someone else is told it is being opened; nothing new is received.
    await expect(findings.openMisconduct(head, caseId, findingId, input)).rejects.toMatchObject({
      rule: 'already_linked',
    });

    crash = false;
    const retried = await findings.openMisconduct(auditLead, caseId, findingId, input);
    expect(await deps.cases.countByKind('internal-investigation')).toBe(1);
    expect(retried.misconductCase.misconduct).toMatchObject({ origin: 'audit' });
    expect(retried.audit.selfAudit!.findings[0]!.misconduct).toMatchObject({
      caseId: retried.misconductCase.caseId,
      caseNumber: retried.misconductCase.caseNumber,
    });
    const events = retried.events.map((e) => e.type);
    expect(events).toEqual(['FINDING_UPDATED']);
  });
});
