/**
 * A file that is not a 응답소 export (no header row, not XLSX or CSV). Apart from the reader
 * (export-file.ts) so that what only recognises the error does not load the XLSX and CSV parsers.
 */
export class ExportFileError extends Error {
  constructor(readonly messageKo: string) {
    super(messageKo);
    this.name = 'ExportFileError';
  }
}
