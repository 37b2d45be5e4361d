/**
 * Staff to choose from (assignments). The API has no staff directory endpoint yet; the local system
 * lists its demo staff, so locally the choice is a list and elsewhere the form asks for the id.
 */
import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS, useApp, type Role } from './session.tsx';

export function useStaffChoices() {
  const { config } = useApp();
  return useQuery({
    queryKey: ['staff-choices'],
    enabled: config.auth.mode === 'local',
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const response = await fetch(`${config.apiUrl}/local/staff`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const { items } = (await response.json()) as {
        items: { sub: string; name: string; position: string; roles: Role[] }[];
      };
      return items
        .filter((m) => m.roles.some((r) => r === 'investigator' || r === 'team-lead' || r === 'clerk'))
        .map((m) => ({
          sub: m.sub,
          label: `${m.name} (${m.position}, ${m.roles.map((r) => ROLE_LABELS[r]).join('·')})`,
        }));
    },
  });
}
