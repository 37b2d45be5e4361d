/**
 * Scheduled job (EventBridge Scheduler, 07:00 on 1 January, April, July and October, Asia/Seoul):
 * 분기별 고충민원 처리실태 분석 for the quarter before the run's `scheduledTime`, mailed to the head
 * of office once. Runs on the holiday of 1 January too: the report must not be lost.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { grievanceQuarterlyAnalysisJob } from '../../shared/schedules/scheduled-jobs.ts';
import type {
  GrievanceQuarterlyAnalysis,
  GrievanceQuarterlyReport,
} from '../../shared/usecases/grievance-quarterly-analysis.ts';
import { JobInputError } from './deadline-reminders.handler.ts';
import { jobDeps } from './job-deps.ts';

export async function runGrievanceQuarterlyAnalysis(
  event: unknown,
  analysis: GrievanceQuarterlyAnalysis,
): Promise<GrievanceQuarterlyReport> {
  const parsed = grievanceQuarterlyAnalysisJob.payloadSchema.safeParse(event);
  if (!parsed.success) {
    throw new JobInputError(
      `Invalid ${grievanceQuarterlyAnalysisJob.name} event: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`).join('; ')}`,
    );
  }
  return analysis.run(new Date(parsed.data.scheduledTime));
}

export const handler = middy<unknown, GrievanceQuarterlyReport, Error, Context>().handler(async (event) =>
  runGrievanceQuarterlyAnalysis(event, jobDeps().grievanceAnalysis),
);
