/** Workflow step: reads the whistleblower report from the case and says which of its steps comes next (whistleblower.ts). */
import * as z from 'zod';
import { nextWhistleblowerStep } from '#shared/kinds/whistleblower-report/whistleblower.ts';
import { loadCase } from '#shared/usecases/case-operations.ts';
import { stepHandler } from '#shared/workflow/step-handler.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';

const cases = once(() => new CaseRepository(doc, tableName()));

export const whistleblowerNextStepInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler('whistleblower-next-step', whistleblowerNextStepInput, async (input) => {
  const c = await loadCase(cases(), input.caseId);
  // Every step after intake is the handler's: without one, the team lead names them first.
  if (!c.assigneeSub) return { next: 'assign' };
  if (!c.whistleblower) throw new Error(`case ${c.caseNumber} has no whistleblower details`);
  return { next: nextWhistleblowerStep(c.whistleblower) };
});
