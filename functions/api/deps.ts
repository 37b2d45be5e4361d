/**
 * Wiring for the API handlers, built once per process (per Lambda container) and reused.
 */
import { runtimeConfig } from '../../shared/config/runtime-config.ts';
import { CaseRepository } from '../../shared/store/case-repository.ts';
import { documentClient } from '../../shared/store/dynamo-client.ts';
import { IdempotencyStore } from '../../shared/store/idempotency-store.ts';
import { StaffRepository } from '../../shared/store/staff-repository.ts';
import { caseUseCases, type CaseUseCases } from '../../shared/usecases/case-usecases.ts';

interface ApiDeps {
  baseUrl: string;
  staff: StaffRepository;
  cases: CaseUseCases;
  tableName: string;
}

let deps: ApiDeps | undefined;

export function apiDeps(): ApiDeps {
  if (!deps) {
    const config = runtimeConfig();
    const doc = documentClient();
    const staff = new StaffRepository(doc, config.TABLE_NAME);
    deps = {
      baseUrl: config.APP_BASE_URL,
      tableName: config.TABLE_NAME,
      staff,
      cases: caseUseCases({
        cases: new CaseRepository(doc, config.TABLE_NAME),
        staff,
        idempotency: new IdempotencyStore(doc, config.TABLE_NAME),
      }),
    };
  }
  return deps;
}
