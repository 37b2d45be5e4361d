import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployableJobs } from '../../../shared/schedules/deployable-jobs.ts';
import { scheduledJobs } from '../../../shared/schedules/scheduled-jobs.ts';

describe('deployableJobs', () => {
  it('keeps, in declaration order, only the declared jobs whose handler module exists under the project root', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'deployable-'));
    mkdirSync(path.join(root, 'functions/jobs'), { recursive: true });
    for (const name of ['grievance-quarterly-analysis', 'deadline-reminders'])
      writeFileSync(path.join(root, `functions/jobs/${name}.handler.ts`), '');

    const { active, skipped } = deployableJobs(scheduledJobs, root);

    expect(active.map((j) => j.name)).toEqual(['deadline-reminders', 'grievance-quarterly-analysis']);
    expect(skipped.map((j) => j.name)).toEqual([
      'committee-notices',
      'limitation-alarms',
      'committee-meetings-ahead',
      'workflow-reconcile',
    ]);
  });

  it('deploys every declared job of this repository now that the committee jobs (issue 5) are written', () => {
    const { active, skipped } = deployableJobs();
    expect(active.map((j) => j.name)).toEqual([
      'deadline-reminders',
      'committee-notices',
      'limitation-alarms',
      'committee-meetings-ahead',
      'grievance-quarterly-analysis',
      'workflow-reconcile',
    ]);
    expect(skipped.map((j) => j.name)).toEqual([]);
  });
});
