/**
 * Wiring for every handler (API, workflow steps, jobs), built once per process (per Lambda
 * container) and reused across invocations.
 */
import { createCalendar, type Calendar } from '../shared/calendar/index.ts';
import { runtimeConfig } from '../shared/config/runtime-config.ts';
import { CaseRepository } from '../shared/store/case-repository.ts';
import { documentClient } from '../shared/store/dynamo-client.ts';
import { IdempotencyStore } from '../shared/store/idempotency-store.ts';
import { StaffRepository } from '../shared/store/staff-repository.ts';
import { TaskRepository } from '../shared/store/task-repository.ts';
import { caseUseCases, type CaseUseCases } from '../shared/usecases/case-usecases.ts';
import { misconductUseCases, type MisconductUseCases } from '../shared/usecases/misconduct-usecases.ts';
import { grievanceUseCases, type GrievanceUseCases } from '../shared/usecases/grievance-usecases.ts';
import { petitionUseCases, type PetitionUseCases } from '../shared/usecases/petition-usecases.ts';
import { taskUseCases, type TaskUseCases } from '../shared/usecases/task-usecases.ts';
import { stepFunctionsSignaller, stepFunctionsStarter } from '../shared/workflow/case-workflows.ts';
import { workflowForKind } from '../workflows/registry.ts';
import type { DataKeyProvider } from '../shared/identity/envelope.ts';
import { FileKeyProvider } from '../shared/identity/file-key-provider.ts';
import { KmsKeyProvider } from '../shared/identity/kms-key-provider.ts';
import { IdentityVault } from '../shared/store/identity-vault.ts';
import { identityUseCases, type IdentityUseCases } from '../shared/usecases/identity-usecases.ts';

export interface HandlerDeps {
  baseUrl: string;
  tableName: string;
  staff: StaffRepository;
  cases: CaseUseCases;
  tasks: TaskUseCases;
  misconduct: MisconductUseCases;
  petition: PetitionUseCases;
  grievance: GrievanceUseCases;
  identity: IdentityUseCases;
  /** The case store, for workflow steps that only read a case (e.g. which step comes next). */
  caseRepository: CaseRepository;
  calendar: Calendar;
}

/** The identity key this function was given (CDK sets IDENTITY_KEY_ID only where it grants the key's use). */
function identityKeys(config: { IDENTITY_KEY_ID?: string | undefined; IDENTITY_KEY_FILE?: string | undefined }) {
  if (config.IDENTITY_KEY_ID) return new KmsKeyProvider(config.IDENTITY_KEY_ID);
  if (config.IDENTITY_KEY_FILE) return new FileKeyProvider(config.IDENTITY_KEY_FILE);
  return undefined;
}

let deps: HandlerDeps | undefined;

export function handlerDeps(): HandlerDeps {
  if (!deps) {
    const config = runtimeConfig();
    const doc = documentClient();
    const staff = new StaffRepository(doc, config.TABLE_NAME);
    const caseRepository = new CaseRepository(doc, config.TABLE_NAME);
    const idempotency = new IdempotencyStore(doc, config.TABLE_NAME);
    const calendar = createCalendar();
    const taskRepository = new TaskRepository(doc, config.TABLE_NAME);
    const vault = new IdentityVault(doc, config.TABLE_NAME);
    const keys: DataKeyProvider | undefined = identityKeys(config);
    const workflows = stepFunctionsStarter((c) => config.WORKFLOW_ARNS[workflowForKind(c.kind)]);
    deps = {
      calendar,
      caseRepository,
      baseUrl: config.APP_BASE_URL,
      tableName: config.TABLE_NAME,
      staff,
      cases: caseUseCases({
        cases: caseRepository,
        staff,
        idempotency,
        workflows,
        ...(keys && { identity: { vault, keys } }),
      }),
      identity: identityUseCases({ cases: caseRepository, vault, ...(keys && { keys }) }),
      tasks: taskUseCases({
        cases: caseRepository,
        tasks: taskRepository,
        staff,
        idempotency,
        signaller: stepFunctionsSignaller(),
        calendar,
      }),
      misconduct: misconductUseCases({ cases: caseRepository, tasks: taskRepository, staff, idempotency, workflows }),
      petition: petitionUseCases({ cases: caseRepository, tasks: taskRepository, idempotency, calendar, workflows }),
      grievance: grievanceUseCases({ cases: caseRepository, tasks: taskRepository, idempotency, calendar }),
    };
  }
  return deps;
}
