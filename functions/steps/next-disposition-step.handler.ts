/** Workflow step: reads the approved disposition from the case and says which of its steps comes next. */
import * as z from 'zod';
import { stepHandler } from '#shared/workflow/step-handler.ts';
import { once } from '../wiring/once.ts';
import { composeMisconductUseCases } from '../wiring/misconduct-usecases.ts';

const useCases = once(() => composeMisconductUseCases());

export const nextDispositionStepInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler('next-disposition-step', nextDispositionStepInput, async (input) =>
  useCases().nextDispositionStep(input.caseId),
);
