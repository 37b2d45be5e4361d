/** Workflow step after the Wait state: records that the 30-day public comment period (청원법 제13조②) has run; idempotent. */
import * as z from 'zod';
import { stepHandler } from '#shared/workflow/step-handler.ts';
import { once } from '../wiring/once.ts';
import { composePetitionUseCases } from '../wiring/petition-usecases.ts';

const useCases = once(() => composePetitionUseCases());

export const petitionCommentPeriodEndedInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler('petition-comment-period-ended', petitionCommentPeriodEndedInput, async (input) =>
  useCases().commentPeriodEnded(input.caseId),
);
