/** The record of one export (who, when, which filters or which case, what format, how many rows). */
import * as z from 'zod';

export const exportRecordSchema = z.object({
  exportId: z.string(),
  at: z.string(),
  actor: z.object({ sub: z.string(), name: z.string().optional(), role: z.string() }),
  scope: z.enum(['search', 'timeline']),
  format: z.enum(['csv', 'json']),
  /** Search exports: the filters (as given). Timeline exports: the case and the timeline filter. */
  filters: z.record(z.string(), z.unknown()),
  caseId: z.string().optional(),
  caseNumber: z.string().optional(),
  /** Where the export came through: the API or the command line. */
  via: z.enum(['api', 'cli']),
  status: z.enum(['started', 'completed', 'truncated']),
  rowCount: z.number().int().optional(),
  completedAt: z.string().optional(),
  /** When the export stopped at its row cap, where the next part continues. */
  nextCursor: z.string().optional(),
});
export type ExportRecord = z.infer<typeof exportRecordSchema>;
