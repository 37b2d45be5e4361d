import { describe, expect, it } from 'vitest';
import { deployableJobs } from '../../../functions/jobs/job-modules.ts';
import { scheduledJobs } from '#shared/schedules/scheduled-jobs.ts';

describe('deployableJobs', () => {
  it('keeps, in declaration order, only the declared jobs that have a handler module', () => {
    const modules = { 'grievance-quarterly-analysis': () => undefined, 'deadline-reminders': () => undefined };

    const { active, skipped } = deployableJobs(scheduledJobs, modules);

    expect(active.map((j) => j.name)).toEqual(['deadline-reminders', 'grievance-quarterly-analysis']);
    expect(skipped.map((j) => j.name)).toEqual([
      'committee-notices',
      'committee-meetings-ahead',
      'exemption-quarterly-report',
      'property-registration-report',
      'field-complaint-monthly-analysis',
      'disclosure-rereview',
      'chain-anchor',
      'upload-cleanup',
      'workflow-reconcile',
    ]);
  });

  it('deploys every declared job of this repository now that the committee jobs (issue 5) are written', () => {
    const { active, skipped } = deployableJobs();
    expect(active.map((j) => j.name)).toEqual([
      'deadline-reminders',
      'committee-notices',
      'committee-meetings-ahead',
      'grievance-quarterly-analysis',
      'exemption-quarterly-report',
      'property-registration-report',
      'field-complaint-monthly-analysis',
      'disclosure-rereview',
      'chain-anchor',
      'upload-cleanup',
      'workflow-reconcile',
    ]);
    expect(skipped.map((j) => j.name)).toEqual([]);
  });
});
