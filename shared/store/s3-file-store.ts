/**
 * Case files in S3 (on one machine, the local S3-compatible server: the same SDK calls). Uploads
 * are presigned PUTs whose signature covers the content type, length, the uploader's declared
 * SHA-256 (object metadata) and the `scan=pending` tag, so the uploader cannot change any of them.
 * The scan tag is the hook point for a virus scanner (README, "Files on a case"): it replaces the tag with
 * `clean` or `infected`, and downloads honour it.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStore } from '../usecases/ports.ts';

const SHA256_META = 'sha256';

export class S3FileStore implements FileStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
  ) {}

  async uploadUrl(key: string, file: { contentType: string; size: number; sha256: string }, expiresIn: number) {
    const headers = {
      'content-type': file.contentType,
      'x-amz-meta-sha256': file.sha256,
      'x-amz-tagging': 'scan=pending',
    };
    const url = await getSignedUrl(
      this.s3,
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ContentType: file.contentType,
        ContentLength: file.size,
        Metadata: { [SHA256_META]: file.sha256 },
        Tagging: 'scan=pending',
      }),
      // Signed as headers (not query parameters) so the PUT must carry exactly these values.
      { expiresIn, unhoistableHeaders: new Set(['x-amz-meta-sha256', 'x-amz-tagging', 'content-type']) },
    );
    return { url, headers };
  }

  async inspect(key: string) {
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of object.Body as AsyncIterable<Uint8Array>) {
        hash.update(chunk);
        size += chunk.length;
      }
      return {
        size,
        contentType: object.ContentType,
        declaredSha256: object.Metadata?.[SHA256_META],
        sha256: hash.digest('hex'),
      };
    } catch (error) {
      if (error instanceof NoSuchKey || error instanceof NotFound) return undefined;
      throw error;
    }
  }

  /** Streams the object to a local file (the import worker reads the export from there). */
  async downloadTo(key: string, path: string): Promise<void> {
    const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
    await pipeline(object.Body as Readable, createWriteStream(path));
  }

  async scanState(key: string) {
    const tags = await this.s3.send(new GetObjectTaggingCommand({ Bucket: this.bucket, Key: key }));
    return tags.TagSet?.find((t) => t.Key === 'scan')?.Value;
  }

  downloadUrl(key: string, fileName: string, contentType: string, expiresIn: number) {
    return getSignedUrl(
      this.s3,
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: key,
        ResponseContentType: contentType,
        ResponseContentDisposition: `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      }),
      { expiresIn },
    );
  }

  async delete(key: string) {
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}
