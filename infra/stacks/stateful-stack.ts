/**
 * What must outlive any deployment: the case table and its key, the key that seals whistleblowers'
 * identities, and the staff directory (user pool).
 * Everything here is retained on delete and protected from deletion; the stack itself has
 * termination protection. Changes here are rare and reviewed; the stateless stack can be torn down
 * and rebuilt freely on top of it.
 *
 * The user pool is state, not configuration: passwords and MFA enrolments cannot be exported, so
 * replacing the pool would lock every member of staff out.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { TableBackup } from '../constructs/backup.ts';
import { CaseTable } from '../constructs/case-table.ts';
import { ChainAnchorBucket } from '../constructs/chain-anchor.ts';
import { CaseFilesBucket } from '../constructs/case-files.ts';
import { StaffDirectory } from '../constructs/staff-directory.ts';
import { IdentityKey } from '../constructs/identity-key.ts';

export interface StatefulStackProps extends StackProps {
  /** Object Lock retention of each chain anchor. @default 10 */
  readonly anchorRetentionYears?: number;
  /** AWS Backup retention of the table's daily recovery points. @default 35 */
  readonly backupDailyRetentionDays?: number;
  /** AWS Backup retention of the table's monthly recovery points. @default 365 */
  readonly backupMonthlyRetentionDays?: number;
}

export class StatefulStack extends Stack {
  readonly cases: CaseTable;
  readonly staff: StaffDirectory;
  /** Seals whistleblowers' identities; apart from the table's key (identity-key.ts). */
  readonly identityKey: IdentityKey;
  /** Chain heads anchored outside the table (Object Lock, compliance mode). */
  readonly anchors: ChainAnchorBucket;
  readonly backup: TableBackup;
  /** Files on cases (KMS-encrypted, presigned access only). */
  readonly files: CaseFilesBucket;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { terminationProtection: true, ...props });

    this.cases = new CaseTable(this, 'Cases');
    this.staff = new StaffDirectory(this, 'Staff');
    this.identityKey = new IdentityKey(this, 'ReporterIdentity');
    this.anchors = new ChainAnchorBucket(this, 'ChainAnchors', { retentionYears: props.anchorRetentionYears ?? 10 });
    this.files = new CaseFilesBucket(this, 'CaseFiles');
    this.backup = new TableBackup(this, 'Backup', {
      table: this.cases.table,
      dailyRetentionDays: props.backupDailyRetentionDays ?? 35,
      monthlyRetentionDays: props.backupMonthlyRetentionDays ?? 365,
    });

    new CfnOutput(this, 'TableName', { value: this.cases.table.tableName, description: 'DynamoDB table (TABLE_NAME)' });
    new CfnOutput(this, 'UserPoolId', {
      value: this.staff.userPool.userPoolId,
      description: 'Cognito user pool of the staff',
    });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.staff.client.userPoolClientId,
      description: 'App client id (aud of the ID tokens)',
    });
    new CfnOutput(this, 'AnchorBucketName', {
      value: this.anchors.bucket.bucketName,
      description: 'Object Lock bucket of the chain anchors (ANCHOR_BUCKET for npm run verify)',
    });
    new CfnOutput(this, 'CaseFilesBucketName', {
      value: this.files.bucket.bucketName,
      description: 'Bucket of case files (FILES_BUCKET)',
    });
    new CfnOutput(this, 'AnchorSigningKeyArn', {
      value: this.anchors.signingKey.keyArn,
      description: 'KMS key that signs the chain anchors (ANCHOR_SIGNING_KEY_ID for npm run verify)',
    });
  }
}
