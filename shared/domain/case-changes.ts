/**
 * The case changes that ask the case's kind (kind.ts): intake builds each details section its kind
 * owns and refuses the others'; an edit or a reassignment passes the kind's guards. `caseChanges(kinds)`
 * binds them to a registry; the office's is bound in shared/kinds/registry.ts.
 */
import type { Calendar } from '../calendar/index.ts';
import {
  assertOpen,
  EDITABLE_FIELDS,
  type CaseChange,
  type CasePatch,
  type CaseRecord,
  type IntakeInput,
} from './case.ts';
import { ValidationError } from './errors.ts';
import type { EventActor, EventDraft } from './history.ts';
import type { OpenedDetails } from './kind.ts';
import type { KindRegistry } from './kind-registry.ts';

export function caseChanges(kinds: KindRegistry) {
  function openCase(params: {
    caseId: string;
    caseNumber: string;
    input: IntakeInput;
    actor: EventActor;
    now: string;
    /** The legal calendar for statutory due dates (grievances); the default calendar when absent. */
    calendar?: Calendar;
  }): CaseChange {
    const { caseId, caseNumber, input, actor, now } = params;
    const info = kinds.get(input.kind);
    if (input.dueDate !== undefined && input.dueDate < input.receivedAt.slice(0, 10)) {
      throw new ValidationError('dueDate is before receivedAt', '처리기한이 접수일보다 앞설 수 없습니다', {
        field: 'dueDate',
        rule: 'not_before_received',
      });
    }
    const opened: { key: string; details: OpenedDetails }[] = [];
    for (const { section, kinds: owners } of kinds.sections) {
      const given = (input as unknown as Record<string, unknown>)[section.key];
      if (!owners.includes(input.kind)) {
        if (given !== undefined) throw section.notForKind();
        continue;
      }
      const details = section.open({
        kind: input.kind,
        intake: given,
        input,
        actor,
        now,
        ...(params.calendar !== undefined && { calendar: params.calendar }),
      });
      if (details) opened.push({ key: section.key, details });
    }
    const next: CaseRecord = {
      caseId,
      caseNumber,
      kind: input.kind,
      team: info.team,
      title: input.title,
      summary: input.summary ?? '',
      stage: 'intake',
      ...(input.assigneeSub !== undefined && { assigneeSub: input.assigneeSub }),
      ...(input.department !== undefined && { department: input.department }),
      ...(input.channel !== undefined && { channel: input.channel }),
      receivedAt: input.receivedAt,
      ...(input.dueDate !== undefined && { dueDate: input.dueDate }),
      ...Object.fromEntries(
        opened.flatMap(({ details }) => (details.dueDate !== undefined ? [['dueDate', details.dueDate]] : [])),
      ),
      sealed: input.sealed ?? info.sealedByDefault,
      ...Object.fromEntries(opened.map(({ key, details }) => [key, details.details])),
      createdAt: now,
      createdBy: actor.sub,
      updatedAt: now,
      version: 1,
      historySeq: 0,
      historyHead: '',
    };
    const drafts: EventDraft[] = [
      {
        type: 'CASE_CREATED',
        at: now,
        actor,
        stageAfter: 'intake',
        data: {
          caseNumber,
          kind: input.kind,
          title: input.title,
          receivedAt: input.receivedAt,
          sealed: next.sealed,
          ...(input.channel !== undefined && { channel: input.channel }),
          ...(input.department !== undefined && { department: input.department }),
          ...(input.dueDate !== undefined && { dueDate: input.dueDate }),
          ...Object.fromEntries(
            opened.flatMap(({ key, details }) => (details.eventData ? [[key, details.eventData]] : [])),
          ),
        },
      },
    ];
    if (input.assigneeSub !== undefined) {
      drafts.push({ type: 'ASSIGNED', at: now, actor, data: { assigneeSub: input.assigneeSub } });
    }
    for (const { details } of opened) {
      if (details.enter) {
        // e.g. a misconduct case suspended at intake: the procedure must not run until it is resumed.
        next.stage = details.enter.stage;
        drafts.push(details.enter.draft);
      }
    }
    return { next, drafts };
  }

  /** Edits the case's details; records each changed field before/after. */
  function updateDetails(current: CaseRecord, patch: CasePatch, actor: EventActor, now: string): CaseChange {
    assertOpen(current, 'update');
    const guards = kinds.get(current.kind).guards;
    if (patch.assigneeSub !== undefined) guards?.assertMayHandle?.(current, patch.assigneeSub);
    guards?.assertPatch?.(current, patch);
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const field of EDITABLE_FIELDS) {
      const after = patch[field];
      if (after !== undefined && after !== current[field]) changes[field] = { before: current[field] ?? null, after };
    }
    if (Object.keys(changes).length === 0) {
      throw new ValidationError('The patch changes nothing', '변경할 내용이 없습니다', {
        field: 'body',
        rule: 'no_changes',
      });
    }
    const next: CaseRecord = { ...current, ...patch, updatedAt: now, version: current.version + 1 };
    if (next.dueDate !== undefined && next.dueDate < next.receivedAt.slice(0, 10)) {
      throw new ValidationError('dueDate is before receivedAt', '처리기한이 접수일보다 앞설 수 없습니다', {
        field: 'dueDate',
        rule: 'not_before_received',
      });
    }
    const drafts: EventDraft[] = [{ type: 'CASE_UPDATED', at: now, actor, data: { changes } }];
    if (changes.assigneeSub)
      drafts.push({
        type: 'ASSIGNED',
        at: now,
        actor,
        data: { assigneeSub: patch.assigneeSub, previous: current.assigneeSub ?? null },
      });
    return { next, drafts };
  }

  /** Hands the case to another person with a reason; open tasks waiting for the previous assignee move with it. */
  function reassignCase(
    current: CaseRecord,
    assigneeSub: string,
    reason: string,
    movedTaskIds: readonly string[],
    actor: EventActor,
    now: string,
  ): CaseChange {
    assertOpen(current, 'update');
    kinds.get(current.kind).guards?.assertMayHandle?.(current, assigneeSub);
    if (current.assigneeSub === assigneeSub) {
      throw new ValidationError('The case is already assigned to this person', '이미 이 담당자에게 배정된 사건입니다', {
        field: 'assigneeSub',
        rule: 'no_changes',
      });
    }
    return {
      next: { ...current, assigneeSub, updatedAt: now, version: current.version + 1 },
      drafts: [
        {
          type: 'ASSIGNED',
          at: now,
          actor,
          data: { assigneeSub, previous: current.assigneeSub ?? null, reason, movedTasks: [...movedTaskIds] },
        },
      ],
    };
  }

  return { openCase, updateDetails, reassignCase };
}

export type CaseChanges = ReturnType<typeof caseChanges>;
