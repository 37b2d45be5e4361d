/** Names for the API's shapes, all derived from the generated OpenAPI types (schema.d.ts). */
import type { paths } from './schema';

type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type TaskView = JsonOf<paths['/me/tasks']['get']['responses'][200]>['items'][number];
export type CaseView = Extract<JsonOf<paths['/cases/{caseId}']['get']['responses'][200]>, { version: number }>;
export type CaseHistory = JsonOf<paths['/cases/{caseId}/history']['get']['responses'][200]>;
export type TimelineEntry = CaseHistory['events'][number];
export type CreateCaseBody = NonNullable<paths['/cases']['post']['requestBody']>['content']['application/json'];
export type CaseKind = CreateCaseBody['kind'];
export type Channel = NonNullable<CreateCaseBody['channel']>;
export type DecisionForm = NonNullable<
  paths['/cases/{caseId}/tasks/{taskId}/complete']['post']['requestBody']
>['content']['application/json'];
export type SearchQuery = NonNullable<paths['/cases/search']['get']['parameters']['query']>;
export type SearchResponse = JsonOf<paths['/cases/search']['get']['responses'][200]>;
export type ApiErrorBody = JsonOf<paths['/cases']['post']['responses'][400]>;
export type Me = JsonOf<paths['/me']['get']['responses'][200]>;
export type Committee = JsonOf<paths['/committees']['get']['responses'][200]>['items'][number];
export type MeetingRecord = JsonOf<paths['/committees/{committee}/meetings']['get']['responses'][200]>['items'][number];
export type CommitteeKind = Committee['kind'];
export type MeetingDetail = JsonOf<paths['/meetings/{meetingId}']['get']['responses'][200]>;
export type ItemDecisionBody = NonNullable<
  paths['/meetings/{meetingId}/items/{taskId}/decision']['post']['requestBody']
>['content']['application/json'];
export type OfficeReport = JsonOf<paths['/reports/office']['get']['responses'][200]>;
export type FrozenReport = JsonOf<paths['/reports/office/{reportId}']['get']['responses'][200]>;
export type ReportCheck = JsonOf<paths['/reports/office/{reportId}/check']['get']['responses'][200]>;
export type MailFailures = JsonOf<paths['/mail/failures']['get']['responses'][200]>;
export type StaffList = JsonOf<paths['/staff']['get']['responses'][200]>;
export type ExportLog = JsonOf<paths['/exports']['get']['responses'][200]>;
export type CaseFileList = JsonOf<paths['/cases/{caseId}/files']['get']['responses'][200]>;
export type FieldImportJob = JsonOf<paths['/field-complaints/imports/{importId}']['get']['responses'][200]>;
