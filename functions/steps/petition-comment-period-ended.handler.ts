/** Workflow step after the Wait state: records that the 30-day public comment period (청원법 제13조②) has run; idempotent. */
import { z } from 'zod';
import { stepHandler } from '../../shared/workflow/step-handler.ts';
import { handlerDeps } from '../deps.ts';

export const petitionCommentPeriodEndedInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler(petitionCommentPeriodEndedInput, async (input) =>
  handlerDeps().petition.commentPeriodEnded(input.caseId),
);
