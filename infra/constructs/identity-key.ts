/**
 * The key that seals whistleblowers' identities (공익신고자 보호법 시행령 제13조;
 * docs/design.md#10-protected-identities): a KMS key of its own, apart from the table's key, so that reading the table — which every
 * handler and every backup can — never opens an identity. Its use is granted per function with
 * AppFunction.bindIdentityKey: intake may only generate data keys, the identity read route may only
 * decrypt them, both only under the encryption context the envelope binds (purpose
 * reporter-identity). Every use is in CloudTrail; retained and rotated yearly like the table's key.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

export class IdentityKey extends Construct {
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description:
        "Seals whistleblowers' identities (envelope encryption); used only by intake and the custodian-granted read",
      alias: 'alias/gamsa-reporter-identity',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
