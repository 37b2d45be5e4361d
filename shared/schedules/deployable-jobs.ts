/**
 * Which declared jobs actually run: those whose handler module exists. A job may be declared (its
 * time agreed with the office) before its handler is written; neither host may schedule it until
 * then — a Lambda with no code, or a local run that fails every morning, helps nobody. The CDK app
 * (infra/constructs/scheduled-jobs.ts) and the local system (infra/local/local-system.ts) both call
 * this, so they cannot disagree about the list.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScheduledJob } from './scheduled-job.ts';
import { scheduledJobs } from './scheduled-jobs.ts';

/** The project root (handler paths in the declarations are relative to it). */
const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface DeployableJobs {
  /** Jobs to schedule, in declaration order. */
  readonly active: readonly ScheduledJob[];
  /** Declared jobs left out because their handler module does not exist yet. */
  readonly skipped: readonly ScheduledJob[];
}

export function deployableJobs(
  jobs: readonly ScheduledJob[] = scheduledJobs,
  projectRoot: string = PROJECT_ROOT,
): DeployableJobs {
  const active = jobs.filter((job) => existsSync(path.join(projectRoot, job.handler)));
  return { active, skipped: jobs.filter((job) => !active.includes(job)) };
}
