/**
 * The one table — cases, open tasks, history events, staff, counters, idempotency records — built
 * from shared/store/table-definition.ts, the same definition DynamoDB Local is created from, so the
 * two hosts cannot drift apart.
 *
 * TableV2 (AWS::DynamoDB::GlobalTable) rather than Table: it is the current construct, and a table
 * cannot be moved from AWS::DynamoDB::Table to GlobalTable later without a data migration, so a
 * second-region replica for disaster recovery stays a one-line change. With a single replica it costs
 * the same as a regional table.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  Billing,
  ProjectionType,
  StreamViewType,
  TableEncryptionV2,
  TableV2,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE_INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '#shared/store/table-definition.ts';

/** Longest point-in-time window DynamoDB offers. */
const RECOVERY_PERIOD_DAYS = 35;

export class CaseTable extends Construct {
  readonly table: TableV2;
  /** Customer-managed key: the office can audit every use in CloudTrail and revoke access by key policy. */
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.key = new Key(this, 'Key', {
      description: 'Encrypts the case table (cases, history, tasks, staff) of the audit office',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.table = new TableV2(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: TABLE_INDEXES.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      })),
      timeToLiveAttribute: TTL_ATTRIBUTE,
      // The outbox relay reads new outbox items from the stream (infra/constructs/outbox-relay.ts).
      dynamoStream: StreamViewType.NEW_IMAGE,
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.customerManagedKey(this.key),
      pointInTimeRecoverySpecification: {
        pointInTimeRecoveryEnabled: true,
        recoveryPeriodInDays: RECOVERY_PERIOD_DAYS,
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
