/** Workflow step: reads the petition on the case and says which step comes next (and, for the comment period, until when to wait). */
import * as z from 'zod';
import { stepHandler } from '#shared/workflow/step-handler.ts';
import { once } from '../wiring/once.ts';
import { composePetitionUseCases } from '../wiring/petition-usecases.ts';

const useCases = once(() => composePetitionUseCases());

export const petitionNextStepInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler('petition-next-step', petitionNextStepInput, async (input) =>
  useCases().nextStep(input.caseId),
);
