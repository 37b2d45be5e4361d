/**
 * Every scheduled job's handler module, by job name (shared/schedules/scheduled-jobs.ts), and the
 * jobs both hosts schedule: those with a module here. A job may be declared (its time agreed with the
 * office) before its handler is written; neither host schedules it until it is listed here. A module
 * that does not exist, a name that is not a declared job, or a module whose handler serves another job
 * fails the typecheck; CDK bundles `functions/jobs/<name>.handler.ts`, checked against this map by
 * test/unit/wiring.
 */
import { scheduledJobs, type JobName } from '#shared/schedules/scheduled-jobs.ts';
import type { ScheduledJob } from '#shared/schedules/scheduled-job.ts';
import type { JobLambda } from './job-handler.ts';

type JobModule<N extends string> = () => Promise<{ handler: Pick<JobLambda<N>, 'job'> }>;

export const jobModules: { readonly [N in JobName]?: JobModule<N> } = {
  'deadline-reminders': () => import('./deadline-reminders.handler.ts'),
  'committee-notices': () => import('./committee-notices.handler.ts'),
  'committee-meetings-ahead': () => import('./committee-meetings-ahead.handler.ts'),
  'grievance-quarterly-analysis': () => import('./grievance-quarterly-analysis.handler.ts'),
  'exemption-quarterly-report': () => import('./exemption-quarterly-report.handler.ts'),
  'property-registration-report': () => import('./property-registration-report.handler.ts'),
  'field-complaint-monthly-analysis': () => import('./field-complaint-monthly-analysis.handler.ts'),
  'disclosure-rereview': () => import('./disclosure-rereview.handler.ts'),
  'chain-anchor': () => import('./chain-anchor.handler.ts'),
  'upload-cleanup': () => import('./upload-cleanup.handler.ts'),
  'workflow-reconcile': () => import('./workflow-reconcile.handler.ts'),
};

/** The SES event target: not a scheduled job, wired the same way (infra/constructs/mail-events.ts). */
export const mailEventsModule: JobModule<'mail-events'> = () => import('./mail-events.handler.ts');

export interface DeployableJobs {
  /** Jobs to schedule, in declaration order. */
  readonly active: readonly ScheduledJob[];
  /** Declared jobs left out because they have no handler module yet. */
  readonly skipped: readonly ScheduledJob[];
}

/** The CDK app (infra/constructs/scheduled-jobs.ts) and the local system both call this. */
export function deployableJobs(
  jobs: readonly ScheduledJob[] = scheduledJobs,
  modules: Readonly<Partial<Record<string, unknown>>> = jobModules,
): DeployableJobs {
  const active = jobs.filter((job) => modules[job.name] !== undefined);
  return { active, skipped: jobs.filter((job) => !active.includes(job)) };
}

/** A declared job's handler module, for the local scheduler. */
export function jobModule(name: string): JobModule<string> | undefined {
  return (jobModules as Partial<Record<string, JobModule<string>>>)[name];
}
