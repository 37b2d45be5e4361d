/** Workflow step: reads the grievance from the case and says which of its steps comes next (grievance.ts grievanceNextStep). */
import { z } from 'zod';
import { stepHandler } from '../../shared/workflow/step-handler.ts';
import { handlerDeps } from '../deps.ts';

export const grievanceNextStepInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler(grievanceNextStepInput, async (input) =>
  handlerDeps().grievance.nextStep(input.caseId),
);
