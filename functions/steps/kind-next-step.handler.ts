/**
 * Workflow step shared by every kind that reads its next step from the case (kind.ts `nextStep`):
 * one function for all of them, so a new kind's lifecycle needs no Lambda of its own.
 */
import * as z from 'zod';
import { KINDS } from '#shared/kinds/registry.ts';
import { loadCase } from '#shared/usecases/case-operations.ts';
import { stepHandler } from '#shared/workflow/step-handler.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';

const cases = once(() => new CaseRepository(doc, tableName()));

export const kindNextStepInput = z.object({
  caseId: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler('kind-next-step', kindNextStepInput, async (input) => {
  const c = await loadCase(cases(), input.caseId);
  const module = KINDS.get(c.kind);
  if (!module.nextStep) throw new Error(`kind ${c.kind} does not say its next step`);
  return { next: module.nextStep(c) };
});
