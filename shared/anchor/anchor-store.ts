/**
 * Where anchors are kept: an S3 bucket with Object Lock (compliance mode, default retention set on
 * the bucket) on AWS, an append-only JSON-lines file on one machine (`.data/chain-anchors.jsonl`,
 * the local host's anchor store). Both only ever add; the latest anchor is the one verification
 * compares against.
 *
 * S3 keys sort newest first (`anchors/<9999999999999 − epoch ms>-<takenAt>.json`), so the latest
 * anchor is one ListObjectsV2 call with MaxKeys 1, however many years of anchors the bucket holds.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as z from 'zod';
import { ANCHOR_SIGNING_ALGORITHM, type AnchorSigner, FileKeyAnchorSigner, kmsAnchorSigner } from './anchor-signer.ts';
import { AnchorIntegrityError, type AnchorSignature, type ChainAnchor, parseAnchor } from './chain-anchor.ts';

export interface AnchorStore {
  /** Where the anchors go, for reports (`s3://bucket/anchors/`, a file path). */
  readonly location: string;
  put(anchor: ChainAnchor): Promise<{ key: string }>;
  latest(): Promise<ChainAnchor | undefined>;
}

const KEY_PREFIX = 'anchors/';
const MAX_EPOCH_MS = 9_999_999_999_999;

export function anchorKey(anchor: Pick<ChainAnchor, 'takenAt'>): string {
  const inverted = String(MAX_EPOCH_MS - Date.parse(anchor.takenAt)).padStart(13, '0');
  return `${KEY_PREFIX}${inverted}-${anchor.takenAt.replace(/[:.]/g, '')}.json`;
}

export class S3AnchorStore implements AnchorStore {
  private cached: { key: string; anchor: ChainAnchor } | undefined;

  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  get location(): string {
    return `s3://${this.bucket}/${KEY_PREFIX}`;
  }

  async put(anchor: ChainAnchor): Promise<{ key: string }> {
    const key = anchorKey(anchor);
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: JSON.stringify(anchor),
        ContentType: 'application/json',
        // Object Lock needs an integrity checksum on every PUT; an existing anchor is never replaced.
        ChecksumAlgorithm: 'SHA256',
        IfNoneMatch: '*',
      }),
    );
    this.cached = { key, anchor };
    return { key };
  }

  async latest(): Promise<ChainAnchor | undefined> {
    const listed = await this.s3.send(
      new ListObjectsV2Command({ Bucket: this.bucket, Prefix: KEY_PREFIX, MaxKeys: 1 }),
    );
    const key = listed.Contents?.[0]?.Key;
    if (key === undefined) return undefined;
    if (this.cached?.key === key) return this.cached.anchor;
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    const text = await object.Body?.transformToString('utf8');
    if (text === undefined) throw new Error(`Anchor s3://${this.bucket}/${key} has no body`);
    const anchor = parseAnchor(JSON.parse(text), `s3://${this.bucket}/${key}`);
    this.cached = { key, anchor };
    return anchor;
  }
}

/** One anchor per line, appended; never rewritten. */
export class FileAnchorStore implements AnchorStore {
  constructor(readonly location: string) {}

  async put(anchor: ChainAnchor): Promise<{ key: string }> {
    await mkdir(dirname(this.location), { recursive: true });
    await appendFile(this.location, `${JSON.stringify(anchor)}\n`, { encoding: 'utf8', flag: 'a' });
    return { key: `${this.location}#${anchor.takenAt}` };
  }

  async latest(): Promise<ChainAnchor | undefined> {
    let text: string;
    try {
      text = await readFile(this.location, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    const last = lines.at(-1);
    return last === undefined ? undefined : parseAnchor(JSON.parse(last), `${this.location}:${lines.length}`);
  }
}

/**
 * The anchor store with signatures: every anchor put is signed first; the latest anchor is trusted
 * only when it carries a valid signature by this key — an unsigned or forged one is an
 * AnchorIntegrityError, which verification reports instead of comparing chains against it.
 */
export function signedAnchorStore(store: AnchorStore, signer: AnchorSigner): AnchorStore {
  // The digest whose signature was last checked: a warm function verifying case after case asks
  // KMS once per new anchor, not once per request.
  let verifiedDigest: string | undefined;
  return {
    get location() {
      return store.location;
    },
    async put(anchor: ChainAnchor) {
      const value = await signer.sign(anchor.digest);
      const signature: AnchorSignature = { algorithm: ANCHOR_SIGNING_ALGORITHM, keyId: signer.keyId, value };
      return store.put({ ...anchor, signature });
    },
    async latest() {
      const anchor = await store.latest();
      if (anchor === undefined) return undefined;
      if (anchor.signature === undefined)
        throw new AnchorIntegrityError(`The latest anchor (${anchor.takenAt}, ${store.location}) is not signed`);
      if (anchor.digest === verifiedDigest) return anchor;
      if (!(await signer.verify(anchor.digest, anchor.signature.value)))
        throw new AnchorIntegrityError(
          `The latest anchor (${anchor.takenAt}, ${store.location}) has a signature that does not verify with ${signer.keyId}`,
        );
      verifiedDigest = anchor.digest;
      return anchor;
    },
  };
}

const anchorEnvSchema = z.object({
  /** The Object Lock bucket (set by the CDK app on the functions that anchor or verify). */
  ANCHOR_BUCKET: z.string().min(3).optional(),
  /** The local anchor file (set by the local system and the operator commands). */
  ANCHOR_FILE: z.string().min(1).optional(),
  /** The asymmetric KMS key that signs anchors (set by the CDK app). */
  ANCHOR_SIGNING_KEY_ID: z.string().min(1).optional(),
  /** The local signing key's PEM file (set by the local system; made on first use). */
  ANCHOR_SIGNING_KEY_FILE: z.string().min(1).optional(),
});

/** The anchor store this host is configured with, or undefined when none is (verification then says so). */
export function anchorStoreFromEnv(env: NodeJS.ProcessEnv = process.env): AnchorStore | undefined {
  const parsed = anchorEnvSchema.parse(env);
  const store =
    parsed.ANCHOR_BUCKET !== undefined
      ? new S3AnchorStore(new S3Client({}), parsed.ANCHOR_BUCKET)
      : parsed.ANCHOR_FILE !== undefined
        ? new FileAnchorStore(parsed.ANCHOR_FILE)
        : undefined;
  if (store === undefined) return undefined;
  const signer =
    parsed.ANCHOR_SIGNING_KEY_ID !== undefined
      ? kmsAnchorSigner(parsed.ANCHOR_SIGNING_KEY_ID)
      : parsed.ANCHOR_SIGNING_KEY_FILE !== undefined
        ? new FileKeyAnchorSigner(parsed.ANCHOR_SIGNING_KEY_FILE)
        : undefined;
  return signer === undefined ? store : signedAnchorStore(store, signer);
}
