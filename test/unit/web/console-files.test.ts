import { describe, expect, it } from 'vitest';
import { assertAcceptedFile, FILE_TYPES, MAX_FILE_BYTES } from '#shared/domain/case-files.ts';
import {
  CONTENT_TYPES,
  contentTypeOf,
  formatBytes,
  MAX_FILE_BYTES as CONSOLE_MAX,
} from '../../../web/src/lib/files.ts';

describe("the console's file types", () => {
  it('offers exactly the extensions the API takes, each declared with a content type the API accepts', () => {
    const offered = Object.keys(FILE_TYPES);
    expect(Object.keys(CONTENT_TYPES).sort()).toEqual([...offered].sort());
    for (const ext of offered) {
      // Browsers give no type for HWP files: the console declares the extension's type.
      const name = `보고서.${ext.toUpperCase()}`;
      expect(() => assertAcceptedFile({ name, contentType: contentTypeOf({ name, type: '' }) })).not.toThrow();
    }
    expect(contentTypeOf({ name: 'a.exe', type: '' })).toBe('application/octet-stream');
    expect(() =>
      assertAcceptedFile({ name: 'a.exe', contentType: contentTypeOf({ name: 'a.exe', type: '' }) }),
    ).toThrow(/is not accepted/);
    expect(CONSOLE_MAX).toBe(MAX_FILE_BYTES);
  });

  it('writes sizes the way the file list shows them', () => {
    expect(formatBytes(65)).toBe('65B');
    expect(formatBytes(17 * 1024)).toBe('17KB');
    expect(formatBytes(2_481_152)).toBe('2.4MB');
  });
});
