/**
 * GET /staff[?team=&role=] — the staff directory: whom a team lead can assign, with Korean names,
 * team and role labels and the work address; office staff only.
 */
import { TEAM_LABELS, TEAMS } from '#shared/domain/roles.ts';
import { apiHandler } from '#shared/http/api-handler.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import { staffDirectory } from '#shared/usecases/staff-directory.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';
import { apiRoute } from './routes.ts';
import { staffQuery } from './staff-schemas.ts';

const directory = once(() => staffDirectory({ staff: new StaffRepository(doc, tableName()) }));

export const handler = apiHandler(apiRoute('list-staff'), { query: staffQuery }, async ({ actor, query }) => {
  const items = await directory().list(actor, query);
  return {
    statusCode: 200,
    body: { items, teams: TEAMS.map((team) => ({ team, label: TEAM_LABELS[team] })) },
  };
});
