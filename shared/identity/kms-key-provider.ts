/**
 * The identity key on AWS: a dedicated KMS key (infra/stacks/stateful-stack.ts). GenerateDataKey is
 * granted only to intake, Decrypt only to the identity read route, each under the encryption
 * context the envelope binds, so no other function can open a sealed identity even though the
 * table holds it.
 */
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import type { DataKeyProvider } from './envelope.ts';

export class KmsKeyProvider implements DataKeyProvider {
  constructor(
    readonly keyId: string,
    private readonly kms: KMSClient = new KMSClient({}),
  ) {}

  async generateDataKey(context: Readonly<Record<string, string>>) {
    const out = await this.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: { ...context } }),
    );
    if (!out.Plaintext || !out.CiphertextBlob) throw new Error('KMS GenerateDataKey returned no key');
    return { plaintext: Buffer.from(out.Plaintext), wrapped: Buffer.from(out.CiphertextBlob) };
  }

  async unwrapDataKey(wrapped: Buffer, context: Readonly<Record<string, string>>) {
    const out = await this.kms.send(
      new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: wrapped, EncryptionContext: { ...context } }),
    );
    if (!out.Plaintext) throw new Error('KMS Decrypt returned no key');
    return Buffer.from(out.Plaintext);
  }
}
