/** Workflow step: reads the grievance from the case and says which of its steps comes next (grievance.ts grievanceNextStep). */
import * as z from 'zod';
import { stepHandler } from '#shared/workflow/step-handler.ts';
import { once } from '../wiring/once.ts';
import { composeGrievanceUseCases } from '../wiring/grievance-usecases.ts';

const useCases = once(() => composeGrievanceUseCases());

export const grievanceNextStepInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler('grievance-next-step', grievanceNextStepInput, async (input) =>
  useCases().nextStep(input.caseId),
);
