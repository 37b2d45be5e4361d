/**
 * Every named due-date rule a workflow step may use (`dueRule` in workflows/asl.ts humanTask),
 * gathered from each kind's own table so the step handler validates one list and dispatches by name.
 * A kind adds its rules in its own module (e.g. misconduct-deadlines.ts) and lists them here.
 */
import type { Calendar } from '../calendar/index.ts';
import type { CaseRecord } from '../domain/case.ts';
import {
  MISCONDUCT_DUE_RULES,
  misconductTaskDue,
  type MisconductDueRule,
  type TaskDue,
} from '../kinds/misconduct/misconduct-deadlines.ts';
import { PETITION_DUE_RULES, petitionTaskDue, type PetitionDueRule } from '../kinds/petition/petition-deadlines.ts';
import { GRIEVANCE_DUE_RULES, grievanceTaskDue, type GrievanceDueRule } from '../kinds/grievance/grievance-deadlines.ts';

export interface TaskDueContext {
  c: CaseRecord;
  /** When the task opens, Korea time ISO. */
  now: string;
  calendar: Calendar;
}

interface DueRuleTable<R extends string> {
  rules: readonly R[];
  due(rule: R, ctx: TaskDueContext): TaskDue;
}

const TABLES: DueRuleTable<string>[] = [
  { rules: MISCONDUCT_DUE_RULES, due: (rule, ctx) => misconductTaskDue(rule as MisconductDueRule, ctx) },
  { rules: PETITION_DUE_RULES, due: (rule, ctx) => petitionTaskDue(rule as PetitionDueRule, ctx) },
  { rules: GRIEVANCE_DUE_RULES, due: (rule, ctx) => grievanceTaskDue(rule as GrievanceDueRule, ctx) },
];

export const TASK_DUE_RULES = [...MISCONDUCT_DUE_RULES, ...PETITION_DUE_RULES, ...GRIEVANCE_DUE_RULES] as const;
export type TaskDueRule = (typeof TASK_DUE_RULES)[number];

export function taskDue(rule: TaskDueRule, ctx: TaskDueContext): TaskDue {
  const table = TABLES.find((t) => t.rules.includes(rule));
  if (!table) throw new Error(`unknown task due rule ${rule}`);
  return table.due(rule, ctx);
}
