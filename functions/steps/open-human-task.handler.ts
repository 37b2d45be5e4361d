/** Workflow step (waitForTaskToken): opens a human task on the case and stores the token with it. */
import * as z from 'zod';
import { caseStageSchema } from '#shared/domain/case.ts';
import { roleSchema, teamSchema } from '#shared/domain/roles.ts';
import { decisionSchema, taskTypeSchema } from '#shared/domain/task.ts';
import { TASK_DUE_RULES } from '#shared/kinds/registry.ts';
import { committeeKindSchema } from '#shared/domain/committee-kinds.ts';
import { stepHandler } from '#shared/workflow/step-handler.ts';
import { once } from '../wiring/once.ts';
import { composeTaskUseCases } from '../wiring/task-usecases.ts';
import { taskSignaller } from '../wiring/workflows.ts';

const useCases = once(() => composeTaskUseCases(taskSignaller()));

export const openHumanTaskInput = z.object({
  caseId: z.string().min(1),
  taskType: taskTypeSchema,
  titleKo: z.string().min(1),
  stage: caseStageSchema,
  assignTo: z.union([
    z.literal('case-assignee'),
    z.object({ role: roleSchema, team: z.union([teamSchema, z.literal('case-team')]).optional() }),
  ]),
  allowedDecisions: z.array(decisionSchema).min(1),
  dueInBusinessDays: z.number().int().min(0).max(365),
  dueRule: z.enum(TASK_DUE_RULES).optional(),
  committee: committeeKindSchema.optional(),
  taskToken: z.string().min(1),
  executionArn: z.string().min(1),
  stateName: z.string().min(1),
});

export const handler = stepHandler('open-human-task', openHumanTaskInput, async (input) =>
  useCases().openHumanTask(input),
);
