/** Workflow step: reads the petition on the case and says which step comes next (and, for the comment period, until when to wait). */
import { z } from 'zod';
import { stepHandler } from '../../shared/workflow/step-handler.ts';
import { handlerDeps } from '../deps.ts';

export const petitionNextStepInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler(petitionNextStepInput, async (input) =>
  handlerDeps().petition.nextStep(input.caseId),
);
