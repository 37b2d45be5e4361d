/**
 * Scheduled job (EventBridge Scheduler, 07:00 on 1 January, April, July and October, Asia/Seoul):
 * 분기별 고충민원 처리실태 분석 for the quarter before the run's `scheduledTime`, mailed to the head
 * of office once. Runs on the holiday of 1 January too: the report must not be lost.
 */
import { grievanceQuarterlyAnalysisJob } from '#shared/schedules/scheduled-jobs.ts';
import { ReportMailLedger } from '#shared/store/report-mail-ledger.ts';
import {
  grievanceQuarterlyAnalysis,
  type GrievanceQuarterlyAnalysis,
  type GrievanceQuarterlyReport,
} from '#shared/usecases/grievance-quarterly-analysis.ts';
import { once } from '../wiring/once.ts';
import { composeReminderParts } from '../wiring/reminder-jobs.ts';
import { doc, tableName } from '../wiring/table.ts';
import { jobHandler, parseJobEvent } from './job-handler.ts';

const analysis = once(() =>
  grievanceQuarterlyAnalysis({ ...composeReminderParts(), ledger: new ReportMailLedger(doc, tableName()) }),
);

export async function runGrievanceQuarterlyAnalysis(
  event: unknown,
  job: GrievanceQuarterlyAnalysis,
): Promise<GrievanceQuarterlyReport> {
  return job.run(new Date(parseJobEvent(grievanceQuarterlyAnalysisJob, event).scheduledTime));
}

export const handler = jobHandler(grievanceQuarterlyAnalysisJob, async (event) =>
  analysis().run(new Date(event.scheduledTime)),
);
