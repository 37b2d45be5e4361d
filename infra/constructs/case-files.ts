/**
 * The bucket of case files (shared/store/s3-file-store.ts): encrypted with a customer-managed KMS
 * key of its own, public access blocked, TLS-only, versioned, access-logged, retained like the table.
 * Browsers reach it only through presigned URLs the API hands out (a sealed case's download URL lives
 * one minute); the signature, not CORS, is the access control, so CORS admits any origin for PUT/GET.
 *
 * Virus-scan hook point: every upload carries the object tag `scan=pending`. A scanner (e.g. an
 * S3-event-triggered scanning service) replaces it with `clean` or `infected`; downloads refuse
 * `infected` always and anything but `clean` when FILES_SCAN_REQUIRED is set.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AppFunction } from './app-function.ts';

/** The prefix every case file is under (shared/domain/case-files.ts fileObjectKey). */
export const CASE_FILES_PREFIX = 'cases/';

/** A fixed name (account and region make it unique), so the stateless stack binds it without a cross-stack reference. */
export function caseFilesBucketName(stack: Stack): string {
  return `gamsa-case-files-${stack.account}-${stack.region}`;
}

export class CaseFilesBucket extends Construct {
  readonly bucket: Bucket;
  readonly bucketName: string;
  readonly key: Key;
  readonly accessLogs: Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the case files bucket',
      alias: 'alias/gamsa-case-files',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365 * 2) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the case files bucket; logging it into itself would loop.',
    });
    this.bucketName = caseFilesBucketName(Stack.of(this));
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      encryption: BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'case-files/',
      cors: [
        {
          allowedMethods: [HttpMethods.PUT, HttpMethods.GET],
          allowedOrigins: ['*'],
          allowedHeaders: ['content-type', 'x-amz-meta-sha256', 'x-amz-tagging'],
          maxAge: 600,
        },
      ],
      lifecycleRules: [
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { noncurrentVersionExpiration: Duration.days(30) },
        // A 응답소 export uploaded for an import is deleted by the worker once imported; one never started (or a
        // failed import nobody started again within the week) goes after 7 days.
        { prefix: IMPORT_FILES_PREFIX, expiration: Duration.days(IMPORT_UPLOAD_DAYS) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

export type CaseFilesAccess = 'write' | 'read' | 'list' | 'clean';

/**
 * FILES_BUCKET plus exactly what the route does under `cases/`: `write` presigns uploads (PutObject,
 * PutObjectTagging, with the key), reads them back and deletes a mismatch; `read` reads the scan tag
 * and presigns downloads; `list` only names the bucket (the list comes from the table); `clean` (the
 * upload-cleanup job) only deletes objects, which needs no key.
 */
export function bindCaseFiles(fn: AppFunction, bucketName: string, key: IKey, access: CaseFilesAccess): void {
  const stack = Stack.of(fn);
  fn.addEnvironment('FILES_BUCKET', bucketName);
  if (access === 'list') return;
  const objects = `arn:${stack.partition}:s3:::${bucketName}/${CASE_FILES_PREFIX}*`;
  const shown = `arn:${stack.partition}:s3:::${bucketName.replace(stack.account, '<AWS::AccountId>')}/${CASE_FILES_PREFIX}*`;
  const acknowledge = () =>
    Validations.of(fn.executionRole).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${shown}]`,
      reason: 'Case file keys are made per upload; access is limited to the cases/ prefix of the one bucket.',
    });
  if (access === 'clean') {
    fn.addToRolePolicy(new PolicyStatement({ actions: ['s3:DeleteObject'], resources: [objects] }));
    acknowledge();
    return;
  }
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: [
        's3:GetObject',
        's3:GetObjectTagging',
        ...(access === 'write' ? ['s3:PutObject', 's3:PutObjectTagging', 's3:DeleteObject'] : []),
      ],
      resources: [objects],
    }),
  );
  key.grant(fn, 'kms:Decrypt', ...(access === 'write' ? ['kms:GenerateDataKey'] : []));
  acknowledge();
}

/** Uploads of the 응답소 export for import (shared/usecases/field-complaint-import-jobs.ts), in the same bucket. */
export const IMPORT_FILES_PREFIX = 'imports/field-complaints/';
/** Days an import upload stays in the bucket when no finished import deleted it. */
export const IMPORT_UPLOAD_DAYS = 7;

/**
 * Grants on the import uploads only (never the case files): `upload` presigns the browser's PUT
 * (PutObject with its tag, the key's GenerateDataKey); `start` reads the upload back to hash it and
 * deletes a mismatch; `worker` reads the export and deletes it once imported.
 */
export function bindImportFiles(
  fn: AppFunction,
  bucketName: string,
  key: IKey,
  access: 'upload' | 'start' | 'worker',
): void {
  const stack = Stack.of(fn);
  fn.addEnvironment('FILES_BUCKET', bucketName);
  const objects = `arn:${stack.partition}:s3:::${bucketName}/${IMPORT_FILES_PREFIX}*`;
  const shown = `arn:${stack.partition}:s3:::${bucketName.replace(stack.account, '<AWS::AccountId>')}/${IMPORT_FILES_PREFIX}*`;
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: access === 'upload' ? ['s3:PutObject', 's3:PutObjectTagging'] : ['s3:GetObject', 's3:DeleteObject'],
      resources: [objects],
    }),
  );
  if (access === 'upload') key.grant(fn, 'kms:GenerateDataKey');
  else key.grant(fn, 'kms:Decrypt');
  Validations.of(fn.executionRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${shown}]`,
    reason:
      'Import uploads are keyed per import; access is limited to the imports/field-complaints/ prefix of the one bucket.',
  });
}
