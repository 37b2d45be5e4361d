/**
 * Wiring of the committee routes, built once per process on top of the shared handler wiring (its
 * completion use case is the one every task decision goes through), and how committees and
 * meetings are shown to clients.
 */
import {
  COMMITTEE_KIND_LABELS,
  MEETING_STATUS_LABELS,
  type Committee,
  type Meeting,
} from '../../shared/domain/committee.ts';
import { runtimeConfig } from '../../shared/config/runtime-config.ts';
import { hasAnyRole, type Actor } from '../../shared/domain/roles.ts';
import { CommitteeRepository } from '../../shared/store/committee-repository.ts';
import { documentClient } from '../../shared/store/dynamo-client.ts';
import { IdempotencyStore } from '../../shared/store/idempotency-store.ts';
import { TaskRepository } from '../../shared/store/task-repository.ts';
import { committeeUseCases, type CommitteeUseCases } from '../../shared/usecases/committee-usecases.ts';
import { handlerDeps } from '../deps.ts';

let committees: CommitteeUseCases | undefined;

export function committeeDeps(): { committees: CommitteeUseCases; baseUrl: string } {
  const base = handlerDeps();
  if (!committees) {
    const config = runtimeConfig();
    const doc = documentClient();
    committees = committeeUseCases({
      committees: new CommitteeRepository(doc, config.TABLE_NAME),
      tasks: new TaskRepository(doc, config.TABLE_NAME),
      completion: base.tasks,
      staff: base.staff,
      idempotency: new IdempotencyStore(doc, config.TABLE_NAME),
      calendar: base.calendar,
    });
  }
  return { committees, baseUrl: base.baseUrl };
}

export function cadenceLabel(committee: Committee): string {
  return committee.cadence.labelKo;
}

/** A committee as clients see it; members' mail addresses only for those who send the committee's mail. */
export function committeeView(committee: Committee, actor?: Actor) {
  const contacts = actor === undefined || actor.sub === committee.secretarySub || hasAnyRole(actor, ['admin', 'head']);
  const members = contacts ? committee.members : committee.members.map(({ email: _email, ...m }) => m);
  return {
    ...committee,
    members,
    kindLabel: COMMITTEE_KIND_LABELS[committee.kind],
    cadenceLabel: cadenceLabel(committee),
  };
}

export function meetingRecordView(meeting: Meeting, baseUrl: string) {
  return {
    ...meeting,
    statusLabel: MEETING_STATUS_LABELS[meeting.status],
    committeeName: COMMITTEE_KIND_LABELS[meeting.committee],
    links: { self: `${baseUrl}/meetings/${meeting.meetingId}` },
  };
}
