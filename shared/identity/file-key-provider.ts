/**
 * The identity key on one machine: 32 random bytes in their own file (owner-only), apart from the
 * table's data, playing KMS's part — it wraps each data key with AES-256-GCM under the same
 * encryption context. Created on first use; losing the file makes the sealed identities
 * unreadable, exactly as deleting the KMS key would.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { aadOf, type DataKeyProvider } from './envelope.ts';

export class FileKeyProvider implements DataKeyProvider {
  readonly keyId: string;
  private readonly key: Buffer;

  constructor(path: string) {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      // 'wx' fails if another process created it meanwhile; then read theirs.
      try {
        writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    this.key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (this.key.length !== 32) throw new Error(`identity key file ${path} does not hold a 256-bit key`);
    this.keyId = `file:${createHash('sha256').update(this.key).digest('hex').slice(0, 16)}`;
  }

  async generateDataKey(context: Readonly<Record<string, string>>) {
    const plaintext = randomBytes(32);
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(aadOf(context));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return { plaintext, wrapped: Buffer.concat([iv, cipher.getAuthTag(), body]) };
  }

  async unwrapDataKey(wrapped: Buffer, context: Readonly<Record<string, string>>) {
    const decipher = createDecipheriv('aes-256-gcm', this.key, wrapped.subarray(0, 12));
    decipher.setAAD(aadOf(context));
    decipher.setAuthTag(wrapped.subarray(12, 28));
    return Buffer.concat([decipher.update(wrapped.subarray(28)), decipher.final()]);
  }
}
