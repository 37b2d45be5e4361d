/**
 * Scheduled job (EventBridge Scheduler, 2 January 06:00, Asia/Seoul): opens the year's 고지거부
 * re-reviews (shared/usecases/disclosure-rereview.ts), each once.
 */
import { createCalendar } from '#shared/calendar/index.ts';
import { disclosureReReviewJob } from '#shared/schedules/scheduled-jobs.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { RegistrantRepository } from '#shared/store/registrant-repository.ts';
import { disclosureReReviews } from '#shared/usecases/disclosure-rereview.ts';
import { composeCaseUseCases } from '../wiring/case-usecases.ts';
import { once } from '../wiring/once.ts';
import { doc, tableName } from '../wiring/table.ts';
import { workflowStarter } from '../wiring/workflows.ts';
import { jobHandler } from './job-handler.ts';

const job = once(() => {
  const cases = composeCaseUseCases({ workflows: workflowStarter() });
  return disclosureReReviews({
    cases: new CaseRepository(doc, tableName()),
    registrants: new RegistrantRepository(doc, tableName()),
    receiveCase: (actor, input, idempotency) => cases.createCase(actor, input, idempotency),
    calendar: createCalendar(),
  });
});

export const handler = jobHandler(disclosureReReviewJob, async (event) => job().run(new Date(event.scheduledTime)));
