/**
 * The office's business metrics, by name: counted by the handlers (powertools.ts) and drawn on the
 * operations dashboard (infra/constructs/monitoring.ts), which must agree on the namespace and the
 * `service` dimension Powertools adds to every data point.
 */
export const SERVICE_NAME = 'gamsa-cases';
export const METRICS_NAMESPACE = 'GamsaCases';

/** The office's business metrics: counted where the work is done, one data point per unit of work. */
export const BUSINESS_METRICS = {
  /** A case was registered (intake). */
  caseOpened: 'CaseOpened',
  /** A case's workflow moved it to 종결. */
  caseClosed: 'CaseClosed',
  /** Open tasks past their due date, as the morning reminder run found them (one data point per run). */
  overdueTasks: 'OverdueTasks',
  /** A person's (or a committee's) decision completed a task. */
  taskCompleted: 'TaskCompleted',
  /** A deadline reminder (one task in a person's morning digest) was sent. */
  reminderSent: 'ReminderSent',
} as const;
