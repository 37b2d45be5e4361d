/**
 * Every API route's handler module, by route name (functions/api/routes.ts). The local HTTP API loads
 * handlers through this map; CDK bundles `apiHandlerEntry(name)`. A route without a module, a module
 * that does not exist, or a module whose handler serves another route fails the typecheck;
 * test/unit/wiring checks the entry path names the same module.
 */
import type { ApiLambda } from '../../shared/http/api-handler.ts';
import type { ApiRouteName } from './routes.ts';

export const apiHandlerModules = {
  health: () => import('./health.handler.ts'),
  openapi: () => import('./openapi.handler.ts'),
  whoami: () => import('./whoami.handler.ts'),
  'list-staff': () => import('./list-staff.handler.ts'),
  'list-my-cases': () => import('./list-my-cases.handler.ts'),
  'create-case': () => import('./create-case.handler.ts'),
  'search-cases': () => import('./search-cases.handler.ts'),
  'export-cases': () => import('./export-cases.handler.ts'),
  'export-case-history': () => import('./export-case-history.handler.ts'),
  'list-exports': () => import('./list-exports.handler.ts'),
  'get-case': () => import('./get-case.handler.ts'),
  'update-case': () => import('./update-case.handler.ts'),
  'append-note': () => import('./append-note.handler.ts'),
  'preview-deadline': () => import('./preview-deadline.handler.ts'),
  'list-my-tasks': () => import('./list-my-tasks.handler.ts'),
  'list-case-tasks': () => import('./list-case-tasks.handler.ts'),
  'complete-task': () => import('./complete-task.handler.ts'),
  'get-case-history': () => import('./get-case-history.handler.ts'),
  'verify-case': () => import('./verify-case.handler.ts'),
  'add-official': () => import('./add-official.handler.ts'),
  'add-evidence': () => import('./add-evidence.handler.ts'),
  'reassign-case': () => import('./reassign-case.handler.ts'),
  'suspend-case': () => import('./suspend-case.handler.ts'),
  'resume-case': () => import('./resume-case.handler.ts'),
  'petition-extension': () => import('./petition-extension.handler.ts'),
  'petition-objection': () => import('./petition-objection.handler.ts'),
  'grievance-extension': () => import('./grievance-extension.handler.ts'),
  'grievance-clock-stop': () => import('./grievance-clock-stop.handler.ts'),
  'grievance-links': () => import('./grievance-links.handler.ts'),
  'grievance-progress-notice': () => import('./grievance-progress-notice.handler.ts'),
  'committee-list': () => import('./committee-list.handler.ts'),
  'committee-put': () => import('./committee-put.handler.ts'),
  'committee-schedule-meeting': () => import('./committee-schedule-meeting.handler.ts'),
  'committee-list-meetings': () => import('./committee-list-meetings.handler.ts'),
  'committee-get-meeting': () => import('./committee-get-meeting.handler.ts'),
  'committee-record-attendance': () => import('./committee-record-attendance.handler.ts'),
  'committee-reschedule-meeting': () => import('./committee-reschedule-meeting.handler.ts'),
  'committee-cancel-meeting': () => import('./committee-cancel-meeting.handler.ts'),
  'committee-record-recusal': () => import('./committee-record-recusal.handler.ts'),
  'committee-record-decision': () => import('./committee-record-decision.handler.ts'),
  'misconduct-report': () => import('./misconduct-report.handler.ts'),
  'office-report': () => import('./office-report.handler.ts'),
  'office-report-freeze': () => import('./office-report-freeze.handler.ts'),
  'office-report-get': () => import('./office-report-get.handler.ts'),
  'office-report-check': () => import('./office-report-check.handler.ts'),
  'mail-failures': () => import('./mail-failures.handler.ts'),
  'mail-suppression-lift': () => import('./mail-suppression-lift.handler.ts'),
} satisfies { [N in ApiRouteName]: () => Promise<{ handler: Pick<ApiLambda<N>, 'route'> }> };
