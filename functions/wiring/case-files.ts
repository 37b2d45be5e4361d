/** The case-file use cases over the table and the files bucket (S3, or the local S3-compatible server). */
import { S3Client } from '@aws-sdk/client-s3';
import { runtimeConfig } from '#shared/config/runtime-config.ts';
import { tracer } from '#shared/observability/powertools.ts';
import { CaseRepository } from '#shared/store/case-repository.ts';
import { IdempotencyStore } from '#shared/store/idempotency-store.ts';
import { PendingUploadStore } from '#shared/store/pending-upload-store.ts';
import { S3FileStore } from '#shared/store/s3-file-store.ts';
import { caseFileUseCases } from '#shared/usecases/case-files.ts';
import { doc, tableName } from './table.ts';

/** The files bucket's store: S3, or the local S3-compatible server (AWS_ENDPOINT_URL_S3). */
export function composeFileStore(): S3FileStore {
  const config = runtimeConfig();
  if (!config.FILES_BUCKET) throw new Error('FILES_BUCKET is not set: this function has no files bucket');
  const s3 = tracer.captureAWSv3Client(
    new S3Client({
      forcePathStyle: config.FILES_PATH_STYLE,
      // The presigned PUT is made by the browser, which sends no SDK checksum headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
  return new S3FileStore(s3, config.FILES_BUCKET);
}

export function composeCaseFileUseCases() {
  const table = tableName();
  return caseFileUseCases({
    cases: new CaseRepository(doc, table),
    files: composeFileStore(),
    pending: new PendingUploadStore(doc, table),
    idempotency: new IdempotencyStore(doc, table),
    scanRequired: runtimeConfig().FILES_SCAN_REQUIRED,
  });
}
