/**
 * What self-audits and audits received share of their follow-up (이행) step: the task's due date is
 * the earliest still owed, each open finding's 이행 among them. Pure: each kind passes what else it owes.
 */
import { IllegalTransitionError } from '../domain/errors.ts';
import { refuse } from '../domain/kind.ts';
import type { TaskDue } from '../domain/task.ts';
import { followUpOpen, type Finding } from './self-audit/findings.ts';

/** How an open finding's 이행 reads as a due date in one kind (its noun and the article behind the clock). */
export interface FollowUpDueLabel {
  /** `지적사항` (self-audit) or `처분요구` (audit received). */
  nounKo: string;
  article: string;
  confidence?: string;
  /** The source of a due date the rule sets (an action plan's date is always the case's own). */
  source: 'statutory' | 'default';
  /** What the task says when nothing is owed but closing. */
  nothingOwedKo: string;
}

/**
 * The follow-up task's due date for a kind that holds findings: the earliest of what the kind still
 * owes (`owed`: a reconsideration's decision, an upward notice, a 경고's publication) and each open
 * finding's 이행 (its setting or action plan); with nothing owed, the day the task opens.
 */
export function earliestFollowUpDue(
  owed: readonly TaskDue[],
  findings: readonly Finding[],
  label: FollowUpDueLabel,
  now: string,
): TaskDue {
  const candidates = [...owed];
  for (const f of findings.filter(followUpOpen)) {
    if (f.followUp.dueOn === undefined) continue;
    candidates.push({
      dueAt: `${f.followUp.dueOn}T23:59:59+09:00`,
      basis: {
        labelKo: `${label.nounKo} ${f.number} 이행 — ${f.followUp.basisKo ?? ''}`,
        article: label.article,
        ...(label.confidence !== undefined && { confidence: label.confidence }),
        source: f.followUp.actionPlan ? 'case-date' : label.source,
      },
    });
  }
  candidates.sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  return (
    candidates[0] ?? {
      dueAt: `${now.slice(0, 10)}T23:59:59+09:00`,
      basis: { labelKo: label.nothingOwedKo, source: 'default' },
    }
  );
}

/** Reopening an audit for a late 재심의 (self-audit.ts, audit-received.ts): only a closed one, only by a 재심의. */
export const notClosed = () =>
  new IllegalTransitionError(
    'The audit is not closed: record the reconsideration in its follow-up task',
    '종결되지 않은 감사입니다 — 재심의는 후속 조치 업무에서 기록하세요',
    { field: 'caseId', rule: 'not_closed' },
  );

export const notReopening = (decision: string) =>
  refuse(
    `${decision} does not reopen a closed audit`,
    '종결된 감사는 재심의로만 다시 엽니다',
    'decision',
    'not_reopening',
  );
