/** A Writable that keeps what an export writes, for the buffered response API Gateway + Lambda send. */
import { Writable } from 'node:stream';
import { CSV_CONTENT_TYPE, JSON_CONTENT_TYPE, type ExportFormat } from '#shared/usecases/case-export.ts';

export function bufferSink(): { out: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
      done();
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** Download headers: the file name in UTF-8 (RFC 6266 filename*), an ASCII fallback for old clients. */
export function downloadHeaders(format: ExportFormat, baseName: string, asciiName: string): Record<string, string> {
  return {
    'content-type': format === 'csv' ? CSV_CONTENT_TYPE : JSON_CONTENT_TYPE,
    'content-disposition': `attachment; filename="${asciiName}.${format}"; filename*=UTF-8''${encodeURIComponent(`${baseName}.${format}`)}`,
  };
}
