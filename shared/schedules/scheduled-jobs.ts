/**
 * The office's recurring jobs — the one list both hosts read (CDK: one EventBridge Scheduler
 * schedule each; `npm start`: infra/local/scheduler). Times are Korea time.
 *
 * `businessDaysOnly` is true only for jobs that mail staff about today's work. Jobs whose run must
 * never be lost are false even if they mostly run on working days: the quarterly analysis runs on
 * 1 January, a public holiday every year, and a monthly run skipped for a holiday would lose a month.
 */
import * as z from 'zod';
import {
  defineScheduledJob,
  jobEventSchema,
  schedulerContext,
  ScheduledJobDefinitionError,
  type ScheduledJob,
} from './scheduled-job.ts';

export const deadlineRemindersJob = defineScheduledJob({
  name: 'deadline-reminders',
  description:
    '아침 알림: 직원별로 징계시효 알림, 위원회 안내, 기한 경과·오늘 마감·75% 경과·50% 경과 건을 모아 메일 한 통으로 보냅니다 (평일 07:30~10:00 중 각자 고른 시각, 기본 08:30).',
  // Every half hour from 07:00 to 10:30: the six digest times people choose from (07:30–10:00), and
  // a run before and after them that mails nobody but finishes what a crashed run left.
  expression: 'cron(0,30 7-10 ? * MON-FRI *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/deadline-reminders.handler.ts',
  payload: { job: 'deadline-reminders', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('deadline-reminders'),
  businessDaysOnly: true,
});

export const committeeNoticesJob = defineScheduledJob({
  name: 'committee-notices',
  description:
    '위원회 개최 안내: 직원이 아닌 위원(외부 위원 등)에게 회의 안건 안내와 회의 전 알림을 보냅니다 (평일 09:00). 직원은 아침 알림 메일로 받습니다.',
  expression: 'cron(0 9 ? * MON-FRI *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/committee-notices.handler.ts',
  payload: { job: 'committee-notices', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('committee-notices'),
  businessDaysOnly: true,
});

export const committeeMeetingsAheadJob = defineScheduledJob({
  name: 'committee-meetings-ahead',
  description: '위원회 정기회의 미리 만들기: 매월 1일 06:00에 다음 달 정기회의 일정을 만들어 둡니다.',
  expression: 'cron(0 6 1 * ? *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/committee-meetings-ahead.handler.ts',
  payload: { job: 'committee-meetings-ahead', scheduledTime: schedulerContext.scheduledTime, monthsAhead: 1 },
  payloadSchema: jobEventSchema('committee-meetings-ahead').extend({ monthsAhead: z.number().int().min(1).max(12) }),
  businessDaysOnly: false,
});

export const grievanceQuarterlyAnalysisJob = defineScheduledJob({
  name: 'grievance-quarterly-analysis',
  description: '고충민원 분기 분석: 1·4·7·10월 1일 07:00에 직전 분기의 고충민원 처리 현황을 집계합니다.',
  expression: 'cron(0 7 1 JAN,APR,JUL,OCT ? *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/grievance-quarterly-analysis.handler.ts',
  payload: { job: 'grievance-quarterly-analysis', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('grievance-quarterly-analysis'),
  businessDaysOnly: false,
});

export const exemptionQuarterlyReportJob = defineScheduledJob({
  name: 'exemption-quarterly-report',
  description:
    '적극행정 면책결정 분기 통보: 1·4·7·10월 1일 07:30에 직전 분기의 면책결정을 감사원 통보 기한(분기 종료 후 10일)과 함께 감사담당관에게 보냅니다.',
  expression: 'cron(30 7 1 JAN,APR,JUL,OCT ? *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/exemption-quarterly-report.handler.ts',
  payload: { job: 'exemption-quarterly-report', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('exemption-quarterly-report'),
  businessDaysOnly: false,
});

export const propertyRegistrationReportJob = defineScheduledJob({
  name: 'property-registration-report',
  description:
    '재산등록 현황 보고: 1·4·7·10월 1일 07:40에 직전 분기까지의 재산등록 현황(의무자 상태·신고 유형·고지거부)을 보고 기한(분기 종료 후 10일, 시행령 제8조)과 함께 감사담당관에게 보냅니다. 1월에는 전년도 연차보고서 자료(3월 31일까지, 제36조②)를 더합니다.',
  expression: 'cron(40 7 1 JAN,APR,JUL,OCT ? *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/property-registration-report.handler.ts',
  payload: { job: 'property-registration-report', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('property-registration-report'),
  businessDaysOnly: false,
});

export const fieldComplaintMonthlyAnalysisJob = defineScheduledJob({
  name: 'field-complaint-monthly-analysis',
  description:
    '응답소 현장민원 월별 운영실태 분석: 매월 5일 07:00에 전월의 지연율·평균/90% 처리시간(부서·분야·항목별, 전월 대비)을 감사담당관과 각 부서 담당자에게 보냅니다. 5일인 것은 전월 응답소 자료를 가져올 여유를 두기 위함입니다.',
  expression: 'cron(0 7 5 * ? *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/field-complaint-monthly-analysis.handler.ts',
  payload: { job: 'field-complaint-monthly-analysis', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('field-complaint-monthly-analysis'),
  businessDaysOnly: false,
});

export const disclosureReReviewJob = defineScheduledJob({
  name: 'disclosure-rereview',
  description:
    '고지거부 재심사 개시: 매년 1월 2일 06:00에 허가 후 3년째가 된 고지거부마다 재심사 사건을 엽니다 (신청 1.1~3.31, 결정 11.30까지, 공직자윤리법 시행령 제27조⑤⑥). 다시 돌려도 한 번만 엽니다.',
  expression: 'cron(0 6 2 JAN ? *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/disclosure-rereview.handler.ts',
  payload: { job: 'disclosure-rereview', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('disclosure-rereview'),
  businessDaysOnly: false,
});

export const chainAnchorJob = defineScheduledJob({
  name: 'chain-anchor',
  description:
    '이력 체인 앵커: 모든 사건의 체인 끝(순번·해시)과 머클 루트를 테이블 밖(S3 Object Lock, 로컬은 .data 파일)에 기록합니다 (매일 00:30).',
  expression: 'cron(30 0 * * ? *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/chain-anchor.handler.ts',
  payload: { job: 'chain-anchor', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('chain-anchor'),
  businessDaysOnly: false,
});

export const uploadCleanupJob = defineScheduledJob({
  name: 'upload-cleanup',
  description:
    '완료되지 않은 업로드 정리: 매일 03:00에 업로드 주소를 받고도 사건에 기록되지 않은 파일(주소 만료 후 1시간 경과)을 파일 저장소에서 지웁니다. 사건에 기록된 파일은 지우지 않습니다.',
  expression: 'cron(0 3 * * ? *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/upload-cleanup.handler.ts',
  payload: { job: 'upload-cleanup', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('upload-cleanup'),
  businessDaysOnly: false,
  catchUp: 'latest',
});

export const workflowReconcileJob = defineScheduledJob({
  name: 'workflow-reconcile',
  description:
    '업무흐름 정합성 점검: 10분마다 사건의 단계·열린 업무·실행 상태가 어긋난 건을 찾아 전달되지 않은 요청을 다시 보내거나 현재 단계에서 다시 시작하고, 고칠 수 없는 건은 보고합니다.',
  expression: 'cron(0/10 * * * ? *)',
  timezone: 'Asia/Seoul',
  handler: 'functions/jobs/workflow-reconcile.handler.ts',
  payload: { job: 'workflow-reconcile', scheduledTime: schedulerContext.scheduledTime },
  payloadSchema: jobEventSchema('workflow-reconcile'),
  businessDaysOnly: false,
  catchUp: 'latest',
});

export const scheduledJobs = [
  deadlineRemindersJob,
  committeeNoticesJob,
  committeeMeetingsAheadJob,
  grievanceQuarterlyAnalysisJob,
  exemptionQuarterlyReportJob,
  propertyRegistrationReportJob,
  fieldComplaintMonthlyAnalysisJob,
  disclosureReReviewJob,
  chainAnchorJob,
  uploadCleanupJob,
  workflowReconcileJob,
] as const satisfies readonly ScheduledJob[];

/** The declared jobs' names; a job's handler is `functions/jobs/<name>.handler.ts`. */
export type JobName = (typeof scheduledJobs)[number]['name'];

const duplicate = scheduledJobs.map((j) => j.name).find((name, i, names) => names.indexOf(name) !== i);
if (duplicate !== undefined)
  throw new ScheduledJobDefinitionError(duplicate, 'declared twice in scheduledJobs; schedule names must be unique');
