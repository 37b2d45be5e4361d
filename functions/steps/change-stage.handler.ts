/** Workflow step: a system stage change (e.g. closing the case), recorded in history; idempotent. */
import * as z from 'zod';
import { caseStageSchema } from '#shared/domain/case.ts';
import { BUSINESS_METRICS, countBusinessMetric } from '#shared/observability/powertools.ts';
import { stepHandler } from '#shared/workflow/step-handler.ts';
import { once } from '../wiring/once.ts';
import { composeTaskUseCases, noTaskSignals } from '../wiring/task-usecases.ts';

const useCases = once(() => composeTaskUseCases(noTaskSignals));

export const changeStageInput = z.object({
  caseId: z.string().min(1),
  stage: caseStageSchema,
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler(
  'change-stage',
  changeStageInput,
  async (input) => {
    const result = await useCases().changeStage(input);
    if (result.changed && result.stage === 'closed') countBusinessMetric(BUSINESS_METRICS.caseClosed);
    return result;
  },
  { metrics: true },
);
