/**
 * Envelope encryption for sealed identities. Each identity gets its own data key (AES-256), which
 * encrypts it with AES-256-GCM; only the data key, wrapped by the identity key, is stored beside
 * the ciphertext. The identity key never leaves its keeper: on AWS a dedicated KMS key
 * (kms-key-provider.ts), on one machine a separate key file (file-key-provider.ts) — the same code
 * path here either way. The encryption context (the case id) is bound to both layers, so a sealed
 * identity copied onto another case does not open.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import canonicalize from 'canonicalize';

/** Who keeps the identity key: issues wrapped data keys and unwraps them for an allowed reader. */
export interface DataKeyProvider {
  /** Names the key in stored envelopes (a KMS key ARN, or `file:<fingerprint>`). */
  readonly keyId: string;
  generateDataKey(context: Readonly<Record<string, string>>): Promise<{ plaintext: Buffer; wrapped: Buffer }>;
  unwrapDataKey(wrapped: Buffer, context: Readonly<Record<string, string>>): Promise<Buffer>;
}

export interface Envelope {
  keyId: string;
  /** The data key, encrypted under the identity key (base64). */
  wrappedKey: string;
  iv: string;
  tag: string;
  ciphertext: string;
  algorithm: 'AES-256-GCM';
}

export const aadOf = (context: Readonly<Record<string, string>>) => Buffer.from(canonicalize(context) ?? '{}', 'utf8');

export async function seal(
  provider: DataKeyProvider,
  plaintext: string,
  context: Readonly<Record<string, string>>,
): Promise<Envelope> {
  const { plaintext: dataKey, wrapped } = await provider.generateDataKey(context);
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
    cipher.setAAD(aadOf(context));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId: provider.keyId,
      wrappedKey: wrapped.toString('base64'),
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      algorithm: 'AES-256-GCM',
    };
  } finally {
    dataKey.fill(0);
  }
}

export async function open(
  provider: DataKeyProvider,
  envelope: Envelope,
  context: Readonly<Record<string, string>>,
): Promise<string> {
  const dataKey = await provider.unwrapDataKey(Buffer.from(envelope.wrappedKey, 'base64'), context);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(envelope.iv, 'base64'));
    decipher.setAAD(aadOf(context));
    decipher.setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]).toString(
      'utf8',
    );
  } finally {
    dataKey.fill(0);
  }
}
