/**
 * The case-files bucket on one machine: s3rver, an S3-compatible server, so the functions use the
 * same @aws-sdk/client-s3 calls and presigned URLs as on AWS (AWS_ENDPOINT_URL_S3, path-style).
 *
 * What it does not do that S3 does: it checks a presigned URL's expiry but not its SigV4 signature
 * (so the signed content length, type and metadata are enforced on AWS only; the completion step's
 * server-side size and SHA-256 check holds on both), and it has no encryption or bucket policies.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import S3rver from 's3rver';

/** The same CORS rule as the bucket on AWS (infra/constructs/case-files.ts): the console PUTs and GETs presigned URLs. */
const CORS = `<CORSConfiguration><CORSRule>
<AllowedOrigin>*</AllowedOrigin><AllowedMethod>PUT</AllowedMethod><AllowedMethod>GET</AllowedMethod>
<AllowedHeader>content-type</AllowedHeader><AllowedHeader>x-amz-meta-sha256</AllowedHeader><AllowedHeader>x-amz-tagging</AllowedHeader>
<MaxAgeSeconds>600</MaxAgeSeconds>
</CORSRule></CORSConfiguration>`;

export interface FilesServer {
  endpoint: string;
  bucket: string;
  close(): Promise<void>;
}

/** s3rver accepts only access keys it knows; it learns the process's own (the local system's "local"). */
function knowAccessKey(accessKeyId: string, secretAccessKey: string): void {
  const require = createRequire(import.meta.url);
  const { DUMMY_ACCOUNT } = require('s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair(id: string, secret: string): void };
  };
  DUMMY_ACCOUNT.createKeyPair(accessKeyId, secretAccessKey);
}

export async function startFilesServer(options: {
  bucket: string;
  port?: number;
  directory?: string;
  accessKeyId: string;
  secretAccessKey: string;
}): Promise<FilesServer> {
  knowAccessKey(options.accessKeyId, options.secretAccessKey);
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory ?? mkdtempSync(join(tmpdir(), 'gamsa-files-')),
    configureBuckets: [{ name: options.bucket, configs: [CORS] }],
  });
  const { port } = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket: options.bucket,
    close: () => server.close(),
  };
}
