/**
 * Where chain heads are anchored on AWS (shared/anchor): an S3 bucket with Object Lock in compliance
 * mode. Every anchor object is locked for the retention period from the moment it is written;
 * nobody — not an administrator, not the account's root user — can delete or overwrite a locked
 * version before then, so the table's writers cannot take back what the anchor says.
 *
 * The bucket lives in the stateful stack (retained, like the table). The anchoring job may only add
 * objects under `anchors/`; verification (the verify route) may only list and read them.
 *
 * Locking stops rewriting, not adding: someone allowed to PutObject here could add a forged, newer
 * anchor. So each anchor is signed by an asymmetric KMS key (ECC P-256, SIGN_VERIFY) that only the
 * anchoring job may sign with; verification refuses an anchor that is unsigned or whose signature
 * does not verify (shared/anchor/anchor-signer.ts). Anchors are also chained by `previousDigest`,
 * and the bucket's access log records every write.
 */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { type IKey, Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectLockRetention, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { AppFunction } from './app-function.ts';

/** The prefix the anchor store writes under (shared/anchor/anchor-store.ts). */
export const ANCHOR_PREFIX = 'anchors/';

export interface ChainAnchorBucketProps {
  /** Object Lock retention of each anchor, in years. */
  readonly retentionYears: number;
}

/**
 * A fixed name (account and region make it unique): operators know where the anchors are, and the
 * functions of the stateless stack are granted on it without a cross-stack reference. The bucket is
 * retained; a stack re-created in the same account must import it rather than make a new one.
 */
export function anchorBucketName(stack: Stack): string {
  return `gamsa-chain-anchors-${stack.account}-${stack.region}`;
}

export class ChainAnchorBucket extends Construct {
  readonly bucket: Bucket;
  readonly bucketName: string;
  readonly accessLogs: Bucket;
  /** Signs every anchor (the job: kms:Sign; verification: kms:Verify). Asymmetric keys do not rotate. */
  readonly signingKey: Key;

  constructor(scope: Construct, id: string, props: ChainAnchorBucketProps) {
    super(scope, id);
    if (!Number.isInteger(props.retentionYears) || props.retentionYears < 1 || props.retentionYears > 100) {
      throw new Error(`Anchor retention must be a whole number of years from 1 to 100, not ${props.retentionYears}`);
    }

    this.accessLogs = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      lifecycleRules: [{ expiration: Duration.days(365 * 2), noncurrentVersionExpiration: Duration.days(30) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This is the access-log bucket of the anchor bucket; logging it into itself would loop.',
    });

    this.bucketName = anchorBucketName(Stack.of(this));
    this.bucket = new Bucket(this, 'Bucket', {
      bucketName: this.bucketName,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(365 * props.retentionYears)),
      versioned: true,
      // The anchors hold case ids and hashes, no personal data: S3-managed keys suffice, and a KMS
      // key scheduled for deletion could not make locked anchors unreadable.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'anchor-bucket/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.signingKey = new Key(this, 'SigningKey', {
      description: 'Signs the chain anchors (ECDSA P-256); only the chain-anchor job may sign',
      alias: 'alias/gamsa-chain-anchor-signing',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}

export type AnchorAccess = 'write' | 'read';

/**
 * ANCHOR_BUCKET and ANCHOR_SIGNING_KEY_ID plus exactly what the anchor store does: `write` (the job)
 * lists, reads and verifies the latest anchor to chain to it, signs and puts new ones; `read`
 * (verification) lists, reads and verifies.
 */
export function bindAnchorBucket(fn: AppFunction, bucketName: string, signingKey: IKey, access: AnchorAccess): void {
  const stack = Stack.of(fn);
  const bucketArn = `arn:${stack.partition}:s3:::${bucketName}`;
  fn.addEnvironment('ANCHOR_BUCKET', bucketName);
  fn.addEnvironment('ANCHOR_SIGNING_KEY_ID', signingKey.keyArn);
  signingKey.grant(fn, 'kms:Verify', ...(access === 'write' ? ['kms:Sign'] : []));
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['s3:ListBucket'],
      resources: [bucketArn],
      conditions: { StringLike: { 's3:prefix': [`${ANCHOR_PREFIX}*`] } },
    }),
  );
  fn.addToRolePolicy(
    new PolicyStatement({
      actions: ['s3:GetObject', ...(access === 'write' ? ['s3:PutObject'] : [])],
      resources: [`${bucketArn}/${ANCHOR_PREFIX}*`],
    }),
  );
  const shown = `arn:${stack.partition}:s3:::${bucketName.replace(stack.account, '<AWS::AccountId>')}/${ANCHOR_PREFIX}*`;
  Validations.of(fn.executionRole).acknowledge({
    id: `AwsSolutions-IAM5[Resource::${shown}]`,
    reason: 'Anchor object keys are made per anchor time; access is limited to the anchors/ prefix of the one bucket.',
  });
}
