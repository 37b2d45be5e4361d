/** The file types the API takes (shared/domain/case-files.ts; a unit test holds the two together). */
export const CONTENT_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  hwp: 'application/x-hwp',
  hwpx: 'application/hwp+zip',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  heic: 'image/heic',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
export const ACCEPT = Object.keys(CONTENT_TYPES)
  .map((ext) => `.${ext}`)
  .join(',');
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** The content type to declare: the API refuses one that does not match the extension, and browsers often give none (HWP). */
export function contentTypeOf(file: { name: string; type: string }): string {
  const ext = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
  return CONTENT_TYPES[ext] ?? (file.type || 'application/octet-stream');
}

export function formatBytes(size: number): string {
  if (size < 1024) return `${size}B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(size < 10 * 1024 ? 1 : 0)}KB`;
  return `${(size / 1024 / 1024).toFixed(1)}MB`;
}
