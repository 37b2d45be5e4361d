/**
 * The 응답소 import jobs (shared/usecases/field-complaint-import-jobs.ts) over the table, the files
 * bucket and the worker function. The POST hands a run to the worker as an asynchronous Lambda
 * invocation (InvocationType Event): one run per click needs no queue of our own — Lambda keeps the
 * event in its internal queue — and what a queue would add (redelivery of a run whose worker died) the
 * job record gives: a job whose `savedAt` stops moving goes stale and the same POST runs it again.
 * On one machine the Lambda endpoint is the local host's (AWS_ENDPOINT_URL_LAMBDA), which runs the
 * worker's module in process.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { createCalendar } from '#shared/calendar/index.ts';
import { runtimeConfig } from '#shared/config/runtime-config.ts';
import { tracer } from '#shared/observability/powertools.ts';
import { FieldComplaintStore } from '#shared/store/field-complaint-store.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { StaffRepository } from '#shared/store/staff-repository.ts';
import {
  type FieldImportJobDeps,
  type FieldImportRun,
  fieldImportJobUseCases,
} from '#shared/usecases/field-complaint-import-jobs.ts';
import { composeFileStore } from './case-files.ts';
import { doc, tableName } from './table.ts';

export function lambdaDispatch(functionName: string | undefined) {
  const lambda = tracer.captureAWSv3Client(new LambdaClient({}));
  return async (run: FieldImportRun) => {
    if (!functionName) throw new Error('FIELD_IMPORT_WORKER is not set: this function cannot start imports');
    await lambda.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: new TextEncoder().encode(JSON.stringify(run)),
      }),
    );
  };
}

/** `openExport` only in the worker: the routes' bundles then carry no XLSX or CSV parser. */
export function composeFieldImports(reader: Pick<FieldImportJobDeps, 'openExport'> = {}) {
  const table = tableName();
  const store = new FieldComplaintStore(doc, table);
  return fieldImportJobUseCases({
    jobs: store,
    records: store,
    files: composeFileStore(),
    staff: new StaffRepository(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    dispatch: lambdaDispatch(runtimeConfig().FIELD_IMPORT_WORKER),
    calendar: createCalendar(),
    ...reader,
  });
}
