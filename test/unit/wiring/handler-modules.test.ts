/**
 * The typed maps that wire routes, workflow steps and jobs to handler modules name the same modules
 * the CDK app bundles from the entry paths, and each handler serves the route, step or job it is
 * listed under.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { apiHandlerModules } from '../../../functions/api/handler-modules.ts';
import { apiHandlerEntry, apiRoutes } from '../../../functions/api/routes.ts';
import { deployableJobs, jobModule, mailEventsModule } from '../../../functions/jobs/job-modules.ts';
import { stepModules } from '../../../functions/steps/step-modules.ts';
import { MAIL_EVENTS_HANDLER } from '../../../infra/constructs/mail-events.ts';
import { PROJECT_ROOT } from '../../../infra/project-paths.ts';
import { STEP_FUNCTIONS, stepHandlerEntry } from '../../../workflows/asl.ts';

const byPath = async (entry: string) =>
  ((await import(pathToFileURL(path.join(PROJECT_ROOT, entry)).href)) as { handler: unknown }).handler;

describe('handler wiring', () => {
  it.each(apiRoutes)('loads route $name from the module CDK bundles, and that handler serves it', async (route) => {
    const { handler } = await apiHandlerModules[route.name]();
    expect(handler.route).toBe(route.name);
    expect(await byPath(apiHandlerEntry(route.name))).toBe(handler);
  });

  it.each(Object.values(STEP_FUNCTIONS))('loads step %s from the module CDK bundles', async (step) => {
    const { handler } = await stepModules[step]();
    expect(handler.step).toBe(step);
    expect(await byPath(stepHandlerEntry(step))).toBe(handler);
  });

  it.each(deployableJobs().active.map((j) => [j.name, j.handler] as const))(
    'loads job %s from the module CDK bundles',
    async (name, entry) => {
      const load = jobModule(name);
      expect(load).toBeDefined();
      const { handler } = (await load!()) as { handler: { job: string } };
      expect(handler.job).toBe(name);
      expect(await byPath(entry)).toBe(handler);
    },
  );

  it('loads the SES event handler from the module CDK bundles', async () => {
    const { handler } = await mailEventsModule();
    expect(handler.job).toBe('mail-events');
    expect(await byPath(MAIL_EVENTS_HANDLER)).toBe(handler);
  });
});
