/** How a case is shown to clients: the record plus Korean labels and links. */
import type { CaseRecord } from '../../shared/domain/case.ts';
import { CASE_STAGE_LABELS } from '../../shared/domain/case.ts';
import { CASE_KIND_INFO } from '../../shared/domain/case-kinds.ts';
import { TEAM_LABELS } from '../../shared/domain/roles.ts';
import type { HistoryEvent } from '../../shared/domain/history.ts';
import { DECISION_LABELS, type TaskRecord } from '../../shared/domain/task.ts';

export function caseView(c: CaseRecord, baseUrl: string) {
  return {
    ...c,
    kindLabel: CASE_KIND_INFO[c.kind].labelKo,
    stageLabel: CASE_STAGE_LABELS[c.stage],
    teamLabel: TEAM_LABELS[c.team],
    links: { self: `${baseUrl}/cases/${c.caseId}`, history: `${baseUrl}/cases/${c.caseId}/history` },
  };
}

export function writeResponse(result: { case: CaseRecord; events: HistoryEvent[] }, replayed: boolean, baseUrl: string) {
  return { case: caseView(result.case, baseUrl), events: result.events, replayed };
}

/** Marks a response that repeats an earlier one for the same Idempotency-Key. */
export function replayHeaders(replayed: boolean): Record<string, string> {
  return replayed ? { 'idempotent-replayed': 'true' } : {};
}

export function taskView(task: TaskRecord, baseUrl: string) {
  const { taskToken: _secret, ...visible } = task;
  return {
    ...visible,
    decisionLabels: task.allowedDecisions.map((d) => DECISION_LABELS[d]),
    links: { case: `${baseUrl}/cases/${task.caseId}`, complete: `${baseUrl}/cases/${task.caseId}/tasks/${task.taskId}/complete` },
  };
}
