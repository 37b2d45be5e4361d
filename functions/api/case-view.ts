/** How a case is shown to clients: the record plus Korean labels and links. */
import type { CaseRecord } from '#shared/domain/case.ts';
import { CASE_STAGE_LABELS } from '#shared/domain/case.ts';
import { KINDS } from '#shared/kinds/registry.ts';
import { TEAM_LABELS } from '#shared/domain/roles.ts';
import type { HistoryEvent } from '#shared/domain/history.ts';
import { koreaDate } from '#shared/domain/korea-time.ts';
import type { TaskRecord } from '#shared/domain/task.ts';
import type { Actor } from '#shared/domain/roles.ts';
import { caseForViewer, type Viewer } from '#shared/policies/personal-data.ts';
import type { StaffRepository } from '#shared/store/staff-repository.ts';

/** The time limit the case's kind watches (e.g. 징계시효) and how near it is, as of `today` (Korea). */
export function limitationWarningOf(c: CaseRecord, today = koreaDate(new Date())) {
  return KINDS.limitationWarningOf(c, today);
}

/** The viewer's team from the staff directory (a team lead sees complainants' details of their own team's cases only). */
export async function viewerOf(actor: Actor, staff: Pick<StaffRepository, 'get'>): Promise<Viewer> {
  return { actor, team: (await staff.get(actor.sub))?.team };
}

export function caseView(c: CaseRecord, baseUrl: string, viewer: Viewer) {
  const warning = limitationWarningOf(c);
  const shown = caseForViewer(c, viewer);
  return {
    ...shown,
    kindLabel: KINDS.labelOf(c.kind),
    // From what this viewer may see of the case, never from the record as stored.
    detailsView: KINDS.detailsViewOf(shown),
    stageLabel: CASE_STAGE_LABELS[c.stage],
    teamLabel: TEAM_LABELS[c.team],
    ...(warning && { limitationWarning: warning }),
    links: { self: `${baseUrl}/cases/${c.caseId}`, history: `${baseUrl}/cases/${c.caseId}/history` },
  };
}

export function writeResponse(
  result: { case: CaseRecord; events: HistoryEvent[] },
  replayed: boolean,
  baseUrl: string,
  viewer: Viewer,
) {
  return { case: caseView(result.case, baseUrl, viewer), events: result.events, replayed };
}

/** Marks a response that repeats an earlier one for the same Idempotency-Key. */
export function replayHeaders(replayed: boolean): Record<string, string> {
  return replayed ? { 'idempotent-replayed': 'true' } : {};
}

/** The answer of a write that starts the case's workflow again (resumption, objection, reopening). */
export function workflowStartAnswer(
  outcome: { result: { case: CaseRecord; events: HistoryEvent[] }; replayed: boolean; workflowStarted: boolean },
  baseUrl: string,
  viewer: Viewer,
  statusCode = 200,
) {
  return {
    statusCode,
    body: {
      ...writeResponse(outcome.result, outcome.replayed, baseUrl, viewer),
      workflowStarted: outcome.workflowStarted,
    },
    headers: replayHeaders(outcome.replayed),
  };
}

export function taskView(task: TaskRecord, baseUrl: string) {
  const { taskToken: _secret, ...visible } = task;
  return {
    ...visible,
    decisionLabels: task.allowedDecisions.map((d) => KINDS.decisionLabel(d)),
    links: {
      case: `${baseUrl}/cases/${task.caseId}`,
      complete: `${baseUrl}/cases/${task.caseId}/tasks/${task.taskId}/complete`,
    },
  };
}
