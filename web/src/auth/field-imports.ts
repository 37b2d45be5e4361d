/**
 * Who sees 현장민원 가져오기 (shared/policies/field-complaint-access.ts): the head, and the staff and lead
 * of the team that handles field complaints (순찰팀) — their team comes from GET /me. The API refuses
 * everyone else anyway; this keeps them off a dead end.
 */
import { useQuery } from '@tanstack/react-query';
import { unwrap } from '../api/errors.ts';
import { hasRole, useApp } from './session.tsx';

export const FIELD_COMPLAINT_TEAM = 'patrol';

export function useCanImportFieldComplaints(): boolean {
  const { api, session } = useApp();
  const teamRole = hasRole(session, ['team-lead', 'investigator', 'clerk']);
  const me = useQuery({
    queryKey: ['me'],
    staleTime: Number.POSITIVE_INFINITY,
    enabled: teamRole && !hasRole(session, ['head']),
    queryFn: async () => unwrap(await api.GET('/me')),
  });
  if (hasRole(session, ['head'])) return true;
  return teamRole && me.data?.team === FIELD_COMPLAINT_TEAM;
}
