/**
 * What every case use case does the same way: record who acted (with the capacity they acted in),
 * load a case or say clearly that it does not exist, refuse a change made against a stale version,
 * and say so when a task of the case moved underneath a change.
 */
import type { CaseRecord } from '../domain/case.ts';
import { IllegalTransitionError, NotFoundError, VersionConflictError } from '../domain/errors.ts';
import type { EventActor } from '../domain/history.ts';
import { primaryRole, type Actor } from '../domain/roles.ts';
import type { CaseRepository } from '../store/case-repository.ts';

export function eventActorOf(actor: Actor): EventActor {
  return { sub: actor.sub, ...(actor.name !== undefined && { name: actor.name }), role: primaryRole(actor) };
}

export async function loadCase(cases: Pick<CaseRepository, 'get'>, caseId: string): Promise<CaseRecord> {
  const found = await cases.get(caseId);
  if (!found) throw new NotFoundError(`No case with id ${caseId}`, `사건(${caseId})을 찾을 수 없습니다`, { field: 'caseId', rule: 'not_found' });
  return found;
}

/** A change sent with `expectedVersion` applies only to that version (optimistic concurrency). */
export function assertExpectedVersion(c: CaseRecord, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && c.version !== expectedVersion) {
    throw new VersionConflictError(
      `Case ${c.caseNumber} is at version ${c.version}, not ${expectedVersion}`,
      `사건(${c.caseNumber})이 이미 변경되었습니다 (요청 버전 ${expectedVersion}, 현재 버전 ${c.version})`,
      { field: 'expectedVersion', rule: 'stale_version', meta: { currentVersion: c.version } },
    );
  }
}

/** A task of the case changed in the same moment (completed, cancelled, re-opened): look again. */
export function tasksChangedError(error: unknown): IllegalTransitionError {
  return new IllegalTransitionError('A task of the case changed at the same time; look again and retry', '사건의 업무가 동시에 바뀌었습니다. 다시 확인한 뒤 시도하세요', {
    field: 'caseId',
    rule: 'workflow_busy',
    cause: error,
  });
}
