/**
 * AWS Backup for the case table, besides point-in-time recovery: PITR rewinds the table within the
 * last 35 days; the plan keeps daily and monthly recovery points for longer (retention from CDK
 * context) in a vault of their own, encrypted with a key of its own, so a deleted or corrupted table
 * can be restored beyond PITR's window and independently of the table's key policy.
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export interface TableBackupProps {
  readonly table: ITableV2;
  readonly dailyRetentionDays: number;
  readonly monthlyRetentionDays: number;
}

export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly plan: BackupPlan;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'Encrypts the AWS Backup vault of the audit office case table',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.vault = new BackupVault(this, 'Vault', { encryptionKey: this.key, removalPolicy: RemovalPolicy.RETAIN });
    this.plan = new BackupPlan(this, 'Plan', {
      backupVault: this.vault,
      backupPlanRules: [
        // 03:00 Korea time (18:00 UTC): after the night's anchoring, before the working day.
        new BackupPlanRule({
          ruleName: 'daily',
          scheduleExpression: Schedule.cron({ minute: '0', hour: '18' }),
          deleteAfter: Duration.days(props.dailyRetentionDays),
        }),
        new BackupPlanRule({
          ruleName: 'monthly',
          scheduleExpression: Schedule.cron({ minute: '0', hour: '18', day: '1' }),
          deleteAfter: Duration.days(props.monthlyRetentionDays),
        }),
      ],
    });
    const selection = this.plan.addSelection('Table', { resources: [BackupResource.fromArn(props.table.tableArn)] });
    Validations.of(selection).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
      reason: 'AWS Backup’s own service-role policy: AWS maintains the per-service permissions a backup job needs.',
    });
  }
}
