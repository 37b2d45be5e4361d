/** How committees and meetings are shown to clients. */
import {
  COMMITTEE_KIND_LABELS,
  MEETING_STATUS_LABELS,
  type Committee,
  type Meeting,
} from '#shared/domain/committee.ts';
import { hasAnyRole, type Actor } from '#shared/domain/roles.ts';

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
