import { createPublicKey, verify } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileKeyAnchorSigner } from '#shared/anchor/anchor-signer.ts';
import { FileAnchorStore, signedAnchorStore } from '#shared/anchor/anchor-store.ts';
import { AnchorIntegrityError, buildAnchor } from '#shared/anchor/chain-anchor.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anchor-signer-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const heads = { '01JCASE0000000000000000001': { seq: 3, head: 'a'.repeat(64) } };

describe('anchor signatures', () => {
  it('makes its key on first use, readable by its owner only, and keeps using it', async () => {
    const path = join(dir, 'key-1.pem');
    const signer = new FileKeyAnchorSigner(path);
    const signature = await signer.sign('ab'.repeat(32));
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(signer.keyId).toMatch(/^file:[0-9a-f]{16}$/);
    const again = new FileKeyAnchorSigner(path);
    expect(await again.verify('ab'.repeat(32), signature)).toBe(true);
    expect(await again.verify('cd'.repeat(32), signature)).toBe(false);
    await again.sign('00'.repeat(32));
    expect(again.keyId).toBe(signer.keyId);
  });

  it('signs as KMS ECDSA_SHA_256 does: SHA-256 of the digest bytes, DER, verifiable with the public key alone', async () => {
    const path = join(dir, 'key-2.pem');
    const signature = await new FileKeyAnchorSigner(path).sign('12'.repeat(32));
    const publicKey = createPublicKey(await readFile(path, 'utf8'));
    expect(
      verify(
        'sha256',
        Buffer.from('12'.repeat(32), 'hex'),
        { key: publicKey, dsaEncoding: 'der' },
        Buffer.from(signature, 'base64'),
      ),
    ).toBe(true);
  });

  it('signs each anchor it stores and trusts the latest only with a valid signature by its key', async () => {
    const file = join(dir, 'anchors.jsonl');
    const signer = new FileKeyAnchorSigner(join(dir, 'key-3.pem'));
    const signed = signedAnchorStore(new FileAnchorStore(file), signer);
    const first = buildAnchor(heads, new Date('2026-12-03T15:30:00Z'), undefined);
    await signed.put(first);
    const latest = await signed.latest();
    expect(latest?.signature).toMatchObject({ algorithm: 'ECDSA_SHA_256', keyId: signer.keyId });
    expect(latest?.digest).toBe(first.digest);

    // Someone who can append to the store adds a newer anchor: unsigned, then signed by another key.
    const plain = new FileAnchorStore(file);
    const forged = buildAnchor(
      { ...heads, x: { seq: 1, head: 'b'.repeat(64) } },
      new Date('2026-12-04T15:30:00Z'),
      latest,
    );
    await plain.put(forged);
    await expect(signed.latest()).rejects.toThrow(AnchorIntegrityError);
    await expect(signed.latest()).rejects.toThrow(/not signed/);

    await signedAnchorStore(plain, new FileKeyAnchorSigner(join(dir, 'other-key.pem'))).put(forged);
    await expect(signed.latest()).rejects.toThrow(/does not verify/);
  });
});
