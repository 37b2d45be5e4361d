/**
 * The registry of kinds: built from a list of kind modules (kind.ts), it answers what the case core
 * asks — is this a kind, what team and label, which details section, which decision forms and
 * labels, which due rule. The office's list is shared/kinds/registry.ts; a test builds its own
 * from that list plus a kind of its own, and hands it to the use cases.
 */
import type { DetailsLine } from './details-view.ts';
import * as z from 'zod';
import { caseRecordSchema, type CaseRecord } from './case.ts';
import { ValidationError } from './errors.ts';
import type { HistoryEvent } from './history.ts';
import type { DetailsSection, KindModule, LimitationWarningView, TaskDueContext } from './kind.ts';
import type { KindReportTable } from './report-table.ts';
import { CORE_DECISION_LABELS, CORE_TASK_TYPES, coreDecisionForms, type TaskDue } from './task.ts';

export interface KindRegistry<K extends string = string> {
  /** Kind names in the order of the list (reports and exports list kinds in this order). */
  readonly kinds: readonly K[];
  readonly modules: readonly KindModule<K>[];
  /** The kind's module; a clear error for a kind nobody registered. */
  get(kind: string): KindModule<K>;
  has(kind: string): kind is K;
  labelOf(kind: string): string;
  /** The case's kind details as labelled Korean lines (none when its kind writes no view or nothing is recorded). */
  detailsViewOf(c: CaseRecord): DetailsLine[];
  /** The time limit the case's kind watches (e.g. 징계시효), as of `today` (Korea); undefined when none. */
  limitationWarningOf(c: CaseRecord, today: string): LimitationWarningView | undefined;
  /** The case's details with their personal data masked, under their key; undefined when its kind masks nothing. */
  maskedDetailsOf(c: CaseRecord): { key: string; details: unknown } | undefined;
  /** The kinds whose closed cases are reported to this committee (`reportedTo`). */
  reportedTo(committee: string): readonly KindModule<K>[];
  /** How an event of a case of this kind moves its due date (before and after); undefined when it does not. */
  dueDateMoveOf(kind: string, event: HistoryEvent): { before: unknown; after: unknown } | undefined;
  /** Details sections in the order of first appearance, each with the kinds that own it. */
  readonly sections: readonly { section: DetailsSection; kinds: readonly K[] }[];
  /** The stored case record: the core's fields plus every section's details. */
  readonly caseRecordSchema: z.ZodObject;
  /** Every decision form (the core's and each kind's), by `decision`. */
  readonly decisionFormSchema: z.ZodType;
  /** The forms of that union, each once, in order (the core's first). */
  readonly decisionForms: readonly z.ZodObject<{ decision: z.ZodLiteral<string> } & z.ZodRawShape>[];
  decisionLabel(decision: string): string;
  /** Whether a decision names the case's new assignee (`assigneeSub`). */
  isAssigning(decision: string): boolean;
  readonly taskTypes: readonly string[];
  readonly dueRules: readonly string[];
  /** The office report tables the kinds contribute, in print order, each with the kinds that count in it. */
  readonly reportTables: readonly { table: KindReportTable; kinds: readonly K[] }[];
  taskDue(rule: string, ctx: TaskDueContext): TaskDue;
}

export function createKindRegistry<const K extends string>(modules: readonly KindModule<K>[]): KindRegistry<K> {
  const byKind = new Map<string, KindModule<K>>();
  for (const m of modules) {
    if (byKind.has(m.kind)) throw new Error(`kind ${m.kind} is registered twice`);
    byKind.set(m.kind, m);
  }
  const sections: { section: DetailsSection; kinds: K[] }[] = [];
  for (const m of modules) {
    if (!m.details) continue;
    const found = sections.find((s) => s.section.key === m.details?.key);
    if (found && found.section !== m.details) throw new Error(`details key ${m.details.key} is declared twice`);
    if (found) found.kinds.push(m.kind);
    else sections.push({ section: m.details, kinds: [m.kind] });
  }
  const kinds = modules.map((m) => m.kind);
  const decisionLabels: Record<string, string> = { ...CORE_DECISION_LABELS };
  const forms: z.ZodObject<{ decision: z.ZodLiteral<string> } & z.ZodRawShape>[] = [...coreDecisionForms];
  const assigning = new Set<string>(['assign']);
  for (const m of modules) {
    for (const form of m.decisions?.forms ?? []) {
      // Kinds of one lifecycle share their forms; the same form object is listed once.
      if (forms.includes(form)) continue;
      // The decision union is discriminated by name: two kinds' forms of one name would fail every completion.
      const name = form.shape.decision.value;
      if (forms.some((f) => f.shape.decision.value === name)) throw new Error(`decision ${name} is declared twice`);
      forms.push(form);
    }
    Object.assign(decisionLabels, m.decisions?.labels);
    for (const d of m.decisions?.assigning ?? []) assigning.add(d);
  }
  const dueRuleOwners = new Map<string, KindModule<K>>();
  for (const m of modules) {
    for (const rule of m.dueRules?.rules ?? []) {
      const owner = dueRuleOwners.get(rule);
      if (owner && owner.dueRules !== m.dueRules) throw new Error(`due rule ${rule} is declared twice`);
      dueRuleOwners.set(rule, m);
    }
  }
  const reportTables: { table: KindReportTable; kinds: K[] }[] = [];
  for (const m of modules) {
    for (const table of m.reportTables ?? []) {
      const found = reportTables.find((t) => t.table.id === table.id);
      if (found && found.table !== table) throw new Error(`report table ${table.id} is declared twice`);
      if (found) found.kinds.push(m.kind);
      else reportTables.push({ table, kinds: [m.kind] });
    }
  }
  reportTables.sort((a, b) => a.table.order - b.table.order);
  const taskTypes = [...new Set([...CORE_TASK_TYPES, ...modules.flatMap((m) => m.taskTypes ?? [])])];
  const has = (kind: string): kind is K => byKind.has(kind);
  const recordSchema = caseRecordSchema.extend({
    kind: z.enum(kinds as [K, ...K[]]),
    ...Object.fromEntries(sections.map(({ section }) => [section.key, section.record.optional()])),
  });
  return {
    kinds,
    modules,
    has,
    get(kind) {
      const m = byKind.get(kind);
      if (!m) {
        throw new ValidationError(
          `Unknown case kind "${kind}"; known: ${kinds.join(', ')}`,
          `알 수 없는 사건 종류입니다: ${kind}`,
          {
            field: 'kind',
            rule: 'unknown_kind',
          },
        );
      }
      return m;
    },
    labelOf: (kind) => byKind.get(kind)?.labelKo ?? kind,
    detailsViewOf(c) {
      const section = byKind.get(c.kind)?.details;
      const details = section && (c as unknown as Record<string, unknown>)[section.key];
      return section?.view && details !== undefined ? section.view(details as never) : [];
    },
    maskedDetailsOf(c) {
      const section = byKind.get(c.kind)?.details;
      const details = section && (c as unknown as Record<string, unknown>)[section.key];
      return section?.masked && details !== undefined
        ? { key: section.key, details: section.masked(details as never) }
        : undefined;
    },
    reportedTo: (committee) => modules.filter((m) => m.reportedTo?.committee === committee),
    dueDateMoveOf(kind, event) {
      return byKind.get(kind)?.details?.dueDateMove?.(event);
    },
    limitationWarningOf(c, today) {
      const section = byKind.get(c.kind)?.details;
      const details = section && (c as unknown as Record<string, unknown>)[section.key];
      return section?.limitationWarning && details !== undefined
        ? section.limitationWarning(details as never, { stage: c.stage, today })
        : undefined;
    },
    sections,
    caseRecordSchema: recordSchema,
    decisionFormSchema: z.discriminatedUnion('decision', forms as [(typeof forms)[number], ...typeof forms]),
    decisionForms: forms,
    decisionLabel: (decision) => decisionLabels[decision] ?? decision,
    isAssigning: (decision) => assigning.has(decision),
    taskTypes,
    dueRules: [...dueRuleOwners.keys()],
    reportTables,
    taskDue(rule, ctx) {
      const owner = dueRuleOwners.get(rule);
      if (!owner?.dueRules) throw new Error(`unknown task due rule ${rule}`);
      return owner.dueRules.due(rule, ctx);
    },
  };
}
