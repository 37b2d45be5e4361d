/** Workflow step: a system stage change (e.g. closing the case), recorded in history; idempotent. */
import * as z from 'zod';
import { caseStageSchema } from '../../shared/domain/case.ts';
import { stepHandler } from '../../shared/workflow/step-handler.ts';
import { once } from '../wiring/once.ts';
import { composeTaskUseCases, noTaskSignals } from '../wiring/task-usecases.ts';

const useCases = once(() => composeTaskUseCases(noTaskSignals));

export const changeStageInput = z.object({
  caseId: z.string().min(1),
  stage: caseStageSchema,
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler('change-stage', changeStageInput, async (input) => useCases().changeStage(input));
