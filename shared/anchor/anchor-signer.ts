/**
 * Anchors are signed (issue 18). Object Lock stops anyone rewriting an anchor, but not adding one:
 * someone allowed to write the bucket (or the local file) could add a forged, newer anchor whose
 * heads match a rewritten table. A signature by a key only the anchoring job may use makes such an
 * anchor fail verification instead of vouching for the rewrite.
 *
 * One algorithm on both hosts — ECDSA over P-256 with SHA-256 (KMS `ECDSA_SHA_256`), signing the
 * anchor's digest bytes, DER-encoded — so an anchor signed by KMS verifies offline with the key's
 * public half (`aws kms get-public-key`) and node:crypto, and the local key behaves the same way.
 * - AWS: an asymmetric KMS key (`SIGN_VERIFY`); the job may `kms:Sign`, verification `kms:Verify`.
 * - One machine: a P-256 key pair in a PEM file created on first use (`.data/…-anchor-signing-key.pem`,
 *   readable by its owner only).
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { KMSClient, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';

export const ANCHOR_SIGNING_ALGORITHM = 'ECDSA_SHA_256';

export interface AnchorSigner {
  /** Which key signs (a KMS key ARN, or `file:<fingerprint>` for a local key). */
  readonly keyId: string;
  /** DER signature of the digest bytes, base64. */
  sign(digestHex: string): Promise<string>;
  verify(digestHex: string, signatureBase64: string): Promise<boolean>;
}

/** A P-256 key pair kept in a PEM file (PKCS#8), made the first time it is needed. */
export class FileKeyAnchorSigner implements AnchorSigner {
  private keys: Promise<{ privateKey: KeyObject; publicKey: KeyObject; keyId: string }> | undefined;
  private loadedKeyId = 'file:(not loaded)';

  constructor(readonly path: string) {}

  get keyId(): string {
    return this.loadedKeyId;
  }

  private load() {
    this.keys ??= (async () => {
      let pem: string;
      try {
        pem = await readFile(this.path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
        pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        await mkdir(dirname(this.path), { recursive: true });
        // 'wx': two processes starting at once never overwrite each other's key.
        await writeFile(this.path, pem, { encoding: 'utf8', flag: 'wx', mode: 0o600 }).catch(async (e) => {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
          pem = await readFile(this.path, 'utf8');
        });
        await chmod(this.path, 0o600);
      }
      const privateKey = createPrivateKey(pem);
      const publicKey = createPublicKey(privateKey);
      const spki = publicKey.export({ type: 'spki', format: 'der' });
      const keyId = `file:${createHash('sha256').update(spki).digest('hex').slice(0, 16)}`;
      this.loadedKeyId = keyId;
      return { privateKey, publicKey, keyId };
    })();
    return this.keys;
  }

  async sign(digestHex: string): Promise<string> {
    const { privateKey } = await this.load();
    return sign('sha256', Buffer.from(digestHex, 'hex'), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
  }

  async verify(digestHex: string, signatureBase64: string): Promise<boolean> {
    const { publicKey } = await this.load();
    return verify(
      'sha256',
      Buffer.from(digestHex, 'hex'),
      { key: publicKey, dsaEncoding: 'der' },
      Buffer.from(signatureBase64, 'base64'),
    );
  }
}

/** An asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY); the private half never leaves KMS. */
export class KmsAnchorSigner implements AnchorSigner {
  constructor(
    private readonly kms: KMSClient,
    readonly keyId: string,
  ) {}

  async sign(digestHex: string): Promise<string> {
    const out = await this.kms.send(
      new SignCommand({
        KeyId: this.keyId,
        Message: Buffer.from(digestHex, 'hex'),
        MessageType: 'RAW',
        SigningAlgorithm: ANCHOR_SIGNING_ALGORITHM,
      }),
    );
    if (!out.Signature) throw new Error(`KMS returned no signature for key ${this.keyId}`);
    return Buffer.from(out.Signature).toString('base64');
  }

  async verify(digestHex: string, signatureBase64: string): Promise<boolean> {
    try {
      const out = await this.kms.send(
        new VerifyCommand({
          KeyId: this.keyId,
          Message: Buffer.from(digestHex, 'hex'),
          MessageType: 'RAW',
          Signature: Buffer.from(signatureBase64, 'base64'),
          SigningAlgorithm: ANCHOR_SIGNING_ALGORITHM,
        }),
      );
      return out.SignatureValid === true;
    } catch (error) {
      // KMS answers an invalid signature with an exception rather than SignatureValid: false.
      if ((error as { name?: string }).name === 'KMSInvalidSignatureException') return false;
      throw error;
    }
  }
}

export function kmsAnchorSigner(keyId: string): AnchorSigner {
  return new KmsAnchorSigner(new KMSClient({}), keyId);
}
