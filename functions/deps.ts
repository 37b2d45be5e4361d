/**
 * Wiring for every handler (API, workflow steps, jobs), built once per process (per Lambda
 * container) and reused across invocations.
 */
import { createCalendar, type Calendar } from '../shared/calendar/index.ts';
import { runtimeConfig } from '../shared/config/runtime-config.ts';
import { CaseRepository } from '../shared/store/case-repository.ts';
import { documentClient } from '../shared/store/dynamo-client.ts';
import { IdempotencyStore } from '../shared/store/idempotency-store.ts';
import { OutboxStore } from '../shared/store/outbox-store.ts';
import { StaffRepository } from '../shared/store/staff-repository.ts';
import { TaskRepository } from '../shared/store/task-repository.ts';
import { caseUseCases, type CaseUseCases } from '../shared/usecases/case-usecases.ts';
import { misconductUseCases, type MisconductUseCases } from '../shared/usecases/misconduct-usecases.ts';
import { grievanceUseCases, type GrievanceUseCases } from '../shared/usecases/grievance-usecases.ts';
import { petitionUseCases, type PetitionUseCases } from '../shared/usecases/petition-usecases.ts';
import { taskUseCases, type TaskUseCases } from '../shared/usecases/task-usecases.ts';
import { stepFunctionsSignaller, stepFunctionsStarter } from '../shared/workflow/case-workflows.ts';
import { workflowForKind } from '../workflows/registry.ts';

export interface HandlerDeps {
  baseUrl: string;
  tableName: string;
  staff: StaffRepository;
  cases: CaseUseCases;
  tasks: TaskUseCases;
  misconduct: MisconductUseCases;
  petition: PetitionUseCases;
  grievance: GrievanceUseCases;
  calendar: Calendar;
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
    const workflows = stepFunctionsStarter((c) => config.WORKFLOW_ARNS[workflowForKind(c.kind)]);
    const outbox = new OutboxStore(doc, config.TABLE_NAME);
    deps = {
      calendar,
      baseUrl: config.APP_BASE_URL,
      tableName: config.TABLE_NAME,
      staff,
      cases: caseUseCases({
        cases: caseRepository,
        staff,
        idempotency,
        workflows,
        outbox,
        calendar,
      }),
      tasks: taskUseCases({
        cases: caseRepository,
        tasks: taskRepository,
        staff,
        idempotency,
        signaller: stepFunctionsSignaller(),
        outbox,
        calendar,
      }),
      misconduct: misconductUseCases({ cases: caseRepository, tasks: taskRepository, staff, idempotency, workflows }),
      petition: petitionUseCases({ cases: caseRepository, tasks: taskRepository, idempotency, calendar, workflows }),
      grievance: grievanceUseCases({ cases: caseRepository, tasks: taskRepository, idempotency, calendar }),
    };
  }
  return deps;
}
